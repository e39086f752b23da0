"""Self-evaluation attachments as grids: one sheet per project, then the unit's own.

    Report ──evaluate()──> Evaluation ──self_eval_grids──> [Grid] ──> Excel · PDF · preview

The edition names the layout (`Edition.self_eval_layout`):

* ``table`` — the one-page 项目支出绩效自评表 (大同 2024): 项目名称, 主管部门/预算单位, the
  资金 block (资金总额 then one row per 资金来源), 年度目标/实际完成情况, the 绩效指标 block
  (一级/二级指标 merged down over their rows), 总分/等级, the seven analysis texts, 备注 1–4;
* ``report`` — the long-form 项目支出绩效自评分析报告 (晋城 2022): headings 一 … 六 as
  unboxed text rows, with the 预算执行情况 and 绩效指标完成情况 tables between them.

The unit's 部门（单位）整体支出绩效自评, when present, follows as one short grid.

Every computed figure (资金总额, 结转结余, 执行率, 执行得分, 得分 used, 总分, 等级) comes
from `evaluate()`; a typed 得分 is printed as typed, since the workbook is what is published.
Amounts follow the report's unit. In 万元 a figure keeps a third decimal when it has one
(17.284, as the 自评表 prints it): rounded to 2, 1.782 − 1.465 and 82.22% would no longer agree
with the printed figures beside them. Scores and 执行率 have 2 decimals.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from desktop.core.editions import load_edition
from desktop.core.grid import Align, Cell, Grid, Style
from desktop.core.model import FundingLine, Indicator, Report, SelfEval, UnitSelfEval
from desktop.core.money import CENT, WAN, AmountUnit, Money, nz, ratio
from desktop.core.self_eval import (
    HUNDRED,
    Evaluation,
    IndicatorResult,
    evaluate,
    format_points,
    rate_score,
)
from desktop.core.tables import _Sheet

MILLI = Decimal("0.001")
NO_RATE = "—"  # 执行率 of a project without 全年预算数: 0 ÷ 0 has no value

TABLE_NOTE = "\n".join(
    (
        "备注：1.“年初预算数”项下的“目标申报数”和“预算编制数”为并列关系，其中“目标申报数”的数据"
        "来源于项目目标申报表中的项目资金总额表中的年度资金，“预算编制数”数据来源于项目预算支出明细表。",
        "2.“全年预算数”的取数规则，如果年初预算未调整，取预算编制数；如果有调整，取调整后的预算数。",
        "3.“全年执行数”是指预算执行指标确认数。",
        "4.“执行率”是执行数与“全年预算数”相比较。",
    )
)

# A paragraph longer than this is split at a sentence end: a sheet row cannot break across
# pages and Excel caps a row at 409 points.
PARAGRAPH_CHARS = 1000
_SUBHEADING = re.compile(r"^(（[一二三四五六七八九十]+）|（\d+）|\d+[.、])")
_STOPS = ("。", "；", ";", "！", "？")
_SENTENCE_END = re.compile(r"(?<=[。；;！？])")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\：]")


# ---------------------------------------------------------------- figures as printed


@dataclass(frozen=True)
class _Format:
    unit: AmountUnit
    year: int

    def money(self, value: Money) -> Decimal | None:
        """An amount in the report's unit; 万元 keeps a third decimal when it has one."""
        if value is None:
            return None
        if self.unit == "元":
            return value.quantize(CENT, rounding=ROUND_HALF_UP)
        milli = (value / WAN).quantize(MILLI, rounding=ROUND_HALF_UP)
        cents = milli.quantize(CENT)
        return cents if cents == milli else milli


