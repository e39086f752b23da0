"""The self-evaluation attachments in the workbook: published figures in their cells.

Expected figures are the ones transcribed by hand from the reference reports
(tests/data/published/*_self_evals.py), compared at the precision they were printed with;
where the module's ARITHMETIC_ERRORS corrects one, the corrected value.
"""

from __future__ import annotations

import dataclasses
import json
import pickle
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core import samples
from desktop.core.editions import EditionError, load_edition
from desktop.core.errors import BindingError
from desktop.core.exporters import build_outputs
from desktop.core.grid import Grid, Style
from desktop.core.model import FundingLine, Indicator, Report, SelfEval, UnitInfo, UnitSelfEval
from desktop.core.self_eval_forms import parse_form
from desktop.core.self_eval_tables import self_eval_grids
from desktop.core.self_eval_vocabulary import NO_RATE
from tests.data.published import datong_2024_self_evals as datong
from tests.data.published import jincheng_2022_self_evals as jincheng
from tests.helpers.as_published import AS_PUBLISHED, transcribed
from tests.helpers.sample_files import Book, SampleFiles
from tests.helpers.workbooks import fit_to_height, fit_to_width, front_sheets

PUBLISHED: dict[str, ModuleType] = {"datong-2024": datong, "jincheng-2022": jincheng}
TITLE_ROWS = 3

# Chosen to cover: a third 万元 decimal (J政府采购, QT其他养人1), an override with its reason and
# a 2-row 二级指标 (电子档案), a corrected 分值 (监测认证), 0 / 差 (CA证书); 元 amounts in the
# millions (人员经费), 权重 0 rows (系统等级保护), an ARITHMETIC_ERRORS project (运维费).
CHOSEN = {
    "datong-2024": [
        "J政府采购事务经费",
        "QT其他养人1",
        "Z公共资源电子档案管理系统",
        "公共资源交易平台电子招标采购系统监测认证",
        "Z公共资源交易中心数字CA证书建设",
    ],
    "jincheng-2022": ["工作经费", "云桌面", "系统等级保护", "事业运转人员经费"],
}


@pytest.fixture(scope="module")
def printed(sample_files: SampleFiles, tmp_path_factory: pytest.TempPathFactory) -> Book:
    """printed(name): the workbook of the report whose figures the transcription holds,
    ARITHMETIC_ERRORS corrected — 大同's sample; 晋城 as printed (its sample corrects the
    全年预算数 the tables print). Built and parsed once; each call gets its own copy."""
    folder = tmp_path_factory.mktemp("printed")
    parsed: dict[str, bytes] = {}

    def get(name: str) -> Workbook:
        if name == "datong-2024":
            return sample_files.workbook(name)
        if name not in parsed:
            (written,) = build_outputs(transcribed(name), folder, formats=["xlsx"], stem=name)
            parsed[name] = pickle.dumps(load_workbook(written.path))
        copy: Workbook = pickle.loads(parsed[name])
        return copy

    return get


# ---------------------------------------------------------------- reading the sheets


def value(ws: Worksheet, row: int, col: int) -> Decimal | str | None:
    """A cell's value: numbers as Decimal (compared numerically with the printed text)."""
    v = ws.cell(row, col).value
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return Decimal(str(v))
    return v  # type: ignore[return-value]


def find(ws: Worksheet, text: str) -> list[tuple[int, int]]:
    return [(c.row, c.column) for row in ws.iter_rows() for c in row if c.value == text]


def only(ws: Worksheet, text: str) -> tuple[int, int]:
    (hit,) = find(ws, text)
    return hit


def right_of(ws: Worksheet, row: int, col: int) -> list[Decimal | str | None]:
    """The cells right of (row, col), one per merged range (its continuation cells skipped)."""
    return [
        value(ws, row, c)
        for c in range(col + 1, ws.max_column + 1)
        if not isinstance(ws.cell(row, c), MergedCell)
    ]


