"""Performance self-evaluation: each project's and the unit's figures and scores against the
scoring rules, and the projects' spending against the ledger.

    Report.self_evals ──self_eval.evaluate──> Evaluation ──rules──> [Finding]
    Report.unit_self_eval ──self_eval.evaluate_unit──> UnitEvaluation ──rules──> [Finding]
    Σ projects' 全年执行数 by 功能科目 / 资金性质 ──against Derived──> coverage findings

A project's findings point at it (`Location.row` is the project's name) and a field of it:
``funding`` for the project's totals, ``funding[i].executed`` for one 资金来源 row,
``indicators[i].score`` / ``.weight`` / ``.deviation`` / ``.actual`` for one 三级指标 (i from
0). The unit's overall evaluation is checked by the same rules — it has 资金来源 rows and
indicators exactly like a project — at Location(Form.UNIT_EVAL, "整体支出", field); only its
执行数 differs: the report's own spending, so a typed one is checked against it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from desktop.core.checks.findings import (
    Finding,
    Form,
    Location,
    Rule,
    Severity,
    mismatch,
    more_or_less,
    rule,
    yuan,
)
from desktop.core.derive import Derived
from desktop.core.model import FundingLine, FundKind, Indicator, Report, SelfEval
from desktop.core.money import WAN, Money, format_amount, nz, total
from desktop.core.self_eval import (
    INDICATOR_POINTS,
    RATE_POINTS,
    Comparator,
    IndicatorResult,
    evaluate,
    evaluate_unit,
    format_points,
    is_cost,
    overall_executed_key,
    parse_measure,
    score_indicator,
    target_text,
)
from desktop.core.vocabulary import FIELD_NAMES
from desktop.core.workpapers import Workpapers

UNIT_ROW = "整体支出"  # the row of the unit's overall evaluation's findings
FULL_MARKS = Decimal(100)


def _at(project: SelfEval, field: str) -> Location:
    return Location(Form.SELF_EVAL, project.name, field)


def _pts(value: Decimal) -> str:
    return f"{format_points(value)}分"


# ---------------------------------------------------------------- projects and the unit alike


@dataclass(frozen=True)
class _Subject:
    """A project, or the unit's overall evaluation, as the rules they share see it. Only
    what the typed rows say: the unit's 执行数 (the report's spending) is left to the rules
    that read the ledger, so an edit of the ledger re-runs none of these."""

    form: Form
    row: str
    funding: tuple[FundingLine, ...]
    indicators: tuple[Indicator, ...]
    scores: Callable[[], tuple[IndicatorResult, ...]]  # scored when a rule asks
    rate_weight: Decimal  # 预算执行 分值: 10 for a project, as typed for the unit

    def at(self, field: str) -> Location:
        return Location(self.form, self.row, field)

    @property
    def unit(self) -> bool:
        return self.form is Form.UNIT_EVAL

    def scored(self) -> Iterator[tuple[int, Indicator, IndicatorResult]]:
        results = self.scores()
        for i, ind in enumerate(self.indicators):
            yield i, ind, results[i]


def _project_scores(project: SelfEval, papers: Workpapers) -> tuple[IndicatorResult, ...]:
    # the scores are kept in the working papers: the rules share one scoring pass
    return evaluate(project, papers=papers).indicators


def _subjects(report: Report, d: Derived) -> Iterator[_Subject]:
    """Every project, then the unit's overall evaluation (if the report has one)."""
    papers = d.papers
    for project in report.self_evals:
        yield _Subject(
            Form.SELF_EVAL,
            project.name,
            project.funding,
            project.indicators,
            partial(_project_scores, project, papers),
            RATE_POINTS,
        )
    u = report.unit_self_eval
    if u is not None:
        indicators = u.indicators
        yield _Subject(
            Form.UNIT_EVAL,
            UNIT_ROW,
            u.funding,
            indicators,
            lambda: tuple(score_indicator(i) for i in indicators),
            u.rate_weight,
        )