def _points(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(CENT, rounding=ROUND_HALF_UP)


def _text(value: str, style: Style = Style.BODY, align: Align = Align.LEFT) -> Cell:
    return Cell(value.strip() or None, style, align)


def _head(value: str) -> Cell:
    return Cell(value, Style.HEADER, Align.CENTER)


def _num(value: Decimal | None, style: Style = Style.BODY) -> Cell:
    return Cell(value, style, Align.RIGHT)


def _rate_cell(rate: Decimal | None, style: Style = Style.BODY) -> Cell:
    if rate is None:
        return Cell(NO_RATE, style, Align.CENTER)
    return _num(_points(rate), style)


def _line_rate(line: FundingLine) -> Decimal | None:
    return ratio(nz(line.executed), line.full_year) if line.full_year else None


def _carryover(full_year: Money, executed: Money) -> Money:
    return None if full_year is None else full_year - nz(executed)


def _runs(values: Sequence[str]) -> Iterator[tuple[int, int]]:
    """(start, length) of each run of equal consecutive values."""
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            yield start, i - start
            start = i


def _merged_levels(indicators: Sequence[Indicator]) -> tuple[dict[int, int], dict[int, int]]:
    """Row spans of 一级指标 and of 二级指标 within it, keyed by their first row."""
    level1 = dict(_runs([i.level1 for i in indicators]))
    level2: dict[int, int] = {}
    for start, length in level1.items():
        block = indicators[start : start + length]
        for s, n in _runs([i.level2 for i in block]):
            level2[start + s] = n
    return level1, level2


def _indicator_cells(
    indicators: Sequence[Indicator], results: Sequence[IndicatorResult], *, qualitative: bool
) -> Iterator[list[tuple[Cell, int, int]]]:
    """一级 | 二级 | 三级 | 年初 | 调整后 | 实际完成值 | (定性说明) | 分值 | 得分 | 偏差原因."""
    level1, level2 = _merged_levels(indicators)
    for i, (ind, result) in enumerate(zip(indicators, results, strict=True)):
        items: list[tuple[Cell, int, int]] = []
        if i in level1:
            items.append((_text(ind.level1, align=Align.CENTER), 1, level1[i]))
        if i in level2:
            items.append((_text(ind.level2, align=Align.CENTER), 1, level2[i]))
        items += [
            (_text(ind.level3), 1, 1),
            (_text(ind.initial_value, align=Align.CENTER), 1, 1),
            (_text(ind.target, align=Align.CENTER), 1, 1),
            (_text(ind.actual, align=Align.CENTER), 1, 1),
        ]
        if qualitative:
            items.append((_text(ind.qualitative_note), 1, 1))
        items += [
            (_num(_points(ind.weight)), 1, 1),
            (_num(_points(result.used)), 1, 1),
            (_text(ind.deviation), 1, 1),
        ]
        yield items


def _grid(
    number: int,
    title: str,
    year: int,
    sheet: _Sheet,
    widths: tuple[float, ...],
    *,
    name: str = "",
    note: str = "",
) -> Grid:
    label = f"附件{number}"
    # Excel: at most 31 characters, none of []:*?/\, and no apostrophe at the end.
    tab = f"{label} {_SHEET_FORBIDDEN.sub('_', name)}"[:31].rstrip(" '")
    return Grid(
        number=label,
        title=title,
        org_label="",
        year_label=f"（{year}年度）",
        unit_label="",
        cells=tuple(tuple(r) for r in sheet.cells),
        merges=tuple(sheet.merges),
        header_rows=0,
        widths=_fit_widths(widths, sheet),
        note=note,
        no_data=False,
        landscape=False,
        label=label,
        sheet=tab,
    )


def _fit_widths(widths: tuple[float, ...], sheet: _Sheet) -> tuple[float, ...]:
    """Widen a column so the longest figure in its own (unmerged) cells fits: 元 figures
    of a large project are longer than the layout's widths, which suit 万元."""
    merged = {(m.row, m.col) for m in sheet.merges if m.cols > 1}
    out = list(widths)
    for r, row in enumerate(sheet.cells):
        for c, cell in enumerate(row):
            if cell.is_amount and (r, c) not in merged:
                out[c] = max(out[c], len(cell.text) * 1.15 + 1.5)
    return tuple(out)


# ---------------------------------------------------------------- 自评表 (one page)

#                A    B    C    D     E     F     G     H    I    J    K
_TABLE_WIDTHS = (9.0, 8.0, 9.0, 13.0, 9.0, 10.0, 10.0, 8.0, 7.0, 7.0, 13.0)


def _table_grid(project: SelfEval, e: Evaluation, number: int, fmt: _Format) -> Grid:
    s = _Sheet(len(_TABLE_WIDTHS))
    s.add_row([(_head("项目名称"), 1, 1), (_text(project.name), 10, 1)])
    s.add_row(
        [
            (_head("主管部门及代码"), 1, 1),
            (_text(project.department), 4, 1),
            (_head("预算单位"), 1, 1),
            (_text(project.unit), 5, 1),
        ]
    )
    _table_funding(s, project, e, fmt)
    s.add_row(
        [
            (_head("项目年度绩效目标"), 1, 2),
            (_head("年度目标"), 5, 1),
            (_head("实际完成情况"), 5, 1),
        ]
    )
    s.add_row([(_text(project.goal), 5, 1), (_text(project.achieved), 5, 1)])
    _table_indicators(s, project, e)
    _table_analysis(s, project)
    title = f"{project.name}项目支出绩效自评表"
    return _grid(number, title, fmt.year, s, _TABLE_WIDTHS, name=project.name, note=TABLE_NOTE)


def _table_funding(s: _Sheet, project: SelfEval, e: Evaluation, fmt: _Format) -> None:
    """资金来源 | 目标申报数, 预算编制数 | 全年预算数 | 全年执行数 | 结转结余 | 执行率 | 得分 |
    偏差原因: a 资金总额 row, then one row per 资金来源."""
    lines = project.funding
    s.add_row(
        [
            (_head(f"项目资金预算安排及执行进度（{fmt.unit}）"), 1, 3 + len(lines)),
            (_head("资金来源"), 1, 2),
            (_head("年初预算数"), 2, 1),
            (_head("全年预算数"), 1, 2),
            (_head("全年执行数"), 1, 2),
            (_head("资金结（转）余"), 1, 2),
            (_head("执行率（%）"), 2, 2),
            (_head("得分"), 1, 2),
            (_head("偏差原因"), 1, 2),
        ]
    )
    s.add_row([(_head("目标申报数"), 1, 1), (_head("预算编制数"), 1, 1)])
    total = Style.TOTAL
    # Without 全年预算数 there is no 执行得分 to earn: the 总分 counts it as 0, so does the cell.
    score = nz(e.rate_score)
    s.add_row(
        [
            (Cell("资金总额：", total, Align.CENTER), 1, 1),
            (_num(fmt.money(e.declared), total), 1, 1),
            (_num(fmt.money(e.budgeted), total), 1, 1),
            (_num(fmt.money(e.full_year), total), 1, 1),
            (_num(fmt.money(e.executed), total), 1, 1),
            (_num(fmt.money(e.carryover), total), 1, 1),
            (_rate_cell(e.rate, total), 2, 1),
            (_num(_points(score), total), 1, 1),
            (Cell(None, total), 1, 1),
        ]
    )
    for line in lines:
        rate = _line_rate(line)
        s.add_row(
            [
                (_text(line.source, align=Align.CENTER), 1, 1),
                (_num(fmt.money(line.declared)), 1, 1),
                (_num(fmt.money(line.budgeted)), 1, 1),
                (_num(fmt.money(line.full_year)), 1, 1),
                (_num(fmt.money(line.executed)), 1, 1),
                (_num(fmt.money(_carryover(line.full_year, line.executed))), 1, 1),
                (_rate_cell(rate), 2, 1),
                (_num(_points(rate_score(rate) if rate is not None else Decimal(0))), 1, 1),
                (_text(line.note), 1, 1),
            ]
        )


def _table_indicators(s: _Sheet, project: SelfEval, e: Evaluation) -> None:
    s.add_row(
        [
            (_head("绩效指标"), 1, 1 + len(project.indicators)),
            *[
                (_head(h), 1, 1)
                for h in (
                    "一级指标",
                    "二级指标",
                    "三级指标",
                    "年初指标值",
                    "调整后指标值",
                    "实际完成值",
                    "定性指标情况说明",
                    "分值",
                    "得分",
                    "偏差原因分析及改进措施",
                )
            ],
        ]
    )
    for items in _indicator_cells(project.indicators, e.indicators, qualitative=True):
        s.add_row(items)
    total = Style.TOTAL
    grade = e.grade.value if e.grade is not None else None
    s.add_row(
        [
            (Cell("总分", total, Align.CENTER), 8, 1),
            (_num(_points(HUNDRED), total), 1, 1),
            (_num(_points(e.total), total), 1, 1),
            (Cell(grade, total, Align.CENTER), 1, 1),
        ]
    )


_ANALYSIS = (
    ("implementation", "项目实施和预算执行情况"),
    ("output", "产出情况"),
    ("benefit", "效益情况"),
    ("satisfaction", "满意度情况"),
)
_MANAGEMENT = (
    ("experience", "主要经验做法"),
    ("problems", "项目管理中存在的主要问题及原因分析"),
    ("improvements", "下一步改进措施及管理建议"),
)


def _table_analysis(s: _Sheet, project: SelfEval) -> None:
    texts = project.texts
    rows = len(_ANALYSIS) + len(_MANAGEMENT)
    for i, (field, label) in enumerate(_ANALYSIS):
        lead: list[tuple[Cell, int, int]] = []
        if i == 0:
            lead = [(_head("项目绩效分析"), 1, rows), (_head("自评结果分析"), 1, len(_ANALYSIS))]
        text: str = getattr(texts, field)
        s.add_row([*lead, (_head(label), 2, 1), (_text(text), 7, 1)])
    for field, label in _MANAGEMENT:
        text = getattr(texts, field)
        s.add_row([(_head(label), 3, 1), (_text(text), 7, 1)])


# ---------------------------------------------------------------- 自评分析报告 (long form)

#                 A    B     C     D     E     F     G     H    I
_REPORT_WIDTHS = (7.0, 8.0, 12.0, 12.0, 12.0, 12.0, 13.0, 8.0, 13.0)


class _Prose:
    """Headings and paragraphs as rows merged across the sheet, unboxed."""

    def __init__(self, sheet: _Sheet) -> None:
        self.sheet = sheet

    def heading(self, text: str) -> None:
        self.sheet.add_row([(Cell(text, Style.HEADING), self.sheet.n_cols, 1)])

    def paragraphs(self, text: str) -> None:
        """One row per paragraph (long ones split at a sentence end), first line indented;
        a short numbered line such as 「（一）项目概况」 reads as a sub-heading."""
        lines = [p.strip() for p in text.splitlines() if p.strip()] or ["无"]
        for line in lines:
            if _SUBHEADING.match(line) and len(line) <= 20 and not line.endswith(_STOPS):
                self.heading(line)
                continue
            for i, chunk in enumerate(_chunks(line)):
                indent = "" if i else "　　"  # a continued paragraph is not indented again
                self.sheet.add_row([(Cell(indent + chunk, Style.TEXT), self.sheet.n_cols, 1)])


def _chunks(paragraph: str) -> Iterator[str]:
    if len(paragraph) <= PARAGRAPH_CHARS:
        yield paragraph
        return
    chunk = ""
    for sentence in _SENTENCE_END.split(paragraph):
        if chunk and len(chunk) + len(sentence) > PARAGRAPH_CHARS:
            yield chunk
            chunk = ""
        chunk += sentence
        while len(chunk) > PARAGRAPH_CHARS:  # one sentence longer than a row holds
            yield chunk[:PARAGRAPH_CHARS]
            chunk = chunk[PARAGRAPH_CHARS:]
    if chunk:
        yield chunk


def conclusion(project: SelfEval, e: Evaluation) -> str:
    """三、1. 项目自评得分和结论, worded as the 自评分析报告 words it."""

    def points(value: Decimal | None) -> str:
        return "（待评分）" if value is None else format_points(value)

    grade = f"属于“{e.grade.value}”" if e.grade is not None else "等级待定"
    return (
        f"综合考虑预算执行情况得分{points(nz(e.rate_score))}分、产出、效益、服务对象满意度各方面因素，"
        f"指标完成情况得分{points(e.indicator_total)}分，最终评分结果：{project.name}项目绩效自评价"
        f"结果为：总得分{points(e.total)}分，{grade}。"
    )


def _report_grid(project: SelfEval, e: Evaluation, number: int, fmt: _Format) -> Grid:
    s = _Sheet(len(_REPORT_WIDTHS))
    prose = _Prose(s)
    for label, value in (
        ("项目名称", project.name),
        ("项目单位", project.unit),
        ("主管部门", project.department),
    ):
        s.add_row([(Cell(f"{label}：{value}", Style.HEADING), s.n_cols, 1)])
    prose.heading("一、项目基本信息")
    basic = project.texts.basic_info.strip()
    prose.paragraphs(basic or f"（一）项目年度绩效目标\n{project.goal}")
    prose.heading("二、项目绩效完成情况")
    prose.heading("（一）预算执行情况")
    _report_funding(s, project, e, fmt)
    prose.heading("（二）绩效指标完成情况")
    _report_indicators(s, project, e)
    prose.heading("三、项目自评结果")
    t = project.texts
    sections = (
        ("1.项目自评得分和结论", conclusion(project, e)),
        ("2.全年目标实际完成情况", project.achieved),
        ("3.项目实施和预算执行情况分析", t.implementation),
        ("4.产出情况及分析", t.output),
        ("5.效益情况及分析", t.benefit),
        ("6.满意度情况及分析", t.satisfaction),
    )
    for heading, text in sections:
        prose.heading(heading)
        prose.paragraphs(text)
    for heading, text in (
        ("四、项目主要经验做法", t.experience),
        ("五、项目管理中存在的主要问题及原因分析", t.problems),
        ("六、下一步改进措施及管理建议", t.improvements),
    ):
        prose.heading(heading)
        prose.paragraphs(text)
    return _grid(number, "项目支出绩效自评分析报告", fmt.year, s, _REPORT_WIDTHS, name=project.name)


def _report_funding(s: _Sheet, project: SelfEval, e: Evaluation, fmt: _Format) -> None:
    """资金来源 | 目标申报 | 预算编制 | 全年预算数 | 全年执行数 | 结转结余 | 执行率 | 得分."""
    u = fmt.unit
    s.add_row(
        [
            (_head("资金来源"), 2, 2),
            (_head("年初预算数"), 2, 1),
            (_head(f"全年预算数（{u}）"), 1, 2),
            (_head(f"全年执行数（{u}）"), 1, 2),
            (_head(f"资金结（转）余（{u}）"), 1, 2),
            (_head("执行率（%）"), 1, 2),
            (_head("得分"), 1, 2),
        ]
    )
    s.add_row([(_head(f"目标申报（{u}）"), 1, 1), (_head(f"预算编制（{u}）"), 1, 1)])
    total = Style.TOTAL
    s.add_row(
        [
            (Cell("合计", total, Align.CENTER), 2, 1),
            (_num(fmt.money(e.declared), total), 1, 1),
            (_num(fmt.money(e.budgeted), total), 1, 1),
            (_num(fmt.money(e.full_year), total), 1, 1),
            (_num(fmt.money(e.executed), total), 1, 1),
            (_num(fmt.money(e.carryover), total), 1, 1),
            (_rate_cell(e.rate, total), 1, 1),
            (_num(_points(nz(e.rate_score)), total), 1, 1),
        ]
    )
    for line in project.funding:
        s.add_row(
            [
                (_text(line.source, align=Align.CENTER), 2, 1),
                (_num(fmt.money(line.declared)), 1, 1),
                (_num(fmt.money(line.budgeted)), 1, 1),
                (_num(fmt.money(line.full_year)), 1, 1),
                (_num(fmt.money(line.executed)), 1, 1),
                (_num(fmt.money(_carryover(line.full_year, line.executed))), 1, 1),
                (Cell(), 1, 1),
                (Cell(), 1, 1),
            ]
        )


def _report_indicators(s: _Sheet, project: SelfEval, e: Evaluation) -> None:
    s.add_row(
        [
            (_head("一级指标"), 1, 2),
            (_head("二级指标"), 1, 2),
            (_head("指标名称"), 1, 2),
            (_head("年度指标"), 2, 1),
            (_head("实际完成值"), 1, 2),
            (_head("权重"), 1, 2),
            (_head("得分"), 1, 2),
            (_head("偏差原因分析及改进措施"), 1, 2),
        ]
    )
    s.add_row([(_head("年初指标"), 1, 1), (_head("调整后指标"), 1, 1)])
    for items in _indicator_cells(project.indicators, e.indicators, qualitative=False):
        s.add_row(items)
    total = Style.TOTAL
    s.add_row(
        [
            (Cell("指标完成情况得分", total, Align.CENTER), 6, 1),
            (_num(_points(sum((i.weight for i in project.indicators), Decimal(0))), total), 1, 1),
            (_num(_points(e.indicator_total), total), 1, 1),
            (Cell(None, total), 1, 1),
        ]
    )


# ---------------------------------------------------------------- 部门（单位）整体支出绩效自评

#               A    B     C     D     E     F     G     H    I
_UNIT_WIDTHS = (7.0, 8.0, 12.0, 12.0, 12.0, 12.0, 12.0, 7.0, 14.0)


def _unit_grid(report: Report, u: UnitSelfEval, number: int, fmt: _Format) -> Grid:
    s = _Sheet(len(_UNIT_WIDTHS))
    s.add_row([(_head("单位名称"), 2, 1), (_text(report.unit.name), 7, 1)])
    s.add_row(
        [
            (_head(f"全年预算数（{fmt.unit}）"), 3, 1),
            (_head(f"全年执行数（{fmt.unit}）"), 2, 1),
            (_head("执行率（%）"), 2, 1),
            (_head("自评得分"), 2, 1),
        ]
    )
    s.add_row(
        [
            (_num(fmt.money(u.budget_total)), 3, 1),
            (_num(fmt.money(u.executed_total)), 2, 1),
            (_rate_cell(ratio(u.executed_total, u.budget_total)), 2, 1),
            (_num(_points(u.declared_score)), 2, 1),
        ]
    )
    for label, text in (("年度履职目标", u.duties_goal), ("年度主要任务", u.main_tasks)):
        if text.strip():
            s.add_row([(_head(label), 2, 1), (_text(text), 7, 1)])
    if u.indicators:
        s.add_row(
            [
                (_head(h), 1, 1)
                for h in (
                    "一级指标",
                    "二级指标",
                    "三级指标",
                    "年初指标值",
                    "调整后指标值",
                    "实际完成值",
                    "分值",
                    "得分",
                    "偏差原因分析及改进措施",
                )
            ]
        )
        scored = evaluate(SelfEval(name="", indicators=u.indicators)).indicators
        for items in _indicator_cells(u.indicators, scored, qualitative=False):
            s.add_row(items)
    s.add_row([(_head("自评综述"), 2, 1), (_text(u.summary), 7, 1)])
    title = "部门（单位）整体支出绩效自评表"
    return _grid(number, title, fmt.year, s, _UNIT_WIDTHS, name="部门整体支出绩效自评")


# ---------------------------------------------------------------- entry point


def self_eval_grids(report: Report, unit: AmountUnit | None = None) -> list[Grid]:
    """附件1… : one grid per project in the edition's layout, then the unit's self-evaluation.

    `unit` overrides the report's amount unit (as `tables.build_tables` does)."""
    layout = load_edition(report.unit.edition).self_eval_layout
    chosen: AmountUnit = unit or ("元" if report.unit.amount_unit == "元" else "万元")
    fmt = _Format(chosen, report.unit.year)
    build = _report_grid if layout == "report" else _table_grid
    grids = [
        build(project, evaluate(project), number, fmt)
        for number, project in enumerate(report.self_evals, start=1)
    ]
    if report.unit_self_eval is not None:
        grids.append(_unit_grid(report, report.unit_self_eval, len(grids) + 1, fmt))
    return grids


__all__ = ["NO_RATE", "TABLE_NOTE", "conclusion", "self_eval_grids"]