def column(ws: Worksheet, row: int, text: str) -> int:
    """The column of the heading `text` in header row `row`."""
    (col,) = [c for r, c in find(ws, text) if r == row]
    return col


def merged_rows(ws: Worksheet, row: int, col: int) -> int:
    """How many rows the cell at (row, col) spans (1 when not merged)."""
    for rng in ws.merged_cells.ranges:
        if rng.min_row == row and rng.min_col == col:
            return int(rng.max_row - rng.min_row + 1)
    return 1


def published(sample: str, name: str) -> dict[str, Any]:
    (found,) = [p for p in PUBLISHED[sample].PROJECTS if p["name"] == name]
    return dict(found)


def corrected(sample: str, name: str) -> dict[str, Any]:
    """The published figures with the module's ARITHMETIC_ERRORS corrections applied."""
    pub = published(sample, name)
    for error in PUBLISHED[sample].ARITHMETIC_ERRORS:
        if error["project"] != name:
            continue
        key = error["what"].split()[0]
        if key == "分值":  # the misprinted weight is the one printed below its score
            weights = pub["indicator_weights"] = list(pub["indicator_weights"])
            (i,) = [
                k for k, w in enumerate(weights) if Decimal(pub["indicator_scores"][k]) > Decimal(w)
            ]
            assert weights[i] == error["published"]
            weights[i] = error["correct"]
    return pub


def sheet_of(wb: Any, sample: str, name: str) -> Worksheet:
    names = [p["name"] for p in PUBLISHED[sample].PROJECTS]
    ws: Worksheet = wb[f"附件{names.index(name) + 1} {name}"]
    return ws


def dec(values: list[str]) -> list[Decimal]:
    return [Decimal(v) for v in values]


# ---------------------------------------------------------------- sheets and order


@pytest.mark.parametrize("sample", PUBLISHED)
def test_attachment_sheets_follow_the_tables_in_order(sample: str, book: Book) -> None:
    wb = book(sample)
    tables = [f"{t.number}表" for t in load_edition(samples.load(sample).unit.edition).tables]
    projects = [p["name"] for p in PUBLISHED[sample].PROJECTS]
    expected = [f"附件{i} {name}" for i, name in enumerate(projects, start=1)]
    if sample == "jincheng-2022":  # the unit's own self-evaluation comes last
        expected.append(f"附件{len(projects) + 1} 部门整体支出绩效自评")
    assert wb.sheetnames == front_sheets(tables) + expected
    for i, name in enumerate(projects, start=1):
        ws = wb[expected[i - 1]]
        assert ws.cell(2, ws.max_column).value == f"附件{i}"
        assert ws["A3"].value == f"（{samples.load(sample).unit.year}年度）"
        if sample == "datong-2024":
            assert ws["A1"].value == f"{name}项目支出绩效自评表"
            assert right_of(ws, *only(ws, "项目名称"))[0] == name
        else:
            assert ws["A1"].value == "项目支出绩效自评分析报告"
            assert find(ws, f"项目名称：{name}")


# ---------------------------------------------------------------- 自评表 (大同 2024)


@pytest.mark.parametrize("name", CHOSEN["datong-2024"])
def test_table_layout_shows_the_published_figures(name: str, book: Book) -> None:
    pub = corrected("datong-2024", name)
    ws = sheet_of(book("datong-2024"), "datong-2024", name)

    _declared, budgeted, full_year, executed, carryover, rate, score, reason = right_of(
        ws, *only(ws, "资金总额：")
    )
    assert (full_year, executed, carryover) == tuple(
        Decimal(pub[k]) for k in ("full_year", "executed", "carryover")
    )
    assert (rate, score) == (Decimal(pub["rate"]), Decimal(pub["rate_score"]))
    assert budgeted == full_year and reason is None  # none of these was adjusted

    header, _ = only(ws, "三级指标")
    weight_col = column(ws, header, "分值")
    score_col = column(ws, header, "得分")
    total_row, total_col = only(ws, "总分")
    rows = range(header + 1, total_row)
    assert [value(ws, r, weight_col) for r in rows] == dec(pub["indicator_weights"])
    assert [value(ws, r, score_col) for r in rows] == dec(pub["indicator_scores"])
    assert right_of(ws, total_row, total_col) == [Decimal(100), Decimal(pub["total"]), pub["grade"]]