def _funding_lines(report: Report, d: Derived) -> Iterator[tuple[_Subject, int, FundingLine]]:
    """Each 资金来源 row of every subject, with its index."""
    for s in _subjects(report, d):
        for i, line in enumerate(s.funding):
            yield s, i, line


def _indicators(report: Report, d: Derived) -> Iterator[tuple[_Subject, int, Indicator]]:
    """Each indicator of every subject, with its index."""
    for s in _subjects(report, d):
        for i, ind in enumerate(s.indicators):
            yield s, i, ind


def _scored(
    report: Report, d: Derived
) -> Iterator[tuple[_Subject, int, Indicator, IndicatorResult]]:
    """Each indicator of every subject, with its index and its score."""
    for s in _subjects(report, d):
        for i, ind, result in s.scored():
            yield s, i, ind, result


# the forms the rules over `_subjects` read
_SUBJECTS = (Form.SELF_EVAL, Form.UNIT_EVAL)


# ---------------------------------------------------------------- budget and execution


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


def _suspect(line: FundingLine) -> bool:
    """全年预算数 typed equal to 全年执行数 below a larger 年初预算数: the 执行数 copied into
    the budget's column (晋城 2022: 执行率 100% on every project) — or 0 beside a budget."""
    if line.full_year is None or line.budgeted is None:
        return False
    return line.full_year == nz(line.executed) and line.budgeted > line.full_year


