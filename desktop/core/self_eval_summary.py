"""The projects taken together, and the indicators grouped: what the generated 附件 print.

    SelfEval + Evaluation ──row_codes · score rates──> one row of a 项目单位自评汇总表
    Evaluations ──score_bands──> 「N个项目为X分」, highest first (部门整体绩效评价报告)
    Indicators + results ──groups──> one group per 一级 (or 二级) 指标, its 分值 and 得分 summed

Nothing is typed twice for these attachments. 单位编码 and 主管部门编码 are read off the
project's 预算单位 / 主管部门 as typed ("032003-大同市公共资源交易中心" → 032003 and the name),
the report's own codes standing in where the text carries none; every score and rate is
the engine's (`self_eval`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from desktop.core.model import Indicator, Report, SelfEval
from desktop.core.money import ZERO, nz, ratio
from desktop.core.self_eval import (
    RATE_POINTS,
    Evaluation,
    IndicatorResult,
    LevelScore,
)

# "032003-大同市…", "032 大同市…", "032003：…": digits, then a separator, then the name.
_CODED = re.compile(r"^\s*(\d+)\s*[-－—–_:：、\s]\s*(\S.*?)\s*$")


def split_code(text: str) -> tuple[str, str]:
    """(code, name) of 「032003-大同市公共资源交易中心」; ("", text) when it has no code."""
    m = _CODED.match(text)
    if m is None:
        return "", text.strip()
    return m.group(1), m.group(2)


def coded(text: str, code: str, name: str) -> tuple[str, str]:
    """The code and name a typed 「编码-名称」 text gives, each falling back on the report's
    own (`code`, `name`) when the text leaves it out."""
    parsed_code, parsed_name = split_code(text)
    return parsed_code or code, parsed_name or name


def unit_of(project: SelfEval, report: Report) -> tuple[str, str]:
    """单位编码 and 单位名称 of a project's 预算单位."""
    return coded(project.unit, report.unit.code, report.unit.name)


def department_of(project: SelfEval, report: Report) -> tuple[str, str]:
    """主管部门编码 and 主管部门名称."""
    return coded(project.department, report.unit.department_code, report.unit.department)


def funds_rate(evaluation: Evaluation) -> Decimal | None:
    """资金管理情况得分率 %: the 执行得分 over its 10 points (0 without a 全年预算数, as the
    总分 counts it)."""
    if evaluation.unscored:
        return None
    return ratio(nz(evaluation.rate_score), RATE_POINTS)


# ---------------------------------------------------------------- the projects by score


@dataclass(frozen=True)
class ScoreBand:
    """The projects that scored the same 总分."""

    score: Decimal
    projects: tuple[str, ...]  # names, in the report's order


def score_bands(evaluations: Iterable[Evaluation]) -> tuple[ScoreBand, ...]:
    """Projects grouped by 总分, highest first; 未评分 and unfinished ones are left out."""
    bands: dict[Decimal, list[str]] = {}
    for e in evaluations:
        if e.total is not None:
            bands.setdefault(e.total.normalize(), []).append(e.name)
    return tuple(ScoreBand(s, tuple(bands[s])) for s in sorted(bands, reverse=True))


# ---------------------------------------------------------------- indicators by level


@dataclass(frozen=True)
class IndicatorGroup:
    """The 三级指标 under one 一级 (or 二级) 指标, and their summed 分值 and 得分."""

    score: LevelScore
    indicators: tuple[Indicator, ...]
    results: tuple[IndicatorResult, ...]


def groups(
    indicators: Sequence[Indicator], results: Sequence[IndicatorResult], *, level: int
) -> list[IndicatorGroup]:
    """One group per 一级 (`level=1`) or 二级 (`level=2`) 指标 name, in first-seen order;
    rows of one name are gathered even when the form lists them apart."""
    order: list[str] = []
    members: dict[str, list[int]] = {}
    for i, ind in enumerate(indicators):
        name = (ind.level1 if level == 1 else ind.level2).strip()
        if name not in members:
            order.append(name)
            members[name] = []
        members[name].append(i)
    out = []
    for name in order:
        inds = tuple(indicators[i] for i in members[name])
        res = tuple(results[i] for i in members[name])
        counted = [r.counted for r in res]
        score = None if None in counted else sum((c for c in counted if c is not None), ZERO)
        full = sum((i.weight for i in inds), ZERO)
        out.append(IndicatorGroup(LevelScore(name, full, score), inds, res))
    return out


__all__ = [
    "IndicatorGroup",
    "ScoreBand",
    "coded",
    "department_of",
    "funds_rate",
    "groups",
    "score_bands",
    "split_code",
    "unit_of",
]
