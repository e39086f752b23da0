"""The fill-in template: generated from the model, and a lossless round trip.

write_template(path, report=sample) → import_workbook(path) == sample
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core import catalog, samples
from desktop.core.editions import edition_ids
from desktop.core.importers import import_workbook, layout, write_template
from desktop.core.importers.template import EXAMPLE, TemplateError
from desktop.core.model import (
    BudgetLine,
    CustomCode,
    FundingLine,
    FundKind,
    Income,
    Indicator,
    LedgerRow,
    NamedText,
    Reason,
    Report,
    Task,
    UnitKind,
    UnitSelfEval,
)
from tests.helpers.synthetic import large_report


@pytest.mark.parametrize("name", ["datong-2024", "jincheng-2022"])
def test_round_trip_of_each_sample_is_exact(name: str, tmp_path: Path) -> None:
    sample = samples.load(name)
    path = write_template(tmp_path / "filled.xlsx", sample)
    assert import_workbook(path) == sample


@pytest.mark.slow  # a large workbook written and read back
def test_round_trip_of_a_large_report_with_custom_codes(tmp_path: Path) -> None:
    report = large_report()  # 400 项, custom codes, 100 projects × 10 indicators
    assert report.custom_codes
    path = write_template(tmp_path / "large.xlsx", report)
    assert import_workbook(path) == report


def test_round_trip_keeps_awkward_values(tmp_path: Path) -> None:
    base = samples.load("jincheng-2022")
    report = replace(
        base,
        unit=replace(
            base.unit,
            code="032003",  # leading zero: must stay text
            consolidated=True,
            member_units=("甲单位", "乙单位（本级）"),
            kind=UnitKind.ADMIN,
        ),
        overview=replace(base.overview, duties="=SUM(A1)\n+1 不是公式\n  前导空格"),
        ledger=(
            *base.ledger,
            # 16 significant digits: Excel cannot hold it as a number, so it goes as text.
            LedgerRow("2010398", income=Income(other=Decimal("12345678901234.56"))),
            LedgerRow("2010302", income=Income(other=Decimal("-0.01"))),
        ),
        budget=(*base.budget, BudgetLine("20103", None)),
        reasons=(*base.reasons, Reason("general_class:201", "多行\n原因")),
        custom_codes=(CustomCode("2010398", "其他一般公共服务支出（自定义）"),),
        unit_self_eval=UnitSelfEval(declared_score=Decimal("91.25")),
    )
    path = write_template(tmp_path / "awkward.xlsx", report)
    assert import_workbook(path) == report


def test_round_trip_of_the_whole_unit_evaluation_and_the_projects_new_fields(
    tmp_path: Path,
) -> None:
    """资金来源 rows, 年度主要任务, indicators and the 评价报告's prose slots of the unit's
    overall evaluation each have a sheet; a project's 资金性质 is a choice, 一级项目 a flag."""
    base = samples.load("jincheng-2022")
    first, *rest = base.self_evals
    report = replace(
        base,
        self_evals=(
            replace(
                first,
                fund_kind=FundKind.GOV_FUND,
                program="公共资源交易平台运行",
                level1=True,
                project_type="可执行项目",
                funding_office="财务科",
                system_executed=Decimal("499141.62"),
            ),
            *rest,
        ),
        unit_self_eval=UnitSelfEval(
            funding=(
                FundingLine("财政拨款", budgeted=Decimal("8000000"), full_year=Decimal("8406200")),
                FundingLine("其他资金", executed=Decimal("12.5"), note="追加"),
            ),
            rate_weight=Decimal(20),
            duties_goal="保障交易平台运行",
            duties_achieved="全年平台运行正常",
            tasks=(Task("交易服务", "进场交易", "完成1200个"), Task(content="只有内容")),
            indicators=(Indicator("产出指标", "数量指标", "交易项目数", Decimal(80)),),
            summary="综述",
            texts=(NamedText("problems", "预算编制不够准确"), NamedText("measures", "多行\n措施")),
        ),
    )
    path = write_template(tmp_path / "unit.xlsx", report)
    assert import_workbook(path) == report
    assert {"整体自评资金", "整体自评任务", "整体自评文字"} <= set(load_workbook(path).sheetnames)