def test_table_layout_keeps_the_third_wan_decimal(book: Book) -> None:
    """17.284万元 is printed as 17.284 (a 2-decimal 17.28 would not give the printed 90.30%)."""
    ws = sheet_of(book("datong-2024"), "datong-2024", "J政府采购事务经费")
    row, col = only(ws, "资金总额：")
    cells = [ws.cell(row, c) for c in range(col + 1, col + 6)]
    assert [c.number_format for c in cells] == ["#,##0.00"] * 3 + ["#,##0.000"] * 2
    assert right_of(ws, *only(ws, "市县区财政资金"))[-1] == "根据实际支付"


def test_table_layout_merges_level_cells_down(book: Book) -> None:
    ws = sheet_of(book("datong-2024"), "datong-2024", "Z公共资源电子档案管理系统")
    header, _ = only(ws, "三级指标")
    first = header + 1
    spans = {
        text: [(r - first, merged_rows(ws, r, c)) for r, c in find(ws, text) if r > header]
        for text in ("产出指标", "效益指标", "满意度指标", "服务对象满意度", "数量指标")
    }
    assert spans == {
        "产出指标": [(0, 4)],
        "效益指标": [(4, 1)],
        "满意度指标": [(5, 2)],
        "服务对象满意度": [(5, 2)],
        "数量指标": [(0, 1)],
    }
    label_row, label_col = only(ws, "绩效指标")
    assert (label_row, merged_rows(ws, label_row, label_col)) == (header, 8)


def test_table_layout_prints_the_analysis_and_notes(book: Book) -> None:
    ws = sheet_of(book("datong-2024"), "datong-2024", "Z产权交易工作经费")
    (project,) = [
        p for p in samples.load("datong-2024").self_evals if p.name == "Z产权交易工作经费"
    ]
    for label, text in (
        ("项目实施和预算执行情况及分析", project.texts.implementation),
        ("主要经验做法", project.texts.experience),
        ("下一步改进措施及管理建议", project.texts.improvements),
    ):
        assert right_of(ws, *only(ws, label)) == [text]
    notes = [c.value for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("备注")]
    assert len(notes) == 1 and "4.“执行率”是执行数与“全年预算数”相比较。" in notes[0]


# The labels of 大同 2024's 项目支出绩效自评表, transcribed from the published report (the
# first table, J残疾人就业保障金): every one printed as the original prints it.
DATONG_TABLE_LABELS = (
    "项目名称",
    "主管部门及代码",
    "预算单位",
    "年初预算数",
    "目标申报数",
    "预算编制数",
    "全年预算数",
    "全年执行数",
    "资金结（转）余",
    "执行率",
    "得分",
    "偏差原因",
    "资金总额：",
    "项目年度绩效目标",
    "年度目标",
    "实际完成情况",
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "年初指标值",
    "调整后指标值",
    "实际完成值",
    "分值",
    "偏差原因分析及改进措施",
    "总分",
    "项目绩效分析",
    "自评结果分析",
    "项目实施和预算执行情况及分析",
    "产出情况及分析",
    "效益情况及分析",
    "满意度情况及分析",
    "主要经验做法",
    "项目管理中存在的主要问题及原因分析",
    "下一步改进措施及管理建议",
)


