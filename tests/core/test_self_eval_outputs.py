"""The generated 附件 of an edition that prints them: the 项目单位自评汇总表, the 部门整体绩效
评价报告 and the Henan-style 部门整体支出绩效自评表, in the grids, the workbook and the PDF.

The report is the 大同 2024 sample under the test edition (tests/data/editions/
test-perf-2024.json: shanxi-2024 plus the generated forms) with the made-up overall evaluation
of tests/helpers/perf.py, whose figures its docstring works out by hand. Project figures are
compared with the ones transcribed from the published report (tests/data/published).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.core.exporters import Blocker, build_outputs, publishing_blockers
from desktop.core.grid import Grid
from desktop.core.locations import Form, Location
from desktop.core.model import (
    FundingLine,
    Indicator,
    NamedText,
    Report,
    SelfEval,
    UnitInfo,
    UnitSelfEval,
)
from desktop.core.money import amount, total
from desktop.core.self_eval_summary import coded, split_code
from desktop.core.self_eval_tables import missing_slots, report_slots, self_eval_grids
from desktop.core.vocabulary import describe_location
from tests.data.published import datong_2024 as datong_text
from tests.data.published import datong_2024_self_evals as datong
from tests.helpers.perf import UNIT_EVAL, UNSCORED, perf_report

PROJECTS = [p["name"] for p in datong.PROJECTS]


@pytest.fixture
def grids(perf_edition: str) -> dict[str, Grid]:
    """The test report's three generated 附件 by title (the per-project tables come first)."""
    found = self_eval_grids(perf_report())
    assert [g.label for g in found] == [f"附件{i}" for i in range(1, len(found) + 1)]
    return {g.sheet.split(" ", 1)[1]: g for g in found[len(PROJECTS) + 1 :]}


def texts(grid: Grid) -> list[str]:
    return [c.text for row in grid.cells for c in row if c.text]


def row_of(grid: Grid, label: str) -> list[str]:
    """The printed texts of the row whose first text is `label` (merged slots skipped)."""
    for row in grid.cells:
        printed = [c.text for c in row if c.value is not None]
        if printed and printed[0] == label:
            return printed
    raise KeyError(label)


def pct(value: str | Decimal) -> str:
    return f"{Decimal(value):.2f}%"


# ---------------------------------------------------------------- 项目单位自评汇总表


def test_summary_prints_one_row_per_project_from_the_projects(grids: dict[str, Grid]) -> None:
    grid = grids["项目单位自评汇总表"]
    assert grid.landscape and grid.header_rows == 1  # the column headings repeat on each page
    header = [c.text for c in grid.cells[0]]
    assert header[:7] == [
        "单位编码",
        "单位名称",
        "主管部门编码",
        "主管部门名称",
        "项目名称",
        "项目类型",
        "资金归口处室",
    ]
    assert header[10:] == [
        "预算执行率",
        "资金管理情况得分率",
        "成本指标得分率",
        "产出指标得分率",
        "效益指标得分率",
        "满意度指标得分率",
        "自评得分",
        "是否有偏差项目",
    ]
    rows = [[c for c in row] for row in grid.cells[1:]]
    assert [r[4].text for r in rows] == [*PROJECTS, UNSCORED.name]  # the report's order, no 合计
    col = {name: i for i, name in enumerate(header)}
    for row, pub in zip(rows, datong.PROJECTS, strict=False):
        assert row[col["全年预算数（万元）"]].value == Decimal(pub["full_year"])
        assert row[col["全年执行数（万元）"]].value == Decimal(pub["executed"])
        assert row[col["系统查询全年执行数（万元）"]].value == Decimal(pub["executed"])
        assert row[col["预算执行率"]].text == pct(pub["rate"])
        # 资金管理情况得分率: the 执行得分 over its 10 points
        assert row[col["资金管理情况得分率"]].text == pct(Decimal(pub["rate_score"]) * 10)
        assert row[col["自评得分"]].value == Decimal(pub["total"])
        below = any(Decimal(s) < Decimal(w) for s, w in _scores(pub))
        assert row[col["是否有偏差项目"]].text == ("是" if below else "否")
        assert row[col["项目类型"]].text == "可执行项目"
        assert row[col["主管部门编码"]].text == "032"
        assert row[col["主管部门名称"]].text == "大同市行政审批服务管理局[部门]"
    # 单位编码 as each project's 预算单位 was typed (the published 「2003-…」 of J律师顾问费 too)
    assert [r[0].text for r in rows] == ["032003", "2003", *["032003"] * (len(rows) - 2)]
    unscored = rows[-1]
    assert unscored[col["自评得分"]].text == "未评分"
    assert [unscored[col[h]].text for h in header[11:16]] == ["-%"] * 5
    assert unscored[col["是否有偏差项目"]].text == "—"