def test_an_empty_template_imports_as_an_empty_report(tmp_path: Path) -> None:
    path = write_template(tmp_path / "empty.xlsx")
    assert import_workbook(path) == Report()


def _walk_records(cls: type, seen: set[type]) -> None:
    if cls in seen:
        return
    seen.add(cls)
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        for arg in (hints[f.name], *typing.get_args(hints[f.name])):
            if isinstance(arg, type) and dataclasses.is_dataclass(arg):
                _walk_records(arg, seen)


def test_every_model_record_is_labelled() -> None:
    """A field added to the model without a label (hence without a column) fails here."""
    records: set[type] = set()
    _walk_records(Report, records)
    records.discard(Report)
    assert records <= set(layout.LABELS), sorted(c.__name__ for c in records - set(layout.LABELS))
    for cls in records:
        assert set(layout.LABELS[cls]) == {f.name for f in dataclasses.fields(cls)}


def test_every_scalar_field_of_the_report_has_a_cell() -> None:
    """Each scalar path of Report appears in a form sheet; tuple fields have their sheets."""
    paths = layout.covered_paths()
    form_paths = {p for p in paths if "." in p}
    for prefix, cls in (
        ("unit.", layout.UNIT_FORM),
        ("balances.", layout.BALANCES_FORM),
        ("sangong.", layout.SANGONG_FORM),
        ("stats.", layout.STATS_FORM),
        ("prior.", layout.PRIOR_FORM),
        ("unit_self_eval.", layout.UNIT_SELF_EVAL_FORM),
    ):
        assert any(p.startswith(prefix) for p in form_paths), cls.name
    ledger_paths = {c.leaf.path for c in layout.LEDGER.columns if c.leaf}
    assert ledger_paths == {
        "code",
        *(f"income.{k}" for k in layout.LABELS[Income]),
        *(f"spending.{k}" for k in layout.LABELS[type(LedgerRow("x").spending)]),
        *(f"fiscal.{k}" for k in layout.LABELS[type(LedgerRow("x").fiscal)]),
        *(f"fiscal_opening.{k}" for k in layout.LABELS[type(LedgerRow("x").fiscal_opening)]),
    }


@pytest.fixture(scope="module")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_template(tmp_path_factory.mktemp("tpl") / "填报模板.xlsx")


def _sheet(path: Path, name: str) -> Worksheet:
    ws = load_workbook(path)[name]
    assert isinstance(ws, Worksheet)
    return ws


def test_sheets_in_order_with_a_hidden_list_sheet(empty_template: Path) -> None:
    wb = load_workbook(empty_template)
    assert wb.sheetnames == [s.name for s in layout.SHEETS] + [layout.LISTS_SHEET]
    assert wb[layout.LISTS_SHEET].sheet_state == "hidden"
    assert all(wb[s.name].sheet_state == "visible" for s in layout.SHEETS)


def test_ledger_header_is_frozen_grouped_and_annotated(empty_template: Path) -> None:
    ws = _sheet(empty_template, layout.LEDGER.name)
    assert ws.freeze_panes == "D3"  # marker, code and name stay in view
    assert ws["A1"].value == "标记" and ws["B1"].value == "科目代码"
    assert ws["C1"].value == "科目名称"
    assert ws["D1"].value == "本年收入" and ws["D2"].value == "一般公共预算财政拨款收入"
    assert "D1:K1" in {str(r) for r in ws.merged_cells.ranges}  # 本年收入 over its 8 sources
    note = ws["D2"].comment
    assert note is not None and "元" in note.text and "不等于0" in note.text
    assert ws["B1"].comment is not None and "7位" in ws["B1"].comment.text


