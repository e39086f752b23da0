"""The henan-2024 edition and its sample against the layout spec
(shared/reference/editions/henan-2024.md, transcribed in tests/data/editions/henan_2024_spec.py):
one test per table for its header, 行次, row labels and 注; one per 情况说明 section for its
headings; the 目录, the part headings, the 名词解释 and the attachments; the sample's checks."""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.core import samples
from desktop.core.checks import Severity, run_checks
from desktop.core.exporters import build_outputs
from desktop.core.grid import Grid
from desktop.core.model import Report
from desktop.core.self_eval_tables import self_eval_grids
from desktop.core.structure import PartHeading, plan
from desktop.core.tables import build_tables
from desktop.core.text import Heading, build_text
from tests.data.editions import henan_2024_spec as spec

NAME = "henan-2024"


@functools.cache
def sample() -> Report:
    return samples.load(NAME)


@functools.cache
def grids() -> dict[str, Grid]:
    return {g.number: g for g in build_tables(sample())}


def _header(grid: Grid) -> list[list[str]]:
    """The header rows as printed: each row's texts left to right, a merged cell once."""
    covered = set()
    for m in grid.merges:
        for r in range(m.row, m.row + m.rows):
            for c in range(m.col, m.col + m.cols):
                if (r, c) != (m.row, m.col):
                    covered.add((r, c))
    return [
        [cell.text for c, cell in enumerate(row) if (r, c) not in covered and cell.text]
        for r, row in enumerate(grid.cells[: grid.header_rows])
    ]


def test_nine_tables_and_no_statistics_table() -> None:
    assert list(grids()) == [f"公开{i:02d}" for i in range(1, 10)]


@pytest.mark.parametrize("number", list(spec.TABLES))
def test_each_table_has_its_title_labels_header_and_note(number: str) -> None:
    title, org, header, note, empty_note = spec.TABLES[number]
    g = grids()[number]
    assert g.title == title
    assert g.label == "" and f"{g.number}表" == f"{number}表"
    assert g.org_label == f"{org}：{sample().unit.name}"
    assert g.unit_label == "单位：万元"
    assert g.year_label == "2024年度"
    assert _header(g) == header
    assert g.note == note
    if empty_note is not None:
        assert g.empty_note == empty_note


def _body(number: str) -> list[list[str]]:
    g = grids()[number]
    return [[c.text for c in row] for row in g.cells[g.header_rows :]]


def test_01_row_numbers_and_labels() -> None:
    body = _body("公开01")
    assert [(r[1], r[0], r[4], r[3]) for r in body] == spec.ROWS_01
    blank = [r for r in body if r[0] == ""]
    assert blank and all(r[2] == "" for r in blank)  # a row without a label stays blank
    assert all(r[5] != "" for r in body)  # every expenditure row prints, 0.00 when zero


def test_02_03_05_listings_code_and_name_apart_and_zero_printed() -> None:
    for number in ("公开02", "公开03", "公开05"):
        body = _body(number)
        assert body[0][0] == "合计"
        for row in body[1:]:
            assert re.fullmatch(r"\d{3}|\d{5}|\d{7}", row[0]), (number, row)
            assert row[1] and not row[1].endswith("（类）")
            assert all(v for v in row[2:]), (number, row)  # 0.00, never blank
    assert "0.00" in [v for row in _body("公开02") for v in row[2:]]


def test_04_row_numbers_and_labels() -> None:
    body = _body("公开04")
    assert [(r[1], r[0], r[4], r[3]) for r in body] == spec.ROWS_04
    for row in body:
        if row[3]:
            assert all(row[5:9]), row  # four figures on every right-hand row
        else:
            assert row[5:9] == ["", "", "", ""]  # 行 61–63: no figures


