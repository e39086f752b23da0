"""The edits every form makes, without a window: what an officer types, and the report
that comes back — amounts exact, empty cells "no figure", records rebuilt, order kept."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.core import samples
from desktop.core.edits import (
    InputError,
    add_ledger_row,
    get_path,
    ledger_path,
    parse_count,
    parse_points,
    parse_year,
    remove_ledger_rows,
    set_budget,
    set_econ,
    set_path,
    set_reason,
    set_values,
)
from desktop.core.model import EconRow, Reason


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


def test_a_path_edit_rebuilds_only_the_records_on_its_way() -> None:
    report = samples.load("datong-2024")
    path = ("sangong", "actual", "reception")
    edited = set_path(report, path, Decimal("123.45"))
    assert get_path(edited, path) == Decimal("123.45")
    assert get_path(report, path) != Decimal("123.45")  # the old report is untouched
    assert edited.ledger is report.ledger  # what the edit did not reach is shared
    again = set_values(edited, [(path, Decimal("123.45"))])
    assert again is edited  # an unchanged value makes no new report


def test_a_ledger_cell_by_its_line_key() -> None:
    report = samples.load("jincheng-2022")
    path = ledger_path(0, "income.general_budget")
    assert path == ("ledger", 0, "income", "general_budget")
    edited = set_path(report, path, None)
    assert edited.ledger[0].income.general_budget is None  # cleared: no figure, not 0


def test_economic_rows_are_added_in_code_order_and_dropped_when_empty() -> None:
    report = samples.load("datong-2024")
    report = set_econ(report, "30199", "basic", None)  # make sure it is absent
    added = set_econ(report, "30199", "project", Decimal("10.00"))
    codes = [r.code for r in added.econ]
    assert codes == sorted(codes)
    assert EconRow("30199", project=Decimal("10.00")) in added.econ
    removed = set_econ(added, "30199", "project", None)
    assert all(r.code != "30199" for r in removed.econ)
    with pytest.raises(ValueError):
        set_econ(report, "30199", "total", Decimal("1"))


def test_budget_lines_typed_replaced_and_removed_with_the_total_last() -> None:
    report = samples.load("jincheng-2022")
    report = set_budget(report, "", Decimal("1.00"))
    report = set_budget(report, "299", Decimal("2.00"))
    assert report.budget[-1].code == ""
    assert [b.amount for b in report.budget if b.code == "299"] == [Decimal("2.00")]
    report = set_budget(report, "299", None)
    assert all(b.code != "299" for b in report.budget)


def test_ledger_rows_go_in_code_order_and_an_unknown_code_keeps_its_name() -> None:
    report = samples.load("jincheng-2022")
    added, at = add_ledger_row(report, "2010399", "自定义项目")
    assert added.ledger[at].code == "2010399"
    codes = [r.code for r in added.ledger]
    assert codes == sorted(codes)
    assert any(c.code == "2010399" and c.name == "自定义项目" for c in added.custom_codes)
    assert remove_ledger_rows(added, [at]).ledger == report.ledger


def test_a_reason_keeps_its_place_and_an_empty_one_is_removed() -> None:
    report = samples.load("datong-2024")
    keys = [r.key for r in report.reasons]
    edited = set_reason(report, keys[1], "新的原因")
    assert [r.key for r in edited.reasons] == keys
    assert edited.reasons[1] == Reason(keys[1], "新的原因")
    cleared = set_reason(edited, keys[1], "  ")
    assert [r.key for r in cleared.reasons] == keys[:1] + keys[2:]
