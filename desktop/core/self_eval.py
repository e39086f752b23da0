"""项目支出绩效自评: the scoring engine, pure functions over the model.

    SelfEval ──evaluate()──> Evaluation   资金 totals, 结转结余, 执行率, 执行得分,
                                          one IndicatorResult per 三级指标, 总分, 等级
    Report + Derived ──evaluate_unit()──> UnitEvaluation   the 部门整体自评, same rules,
                                          its 执行数 the report's own spending
    Report + Derived ──summary()──> PerformanceSummary   the figures of 情况说明 十(四)

A project with no indicators yet is 未评分 (`Evaluation.unscored`): it has no 总分 and no
等级, so it is never 差 and never counted in the grades. An indicator counts towards the
总分 with its score held within 0…分值 (`IndicatorResult.counted`): a typed 30 on a 分值 of
20 counts 20, while `checks.self_eval.score_range` tells the officer.

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
from functools import lru_cache
from types import MappingProxyType

from desktop.core.derive import Derived
from desktop.core.model import FundKind, Indicator, Report, SelfEval
from desktop.core.money import CENT, ZERO, Money, nz, ratio, total
from desktop.core.workpapers import SCORES_HARD_MAX, SCORES_MAX, Workpapers

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


# One pattern trying the spellings in the order above (a regex alternation takes the first
# that matches, as a loop over them would): a 指标值 is read for every indicator scored.
_COMPARATOR = re.compile("|".join(re.escape(spelling) for spelling, _ in _COMPARATORS))
_COMPARATOR_OF = dict(_COMPARATORS)


@lru_cache(maxsize=8192)
def parse_measure(text: str) -> Measure | None:
    """Read an indicator value as written; None when it is not a single number with a unit.

    Kept per text for the process: a report writes the same few values (「≥95%」, 「=1个」)
    on most of its indicators, each scoring reads two of them, and a `Measure` is frozen."""
    s = unicodedata.normalize("NFKC", text).replace(" ", "").strip()
    comparator: Comparator | None = None
    c = _COMPARATOR.match(s)
    if c is not None:
        comparator, s = _COMPARATOR_OF[c.group(0)], s[c.end() :]
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
    counted: Decimal | None  # `used` held within 0…分值: what the 总分 adds up


def score_indicator(indicator: Indicator) -> IndicatorResult:
    proposed = propose(indicator)
    typed = indicator.score
    used = typed if typed is not None else proposed
    overridden = typed is not None and proposed is not None and typed != proposed
    below = used is not None and used < indicator.weight
    counted = None if used is None else min(max(used, ZERO), max(indicator.weight, ZERO))
    return IndicatorResult(
        proposed=proposed,
        used=used,
        overridden=overridden,
        needs_reason=(below or overridden) and not indicator.deviation.strip(),
        counted=counted,
    )


class Category(StrEnum):
    """The kinds of indicator a 项目单位自评汇总表 gives a 得分率 for."""

    OUTPUT = "产出"
    COST = "成本"
    BENEFIT = "效益"
    SATISFACTION = "满意度"
    OTHER = "其他"


def category(indicator: Indicator) -> Category:
    """成本 and 满意度 first: the 2024 forms file them under 效益指标 or 产出指标."""
    levels = indicator.level1 + indicator.level2
    if "成本" in levels:
        return Category.COST
    if "满意" in levels:
        return Category.SATISFACTION
    if "产出" in indicator.level1:
        return Category.OUTPUT
    if "效益" in indicator.level1:
        return Category.BENEFIT
    return Category.OTHER


@dataclass(frozen=True)
class LevelScore:
    """Full marks and score of one 一级 (or 二级) 指标: the sums of its 三级 rows."""

    name: str
    full: Decimal  # Σ 分值
    score: Decimal | None  # Σ counted 得分; None while one awaits the officer


def level_scores(
    indicators: Iterable[Indicator], results: Iterable[IndicatorResult], *, level: int = 1
) -> tuple[LevelScore, ...]:
    """Per 一级指标 (level=1) or per (一级, 二级) pair (level=2, named 「一级/二级」), in order."""
    order: list[str] = []
    full: dict[str, Decimal] = {}
    score: dict[str, Decimal | None] = {}
    for ind, res in zip(indicators, results, strict=True):
        name = ind.level1.strip() if level == 1 else f"{ind.level1.strip()}/{ind.level2.strip()}"
        if name not in full:
            order.append(name)
            full[name], score[name] = ZERO, ZERO
        full[name] += ind.weight
        s = score[name]
        score[name] = None if s is None or res.counted is None else s + res.counted
    return tuple(LevelScore(n, _round(full[n]), _opt_round(score[n])) for n in order)


def _opt_round(value: Decimal | None) -> Decimal | None:
    return None if value is None else _round(value)


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
    indicator_total: Decimal | None  # Σ counted scores; None while one awaits the officer
    total: Decimal | None  # 总分, within 0…100; None while 未评分 or awaiting the officer
    grade: Grade | None

    @property
    def overrides(self) -> int:
        return sum(1 for r in self.indicators if r.overridden)

    @property
    def unscored(self) -> bool:
        """未评分: no indicator has been entered yet."""
        return not self.indicators


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
    if len(scores) >= SCORES_HARD_MAX:  # only without `evaluate_all`, which prunes
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
    counted = [r.counted for r in results]
    if not counted or any(c is None for c in counted):
        return None  # 未评分, or a score only the officer can give
    return _round(sum((c for c in counted if c is not None), ZERO))


def score_rate(
    indicators: Iterable[Indicator], results: Iterable[IndicatorResult], kind: Category
) -> Decimal | None:
    """得分率 % of one kind of indicator: Σ counted 得分 ÷ Σ 分值; None without such an
    indicator (printed 「-%」) or while one of them awaits the officer."""
    weight, score = ZERO, ZERO
    for ind, res in zip(indicators, results, strict=True):
        if category(ind) is not kind:
            continue
        if res.counted is None:
            return None
        weight += ind.weight
        score += res.counted
    return ratio(score, weight) if weight else None


def has_deviation(results: Iterable[IndicatorResult], indicators: Iterable[Indicator]) -> bool:
    """「是否有偏差」: an indicator scored below its 分值."""
    return any(
        r.counted is not None and r.counted < i.weight
        for r, i in zip(results, indicators, strict=True)
    )


def _project_total(points: Decimal | None, indicator_total: Decimal | None) -> Decimal | None:
    if indicator_total is None:
        return None
    # Without a 全年预算数 there is no 执行率 to earn points from: 执行得分 counts as 0
    # (a finding tells the officer), as the published reports print it.
    raw = nz(points) + indicator_total
    return _round(min(max(raw, ZERO), HUNDRED))


def evaluate_all(report: Report, *, papers: Workpapers | None = None) -> tuple[Evaluation, ...]:
    """Every project's scores; with `papers`, the scores of projects no longer in the
    report (edited since) are let go once there are `SCORES_MAX` of them — never those of
    the report's own projects, however many (a 300-unit department has 5,000, and its
    check asks for each one rule by rule)."""
    out = tuple(evaluate(p, papers=papers) for p in report.self_evals)
    if papers is not None and len(papers.scores) > len(out) + SCORES_MAX:
        papers.scores = {id(p): (p, e) for p, e in zip(report.self_evals, out, strict=True)}
    return out


# ---------------------------------------------------------------- the unit as a whole


@dataclass(frozen=True)
class UnitEvaluation:
    """部门（单位）整体支出绩效自评 as the engine scores it (amounts in 元).

    Its 全年执行数 is the report's own spending (the edition's `overall_executed` total of
    `Derived`); `typed_executed` is what the officer's rows add up to, for the check."""

    initial: Money  # Σ 年初预算数
    full_year: Money  # Σ 全年预算数
    executed: Money  # the report's spending the edition names
    typed_executed: Money  # Σ 全年执行数 as typed per 资金来源
    rate: Decimal | None  # 执行率 %
    rate_weight: Decimal  # 预算执行 分值
    rate_score: Decimal | None  # 分值 × min(执行率, 100%)
    adjustment: Decimal | None  # 预算调整率 % = (全年 − 年初) ÷ 年初
    indicators: tuple[IndicatorResult, ...]
    indicator_total: Decimal | None
    full_marks: Decimal  # 预算执行 分值 + Σ 指标分值 (100 when the form adds up)
    total: Decimal | None  # 总分 from the indicators; the typed score only without them
    from_indicators: bool  # False: `total` is the officer's typed score (no indicators)
    grade: Grade | None
    levels: tuple[LevelScore, ...]  # per 一级指标
    sublevels: tuple[LevelScore, ...]  # per 一级/二级指标

    @property
    def unscored(self) -> bool:
        return self.total is None


