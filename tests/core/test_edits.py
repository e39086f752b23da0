"""The edits every form makes, without a window: what an officer types, and the report
that comes back — amounts exact, empty cells "no figure", records rebuilt, order kept —
and what each edit says it changed: exactly the forms whose part of the report differs
afterwards, so the live checker re-runs every rule that could find something new."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core import samples
from desktop.core.checks import Form
from desktop.core.derive import derive
from desktop.core.edits import (
    FORM_OF,
    NOTHING,
    Change,
    Edit,
    InputError,
    add_ledger_row,
    add_project,
    fill_prior_classes,
    get_path,
    ledger_path,
    parse_count,
    parse_points,
    parse_year,
    remove_ledger_rows,
    remove_records,
    set_budget,
    set_econ,
    set_reason,
    set_value,
    set_values,
)
from desktop.core.model import CodeAmount, EconRow, Reason, Report
from tests.helpers.edits import EDITS, edit_functions, edits_of
from tests.helpers.strategies import consistent_reports

# ---------------------------------------------------------------- typed text


@pytest.mark.parametrize(
    ("typed", "count"),
    [("3", 3), ("３辆", 3), (" 12 人次", 12), ("", None), ("—", None), ("1,200", 1200), ("4.0", 4)],
)
def test_counts_as_officers_type_them(typed: str, count: int | None) -> None:
    assert parse_count(typed) == count


@pytest.mark.parametrize("typed", ["2.5", "三", "12元"])
def test_a_count_that_is_not_a_whole_number_is_refused_in_chinese(typed: str) -> None:
    with pytest.raises(InputError, match="不是整数"):
        parse_count(typed)


def test_points_and_years() -> None:
    assert parse_points("9.69分") == Decimal("9.69")
    assert parse_points("") is None
    with pytest.raises(InputError, match="分值不能为空"):
        parse_points("", required=True)
    with pytest.raises(InputError, match="不是合理的分数"):
        parse_points("1e9")
    assert parse_year("2024年度") == 2024
    with pytest.raises(InputError, match="四位年份"):
        parse_year("24")


# ---------------------------------------------------------------- each edit


def test_a_path_edit_rebuilds_only_the_records_on_its_way() -> None:
    report = samples.load("datong-2024")
    path = ("sangong", "actual", "reception")
    edited, change = set_value(report, path, Decimal("123.45"))
    assert change == Change.of(Form.SANGONG)
    assert get_path(edited, path) == Decimal("123.45")
    assert get_path(report, path) != Decimal("123.45")  # the old report is untouched
    assert edited.ledger is report.ledger  # what the edit did not reach is shared
    again, nothing = set_values(edited, [(path, Decimal("123.45"))])
    assert again is edited  # an unchanged value makes no new report…
    assert nothing.empty  # …and says nothing changed


def test_a_ledger_cell_by_its_line_key() -> None:
    report = samples.load("jincheng-2022")
    path = ledger_path(0, "income.general_budget")
    assert path == ("ledger", 0, "income", "general_budget")
    edited, change = set_value(report, path, None)
    assert edited.ledger[0].income.general_budget is None  # cleared: no figure, not 0
    assert change == Change.of(Form.LEDGER)


def test_economic_rows_are_added_in_code_order_and_dropped_when_empty() -> None:
    report, _ = set_econ(samples.load("datong-2024"), "30199", "basic", None)  # absent
    added, change = set_econ(report, "30199", "project", Decimal("10.00"))
    assert change == Change.of(Form.ECON)
    codes = [r.code for r in added.econ]
    assert codes == sorted(codes)
    assert EconRow("30199", project=Decimal("10.00")) in added.econ
    removed, _ = set_econ(added, "30199", "project", None)
    assert all(r.code != "30199" for r in removed.econ)
    assert removed == report
    with pytest.raises(ValueError):
        set_econ(report, "30199", "total", Decimal("1"))


def test_budget_lines_typed_replaced_and_removed_with_the_total_last() -> None:
    report = samples.load("jincheng-2022")
    report, _ = set_budget(report, "", Decimal("1.00"))
    report, change = set_budget(report, "299", Decimal("2.00"))
    assert change == Change.of(Form.LEDGER)  # 年初预算 is typed in the ledger's grid
    assert report.budget[-1].code == ""
    assert [b.amount for b in report.budget if b.code == "299"] == [Decimal("2.00")]
    report, _ = set_budget(report, "299", None)
    assert all(b.code != "299" for b in report.budget)


def test_ledger_rows_go_in_code_order_and_an_unknown_code_keeps_its_name() -> None:
    report = samples.load("jincheng-2022")
    added, change = add_ledger_row(report, "2010399", "自定义项目")
    assert change == Change.of(Form.LEDGER)
    codes = [r.code for r in added.ledger]
    assert codes == sorted(codes)
    assert any(c.code == "2010399" and c.name == "自定义项目" for c in added.custom_codes)
    at = codes.index("2010399")
    assert remove_ledger_rows(added, [at])[0].ledger == report.ledger


def test_a_reason_keeps_its_place_and_an_empty_one_is_removed() -> None:
    report = samples.load("datong-2024")
    keys = [r.key for r in report.reasons]
    edited, change = set_reason(report, keys[1], "新的原因")
    assert change == Change.of(Form.PRIOR)
    assert [r.key for r in edited.reasons] == keys
    assert edited.reasons[1] == Reason(keys[1], "新的原因")
    cleared, _ = set_reason(edited, keys[1], "  ")
    assert [r.key for r in cleared.reasons] == keys[:1] + keys[2:]


def test_prior_rows_are_added_for_the_classes_spent_in_and_only_once() -> None:
    report = samples.load("datong-2024")
    report, _ = set_value(report, ("prior", "general_by_class"), ())
    d = derive(report)
    spent = [c for c in d.class_codes() if d.line(c)["fiscal.general"] is not None]
    assert spent  # the sample spends 一般公共预算 in several classes
    filled, change = fill_prior_classes(report, d)
    assert change == Change.of(Form.PRIOR)
    assert filled.prior.general_by_class == tuple(CodeAmount(c, None) for c in spent)
    again, nothing = fill_prior_classes(filled, derive(filled))
    assert again is filled
    assert nothing.empty


def test_a_project_is_added_under_the_unit_and_a_name_is_used_once() -> None:
    report = samples.load("datong-2024")
    added, change = add_project(report, " 新项目 ")
    assert change == Change.of(Form.SELF_EVAL)
    project = added.self_evals[-1]
    assert (project.name, project.department, project.unit) == (
        "新项目",
        report.unit.department,
        report.unit.name,
    )
    with pytest.raises(InputError, match="已有名为「新项目」的项目"):
        add_project(added, "新项目")
    with pytest.raises(InputError, match="不能为空"):
        add_project(added, "  ")
    removed, change = remove_records(added, ("self_evals",), [len(added.self_evals) - 1])
    assert removed == report
    assert change == Change.of(Form.SELF_EVAL)


def test_changes_combine_and_the_origin_stays_out_of_equality() -> None:
    a, b = Change.of(Form.LEDGER, origin="widget"), Change.of(Form.ECON)
    assert (a | b).forms == {Form.LEDGER, Form.ECON}
    assert (a | b).origin == "widget"
    assert a == Change.of(Form.LEDGER)
    assert (a | Change()).forms is None  # everything
    assert (NOTHING | NOTHING).empty
    assert not Change().empty
    assert Change().touches(Form.UNIT) and not b.touches(Form.UNIT)


# ---------------------------------------------------------------- what changed, exactly

SAMPLES = tuple(samples.load(n) for n in samples.names())


def test_every_part_of_the_report_is_typed_on_one_form() -> None:
    assert set(FORM_OF) == {f.name for f in dataclasses.fields(Report)}


def forms_that_differ(before: Report, after: Report) -> frozenset[Form]:
    """The forms whose part of the report is not equal after the edit."""
    return frozenset(
        FORM_OF[f.name]
        for f in dataclasses.fields(Report)
        if getattr(before, f.name) != getattr(after, f.name)
    )


def test_the_property_below_draws_every_edit_there_is() -> None:
    assert set(EDITS) == edit_functions()


@st.composite
def any_edit(draw: st.DrawFn) -> tuple[Report, Edit]:
    report = draw(st.one_of(st.sampled_from(SAMPLES), consistent_reports(max_rows=4)))
    return report, draw(edits_of(report))


@pytest.mark.slow  # 150 random edits of random reports
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_edit())
def test_an_edit_names_exactly_the_forms_whose_data_it_changed(case: tuple[Report, Edit]) -> None:
    before, (after, change) = case
    assert change.forms is not None  # an edit never claims to have changed everything
    assert change.forms == forms_that_differ(before, after)
    assert change.empty == (after is before)  # nothing changed: the same report back