def test_table_labels_are_as_printed(book: Book) -> None:
    ws = sheet_of(book("datong-2024"), "datong-2024", "Z产权交易工作经费")
    texts = {str(c.value).strip() for row in ws.iter_rows() for c in row if c.value is not None}
    missing = [label for label in DATONG_TABLE_LABELS if label not in texts]
    assert missing == []
    assert "执行率（%）" not in texts


# ---------------------------------------------------------------- 自评分析报告 (晋城 2022)


@pytest.mark.parametrize("name", CHOSEN["jincheng-2022"])
def test_report_layout_shows_the_published_figures(name: str, printed: Book) -> None:
    pub = corrected("jincheng-2022", name)
    ws = sheet_of(printed("jincheng-2022"), "jincheng-2022", name)

    figures = right_of(ws, *only(ws, "合计"))
    keys = ("declared", "budgeted", "full_year", "executed", "carryover")
    assert figures[:5] == [Decimal(pub[k]) for k in keys]
    # A 全年预算数 of 0 has no 执行率 (0 ÷ 0; the report prints 0): the cell says so, and
    # the 执行得分 is the 0 the published total counts.
    rate = NO_RATE if pub["full_year"] == "0" else Decimal(pub["rate"])
    assert figures[5:] == [rate, Decimal(pub["rate_score"])]

    header, _ = only(ws, "指标名称")
    weight_col = column(ws, header, "权重")
    score_col = column(ws, header, "得分")
    end, end_col = only(ws, "指标完成情况得分")
    rows = range(header + 2, end)  # a second header row: 年初指标 | 调整后指标
    assert [value(ws, r, weight_col) for r in rows] == dec(pub["indicator_weights"])
    assert [value(ws, r, score_col) for r in rows] == dec(pub["indicator_scores"])
    assert right_of(ws, end, end_col)[1] == Decimal(pub["indicator_total"])

    (conclusion,) = [
        str(ws.cell(r, 1).value)
        for r in range(end, ws.max_row + 1)
        if str(ws.cell(r, 1).value).strip().startswith("综合考虑")
    ]
    total = f"{Decimal(pub['total']).normalize():f}"
    assert f"总得分{total}分，属于“{pub['grade']}”" in conclusion
    assert f"预算执行情况得分{pub['rate_score']}分" in conclusion


def test_report_layout_merges_level_cells_down(book: Book) -> None:
    ws = sheet_of(book("jincheng-2022"), "jincheng-2022", "工作经费")
    header, _ = only(ws, "指标名称")
    first = header + 2
    spans = {
        text: [(r - first, merged_rows(ws, r, c)) for r, c in find(ws, text) if r > header]
        for text in ("产出指标", "数量指标", "质量指标", "时效指标", "成本指标", "满意度指标")
    }
    assert spans == {
        "产出指标": [(0, 11)],
        "数量指标": [(0, 4)],
        "质量指标": [(4, 3)],
        "时效指标": [(7, 3)],
        "成本指标": [(10, 1), (10, 1)],  # the 二级指标 and the 指标名称 of the same row
        "满意度指标": [(12, 2)],
    }