def test_06_three_groups_and_footer() -> None:
    body = _body("公开06")
    assert len(grids()["公开06"].widths) == 9
    for g, codes in enumerate(spec.GROUPS_06):
        column = [row[3 * g] for row in body[:-1]]
        assert column[: len(codes)] == codes
        assert all(c == "" for c in column[len(codes) :])
    assert "——" not in [v for row in body for v in row]
    footer = [v for v in body[-1] if v]
    assert footer[0] == "人员经费合计" and footer[2] == "公用经费合计"
    # in 元 (万元 figures are each rounded: 214.34 + 19.55 against 233.88 is a 尾差)
    yuan = {g.number: g for g in build_tables(sample(), "元")}
    footer = [c.value for c in yuan["公开06"].cells[-1] if c.value]
    basic = yuan["公开05"].cells[yuan["公开05"].header_rows][3].value
    assert footer[1] + footer[3] == basic  # 公开05 合计 基本支出


@pytest.mark.parametrize("number", ["公开07", "公开08"])
def test_07_08_empty_print_a_zero_total_and_their_own_note(number: str) -> None:
    g = grids()[number]
    assert g.no_data
    (total,) = _body(number)
    assert total[0] == "合计" and set(total[2:]) == {"0.00"}
    assert g.empty_note == spec.TABLES[number][4]


def test_09_one_row_of_twelve_figures() -> None:
    (row,) = _body("公开09")
    assert len(row) == 12 and all(row)
    total, abroad, vehicle, buy, run, reception = (Decimal(v) for v in row[6:])
    assert total == abroad + vehicle + reception and vehicle == buy + run


def test_a_yuan_report_drops_the_wan_sentence() -> None:
    tables = build_tables(sample(), "元")
    assert all(spec.TAIL not in g.note for g in tables)
    assert tables[0].note == "注：本表反映本年度的总收支和年末结转结余情况。"


# ---------------------------------------------------------------- structure and text


def test_contents_cover_and_part_headings_as_the_spec_prints_them() -> None:
    report = sample()
    fill = {"name": report.unit.name, "year": "2024"}
    p = plan(report)
    entries = [(e.level, e.text) for e in p.contents_entries()]
    assert entries == [(lv, t.format(**fill)) for lv, t in spec.CONTENTS]  # no 附件 listed
    assert p.contents == "目 录"
    assert [c.text for c in p.cover][:2] == ["2024 年度", f"{report.unit.name}部门决算"]
    assert re.fullmatch(
        r"二〇[〇一二三四五六七八九]{2}年[一二三四五六七八九十]{1,2}月", p.cover[2].text
    )
    heads = [list(i.lines) for i in p.items if isinstance(i, PartHeading)]
    assert heads == [[line.format(**fill) for line in h] for h in spec.PART_HEADINGS]
    assert "第五部分" not in " ".join(t for _, t in entries)


def _sections() -> dict[str, list[str]]:
    document = build_text(sample())
    part = document.by_key("explanation")
    out: dict[str, list[str]] = {}
    current = ""
    for block in part.blocks:
        if isinstance(block, Heading) and block.level == 1:
            current = block.number.rstrip("、")
            out[current] = [block.full]
        elif isinstance(block, Heading):
            out[current].append(block.full)
    return out


EXPLANATION = [t for _, t in spec.CONTENTS[14:27]]
SECTION_NUMBERS = [t.split("、")[0] for t in EXPLANATION]


@pytest.mark.parametrize("number", SECTION_NUMBERS)
def test_each_explanation_section_has_its_headings(number: str) -> None:
    sections = _sections()
    assert list(sections) == SECTION_NUMBERS  # thirteen, in order
    heading = next(t for t in EXPLANATION if t.startswith(f"{number}、"))
    assert sections[number] == [heading, *spec.SUBHEADINGS.get(number, [])]