def _scores(pub: dict[str, object]) -> list[tuple[str, str]]:
    scores, weights = pub["indicator_scores"], pub["indicator_weights"]
    assert isinstance(scores, list) and isinstance(weights, list)
    return list(zip(scores, weights, strict=True))


def test_summary_score_rates_per_kind_of_indicator(perf_edition: str) -> None:
    """得分率 = Σ 得分 ÷ Σ 分值 of the kind; 「-%」 for a kind the project has none of."""
    indicators = (
        Indicator(
            "产出指标", "数量指标", "培训人次", Decimal(40), target="≥100人次", actual="80人次"
        ),
        Indicator("产出指标", "成本指标", "人均成本", Decimal(10), target="≤500元", actual="400元"),
        Indicator("效益指标", "社会效益指标", "覆盖面", Decimal(30), target="≥90%", actual="90%"),
        Indicator("效益指标", "满意度指标", "学员满意度", Decimal(10), target="≥95%", actual="76%"),
    )
    project = SelfEval(
        name="培训",
        funding=(FundingLine("财政", full_year=amount(1000), executed=amount(900)),),
        indicators=indicators,
    )
    report = dataclasses.replace(perf_report(), self_evals=(project,))
    grid = self_eval_grids(report)[-1]
    assert grid.title == "项目单位自评汇总表"
    (row,) = grid.cells[1:]
    printed = [c.text for c in row]
    # 执行率 90% → 9 of 10 points; 产出 32/40; 成本 10/10; 效益 30/30; 满意度 10 × 76/95 = 8/10
    assert printed[10:16] == ["90.00%", "90.00%", "100.00%", "80.00%", "100.00%", "80.00%"]
    assert printed[16:] == ["89.00", "是"]
    without_cost = dataclasses.replace(project, indicators=indicators[:1] + indicators[2:])
    report = dataclasses.replace(report, self_evals=(without_cost,))
    (row,) = self_eval_grids(report)[-1].cells[1:]
    assert row[12].text == "-%"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "032003-大同市公共资源交易中心(大同市政府采购中心)",
            ("032003", "大同市公共资源交易中心(大同市政府采购中心)"),
        ),
        ("032-大同市行政审批服务管理局[部门]", ("032", "大同市行政审批服务管理局[部门]")),
        ("062003 晋城市公共资源交易中心", ("062003", "晋城市公共资源交易中心")),
        ("062：晋城市行政审批服务管理局", ("062", "晋城市行政审批服务管理局")),
        ("大同市公共资源交易中心", ("", "大同市公共资源交易中心")),
        ("", ("", "")),
    ],
)
def test_codes_are_read_off_the_typed_text(text: str, expected: tuple[str, str]) -> None:
    assert split_code(text) == expected


def test_codes_fall_back_on_the_report() -> None:
    assert coded("", "032003", "大同市公共资源交易中心") == ("032003", "大同市公共资源交易中心")
    assert coded("交易中心", "032003", "大同市公共资源交易中心") == ("032003", "交易中心")
    assert coded("1-甲", "032003", "大同") == ("1", "甲")


# ---------------------------------------------------------------- 部门整体支出绩效自评表 (Henan)


def test_overall_table_with_funding_rows_and_tasks(grids: dict[str, Grid]) -> None:
    grid = grids["部门整体支出绩效自评"]
    # 5,300,000 / 5,900,000 / 5,845,545 (= 本年支出合计) in 万元; 10 × 99.08% = 9.91
    assert row_of(grid, "部门预算总额") == [
        "部门预算总额",
        "530.00",
        "590.00",
        "584.555",
        "10.00",
        "99.08%",
        "9.91",
    ]
    assert row_of(grid, "（1）政府性资金")[:6] == [
        "（1）政府性资金",
        "530.00",
        "590.00",
        "584.555",
        "-",
        "99.08%",
    ]
    assert row_of(grid, "（3）单位资金")[5] == "—"  # no 全年预算数: no 执行率
    for task in UNIT_EVAL.tasks:
        assert row_of(grid, task.name) == [task.name, task.content, task.achieved]
    header = row_of(grid, "绩效指标")
    assert header[1:7] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值"]
    # 满分 10 + 90; 总分 9.91 + 87.61 (helpers/perf.py)
    assert row_of(grid, "总分") == ["总分", "100.00", "97.52", "优"]