@pytest.mark.slow  # a whole workbook built and read back
def test_report_layout_typed_score_is_published_and_its_correction_follows(
    printed: Book, tmp_path: Path
) -> None:
    """交易系统年度运维费: the officer typed 4.3 (the workbook prints it, with 79.3 / 中);
    left to the engine, the cells show ARITHMETIC_ERRORS' corrected 10, 85 and 良.
    Its 全年预算数 is 0: no 执行率 (0 ÷ 0), and 执行得分 0 as the total counts it."""
    name = "交易系统年度运维费"
    pub = published("jincheng-2022", name)
    errors = {
        e["what"].split()[0]: e["correct"]
        for e in jincheng.ARITHMETIC_ERRORS
        if e["project"] == name
    }
    ws = sheet_of(printed("jincheng-2022"), "jincheng-2022", name)
    assert right_of(ws, *only(ws, "合计"))[4:] == [Decimal(0), NO_RATE, Decimal(0)]

    def scores(sheet: Worksheet) -> tuple[Decimal | str | None, Decimal | str | None, str]:
        header, _ = only(sheet, "指标名称")
        score_col = column(sheet, header, "得分")
        text = "".join(str(c.value) for c in sheet["A"] if c.value)
        return (
            value(sheet, header + 2 + 4, score_col),
            right_of(sheet, *only(sheet, "指标完成情况得分"))[1],
            text,
        )

    typed, indicator_total, text = scores(ws)
    assert (typed, indicator_total) == (Decimal(pub["indicator_scores"][4]), Decimal("79.3"))
    assert f"总得分{pub['total']}分，属于“{pub['grade']}”" in text

    report = AS_PUBLISHED["jincheng-2022"]()
    projects = tuple(
        dataclasses.replace(
            p,
            indicators=tuple(
                dataclasses.replace(ind, score=None) if i == 4 else ind
                for i, ind in enumerate(p.indicators)
            ),
        )
        if p.name == name
        else p
        for p in report.self_evals
    )
    (out,) = build_outputs(
        dataclasses.replace(report, self_evals=projects), tmp_path, formats=["xlsx"], stem="j"
    )
    fixed = sheet_of(load_workbook(out.path), "jincheng-2022", name)
    rule, indicator_total, text = scores(fixed)
    assert (rule, indicator_total) == (
        Decimal(errors["indicator_scores[4]"]),
        Decimal(errors["indicator_total"]),
    )
    assert f"总得分{errors['total']}分，属于“{errors['grade']}”" in text


def test_unit_self_evaluation_sheet(book: Book) -> None:
    ws = book("jincheng-2022")["附件8 部门整体支出绩效自评"]
    assert ws["A1"].value == "部门（单位）整体支出绩效自评表"
    row, _ = only(ws, "全年预算数（元）")
    budget, executed, rate, score = right_of(ws, row + 1, 0)
    (coverage,) = [e for e in jincheng.UNIT_ARITHMETIC_ERRORS if "涉及资金" in e["what"]]
    (rate_error,) = [e for e in jincheng.UNIT_ARITHMETIC_ERRORS if "执行率" in e["what"]]
    assert budget == Decimal(coverage["correct"])
    assert executed == Decimal("7897003.97")
    assert rate == Decimal(rate_error["correct"].rstrip("%"))  # printed 106%, in error
    assert score == Decimal(jincheng.UNIT_SCORE)


# ---------------------------------------------------------------- units, print setup, safety


@pytest.mark.slow  # both samples' workbooks again, in the other unit
def test_amount_unit_follows_the_choice(tmp_path: Path) -> None:
    """元 for 大同 prints 172,840.00; 万元 for 晋城 rounds 499,141.62 to 49.914 (half-up)."""
    (d,) = build_outputs(samples.load("datong-2024"), tmp_path, formats=["xlsx"], unit="元")
    ws = sheet_of(load_workbook(d.path), "datong-2024", "J政府采购事务经费")
    assert right_of(ws, *only(ws, "资金总额："))[3] == Decimal("172840")
    assert find(ws, "项目资金预算安排及执行进度（元）")
    as_printed = AS_PUBLISHED["jincheng-2022"]()
    (j,) = build_outputs(as_printed, tmp_path, formats=["xlsx"], unit="万元")
    ws = sheet_of(load_workbook(j.path), "jincheng-2022", "工作经费")
    assert (
        right_of(ws, *only(ws, "合计"))[:4]
        == [Decimal("85"), Decimal("85")] + [Decimal("49.914")] * 2
    )
    assert find(ws, "全年预算数（万元）")


