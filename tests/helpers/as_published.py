"""The two reference reports *as published*: the bundled (corrected) samples with the printed
wrong figures typed back, where an officer copying the published tables would type them.

    samples.load("jincheng-2022") ──jincheng_2022()──> the 晋城 2022 report as printed
    samples.load("datong-2024")   ──datong_2024()───> the 大同 2024 report as printed

Every figure typed back comes from the hand transcriptions beside this module (the
*_self_evals.py PROJECTS tables) or is quoted from the reference text, with the id of the
reviewer's item (shared/reference/inconsistencies/*.json) it reproduces. What the app
generates itself (执行率, 执行得分, 总分, the 情况说明's shares and sums) is not typed: an
officer cannot type it, so a wrong printed one is *prevented* rather than reproduced.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal

from desktop.core import samples
from desktop.core.model import Indicator, Report, SelfEval
from desktop.core.money import amount
from tests.data.published import datong_2024_self_evals as datong
from tests.data.published import jincheng_2022_self_evals as jincheng


def _printed(module: object, name: str) -> dict[str, object]:
    projects: list[dict[str, object]] = module.PROJECTS  # type: ignore[attr-defined]
    (found,) = [p for p in projects if p["name"] == name]
    return found


def _each(report: Report, change: Callable[[SelfEval], SelfEval]) -> Report:
    return dataclasses.replace(report, self_evals=tuple(change(p) for p in report.self_evals))


def _indicator(project: SelfEval, i: int, **changes: object) -> SelfEval:
    indicators = list(project.indicators)
    indicators[i] = dataclasses.replace(indicators[i], **changes)  # type: ignore[arg-type]
    return dataclasses.replace(project, indicators=tuple(indicators))


def _line(project: SelfEval, **changes: object) -> SelfEval:
    (line,) = project.funding
    return dataclasses.replace(project, funding=(dataclasses.replace(line, **changes),))  # type: ignore[arg-type]


# ---------------------------------------------------------------- 晋城 2022


def jincheng_2022() -> Report:
    """p01–p07-fullyear-budget: each 预算执行情况 table prints 全年预算数 equal to 全年执行数
    (0 for the four unpaid projects) although 年初预算 and the project's own analysis state
    the budget; the officer types the table as printed. The 部门整体自评 (十(四)(3)) is typed
    as its text states it — 全年预算数 8406200元, 执行数 7897003.97元, 80分 — which the
    corrected sample holds already; its printed 执行率 106% and 「涉及资金0元」 are generated."""

    def printed(project: SelfEval) -> SelfEval:
        full_year = _printed(jincheng, project.name)["full_year"]
        assert isinstance(full_year, str)
        return _line(project, full_year=amount(full_year))

    return _each(samples.load("jincheng-2022"), printed)


# ---------------------------------------------------------------- 大同 2024

ARCHIVE = "Z公共资源电子档案管理系统"
MONITOR = "公共资源交易平台电子招标采购系统监测认证"
TRAINEES = ("QT其他养人1", "QT其他养人2")


def datong_2024() -> Report:
    """p08-cost-vs-executed: 电子档案系统建设's 成本指标 printed 「≤218000元」 beside a
    全年执行数 of 31.8万元. p09-weights / p09-score-gt-weight-5: 工作开展便捷程度 printed with
    分值 20 and 得分 30. The two trainee projects' 全年执行数 printed as 1.465万元 (3 decimals)
    is no wrong figure but the display of the 14652元 their 成本指标 states, which the
    officer types from the accounts as the sample holds it (p04-rate / p05-rate)."""

    def printed(project: SelfEval) -> SelfEval:
        pub = _printed(datong, project.name)
        if project.name == ARCHIVE:
            (i,) = [k for k, ind in enumerate(project.indicators) if _is_cost(ind)]
            return _indicator(project, i, actual="≤218000元")
        if project.name == MONITOR:
            weights = pub["indicator_weights"]
            assert isinstance(weights, list)
            return dataclasses.replace(
                project,
                indicators=tuple(
                    dataclasses.replace(ind, weight=Decimal(w))
                    for ind, w in zip(project.indicators, weights, strict=True)
                ),
            )
        return project

    return _each(samples.load("datong-2024"), printed)


def _is_cost(indicator: Indicator) -> bool:
    return indicator.level2 == "成本指标"


AS_PUBLISHED: dict[str, Callable[[], Report]] = {
    "datong-2024": datong_2024,
    "jincheng-2022": jincheng_2022,
}


def transcribed(name: str) -> Report:
    """The report whose typed figures are those tests/data/published/*_self_evals.py transcribe,
    their ARITHMETIC_ERRORS corrected: 大同's sample (its one correction there is the 分值 the
    sample holds), 晋城's tables as printed (the transcription keeps the printed 全年预算数,
    which the sample corrects)."""
    return samples.load(name) if name == "datong-2024" else AS_PUBLISHED[name]()
