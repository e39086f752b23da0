"""项目支出绩效自评: the figures and scores of each project against the scoring rules.

    Report.self_evals ──self_eval.evaluate──> Evaluation ──rules──> [Finding]

Each finding points at a project (`Location.row` is the project's name) and a field of
it: ``funding`` for the project's totals, ``funding[i].executed`` for one 资金来源 row,
``indicators[i].score`` / ``.weight`` / ``.deviation`` for one 三级指标 (i from 0).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from desktop.core.checks.findings import Finding, Form, Location, Severity, more_or_less, rule, yuan
from desktop.core.derive import Derived
from desktop.core.model import Indicator, Report, SelfEval
from desktop.core.money import format_amount, nz
from desktop.core.self_eval import (
    INDICATOR_POINTS,
    IndicatorResult,
    evaluate,
    format_points,
)


def _at(project: SelfEval, field: str) -> Location:
    return Location(Form.SELF_EVAL, project.name, field)


def _scored(project: SelfEval, d: Derived) -> Iterator[tuple[int, Indicator, IndicatorResult]]:
    # the scores are kept in the working papers, so the rules share one scoring pass
    results = evaluate(project, papers=d.papers).indicators
    yield from (
        (i, ind, res) for i, (ind, res) in enumerate(zip(project.indicators, results, strict=True))
    )


def _pts(value: Decimal) -> str:
    return f"{format_points(value)}分"


@rule(
    "self_eval.rate_over_100",
    Severity.WARNING,
    "项目全年执行数不应超过全年预算数（执行率超过100%需说明原因）",
    Form.SELF_EVAL,
)
def rate_over_100(report: Report, d: Derived) -> Iterator[Finding]:
    for project in report.self_evals:
        e = evaluate(project, papers=d.papers)
        if e.rate is not None and e.rate > 100:
            yield rate_over_100.finding(
                _at(project, "funding"),
                f"预算执行率为{e.rate}%，超过100%：全年执行数应不超过全年预算数"
                f"{yuan(e.full_year)}，实为{yuan(e.executed)}，"
                f"超出{format_amount(nz(e.executed) - nz(e.full_year))}元",
            )


@rule(
    "self_eval.budget_missing",
    Severity.WARNING,
    "项目全年预算数为空或为0时无法计算预算执行率，执行得分按0分计",
    Form.SELF_EVAL,
)
def budget_missing(report: Report, d: Derived) -> Iterator[Finding]:
    for project in report.self_evals:
        e = evaluate(project, papers=d.papers)
        if not e.full_year:
            shown = "未填" if e.full_year is None else "为0"
            yield budget_missing.finding(
                _at(project, "funding"),
                f"全年预算数{shown}，无法计算预算执行率（全年执行数{yuan(e.executed)}），"
                "执行得分按0分计；请核对全年预算数",
            )


@rule(
    "self_eval.line_overspent",
    Severity.WARNING,
    "每个资金来源的全年执行数不应超过其全年预算数",
    Form.SELF_EVAL,
)
def line_overspent(report: Report, d: Derived) -> Iterator[Finding]:
    for project in report.self_evals:
        # With one 资金来源 its row is the project's total: rate_over_100 says it already.
        if len(project.funding) < 2:
            continue
        for i, line in enumerate(project.funding):
            if line.executed is not None and line.executed > nz(line.full_year):
                yield line_overspent.finding(
                    _at(project, f"funding[{i}].executed"),
                    f"资金来源「{line.source}」全年执行数应不超过全年预算数"
                    f"{yuan(line.full_year)}，实为{yuan(line.executed)}，"
                    f"超出{format_amount(line.executed - nz(line.full_year))}元",
                )


@rule(
    "self_eval.score_range",
    Severity.ERROR,
    "指标得分应在0与分值之间",
    Form.SELF_EVAL,
)
def score_range(report: Report, d: Derived) -> Iterator[Finding]:
    for project in report.self_evals:
        for i, ind in enumerate(project.indicators):
            score = ind.score
            if score is None:
                continue
            if score > ind.weight:
                yield score_range.finding(
                    _at(project, f"indicators[{i}].score"),
                    f"指标「{ind.level3}」得分应不超过分值{_pts(ind.weight)}，"
                    f"实为{_pts(score)}，超出{_pts(score - ind.weight)}",
                )
            elif score < 0:
                yield score_range.finding(
                    _at(project, f"indicators[{i}].score"),
                    f"指标「{ind.level3}」得分应不低于0分，实为{_pts(score)}",
                )


@rule(
    "self_eval.weights_total",
    Severity.WARNING,
    "各项绩效指标的分值合计应为90分（预算执行率占10分）",
    Form.SELF_EVAL,
)
def weights_total(report: Report, d: Derived) -> Iterator[Finding]:
    for project in report.self_evals:
        weights = sum((ind.weight for ind in project.indicators), Decimal(0))
        if weights != INDICATOR_POINTS:
            yield weights_total.finding(
                _at(project, "indicators"),
                f"绩效指标分值合计应为{_pts(INDICATOR_POINTS)}，实为{_pts(weights)}，"
                f"{more_or_less(weights - INDICATOR_POINTS, _pts)}",
            )


@rule(
    "self_eval.deviation_missing",
    Severity.WARNING,
    "指标得分低于分值时需填写偏差原因分析及改进措施",
    Form.SELF_EVAL,
)
def deviation_missing(report: Report, d: Derived) -> Iterator[Finding]:
    for project in report.self_evals:
        for i, ind, result in _scored(project, d):
            used = result.used
            # An override is reported by override_unexplained, with the rule's figure.
            if used is None or result.overridden or ind.deviation.strip():
                continue
            if used < ind.weight:
                yield deviation_missing.finding(
                    _at(project, f"indicators[{i}].deviation"),
                    f"指标「{ind.level3}」得分{_pts(used)}，比分值{_pts(ind.weight)}"
                    f"{more_or_less(used - ind.weight, _pts)}，需填写偏差原因分析及改进措施",
                )


@rule(
    "self_eval.override_unexplained",
    Severity.WARNING,
    "改动了按评分规则计算的指标得分时需填写原因",
    Form.SELF_EVAL,
)
def override_unexplained(report: Report, d: Derived) -> Iterator[Finding]:
    for project in report.self_evals:
        for i, ind, result in _scored(project, d):
            typed, proposed = ind.score, result.proposed
            if not result.overridden or ind.deviation.strip():
                continue
            if typed is None or proposed is None or typed > ind.weight:
                continue  # a score above its weight is already an error of its own
            yield override_unexplained.finding(
                _at(project, f"indicators[{i}].deviation"),
                f"指标「{ind.level3}」按评分规则应得{_pts(proposed)}，填报得分为{_pts(typed)}，"
                f"{more_or_less(typed - proposed, _pts, verb='填')}；"
                "改动得分需填写偏差原因分析及改进措施",
            )


@rule(
    "self_eval.unit_overall",
    Severity.WARNING,
    "部门整体自评：执行数不超过预算数，自评得分在0到100分之间",
    Form.UNIT_EVAL,
)
def unit_overall(report: Report, d: Derived) -> Iterator[Finding]:
    ev = report.unit_self_eval
    if ev is None:
        return
    if ev.budget_total is not None and nz(ev.executed_total) > ev.budget_total:
        yield unit_overall.finding(
            Location(Form.UNIT_EVAL, "整体支出", "executed_total"),
            f"部门整体全年执行数{yuan(ev.executed_total)}超过全年预算数{yuan(ev.budget_total)}，"
            f"超出{format_amount(nz(ev.executed_total) - ev.budget_total)}元，请核对或说明",
        )
    score = ev.declared_score
    if score is not None and not Decimal(0) <= score <= Decimal(100):
        yield unit_overall.finding(
            Location(Form.UNIT_EVAL, "自评得分", "declared_score"),
            f"部门整体自评得分{_pts(score)}不在0到100分之间",
        )


RULES = (
    rate_over_100,
    budget_missing,
    line_overspent,
    score_range,
    weights_total,
    deviation_missing,
    override_unexplained,
    unit_overall,
)
