"""Every Qt model of the app passes pytest-qt's model tester, on a real sample."""

from __future__ import annotations

import pytest

from desktop.core import tables
from desktop.ui.forms.econ import EconPage
from desktop.ui.forms.ledger import LedgerPage
from desktop.ui.forms.prior import PriorPage
from desktop.ui.forms.self_eval import SelfEvalPage
from desktop.ui.models.grid import GridModel
from desktop.ui.models.sheet import SheetModel

pytestmark = pytest.mark.gui


@pytest.fixture
def check_model(request):  # type: ignore[no-untyped-def]
    """qtmodeltester for many models at once: one ModelTester per model (one tester watches
    a single model's signals)."""
    from pytestqt.modeltest import ModelTester

    testers: list[ModelTester] = []

    def check(model) -> None:  # type: ignore[no-untyped-def]
        tester = ModelTester(request.config)
        testers.append(tester)
        tester.check(model)

    yield check
    for tester in testers:
        tester._cleanup()


def sheet_models(window) -> list[SheetModel]:  # type: ignore[no-untyped-def]
    found: list[SheetModel] = []
    for page in window.pages:
        for view in page.sheets:
            model = view.sheet()
            if model is not None and model not in found:
                found.append(model)
    return found


@pytest.mark.parametrize("name", ["datong-2024", "jincheng-2022"])
def test_every_sheet_model_passes_the_model_tester(window, opens, check_model, name):
    assert opens(window, lambda: window.open_sample(name))
    window.checker.flush()
    models = sheet_models(window)
    kinds = {type(m).__name__ for m in models}
    assert {
        "LedgerModel",
        "EconModel",
        "FieldTableModel",
        "RecordListModel",
        "ReasonsModel",
    } <= kinds
    for model in models:
        check_model(model)


def test_the_list_models_pass_the_model_tester(sample, check_model):
    check_model(sample.findings_model)
    check_model(sample.nav_model)
    check_model(sample.page(SelfEvalPage).projects)


def test_the_preview_grid_model_passes_for_every_table(sample, check_model):
    model = GridModel()
    for grid in tables.build_tables(sample.document.report):
        model.set_grid(grid)
        check_model(model)


def test_models_survive_edits_that_change_their_rows(sample, check_model):
    ledger = sample.page(LedgerPage)
    ledger.add_code("2010302")
    check_model(ledger.model)
    sample.page(EconPage).model.set_only_filled(True)
    check_model(sample.page(EconPage).model)
    prior = sample.page(PriorPage)
    prior.classes.append()
    check_model(prior.classes)
    sample.document.undo_stack.undo()
    check_model(prior.classes)


def test_the_ledger_model_with_qtmodeltester(sample, qtmodeltester):
    qtmodeltester.check(sample.page(LedgerPage).model, force_py=True)