def test_example_rows_are_grey_and_marked(empty_template: Path) -> None:
    wb = load_workbook(empty_template)
    ws = wb[layout.LEDGER.name]
    assert ws["A3"].value == EXAMPLE
    assert ws["B3"].value == "2010350" and ws["C3"].value == "事业运行"
    assert ws["D3"].font.color is not None and ws["D3"].font.color.rgb.endswith("808080")
    for sheet in layout.SHEETS:
        if isinstance(sheet, layout.TableSheet):
            assert wb[sheet.name]["A3"].value == EXAMPLE, sheet.name


def _validations(ws: Worksheet) -> dict[str, str]:
    """First cell of each validated range → its list formula."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            out[rng.coord.split(":")[0]] = str(dv.formula1)
    return out


def test_drop_down_lists_for_codes_and_enumerations(empty_template: Path) -> None:
    wb = load_workbook(empty_template)
    lists = wb[layout.LISTS_SHEET]
    ledger = _validations(wb[layout.LEDGER.name])
    assert "代码表" in ledger["B3"]
    column = ledger["B3"].split("!")[1].split(":")[0].replace("$", "")[0]
    items = [c.value for c in lists[column][1:] if c.value]
    assert items == [e.code for e in catalog.functional() if e.level == "项"]
    econ = _validations(wb[layout.ECON.name])["B3"].split("!")[1].split(":")[0]
    econ_codes = [c.value for c in lists[econ.replace("$", "")[0]][1:] if c.value]
    assert econ_codes == [e.code for e in catalog.economic() if e.level == "款"]

    unit = wb[layout.UNIT_FORM.name]
    rows = {unit.cell(r, 1).value: r for r in range(2, unit.max_row + 1)}
    forms = _validations(unit)
    assert forms[f"B{rows['是否汇总（部门）决算']}"] == '"是,否"'
    assert forms[f"B{rows['公开表金额单位']}"] == '"元,万元"'
    kinds = forms[f"B{rows['单位性质']}"].split("!")[1].split(":")[0].replace("$", "")[0]
    assert [c.value for c in lists[kinds][1:] if c.value] == [k.value for k in UnitKind]
    editions = forms[f"B{rows['公开表版式']}"].split("!")[1].split(":")[0].replace("$", "")[0]
    assert [c.value for c in lists[editions][1:] if c.value] == edition_ids()

    projects = wb[layout.SELF_EVALS.name]
    (col,) = [
        c for c in range(1, projects.max_column + 1) if projects.cell(1, c).value == "资金性质"
    ]
    cell = f"{get_column_letter(col)}3"
    funds = _validations(projects)[cell].split("!")[1].split(":")[0].replace("$", "")[0]
    assert [c.value for c in lists[funds][1:] if c.value] == [k.value for k in FundKind]


def test_filled_template_has_names_from_the_catalog(tmp_path: Path) -> None:
    wb = load_workbook(write_template(tmp_path / "d.xlsx", samples.load("datong-2024")))
    ws = wb[layout.LEDGER.name]
    assert ws["A3"].value is None  # no example row in a filled template
    assert (ws["B3"].value, ws["C3"].value) == ("2010301", "行政运行")
    assert ws["D3"].value == 1578752  # a number officers can add up
    prior = wb[layout.PRIOR_FORM.name]
    labels = [prior.cell(r, 1).value for r in range(2, prior.max_row + 1)]
    assert f"{layout.PRIOR_CLASS_PREFIX}201 一般公共服务支出" in labels


def test_text_an_excel_cell_cannot_hold_is_refused(tmp_path: Path) -> None:
    report = replace(Report(), overview=replace(Report().overview, duties="字" * 40000))
    with pytest.raises(TemplateError, match="32767"):
        write_template(tmp_path / "t.xlsx", report)
    report = replace(Report(), overview=replace(Report().overview, duties="bell\x07"))
    with pytest.raises(TemplateError, match="控制字符"):
        write_template(tmp_path / "t.xlsx", report)
