"""项目支出绩效自评: the scoring engine, pure functions over the model.

    SelfEval ──evaluate()──> Evaluation   资金 totals, 结转结余, 执行率, 执行得分,
                                          one IndicatorResult per 三级指标, 总分, 等级
    Report + Derived ──summary()──> PerformanceSummary   the figures of 情况说明 十(四)

The engine *proposes*; the officer decides. Each indicator's proposal follows the rules
of DOMAIN.md ("Scoring of a project self-evaluation"); a typed 得分 wins over it and is
reported as an override when it differs. Nothing here raises for a user's mistake: what
cannot be scored comes back as None, and `desktop.core.checks.self_eval` says why.
Every figure is a `Decimal` rounded to 2 decimals half-up; no float anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from types import MappingProxyType

from desktop.core.derive import Derived
from desktop.core.model import Indicator, Report, SelfEval
from desktop.core.money import CENT, ZERO, Money, nz, ratio, total
from desktop.core.workpapers import SCORES_MAX, Workpapers

HUNDRED = Decimal(100)
RATE_POINTS = Decimal(10)  # 预算执行率 carries 10 of the 100 points
INDICATOR_POINTS = Decimal(90)  # the indicators carry the other 90
HALF = Decimal("0.5")


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def format_points(value: Decimal) -> str:
    """A score as the tables print it: ``10``, ``4.3``, ``9.69`` (no trailing zeros)."""
    text = f"{_round(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# ---------------------------------------------------------------- 指标值 parsing


class Comparator(StrEnum):
    GE = "≥"
    LE = "≤"
    EQ = "="
    GT = ">"
    LT = "<"

    @property
    def ceiling(self) -> bool:
        """≤ and < targets are met by staying at or under the value."""
        return self in (Comparator.LE, Comparator.LT)


# Longest spellings first so that ">=" is not read as ">" followed by "=". Text has been
# NFKC-normalized, which already turns full-width ＞＝＜ into ASCII.
_COMPARATORS: tuple[tuple[str, Comparator], ...] = (
    ("大于等于", Comparator.GE),
    ("小于等于", Comparator.LE),
    ("不低于", Comparator.GE),
    ("不少于", Comparator.GE),
    ("不高于", Comparator.LE),
    ("不超过", Comparator.LE),
    ("不多于", Comparator.LE),
    (">=", Comparator.GE),
    ("<=", Comparator.LE),
    ("==", Comparator.EQ),
    ("≥", Comparator.GE),
    ("≧", Comparator.GE),
    ("⩾", Comparator.GE),
    ("≤", Comparator.LE),
    ("≦", Comparator.LE),
    ("⩽", Comparator.LE),
    ("=", Comparator.EQ),
    (">", Comparator.GT),
    ("<", Comparator.LT),
    ("大于", Comparator.GT),
    ("小于", Comparator.LT),
    ("等于", Comparator.EQ),
)

# A number with optional thousands separators, then a unit without digits: "18,600元",
# "0.5小时", "105万元/年". A unit holding digits ("2024年12月") is a date, not a measure.
_MEASURE = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([^\d]*)$")
_UNIT_SYNONYMS = {"百分比": "%", "百分点": "%"}


@dataclass(frozen=True)
class Measure:
    """A parsed 指标值: ``≤18600元`` → (≤, 18600, 元). No comparator means none was written."""

    comparator: Comparator | None
    value: Decimal
    unit: str


def parse_measure(text: str) -> Measure | None:
    """Read an indicator value as written; None when it is not a single number with a unit."""
    s = unicodedata.normalize("NFKC", text).replace(" ", "").strip()
    comparator: Comparator | None = None
    for spelling, comp in _COMPARATORS:
        if s.startswith(spelling):
            comparator, s = comp, s[len(spelling) :]
            break
    m = _MEASURE.match(s)
    if m is None:
        return None
    number = m.group(1).replace(",", "") + (m.group(2) or "")
    unit = m.group(3).strip()
    return Measure(comparator, Decimal(number), _UNIT_SYNONYMS.get(unit, unit))


def _scaled(measure: Measure) -> tuple[Decimal, str]:
    """Value and unit with 万元 expressed in 元, so "≤105万元" and "450000元" compare."""
    if measure.unit.startswith("万元"):
        return measure.value * 10000, measure.unit[1:]
    return measure.value, measure.unit


def _comparable(target: Measure, actual: Measure) -> tuple[Decimal, Decimal] | None:
    """Target and actual in one unit; a bare number takes the other side's unit."""
    if not target.unit or not actual.unit:
        return target.value, actual.value
    (t, tu), (a, au) = _scaled(target), _scaled(actual)
    return (t, a) if tu == au else None


# ---------------------------------------------------------------- 达成 wording