@pytest.mark.parametrize("sample", PUBLISHED)
def test_print_setup(sample: str, book: Book) -> None:
    wb = book(sample)
    sheets = [ws for ws in wb.worksheets if ws.title.startswith("附件")]
    assert sheets
    for ws in sheets:
        props = ws.sheet_properties.pageSetUpPr
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.page_setup.orientation == "portrait"
        assert fit_to_width(ws) == 1 and props is not None and props.fitToPage
        # a 自评表 is one printed page, as in the original; a 自评分析报告 as many as it runs
        one_page = sample == "datong-2024" or ws.title.startswith("附件8 ")
        assert fit_to_height(ws) == (1 if one_page else 0), ws.title
        assert ws.print_options.horizontalCentered
        assert all(h is None or h <= 409 for h in (d.height for d in ws.row_dimensions.values()))


def test_grids_without_projects_or_figures() -> None:
    """No self-evaluation: no sheet. A project still being filled in: blank cells, no error."""
    assert self_eval_grids(Report()) == []
    draft = SelfEval(
        name="草稿项目",
        funding=(
            FundingLine(
                "市县区财政资金", full_year=Decimal("3000000"), executed=Decimal("1500000")
            ),
            FundingLine("其他资金", full_year=Decimal("1000000")),
        ),
        indicators=(Indicator("产出指标", "数量指标", "台数", Decimal(20), target="≥2台"),),
    )
    (grid,) = self_eval_grids(Report(self_evals=(draft,)))
    assert grid.sheet == "附件1 草稿项目" and grid.label == "附件1"

    def row(label: str) -> list[str]:
        (at,) = grid.find(label)
        return [c.text for c in grid.cells[at[0]]][2:]  # 目标申报数 … 偏差原因, in 万元

    assert row("资金总额：") == ["", "", "400.00", "150.00", "250.00", "37.50", "", "3.75", ""]
    assert row("市县区财政资金") == ["", "", "300.00", "150.00", "150.00", "50.00", "", "5.00", ""]
    assert row("其他资金") == ["", "", "100.00", "", "100.00", "0.00", "", "0.00", ""]
    (score,) = grid.find("总分")
    assert [c.text for c in grid.cells[score[0]]][8:] == ["100.00", "", ""]  # awaits a score


@pytest.mark.slow  # a whole workbook built and read back
def test_officer_text_stays_text(tmp_path: Path) -> None:
    report = samples.load("datong-2024")
    evil = '=HYPERLINK("http://x","点我")'
    first = dataclasses.replace(report.self_evals[0], goal=evil, name="+1+2")
    report = dataclasses.replace(report, self_evals=(first, *report.self_evals[1:]))
    (out,) = build_outputs(report, tmp_path, formats=["xlsx"], stem="evil")
    ws = load_workbook(out.path)["附件1 +1+2"]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if c.data_type == "f"]
    assert evil in [c.value for c in cells]


def test_prose_rows_are_unboxed_and_split_long_paragraphs() -> None:
    report = samples.load("jincheng-2022")
    long_text = "。".join(["项目按计划实施并完成了年度全部任务"] * 120) + "。"
    project = dataclasses.replace(
        report.self_evals[0],
        texts=dataclasses.replace(report.self_evals[0].texts, output=long_text),
    )
    grid = self_eval_grids(dataclasses.replace(report, self_evals=(project,)))[0]
    prose = [row[0] for row in grid.cells if row[0].style in (Style.TEXT, Style.HEADING)]
    assert prose[0].value == "项目名称：工作经费"
    headings = [c.value for c in prose if c.style is Style.HEADING]
    assert headings[-1] == "六、下一步改进措施及管理建议"
    texts = [str(c.value) for c in prose if c.style is Style.TEXT]
    chunks = [t for t in texts if "年度全部任务" in t]
    assert len(chunks) == 3 and all(len(c) <= 1002 for c in chunks)
    assert "".join(chunks).replace("　", "") == long_text


# ---------------------------------------------------------------- forms are data