def evaluate_unit(report: Report, derived: Derived) -> UnitEvaluation | None:
    """The unit's overall evaluation scored, or None when the report has none."""
    u = report.unit_self_eval
    if u is None:
        return None
    executed = derived.totals[overall_executed_key(report)]
    full_year = total(f.full_year for f in u.funding)
    initial = total(f.budgeted for f in u.funding)
    rate = ratio(nz(executed), full_year) if full_year else None
    points = None
    if rate is not None:
        points = _round(min(max(rate, ZERO), HUNDRED) * u.rate_weight / HUNDRED)
    results = tuple(score_indicator(i) for i in u.indicators)
    indicator_total = _sum_used(results)
    if indicator_total is not None:
        score: Decimal | None = _round(min(max(nz(points) + indicator_total, ZERO), HUNDRED))
    else:
        score = None if u.indicators else u.declared_score
    return UnitEvaluation(
        initial=initial,
        full_year=full_year,
        executed=executed,
        typed_executed=total(f.executed for f in u.funding),
        rate=rate,
        rate_weight=u.rate_weight,
        rate_score=points,
        adjustment=ratio(nz(full_year) - nz(initial), initial) if initial else None,
        indicators=results,
        indicator_total=indicator_total,
        full_marks=_round(u.rate_weight + sum((i.weight for i in u.indicators), ZERO)),
        total=score,
        from_indicators=indicator_total is not None,
        grade=None if score is None else grade_of(score),
        levels=level_scores(u.indicators, results, level=1),
        sublevels=level_scores(u.indicators, results, level=2),
    )