@rule(
    "self_eval.full_year_suspect",
    Severity.WARNING,
    "全年预算数与全年执行数相同而小于年初预算数时，全年预算数可能误填为执行数",
    *_SUBJECTS,
)
def full_year_suspect(report: Report, d: Derived) -> Iterator[Finding]:
    for s, i, line in _funding_lines(report, d):
        if not _suspect(line):
            continue
        budget = line.budgeted
        assert budget is not None and line.full_year is not None
        yield full_year_suspect.finding(
            s.at(f"funding[{i}].full_year"),
            f"资金来源「{line.source}」全年预算数{yuan(line.full_year)}与全年执行数"
            f"{yuan(nz(line.executed))}相同，而年初预算数（预算编制数）为{yuan(budget)}，"
            f"多{format_amount(budget - line.full_year)}元：全年预算数是否误填为执行数？"
            "执行率和执行得分按全年预算数计算，请核对全年预算数",
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
        if e.full_year or any(_suspect(line) for line in project.funding):
            continue  # a 0 beside a 年初预算数 is full_year_suspect's
        shown = "未填" if e.full_year is None else "为0"
        yield budget_missing.finding(
            _at(project, "funding"),
            f"全年预算数{shown}，无法计算预算执行率（全年执行数{yuan(e.executed)}），"
            "执行得分按0分计；请核对全年预算数",
        )


@rule(
    "self_eval.budget_cut_unexplained",
    Severity.WARNING,
    "全年预算数低于年初预算数（预算调减）时需在偏差原因中说明",
    *_SUBJECTS,
)
def budget_cut_unexplained(report: Report, d: Derived) -> Iterator[Finding]:
    for s, i, line in _funding_lines(report, d):
        full_year, budget = line.full_year, line.budgeted
        if full_year is None or budget is None or full_year >= budget:
            continue
        if line.note.strip() or _suspect(line):
            continue
        yield budget_cut_unexplained.finding(
            s.at(f"funding[{i}].note"),
            f"资金来源「{line.source}」全年预算数{yuan(full_year)}比年初预算数"
            f"（预算编制数）{yuan(budget)}少{format_amount(budget - full_year)}元，"
            "预算调减需在偏差原因中说明",
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
    "self_eval.system_executed",
    Severity.WARNING,
    "系统查询全年执行数应等于各资金来源全年执行数之和",
    Form.SELF_EVAL,
)
def system_executed(report: Report, d: Derived) -> Iterator[Finding]:
    for project in report.self_evals:
        queried = project.system_executed
        if queried is None:
            continue
        executed = evaluate(project, papers=d.papers).executed
        if queried != nz(executed):
            yield system_executed.finding(
                _at(project, "system_executed"),
                f"系统查询全年执行数{yuan(queried)}与各资金来源全年执行数合计"
                f"{yuan(nz(executed))}不符，{more_or_less(queried - nz(executed))}：请核对",
            )


# ---------------------------------------------------------------- indicators and scores


@rule(
    "self_eval.score_range",
    Severity.ERROR,
    "指标得分应在0与分值之间",
    *_SUBJECTS,
)
def score_range(report: Report, d: Derived) -> Iterator[Finding]:
    for s, i, ind in _indicators(report, d):
        score = ind.score
        if score is None:
            continue
        if score > ind.weight:
            yield score_range.finding(
                s.at(f"indicators[{i}].score"),
                f"指标「{ind.level3}」得分应不超过分值{_pts(ind.weight)}，"
                f"实为{_pts(score)}，超出{_pts(score - ind.weight)}",
            )
        elif score < 0:
            yield score_range.finding(
                s.at(f"indicators[{i}].score"),
                f"指标「{ind.level3}」得分应不低于0分，实为{_pts(score)}",
            )


@rule(
    "self_eval.weights_total",
    Severity.WARNING,
    "各项绩效指标的分值合计应为90分（预算执行率占10分），整体自评指标分值与预算执行分值合计应为100分",
    *_SUBJECTS,
)
def weights_total(report: Report, d: Derived) -> Iterator[Finding]:
    for s in _subjects(report, d):
        if not s.indicators:
            continue  # 未评分: self_eval.unscored says so
        weights = sum((ind.weight for ind in s.indicators), Decimal(0))
        if not s.unit:
            if weights != INDICATOR_POINTS:
                yield weights_total.finding(
                    s.at("indicators"),
                    f"绩效指标分值合计应为{_pts(INDICATOR_POINTS)}，实为{_pts(weights)}，"
                    f"{more_or_less(weights - INDICATOR_POINTS, _pts)}",
                )
            continue
        full = s.rate_weight + weights
        if full != FULL_MARKS:
            yield weights_total.finding(
                s.at("indicators"),
                f"预算执行分值{_pts(s.rate_weight)}与各项指标分值合计{_pts(weights)}之和"
                f"应为{_pts(FULL_MARKS)}，实为{_pts(full)}，"
                f"{more_or_less(full - FULL_MARKS, _pts)}",
            )


@rule(
    "self_eval.deviation_missing",
    Severity.WARNING,
    "指标得分低于分值时需填写偏差原因分析及改进措施",
    *_SUBJECTS,
)
def deviation_missing(report: Report, d: Derived) -> Iterator[Finding]:
    for s, i, ind, result in _scored(report, d):
        used = result.used
        # An override is reported by override_unexplained, with the rule's figure.
        if used is None or result.overridden or ind.deviation.strip():
            continue
        if used < ind.weight:
            yield deviation_missing.finding(
                s.at(f"indicators[{i}].deviation"),
                f"指标「{ind.level3}」得分{_pts(used)}，比分值{_pts(ind.weight)}"
                f"{more_or_less(used - ind.weight, _pts)}，需填写偏差原因分析及改进措施",
            )


@rule(
    "self_eval.override_unexplained",
    Severity.WARNING,
    "改动了按评分规则计算的指标得分时需填写原因",
    *_SUBJECTS,
)
def override_unexplained(report: Report, d: Derived) -> Iterator[Finding]:
    for s, i, ind, result in _scored(report, d):
        typed, proposed = ind.score, result.proposed
        if not result.overridden or ind.deviation.strip():
            continue
        if typed is None or proposed is None or typed > ind.weight:
            continue  # a score above its weight is already an error of its own
        yield override_unexplained.finding(
            s.at(f"indicators[{i}].deviation"),
            f"指标「{ind.level3}」按评分规则应得{_pts(proposed)}，填报得分为{_pts(typed)}，"
            f"{more_or_less(typed - proposed, _pts, verb='填')}；"
            "改动得分需填写偏差原因分析及改进措施",
        )


NEAR_FULL = Decimal("0.9")  # a typed score at least this share of its 分值 is (near) full
FAR_BELOW = Decimal("0.8")  # a proposal under this share of the 分值 is far from full


@rule(
    "self_eval.override_implausible",
    Severity.WARNING,
    "实际完成情况远低于指标值时，即使写了原因，也不宜给满分或接近满分",
    *_SUBJECTS,
)
def override_implausible(report: Report, d: Derived) -> Iterator[Finding]:
    """A reason explains a shortfall; it does not earn the points the shortfall lost. Without
    a reason override_unexplained speaks; with one this stays a 警告 whatever it says."""
    for s, i, ind, result in _scored(report, d):
        typed, proposed = ind.score, result.proposed
        if typed is None or proposed is None or not ind.deviation.strip():
            continue
        if ind.weight <= 0 or typed > ind.weight:
            continue  # nothing to earn, or an error of its own (score_range)
        if typed >= ind.weight * NEAR_FULL and proposed < ind.weight * FAR_BELOW:
            yield override_implausible.finding(
                s.at(f"indicators[{i}].score"),
                f"指标「{ind.level3}」指标值{target_text(ind) or '（未填）'}、实际完成值"
                f"{ind.actual.strip() or '（未填）'}，按评分规则应得{_pts(proposed)}"
                f"（分值{_pts(ind.weight)}），填报得分却为{_pts(typed)}：偏差原因说明了差距，"
                "但不能因此得满分，请核对得分",
            )


# ---------------------------------------------------------------- a cost against the spending

_UNIT_COST_WORDS = ("单位", "人均", "每", "单价", "标准")
_AMOUNT_UNITS = ("元", "元/年")  # after 万元 is read as 元


def _amount(indicator: Indicator) -> tuple[Comparator | None, Decimal] | None:
    """A 成本指标's 实际完成值 as an amount in 元 (「≤218000元」, 「45」 beside 「≤105万元/年」),
    or None when it is no amount (a share, a count, 「达成预期指标」)."""
    actual = parse_measure(indicator.actual)
    if actual is None:
        return None
    unit = actual.unit
    if not unit:  # a bare number is in the target's unit
        target = parse_measure(target_text(indicator))
        if target is None:
            return None
        unit = target.unit
    value = actual.value
    if unit.startswith("万元"):
        value, unit = value * WAN, unit[1:]
    if unit not in _AMOUNT_UNITS:
        return None
    return actual.comparator, value


def _costs(
    rule_: Rule, at: Callable[[str], Location], indicators: Iterable[Indicator], executed: Decimal
) -> Iterator[Finding]:
    """The 成本指标 of one evaluation whose amount contradicts its 全年执行数."""
    for i, ind in enumerate(indicators):
        if not is_cost(ind):
            continue
        stated = _amount(ind)
        if stated is None:
            continue
        comparator, value = stated
        said = f"成本指标「{ind.level3}」实际完成值为{ind.actual.strip()}"
        if comparator is not None and comparator.ceiling:
            # 「≤X」 says the cost stayed within X; a unit cost (人均, 每…) may well be
            # below the total spent.
            if executed > value and not any(w in ind.level3 for w in _UNIT_COST_WORDS):
                yield rule_.finding(
                    at(f"indicators[{i}].actual"),
                    f"{said}（不超过{yuan(value)}），但全年执行数为{yuan(executed)}，"
                    f"多{format_amount(executed - value)}元：请核对实际完成值",
                )
        elif value > executed:
            yield rule_.finding(
                at(f"indicators[{i}].actual"),
                f"{said}（{yuan(value)}），但全年执行数只有{yuan(executed)}，"
                f"成本不能超过实际支出，多{format_amount(value - executed)}元："
                "请核对实际完成值",
            )


@rule(
    "self_eval.cost_vs_executed",
    Severity.WARNING,
    "以金额表示的成本指标实际完成值应与项目全年执行数相符",
    Form.SELF_EVAL,
)
def cost_vs_executed(report: Report, d: Derived) -> Iterator[Finding]:
    for project in report.self_evals:
        if not any(is_cost(ind) for ind in project.indicators):
            continue
        e = evaluate(project, papers=d.papers)
        if e.executed is None and not e.full_year:
            continue  # no figure at all yet: nothing to hold the cost against
        yield from _costs(
            cost_vs_executed,
            partial(_at, project),
            project.indicators,
            nz(e.executed),
        )


@rule(
    "self_eval.unit_cost_vs_executed",
    Severity.WARNING,
    "部门整体自评中以金额表示的成本指标实际完成值应与本报告的支出相符",
    Form.UNIT_EVAL,
    Form.LEDGER,  # its 执行数 is the report's spending
    Form.UNIT,
)
def unit_cost_vs_executed(report: Report, d: Derived) -> Iterator[Finding]:
    u = report.unit_self_eval
    if u is None or not any(is_cost(ind) for ind in u.indicators):
        return
    ev = evaluate_unit(report, d)
    assert ev is not None
    yield from _costs(
        unit_cost_vs_executed,
        lambda f: Location(Form.UNIT_EVAL, UNIT_ROW, f),
        u.indicators,
        nz(ev.executed),
    )


# ---------------------------------------------------------------- 未评分


@rule(
    "self_eval.unscored",
    Severity.WARNING,
    "项目未填写绩效指标（未评分），正式公开前需填写指标并评分",
    *_SUBJECTS,
    blocks=True,
)
def unscored(report: Report, d: Derived) -> Iterator[Finding]:
    for project in report.self_evals:
        if not project.indicators:
            yield unscored.finding(
                _at(project, "indicators"),
                "项目还没有绩效指标，未评分：不计总分和等级，也不计入等级统计；"
                "正式公开前请填写绩效指标并评分",
            )
    u = report.unit_self_eval
    if u is not None and not u.indicators and u.declared_score is None:
        yield unscored.finding(
            Location(Form.UNIT_EVAL, UNIT_ROW, "indicators"),
            "部门整体自评还没有绩效指标，也没有填写自评得分，未评分；"
            "正式公开前请填写绩效指标并评分（没有分项指标时填写自评得分）",
        )


# ---------------------------------------------------------------- the unit as a whole


def _spending_name(key: str) -> str:
    """The report's spending total the edition takes as the unit's 执行数, in words."""
    return {"spending.total": "本年支出合计", "fiscal.total": "财政拨款支出合计"}.get(
        key, FIELD_NAMES[Form.LEDGER].get(key, key)
    )


@rule(
    "self_eval.unit_overall",
    Severity.WARNING,
    "部门整体自评：执行数不超过预算数，自评得分在0到100分之间",
    Form.UNIT_EVAL,
    Form.LEDGER,  # its 执行数 is the report's spending
    Form.UNIT,  # the edition names which spending
)
def unit_overall(report: Report, d: Derived) -> Iterator[Finding]:
    ev = evaluate_unit(report, d)
    if ev is None or report.unit_self_eval is None:
        return
    if ev.full_year is not None and nz(ev.executed) > ev.full_year:
        yield unit_overall.finding(
            Location(Form.UNIT_EVAL, UNIT_ROW, "funding"),
            f"部门整体全年执行数{yuan(ev.executed)}超过全年预算数{yuan(ev.full_year)}，"
            f"超出{format_amount(nz(ev.executed) - ev.full_year)}元，请核对或说明",
        )
    score = report.unit_self_eval.declared_score
    if score is not None and not Decimal(0) <= score <= FULL_MARKS:
        yield unit_overall.finding(
            Location(Form.UNIT_EVAL, "自评得分", "declared_score"),
            f"部门整体自评得分{_pts(score)}不在0到100分之间",
        )


@rule(
    "self_eval.unit_executed",
    Severity.ERROR,
    "部门整体自评的全年执行数应为本报告的支出数",
    Form.UNIT_EVAL,
    Form.LEDGER,
    Form.UNIT,
)
def unit_executed(report: Report, d: Derived) -> Iterator[Finding]:
    ev, u = evaluate_unit(report, d), report.unit_self_eval
    if ev is None or u is None or all(line.executed is None for line in u.funding):
        return
    typed = total(line.executed for line in u.funding)
    if nz(typed) != nz(ev.executed):
        name = _spending_name(overall_executed_key(report))
        yield unit_executed.finding(
            Location(Form.UNIT_EVAL, UNIT_ROW, "funding"),
            f"部门整体自评各资金来源的全年执行数合计{mismatch(ev.executed, typed)}："
            f"整体自评的执行数是本报告收入支出表的{name}{yuan(nz(ev.executed))}",
        )


@rule(
    "self_eval.unit_declared_score",
    Severity.WARNING,
    "部门整体自评有绩效指标时，填写的自评得分应等于按指标计算的总分",
    Form.UNIT_EVAL,
    Form.LEDGER,
    Form.UNIT,
)
def unit_declared_score(report: Report, d: Derived) -> Iterator[Finding]:
    ev, u = evaluate_unit(report, d), report.unit_self_eval
    if ev is None or u is None or u.declared_score is None or not ev.from_indicators:
        return
    computed = ev.total
    if computed is not None and u.declared_score != computed:
        yield unit_declared_score.finding(
            Location(Form.UNIT_EVAL, UNIT_ROW, "declared_score"),
            f"填写的自评得分为{_pts(u.declared_score)}，按预算执行得分和各项指标得分计算的总分"
            f"为{_pts(computed)}，{more_or_less(u.declared_score - computed, _pts, verb='填')}："
            "有绩效指标时以计算的总分为准，请核对或删去填写的得分",
        )


# ---------------------------------------------------------------- coverage against the ledger

# 资金性质 → the ledger's 项目支出 paid from that budget (国有资本 and 政府性基金 alike)
_FUND_LEDGER = {
    FundKind.GENERAL: "fiscal.general_project",
    FundKind.GOV_FUND: "fiscal.fund_project",
    FundKind.STATE_CAPITAL: "fiscal.capital_project",
}


def _names(projects: list[SelfEval]) -> str:
    shown = "、".join(f"「{p.name}」" for p in projects[:3])
    return shown + (f"等{len(projects)}个项目" if len(projects) > 3 else "")


@rule(
    "self_eval.coverage_total",
    Severity.ERROR,
    "各项目全年执行数合计不应超过本单位项目支出",
    Form.SELF_EVAL,
    Form.LEDGER,
)
def coverage_total(report: Report, d: Derived) -> Iterator[Finding]:
    if not report.self_evals:
        return
    executed = total(evaluate(p, papers=d.papers).executed for p in report.self_evals)
    spending = d.totals["spending.project"]
    if executed is not None and executed > nz(spending):
        yield coverage_total.finding(
            Location(Form.SELF_EVAL, "", "funding"),
            f"{len(report.self_evals)}个自评项目的全年执行数合计{yuan(executed)}，超过收入支出表"
            f"的项目支出合计{yuan(nz(spending))}，多{format_amount(executed - nz(spending))}元："
            "项目的执行数都应包含在本单位的项目支出中，请核对",
        )


def _by_code(report: Report) -> dict[str, list[SelfEval]]:
    """The projects coded to each 功能分类 项, in the order they are listed."""
    out: dict[str, list[SelfEval]] = {}
    for p in report.self_evals:
        code = p.code.strip()
        if len(code) == 7:  # any other code is no 项: the form refuses it
            out.setdefault(code, []).append(p)
    return out


def _coded(report: Report, d: Derived) -> Iterator[tuple[str, list[SelfEval], Decimal, Money]]:
    """Per 项 projects are coded to: the projects, their Σ 全年执行数, the ledger's 项目支出."""
    for code, projects in _by_code(report).items():
        executed = nz(total(evaluate(p, papers=d.papers).executed for p in projects))
        yield code, projects, executed, d.line(code)["spending.project"]


def _subject(d: Derived, code: str) -> str:
    return f"功能分类科目{code} {d.name(code)}".rstrip()


@rule(
    "self_eval.coverage_code",
    Severity.ERROR,
    "按功能分类科目，项目全年执行数合计不应超过该科目的项目支出",
    Form.SELF_EVAL,
    Form.LEDGER,
    Form.UNIT,  # the catalog's names of the year
)
def coverage_code(report: Report, d: Derived) -> Iterator[Finding]:
    for code, projects, executed, spending in _coded(report, d):
        if executed <= nz(spending):
            continue
        if spending is None:
            yield coverage_code.finding(
                _at(projects[0], "code"),
                f"{_names(projects)}编为{_subject(d, code)}，全年执行数合计{yuan(executed)}，"
                "但收入支出表中该科目没有项目支出：请核对项目的功能分类科目",
            )
            continue
        yield coverage_code.finding(
            Location(Form.LEDGER, code, "spending.project"),
            f"编为{_subject(d, code)}的{_names(projects)}全年执行数合计{yuan(executed)}，超过"
            f"收入支出表中该科目的项目支出{yuan(spending)}，多{format_amount(executed - spending)}"
            "元：请核对项目的功能分类科目或收入支出表",
        )


@rule(
    "self_eval.coverage_gap",
    Severity.HINT,
    "按功能分类科目，项目支出中未开展绩效自评的部分",
    Form.SELF_EVAL,
    Form.LEDGER,
    Form.UNIT,
)
def coverage_gap(report: Report, d: Derived) -> Iterator[Finding]:
    """Less evaluated than spent is advice: not every project must be evaluated."""
    for code, projects, executed, spending in _coded(report, d):
        if spending is not None and executed < spending:
            yield coverage_gap.finding(
                Location(Form.LEDGER, code, "spending.project"),
                f"收入支出表中{_subject(d, code)}的项目支出{yuan(spending)}，编为该科目的"
                f"{_names(projects)}全年执行数合计{yuan(executed)}，"
                f"还有{format_amount(spending - executed)}元的项目支出未开展绩效自评",
            )


@rule(
    "self_eval.coverage_fund",
    Severity.ERROR,
    "按资金性质，项目全年执行数合计不应超过财政拨款相应的项目支出",
    Form.SELF_EVAL,
    Form.LEDGER,
)
def coverage_fund(report: Report, d: Derived) -> Iterator[Finding]:
    by_kind: dict[FundKind, list[SelfEval]] = {}
    for p in report.self_evals:
        if p.fund_kind in _FUND_LEDGER:
            by_kind.setdefault(p.fund_kind, []).append(p)
    for kind, projects in by_kind.items():
        key = _FUND_LEDGER[kind]
        executed = nz(total(evaluate(p, papers=d.papers).executed for p in projects))
        spending = nz(d.totals[key])
        if executed > spending:
            yield coverage_fund.finding(
                _at(projects[0], "fund_kind"),
                f"资金性质为{kind.value}的{_names(projects)}全年执行数合计{yuan(executed)}，"
                f"超过收入支出表的{FIELD_NAMES[Form.LEDGER][key]}{yuan(spending)}，"
                f"多{format_amount(executed - spending)}元：请核对项目的资金性质或收入支出表",
            )


RULES = (
    rate_over_100,
    full_year_suspect,
    budget_missing,
    budget_cut_unexplained,
    line_overspent,
    system_executed,
    score_range,
    weights_total,
    deviation_missing,
    override_unexplained,
    override_implausible,
    cost_vs_executed,
    unit_cost_vs_executed,
    unscored,
    unit_overall,
    unit_executed,
    unit_declared_score,
    coverage_total,
    coverage_code,
    coverage_gap,
    coverage_fund,
)