def _write_edition(templates: Path, edition_id: str, base: str, **self_eval: str) -> None:
    data = json.loads((templates / "editions" / f"{base}.json").read_text(encoding="utf-8"))
    data["id"] = edition_id
    data["self_eval"] = self_eval
    text = json.dumps(data, ensure_ascii=False)
    (templates / "editions" / f"{edition_id}.json").write_text(text, encoding="utf-8")


def _grid_row(grid: Grid, label: str) -> list[Decimal | str | int | None]:
    """The values right of the cell `label`, one per merged range."""
    ((r, c),) = grid.find(label)
    covered = {(m.row, col) for m in grid.merges for col in range(m.col + 1, m.col + m.cols)}
    row = grid.cells[r]
    return [row[k].value for k in range(c + 1, len(row)) if (r, k) not in covered]


def test_an_edition_switches_form_by_data_alone(own_templates: Path) -> None:
    """大同 2024's figures in the 2022 自评分析报告 form: only an edition file names it."""
    report = samples.load("datong-2024")
    _write_edition(own_templates, "test-2024", "shanxi-2024", project="project-report")
    report = dataclasses.replace(report, unit=dataclasses.replace(report.unit, edition="test-2024"))
    grids = self_eval_grids(report)
    names = [p["name"] for p in datong.PROJECTS]
    assert [g.sheet for g in grids] == [f"附件{i} {n}" for i, n in enumerate(names, start=1)]
    assert {g.title for g in grids} == {"项目支出绩效自评分析报告"}
    for name in CHOSEN["datong-2024"]:
        pub = corrected("datong-2024", name)
        grid = grids[names.index(name)]
        assert grid.find(f"项目名称：{name}")
        figures = _grid_row(grid, "合计")
        keys = ("full_year", "executed", "carryover", "rate", "rate_score")
        assert figures[2:] == [Decimal(pub[k]) for k in keys]
        ((header, _),) = grid.find("指标名称")
        (weight_col,) = [c for r, c in grid.find("权重") if r == header]
        (score_col,) = [c for r, c in grid.find("得分") if r == header]
        ((end, _),) = grid.find("指标完成情况得分")
        rows = grid.cells[header + 2 : end]
        assert [r[weight_col].value for r in rows] == dec(pub["indicator_weights"])
        assert [r[score_col].value for r in rows] == dec(pub["indicator_scores"])
        text = "".join(str(r[0].value) for r in grid.cells[end:])
        total = f"{Decimal(pub['total']).normalize():f}"
        assert f"总得分{total}分，属于“{pub['grade']}”" in text


def test_a_province_words_its_own_form(own_templates: Path) -> None:
    """A new form file (other title, other label, 执行率 over one column) needs no Python."""
    report = samples.load("datong-2024")
    form = json.loads((own_templates / "self_eval" / "project-table.json").read_text("utf-8"))
    form["title"] = "{{ project.name }}绩效自评表（{{ report.year }}年）"
    funding = form["body"][2]["blocks"]
    funding[0][5]["cols"] = 1  # 执行率（%）
    funding[2]["cells"][0] = "合计："
    funding[2]["cells"][6]["cols"] = 1
    funding[2]["cells"].append(None)  # the freed column
    funding[0].append({"text": "备注", "rows": 2})
    funding[3]["rows"][0][6]["cols"] = 1
    funding[3]["rows"][0].append(None)
    text = json.dumps(form, ensure_ascii=False)
    (own_templates / "self_eval" / "own-table.json").write_text(text, encoding="utf-8")
    _write_edition(own_templates, "own-2024", "shanxi-2024", project="own-table")
    report = dataclasses.replace(report, unit=dataclasses.replace(report.unit, edition="own-2024"))
    grids = self_eval_grids(report)
    names = [p["name"] for p in datong.PROJECTS]
    for name in CHOSEN["datong-2024"]:
        pub = corrected("datong-2024", name)
        grid = grids[names.index(name)]
        assert grid.title == f"{name}绩效自评表（2024年）"
        _declared, _budgeted, *figures, _reason, _note = _grid_row(grid, "合计：")
        keys = ("full_year", "executed", "carryover", "rate", "rate_score")
        assert figures == [Decimal(pub[k]) for k in keys]