# ---------------------------------------------------------------- 部门整体绩效评价报告


def test_report_figures_follow_from_the_evaluation(grids: dict[str, Grid]) -> None:
    grid = grids["部门整体绩效评价报告"]
    assert grid.title == "大同市公共资源交易中心（大同市政府采购中心）2024年度部门整体绩效评价报告"
    text = "\n".join(texts(grid))
    assert "部门整体绩效评价得分为97.52分（满分100分），等级为“优”" in text
    assert "其中预算执行10分，执行率99.08%，得分9.91分" in text
    # per 一级 and 二级 指标: Σ 分值 and Σ 得分 of their rows (helpers/perf.py)
    assert row_of(grid, "预算执行") == ["预算执行", "预算执行率", "10.00", "9.91"]
    assert row_of(grid, "投入管理指标") == ["投入管理指标", "工作目标管理", "12.00", "12.00"]
    assert row_of(grid, "预算和财务管理") == ["预算和财务管理", "16.00", "15.53"]
    assert row_of(grid, "投入管理指标小计") == ["投入管理指标小计", "36.00", "35.53"]
    assert row_of(grid, "产出指标小计") == ["产出指标小计", "30.00", "30.00"]
    assert row_of(grid, "效益指标小计") == ["效益指标小计", "24.00", "22.08"]
    assert row_of(grid, "总分") == ["总分", "100.00", "97.52"]
    assert "1、投入管理指标（36分，得分35.53分）" in text
    assert "（2）预算和财务管理（16分，得分15.53分）" in text
    assert "3、效益指标（24分，得分22.08分）" in text
    assert "预算调整率：分值4分，得分3.53分。年度指标值≤10%，实际完成值11.32%。" in text
    # 预算调整率 = (590 − 530) ÷ 530; 执行率 = 584.5545 ÷ 590
    assert "全年预算数为590.00万元，预算调整率11.32%。" in text
    assert "全年执行数为584.555万元，预算执行率99.08%。" in text


def test_report_counts_the_projects_and_groups_them_by_score(grids: dict[str, Grid]) -> None:
    grid = grids["部门整体绩效评价报告"]
    text = "\n".join(texts(grid))
    n = len(PROJECTS) + 1
    assert f"本单位2024年度{n}个项目开展了绩效自评，其中1个项目未评分（1个未填写绩效指标）" in text
    # the published 总分, grouped, highest first
    bands = Counter(Decimal(p["total"]).normalize() for p in datong.PROJECTS)
    (start,) = [r for r, row in enumerate(grid.cells) if row[0].text == "自评得分"]
    printed = [
        (row[0].value, row[2].value) for row in grid.cells[start + 1 : start + 1 + len(bands)]
    ]
    assert printed == [(s, bands[s]) for s in sorted(bands, reverse=True)]
    assert grid.cells[start + 1][4].text.startswith("J残疾人就业保障金、J律师顾问费")
    # 涉及资金 and coverage: the projects' 执行数 of 项目支出 (公开03), one base
    report = perf_report()
    executed = total(f.executed for p in report.self_evals for f in p.funding)
    assert executed is not None
    spending = Decimal(datong_text.TEXT["三"]["project_expenditure"]) * 10000
    share = (executed * 100 / spending).quantize(Decimal("0.01"))
    assert f"占本单位项目支出350.665万元的{share}%" in text
    for pub in datong.PROJECTS[:3]:
        assert f"执行率{Decimal(pub['rate']).normalize():f}%" in text
    assert (
        f"{n}、{UNSCORED.name}" in text
        and "执行数0.00万元，执行率0%，执行得分0分。未评分。" in text
    )


def test_report_prose_is_the_officers_slot_by_slot(grids: dict[str, Grid]) -> None:
    grid = grids["部门整体绩效评价报告"]
    text = "\n".join(texts(grid))
    slots = report_slots(perf_report())
    assert [s.key for s in slots][:4] == ["organization", "staff", "work", "conclusion"]
    written = {t.key: t.text for t in UNIT_EVAL.texts}
    for slot in slots:
        if slot.key in written:
            assert written[slot.key].splitlines()[0] in text
            assert f"【请填写{slot.label}】" not in text
        else:
            assert f"【请填写{slot.label}】" in text
    # a short numbered line of the officer's text reads as a sub-heading
    assert "（一）成立自评工作小组" in text
    assert [s.key for s in missing_slots(perf_report())] == [
        s.key for s in slots if s.key not in written
    ]


