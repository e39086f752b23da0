"""Invariants every edition in templates/editions/ must keep (one test over all of them)."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.core import samples
from desktop.core.derive import derive
from desktop.core.editions import EconBody, ListingBody, RowsBody, edition_ids, load_edition
from desktop.core.layouts.fill import Filler
from desktop.core.layouts.grammar import bindings, texts
from desktop.core.layouts.sheet import Sheet
from desktop.core.model import Report, SelfEval, UnitInfo, UnitSelfEval
from desktop.core.self_eval_forms import form_for, form_ids, load_form
from desktop.core.self_eval_tables import self_eval_grids
from desktop.core.self_eval_vocabulary import EACH, SCOPES, VOCABULARY
from desktop.core.table_vocabulary import TableScope, resolve
from desktop.core.tables import build_grid

EDITIONS = edition_ids()


def test_both_reference_editions_ship() -> None:
    assert {"shanxi-2024", "shanxi-2022"} <= set(EDITIONS)


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_table_numbers_unique_and_rows_cover_the_widths(edition_id: str) -> None:
    ed = load_edition(edition_id)
    numbers = [t.number for t in ed.tables]
    assert len(numbers) == len(set(numbers))
    scope = TableScope(derive(Report(unit=UnitInfo(edition=edition_id))), "万元")
    for t in ed.tables:
        n = len(t.widths)
        # every header row (and every fixed body row), after spans from above, covers
        # exactly n columns: a cell beyond the last column raises in add_row
        blocks = (*t.header, *(t.body.rows if isinstance(t.body, RowsBody) else ()))
        sheet = Sheet(n)
        for items in Filler(n).rows(blocks, scope):
            sheet.add_row(items)
        assert sheet.cursor >= len(t.header), t.number
        assert sheet.unfilled_row() is None, t.number


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_every_bound_figure_exists(edition_id: str) -> None:
    ed = load_edition(edition_id)
    d = derive(Report(unit=UnitInfo(edition=edition_id)))
    for t in ed.tables:
        body = t.body
        for binding in bindings(t.header):
            resolve(binding, d)  # raises BindingError for an unknown figure
        if isinstance(body, RowsBody):
            for binding in bindings(body.rows):
                resolve(binding, d)
        elif isinstance(body, ListingBody):
            assert 2 + len(body.columns) == len(t.widths), t.number
            for key in (*body.columns, *body.show_if):
                assert key in d.totals, (t.number, key)
        else:
            assert isinstance(body, EconBody)
            assert len(body.groups) * (2 + len(body.columns)) == len(t.widths)
            for _label, binding in body.footer:
                for col in body.columns:
                    resolve(f"econ:{binding}:{col}", d)


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_economic_groups_list_every_code_of_the_year_once(edition_id: str) -> None:
    from desktop.core import catalog

    ed = load_edition(edition_id)
    (econ_body,) = [t.body for t in ed.tables if isinstance(t.body, EconBody)]
    listed = [c for g in econ_body.groups for c in g]
    expected = [e.code for e in catalog.economic() if not (e.first_year and ed.year < e.first_year)]
    assert len(listed) == len(set(listed)) and set(listed) <= set(expected)
    # an edition may leave codes out (rule cross.econ_unlisted then refuses a figure there):
    # the Henan 2024 table prints no 309, 311, 312, 313, 30703 or 30704, as published
    left_out = sorted(set(expected) - set(listed))
    if ed.province == "河南省":
        omitted = [c for c in expected if c[:3] in ("309", "311", "312", "313")]
        assert left_out == sorted([*omitted, "30703", "30704"])
    else:
        assert left_out == []


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_an_empty_report_builds_every_table_with_no_data(edition_id: str) -> None:
    ed = load_edition(edition_id)
    d = derive(Report(unit=UnitInfo(edition=edition_id, name="测试单位")))
    for spec in ed.tables:
        grid = build_grid(spec, ed, d, "万元")
        assert grid.no_data, spec.number
        assert all(len(row) == grid.n_cols for row in grid.cells)


def test_labels_that_change_between_years() -> None:
    def labels(edition_id: str, number: str) -> set[str]:
        spec = load_edition(edition_id).table(number)
        assert isinstance(spec.body, RowsBody)
        return set(texts(spec.body.rows))

    assert "2. 主要负责人用车" in labels("shanxi-2024", "公开10")
    assert "2. 主要领导干部用车" in labels("shanxi-2022", "公开10")
    assert "使用非财政拨款结余（含专用结余）" in labels("shanxi-2024", "公开01")
    assert "使用非财政拨款结余" in labels("shanxi-2022", "公开01")


@pytest.mark.parametrize("name", samples.names())
def test_report_records_its_edition(name: str) -> None:
    report = samples.load(name)
    assert report.unit.edition in EDITIONS


# ---------------------------------------------------------------- self-evaluation forms


@pytest.mark.parametrize("form_id", form_ids())
def test_every_self_eval_form_loads_and_names_known_figures(form_id: str) -> None:
    """Loading checks each binding against the namespaces its place sees; here, again,
    that every one is in the vocabulary and reachable from the form's kind."""
    form = load_form(form_id)
    reachable = SCOPES[form.kind].union(*(ns for ns, kinds in EACH.values() if form.kind in kinds))
    slots = {s.key for s in form.slots}
    for binding in form.bindings():
        ns, _, name = binding.partition(":")
        assert ns in reachable, (form_id, binding)
        assert name in slots if ns == "texts" else name in VOCABULARY[ns], (form_id, binding)


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_self_eval_forms_an_edition_names_exist_and_fill(edition_id: str) -> None:
    """The forms exist and are of their kind; each fills every row across its columns for
    every sample's projects, for an empty project and an empty unit self-evaluation. An
    edition without a per-project form (Henan) prints none per project."""
    forms = load_edition(edition_id).self_eval
    if forms.project:
        assert form_for(forms.project, "project").id in form_ids()
    assert form_for(forms.overall, "overall").id in form_ids()

    def expected(report: Report) -> int:
        unit = report.unit_self_eval is not None
        return (
            (len(report.self_evals) if forms.project else 0)
            + unit
            + (unit and bool(forms.report))
            + (bool(report.self_evals) and bool(forms.summary))
        )

    for name in samples.names():
        report = samples.load(name)
        report = dataclasses.replace(
            report, unit=dataclasses.replace(report.unit, edition=edition_id)
        )
        grids = self_eval_grids(report)  # raises for a row not filling its columns
        assert len(grids) == expected(report), name
    empty = Report(
        unit=UnitInfo(edition=edition_id, name="测试单位"),
        self_evals=(SelfEval(name="空项目"),),
        unit_self_eval=UnitSelfEval(),
    )
    grids = self_eval_grids(empty)
    assert [g.label for g in grids] == [f"附件{i}" for i in range(1, expected(empty) + 1)]
    assert all(len(row) == g.n_cols for g in grids for row in g.cells)