# The wording of the 实际完成值 column for judged indicators, and the share of the weight
# each earns. "未…" must be tried before the full forms it contains.
_ACHIEVEMENT: tuple[tuple[frozenset[str], Decimal], ...] = (
    (
        frozenset(
            {
                "未达成预期指标且效果较差",
                "未完成预期指标且效果较差",
                "未达成预期指标",
                "未完成预期指标",
                "未达成",
                "未完成",
            }
        ),
        ZERO,
    ),
    (
        frozenset(
            {
                "部分达成预期指标并具有一定效果",
                "部分达成预期指标",
                "部分完成预期指标",
                "部分达成",
                "部分完成",
            }
        ),
        HALF,
    ),
    (
        frozenset(
            {
                "达成预期指标",
                "已达成预期指标",
                "达到预期指标",
                "全部达成预期指标",
                "全部达成",
                "完成预期指标",
                "已完成预期指标",
                "全部完成",
                "已完成",
                "完成",
                "达成",
            }
        ),
        Decimal(1),
    ),
)


def achievement(text: str) -> Decimal | None:
    """Share of the weight a judged 实际完成值 earns (1, 0.5, 0); None if it is no such phrase."""
    s = unicodedata.normalize("NFKC", text).replace(" ", "").strip().rstrip("。.")
    for phrases, share in _ACHIEVEMENT:
        if s in phrases:
            return share
    return None


# ---------------------------------------------------------------- one indicator


def is_cost(indicator: Indicator) -> bool:
    """成本指标: spending less than the target is never a shortfall."""
    return "成本" in indicator.level1 or "成本" in indicator.level2


def target_text(indicator: Indicator) -> str:
    """The value scored against: 调整后指标值, or 年初指标值 when it was not adjusted."""
    return indicator.target.strip() or indicator.initial_value.strip()


def propose(indicator: Indicator) -> Decimal | None:
    """The score the rules give `indicator`; None when only the officer can judge it."""
    share = achievement(indicator.actual)
    if share is not None:
        return _round(indicator.weight * share)
    target = parse_measure(target_text(indicator))
    actual = parse_measure(indicator.actual)
    if target is None or actual is None:
        return None
    pair = _comparable(target, actual)
    if pair is None:
        return None
    ceiling = target.comparator is not None and target.comparator.ceiling
    # An "=" (or bare) cost target names the budgeted cost: coming in under it is a
    # saving, not a shortfall, so it is met as a "≤" one is.
    if target.comparator in (Comparator.EQ, None) and is_cost(indicator):
        ceiling = True
    return _quantitative(indicator.weight, *pair, ceiling=ceiling)


def _quantitative(weight: Decimal, target: Decimal, actual: Decimal, *, ceiling: bool) -> Decimal:
    """weight × min(actual/target, 1); for a ceiling, full when under it, else × target/actual."""
    if ceiling:
        if actual <= target:
            return _round(weight)
        return _round(weight * target / actual)
    if target <= 0:
        # Nothing to fall short of: any actual ≥ 0 meets a zero (or negative) target.
        return _round(weight) if actual >= target else ZERO
    return _round(weight * min(actual / target, Decimal(1)))


@dataclass(frozen=True)
class IndicatorResult:
    """One 三级指标 scored: the rule's proposal, the score used, and what the officer owes."""

    proposed: Decimal | None  # None: the rules cannot judge it, the officer must
    used: Decimal | None  # the typed 得分, else the proposal
    overridden: bool  # a typed 得分 that differs from the proposal
    needs_reason: bool  # below its weight or overridden, with no 偏差原因 written


def score_indicator(indicator: Indicator) -> IndicatorResult:
    proposed = propose(indicator)
    typed = indicator.score
    used = typed if typed is not None else proposed
    overridden = typed is not None and proposed is not None and typed != proposed
    below = used is not None and used < indicator.weight
    return IndicatorResult(
        proposed=proposed,
        used=used,
        overridden=overridden,
        needs_reason=(below or overridden) and not indicator.deviation.strip(),
    )


# ---------------------------------------------------------------- one project


class Grade(StrEnum):
    EXCELLENT = "优"
    GOOD = "良"
    FAIR = "中"
    POOR = "差"


_GRADE_FLOORS = (
    (Decimal(90), Grade.EXCELLENT),
    (Decimal(80), Grade.GOOD),
    (Decimal(60), Grade.FAIR),
)


def grade_of(total_score: Decimal) -> Grade:
    """等级: ≥90 优, ≥80 良, ≥60 中, else 差 (a boundary belongs to the higher grade)."""
    for floor, grade in _GRADE_FLOORS:
        if total_score >= floor:
            return grade
    return Grade.POOR


def rate_score(rate: Decimal) -> Decimal:
    """执行得分 = min(执行率, 100%) × 10, from the *printed* (rounded) 执行率 so that the
    two printed figures agree with each other."""
    capped = min(max(rate, ZERO), HUNDRED)
    return _round(capped * RATE_POINTS / HUNDRED)