def test_unwritten_slots_block_a_final_report(perf_edition: str) -> None:
    report = perf_report()
    blockers = publishing_blockers(report)
    slots = {s.key: s.label for s in missing_slots(report)}
    owed = [b for b in blockers if b.location is not None and b.location.field == "texts"]
    assert [b.location for b in owed] == [Location(Form.UNIT_EVAL, k, "texts") for k in slots]
    first = owed[0]
    assert first.line() == "部门整体自评 › 评价报告文字：部门整体绩效评价报告缺少：综合评价结论"
    assert describe_location(first.location or Location(Form.UNIT), with_form=False) == (
        "评价报告文字"
    )
    texts_all = tuple(NamedText(s.key, f"{s.label}的说明。") for s in report_slots(report))
    done = dataclasses.replace(
        report, unit_self_eval=dataclasses.replace(UNIT_EVAL, texts=texts_all)
    )
    assert not missing_slots(done)
    assert not [b for b in publishing_blockers(done) if b.location == first.location]
    assert isinstance(first, Blocker)


def test_no_report_or_summary_where_the_edition_prints_none() -> None:
    """shanxi-2024 prints neither: nothing asked of the officer, nothing generated."""
    report = dataclasses.replace(
        perf_report(), unit=dataclasses.replace(perf_report().unit, edition="shanxi-2024")
    )
    assert report_slots(report) == () and missing_slots(report) == []
    titles = [g.title for g in self_eval_grids(report)]
    assert titles[-1] == "部门（单位）整体支出绩效自评表"
    assert len(titles) == len(report.self_evals) + 1


def test_a_report_without_indicators_or_projects_still_prints(perf_edition: str) -> None:
    empty = Report(
        unit=UnitInfo(edition=perf_edition, name="测试单位"),
        self_evals=(SelfEval(name="空项目"),),
        unit_self_eval=UnitSelfEval(),
    )
    grids = self_eval_grids(empty)
    assert [g.sheet for g in grids] == [
        "附件1 空项目",
        "附件2 部门整体支出绩效自评",
        "附件3 部门整体绩效评价报告",
        "附件4 项目单位自评汇总表",
    ]
    assert all(len(row) == g.n_cols for g in grids for row in g.cells)
    report_text = "\n".join(texts(grids[2]))
    assert "得分为（待评分）分" in report_text and "执行率—%" in report_text
    assert [c.text for c in grids[3].cells[1]][16] == "未评分"


# ---------------------------------------------------------------- the workbook and the PDF


@pytest.mark.slow
def test_workbook_and_pdf_print_them_with_their_names(perf_edition: str, tmp_path: Path) -> None:
    report = perf_report()
    xlsx, pdf = build_outputs(report, tmp_path, formats=["xlsx", "pdf"], draft=True)
    n = len(report.self_evals)
    names = [
        f"附件{n + 1} 部门整体支出绩效自评",
        f"附件{n + 2} 部门整体绩效评价报告",
        f"附件{n + 3} 项目单位自评汇总表",
    ]
    wb = load_workbook(xlsx.path)
    assert wb.sheetnames[-3:] == names
    summary = wb[names[2]]
    assert summary["A1"].value == "项目单位自评汇总表"
    assert summary.print_title_rows == "$1:$4"  # title block and the column headings
    assert wb[names[1]].cell(4, 1).value == "一、基本情况"
    reader = PdfReader(pdf.path)
    (attachments,) = [
        i for i, item in enumerate(reader.outline) if getattr(item, "title", "") == "第五部分 附件"
    ]
    entries = reader.outline[attachments + 1]
    assert isinstance(entries, list)
    titles = [e.title for e in entries]
    assert titles[-3:] == [
        f"附件{n + 1} 部门整体支出绩效自评表",
        f"附件{n + 2} {report.unit.name}2024年度部门整体绩效评价报告",
        f"附件{n + 3} 项目单位自评汇总表",
    ]
    last = reader.get_destination_page_number(entries[-1])
    page = reader.pages[last].extract_text()
    assert "项目单位自评汇总表" in page and f"附件{n + 3}" in page
    assert "附件21表" not in "".join(p.extract_text() for p in reader.pages[last - 4 : last])