def _form(**body: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "form": "project",
        "title": "自评表",
        "label": "附件{{ attachment.number }}",
        "sheet": "{{ project.name }}",
        "widths": [10, 10],
        "body": [["项目名称", {"value": "project:name"}]],
    }
    form.update(body)
    return form


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"body": [["项目名称", {"value": "project:nom"}]]}, "project:nom"),
        ({"body": [["来源", {"value": "source:source"}]]}, "source:source"),  # outside each
        ({"body": [{"each": "sources", "rows": []}]}, "sources"),
        (
            {"form": "overall", "sheet": "整体", "body": [{"each": "projects", "rows": []}]},
            "projects",
        ),
        (
            {"form": "summary", "sheet": "汇总", "body": [{"each": "indicators", "rows": []}]},
            "indicators",
        ),
        (
            {"form": "report", "sheet": "报告", "body": [{"paragraphs": "{{ texts.problems }}"}]},
            "texts:problems",
        ),
        ({"body": [["得分", {"value": "overall:score"}]]}, "overall:score"),
        ({"title": "{{ project.nom }}自评表"}, "project:nom"),
        ({"title": "{{ projet.name }}自评表"}, "projet"),
        ({"title": "{{ project.name }自评表"}, "语法错误"),
        ({"body": [{"rows": []}]}, "不认识的块"),
        ({"body": [["项目名称", {"value": "project:name", "style": "bold"}]]}, "bold"),
    ],
)
def test_a_form_naming_what_does_not_exist_is_refused(change: dict[str, Any], message: str) -> None:
    with pytest.raises(EditionError, match=message):
        parse_form(_form(**change), "test")


def test_a_form_of_the_wrong_kind_or_width_is_refused(own_templates: Path) -> None:
    _write_edition(own_templates, "mixed", "shanxi-2024", overall="project-table")
    unit_eval = Report(unit=UnitInfo(edition="mixed"), unit_self_eval=UnitSelfEval())
    with pytest.raises(EditionError, match="project-table"):
        self_eval_grids(unit_eval)
    narrow = _form(body=[["项目名称"]])  # one of two columns
    (own_templates / "self_eval" / "narrow.json").write_text(json.dumps(narrow), "utf-8")
    _write_edition(own_templates, "narrow", "shanxi-2024", project="narrow")
    with pytest.raises(BindingError, match="没有填满"):
        self_eval_grids(Report(unit=UnitInfo(edition="narrow"), self_evals=(SelfEval("项目"),)))


# ---------------------------------------------------------------- the printed pages

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_each_table_prints_on_one_page(sample_files: SampleFiles, tmp_path: Path) -> None:
    """大同: the 10 公开 tables take 10 pages (公开04 and its 注 fitted to one: the
    workbook took 11), after the cover, the 目录 and 概况 and before 情况说明 and 名词解释;
    then one page per 自评表."""
    from pypdf import PdfReader

    assert SOFFICE is not None
    workbook = sample_files.path("datong-2024", "xlsx")
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pages = PdfReader(tmp_path / f"{workbook.stem}.pdf").pages
    texts = [page.extract_text() for page in pages]
    first = next(i for i, t in enumerate(texts) if "公开01表" in t)
    assert "公开10表" in texts[first + 9] and "第三部分" in texts[first + 10]
    # (the 目录 lists them too)
    attachments = [i for i, t in enumerate(texts) if i > first and "项目支出绩效自评表" in t]
    assert attachments == list(range(len(pages) - len(datong.PROJECTS), len(pages)))
    for page, project in zip(pages[attachments[0] :], datong.PROJECTS, strict=True):
        text = page.extract_text().replace("\n", "")
        assert f"{project['name']}项目支出绩效自评表" in text