@dataclass(frozen=True)
class Evaluation:
    """A project's self-evaluation as the engine scores it (amounts in 元)."""

    name: str
    declared: Money  # Σ 年初预算数：目标申报数
    budgeted: Money  # Σ 年初预算数：预算编制数
    full_year: Money  # Σ 全年预算数
    executed: Money  # Σ 全年执行数
    carryover: Money  # 结转结余 = 全年预算数 − 全年执行数
    rate: Decimal | None  # 执行率 %, None when 全年预算数 is missing or 0
    rate_score: Decimal | None  # 执行得分, None with the rate
    indicators: tuple[IndicatorResult, ...]
    indicator_total: Decimal | None  # Σ used scores; None while one awaits the officer
    total: Decimal | None  # 总分, within 0…100
    grade: Grade | None

    @property
    def overrides(self) -> int:
        return sum(1 for r in self.indicators if r.overridden)


def evaluate(project: SelfEval, *, papers: Workpapers | None = None) -> Evaluation:
    """Score one project. With `papers` the scores are kept there by the project's
    identity (records are frozen), since every check rule over the self-evaluations, the
    form and the text ask for the same scores."""
    if papers is None:
        return _evaluate(project)
    scores = papers.scores
    hit = scores.get(id(project))
    if hit is not None and hit[0] is project:
        return hit[1]
    result = _evaluate(project)
    if len(scores) >= SCORES_MAX:
        scores.clear()
    scores[id(project)] = (project, result)
    return result


def _evaluate(project: SelfEval) -> Evaluation:
    lines = project.funding
    full_year = total(f.full_year for f in lines)
    executed = total(f.executed for f in lines)
    # A blank 执行数 beside a budget means nothing was spent (tables print 0 as blank).
    rate = ratio(nz(executed), full_year) if full_year else None
    points = rate_score(rate) if rate is not None else None
    results = tuple(score_indicator(i) for i in project.indicators)
    indicator_total = _sum_used(results)
    project_total = _project_total(points, indicator_total)
    return Evaluation(
        name=project.name,
        declared=total(f.declared for f in lines),
        budgeted=total(f.budgeted for f in lines),
        full_year=full_year,
        executed=executed,
        carryover=None if full_year is None else full_year - nz(executed),
        rate=rate,
        rate_score=points,
        indicators=results,
        indicator_total=indicator_total,
        total=project_total,
        grade=None if project_total is None else grade_of(project_total),
    )


def _sum_used(results: Iterable[IndicatorResult]) -> Decimal | None:
    used = [r.used for r in results]
    if any(u is None for u in used):
        return None
    return _round(sum((u for u in used if u is not None), ZERO))


def _project_total(points: Decimal | None, indicator_total: Decimal | None) -> Decimal | None:
    if indicator_total is None:
        return None
    # Without a 全年预算数 there is no 执行率 to earn points from: 执行得分 counts as 0
    # (a finding tells the officer), as the published reports print it.
    raw = nz(points) + indicator_total
    return _round(min(max(raw, ZERO), HUNDRED))


def evaluate_all(report: Report, *, papers: Workpapers | None = None) -> tuple[Evaluation, ...]:
    return tuple(evaluate(p, papers=papers) for p in report.self_evals)


# ---------------------------------------------------------------- the unit's figures


@dataclass(frozen=True)
class PerformanceSummary:
    """What 情况说明 十(四) 预算绩效情况说明 states about the self-evaluations."""

    projects: int  # 二级项目绩效自评个数
    funds: Money  # 涉及资金: Σ 全年预算数 of those projects
    executed: Money  # Σ 全年执行数 of those projects
    project_spending: Money  # 项目支出 of the unit (公开03)
    share: Decimal | None  # funds / 项目支出, %
    grades: Mapping[Grade, int]  # every grade present, 0 when none
    ungraded: int  # projects whose 总分 still awaits the officer
    unit_score: Decimal | None  # 部门整体支出绩效自评得分


def summary(report: Report, derived: Derived) -> PerformanceSummary:
    evaluations = evaluate_all(report, papers=derived.papers)
    funds = total(e.full_year for e in evaluations)
    spending = derived.totals["spending.project"]
    counts = dict.fromkeys(Grade, 0)
    for e in evaluations:
        if e.grade is not None:
            counts[e.grade] += 1
    unit_eval = report.unit_self_eval
    return PerformanceSummary(
        projects=len(evaluations),
        funds=funds,
        executed=total(e.executed for e in evaluations),
        project_spending=spending,
        share=ratio(funds, spending),
        grades=MappingProxyType(counts),
        ungraded=sum(1 for e in evaluations if e.grade is None),
        unit_score=None if unit_eval is None else unit_eval.declared_score,
    )


__all__ = [
    "Comparator",
    "Evaluation",
    "Grade",
    "IndicatorResult",
    "Measure",
    "PerformanceSummary",
    "achievement",
    "evaluate",
    "evaluate_all",
    "format_points",
    "grade_of",
    "parse_measure",
    "propose",
    "rate_score",
    "score_indicator",
    "summary",
]