def overall_executed_key(report: Report) -> str:
    """The line key of the spending the edition takes as the unit evaluation's 执行数."""
    from desktop.core.editions import SelfEvalForms, load_edition  # editions read tables
    from desktop.core.errors import EditionError

    try:
        return load_edition(report.unit.edition).self_eval.overall_executed
    except EditionError:  # an unknown edition is the project file's finding, not the score's
        return SelfEvalForms().overall_executed


# ---------------------------------------------------------------- the unit's figures


@dataclass(frozen=True)
class KindFunds:
    """The projects of one 资金性质 (None: not stated) taken together (amounts in 元)."""

    kind: FundKind | None
    projects: int
    initial: Money  # Σ 年初预算数（预算编制数）
    full_year: Money  # Σ 全年预算数
    executed: Money  # Σ 全年执行数


@dataclass(frozen=True)
class PerformanceSummary:
    """What 情况说明 十(四) 预算绩效情况说明 states about the self-evaluations.

    Every share is of one base: the projects' 执行数 against the report's 项目支出 (both
    actual spending). A budget is never divided by what was spent: the 晋城 2022 report's
    「涉及资金8406200元，占项目支出总额的106%」 did that."""

    projects: int  # 项目绩效自评个数 (一级 and 二级)
    level1: int  # of which evaluations of a 一级项目 itself
    initial: Money  # 年初预算数（预算编制数） of those projects
    funds: Money  # 涉及资金: Σ 全年预算数 of those projects
    executed: Money  # Σ 全年执行数 of those projects
    project_spending: Money  # 项目支出 of the unit (公开03)
    share: Decimal | None  # executed / 项目支出, %
    by_kind: tuple[KindFunds, ...]  # per 资金性质, in FundKind order, unstated last
    grades: Mapping[Grade, int]  # every grade present, 0 when none
    ungraded: int  # projects without a 等级: 未评分 or awaiting the officer's score
    unscored: int  # of which 未评分 (no indicator entered)
    unit_score: Decimal | None  # 部门整体支出绩效自评得分


def summary(report: Report, derived: Derived) -> PerformanceSummary:
    evaluations = evaluate_all(report, papers=derived.papers)
    executed = total(e.executed for e in evaluations)
    spending = derived.totals["spending.project"]
    counts = dict.fromkeys(Grade, 0)
    for e in evaluations:
        if e.grade is not None:
            counts[e.grade] += 1
    unit = evaluate_unit(report, derived)
    return PerformanceSummary(
        projects=len(evaluations),
        level1=sum(1 for p in report.self_evals if p.level1),
        initial=total(e.budgeted for e in evaluations),
        funds=total(e.full_year for e in evaluations),
        executed=executed,
        project_spending=spending,
        share=ratio(executed, spending),
        by_kind=_by_kind(report.self_evals, evaluations),
        grades=MappingProxyType(counts),
        ungraded=sum(1 for e in evaluations if e.grade is None),
        unscored=sum(1 for e in evaluations if e.unscored),
        unit_score=None if unit is None else unit.total,
    )


def _by_kind(
    projects: Iterable[SelfEval], evaluations: Iterable[Evaluation]
) -> tuple[KindFunds, ...]:
    groups: dict[FundKind | None, list[Evaluation]] = {}
    for p, e in zip(projects, evaluations, strict=True):
        groups.setdefault(p.fund_kind, []).append(e)
    order: list[FundKind | None] = [*FundKind, None]
    return tuple(
        KindFunds(
            kind=kind,
            projects=len(es),
            initial=total(e.budgeted for e in es),
            full_year=total(e.full_year for e in es),
            executed=total(e.executed for e in es),
        )
        for kind in order
        if (es := groups.get(kind))
    )


__all__ = [
    "Category",
    "Comparator",
    "Evaluation",
    "Grade",
    "IndicatorResult",
    "KindFunds",
    "LevelScore",
    "Measure",
    "PerformanceSummary",
    "UnitEvaluation",
    "achievement",
    "category",
    "evaluate",
    "evaluate_all",
    "evaluate_unit",
    "format_points",
    "grade_of",
    "has_deviation",
    "level_scores",
    "overall_executed_key",
    "parse_measure",
    "propose",
    "rate_score",
    "score_indicator",
    "score_rate",
    "summary",
]