def test_the_sentences_the_spec_fixes() -> None:
    text = "\n".join(
        "".join(r.text for r in b.runs)
        for b in build_text(sample()).by_key("explanation").blocks
        if not isinstance(b, Heading)
    )
    assert "2024年度收、支总计均为584.83万元。与上年度相比，收、支总计各减少" in text
    assert "，主要原因：" in text and "主要原因是：" in text
    assert "一般公共服务（类）支出514.54万元，占88.02%" in text
    # 五（三）: by 项, the full names, 年初预算 against 决算, the difference sentence
    assert "1. 一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。" in text
    assert "决算数与年初预算数不存在差异。" in text
    assert "决算数与年初预算数存在差异的主要原因是：事业运行项目中部分人员年中调出" in text
    assert "我部门（单位）2024年没有国有资本经营收入，也没有使用国有资本经营安排的支出。" in text
    # 九: against 预算, with shares; the car lines and the reception split
    assert "公务用车购置及运行费支出决算1.01万元，完成预算的100.00%，占100.00%" in text
    assert "公务用车购置支出为0.00万元，购置车辆0台。" in text
    assert "外宾接待支出0.00万元。" in text and "其他国内公务接待支出0.00万元。" in text
    assert "我单位不是行政机关，也不是参照公务员法管理的事业单位，没有机关运行经费支出。" in text
    assert "占授予中小企业合同金额的50.00%" in text  # 21 ÷ 42, not of the 总额
    assert "单位价值100万元（含）以上设备0台（套）。" in text


def test_glossary_has_the_eighteen_terms_plain() -> None:
    part = build_text(sample()).by_key("glossary")
    lines = ["".join(r.text for r in b.runs) for b in part.blocks]
    assert [re.split("：", line, maxsplit=1)[0].split("、", 1)[1] for line in lines] == spec.TERMS
    assert not any(r.emphasis for b in part.blocks for r in b.runs)


def test_attachments_overall_table_report_and_summary_without_per_project_tables() -> None:
    titles = [g.title for g in self_eval_grids(sample())]
    assert titles == [
        "部门整体支出绩效自评表",
        f"{sample().unit.name}2024年度部门整体绩效评价报告",
        "项目单位自评汇总表",
    ]
    summary = self_eval_grids(sample())[-1]
    assert len(summary.cells) - summary.header_rows == len(sample().self_evals)  # no total


# ---------------------------------------------------------------- the sample


def test_the_sample_checks_clean() -> None:
    findings = run_checks(sample())
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    assert [f for f in findings if f.severity is Severity.WARNING] == []
    # the one hint: 2010399's 项目支出 beyond the projects evaluated (not every project of a
    # unit is evaluated; the sample keeps those whose budgets fit within 项目支出)
    assert [f.rule for f in findings] == ["self_eval.coverage_gap"]


def test_the_sample_projects_carry_what_the_summary_needs() -> None:
    for p in sample().self_evals:
        assert p.fund_kind is not None and p.project_type and p.funding_office
        assert p.system_executed is not None and p.unit.startswith("317001-")
    assert all(sample().unit_self_eval.text(k) for k in ("organization", "conclusion", "other"))


@pytest.mark.slow  # writes and reads back both files
def test_workbook_and_pdf_carry_every_table(tmp_path: Path) -> None:
    written = build_outputs(sample(), tmp_path, formats=["xlsx", "pdf"], stem="h", draft=False)
    paths = {o.path.suffix: o.path for o in written}
    book = load_workbook(paths[".xlsx"], read_only=True)
    sheets = book.sheetnames
    tables = [f"公开{i:02d}表" for i in range(1, 10)]
    # the prose where the plan puts it (named by the parts' 目录 lines), the 3 附件 last
    prose = ["第一部分 河南省示范市公共资源交易中心概况"], ["第三部分 2024年度部门决算情况说明"]
    front = ["封面", "目录", *prose[0], *tables, *prose[1], "第四部分 名词解释"]
    assert sheets[: len(front)] == front and len(sheets) == len(front) + 3
    pdf = "".join("".join(page.extract_text().split()) for page in PdfReader(paths[".pdf"]).pages)
    for number, (title, _, _, note, _) in spec.TABLES.items():
        assert title in pdf and f"{number}表" in pdf
        assert "".join(note.split()) in pdf
    assert "公开10" not in pdf
