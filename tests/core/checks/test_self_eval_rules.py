"""The performance-evaluation rules of issue 16, each tripped by the mistake it is for and
quiet on a sound evaluation; the unit's overall evaluation is held to the project rules.

The base is `clean_report()` (tests/helpers/reports.py): 2010302 carries 500,000元 of
项目支出, all 一般公共预算. One project spends all of it, of a 600,000 budget, and scores
8.33 + 40 + 50 = 98.33; each test changes the one figure its rule reads.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest

from desktop.core.checks import RULES, Finding, Form, Severity
from desktop.core.checks import self_eval as checks
from desktop.core.checks.findings import Rule
from desktop.core.derive import derive
from desktop.core.exporters import Blocker, publishing_blockers
from desktop.core.model import (
    FiscalSpending,
    FundingLine,
    FundKind,
    Income,
    Indicator,
    Report,
    SelfEval,
    Spending,
    UnitSelfEval,
)
from desktop.core.self_eval import evaluate_unit
from tests.helpers.reports import A, clean_report, with_row

UNIT = checks.UNIT_ROW
COUNT = Indicator("产出指标", "数量指标", "运维系统数", Decimal(40), target="=2个", actual="=2个")
BENEFIT = Indicator(
    "效益指标", "社会效益", "系统可用", Decimal(50), target="保障", actual="达成预期指标"
)


def line(
    full_year: str | None = "600000",
    executed: str | None = "500000",
    budgeted: str | None = None,
    note: str = "",
    source: str = "市县区财政资金",
) -> FundingLine:
    return FundingLine(
        source,
        budgeted=A(budgeted) if budgeted is not None else (A(full_year) if full_year else None),
        full_year=None if full_year is None else A(full_year),
        executed=None if executed is None else A(executed),
        note=note,
    )


def project(name: str = "运维项目", *lines: FundingLine, **fields: Any) -> SelfEval:
    fields.setdefault("indicators", (COUNT, BENEFIT))
    fields.setdefault("code", "2010302")
    fields.setdefault("fund_kind", FundKind.GENERAL)
    return SelfEval(name=name, funding=lines or (line(),), **fields)


def unit_eval(**fields: Any) -> UnitSelfEval:
    """The unit's evaluation: its 执行数 is the report's 本年支出合计, 1,700,000元."""
    fields.setdefault("funding", (line("1800000", "1700000", budgeted="1800000", source="财政"),))
    fields.setdefault(
        "indicators",
        (
            dataclasses.replace(COUNT, weight=Decimal(40)),
            dataclasses.replace(BENEFIT, weight=Decimal(50)),
        ),
    )
    return UnitSelfEval(**fields)


def report(*projects: SelfEval, unit: UnitSelfEval | None = None) -> Report:
    return dataclasses.replace(clean_report(), self_evals=projects, unit_self_eval=unit)


def found(rule: Rule, r: Report) -> list[Finding]:
    return list(rule.check(r, derive(r)))


def places(rule: Rule, r: Report) -> list[tuple[str, str]]:
    return [(f.location.row, f.location.field) for f in found(rule, r)]


def test_the_rules_are_registered_and_the_base_is_clean() -> None:
    assert set(checks.RULES) <= set(RULES)
    base = report(project(), unit=unit_eval())
    for rule in checks.RULES:
        assert found(rule, base) == [], rule.id


# ---------------------------------------------------------------- 1. 全年预算数 = 执行数


@pytest.mark.parametrize(
    ("full_year", "executed", "budgeted"),
    [("499141.62", "499141.62", "850000"), ("0", "0", "1050000"), ("0", None, "190000")],
)
def test_full_year_typed_as_the_execution(full_year: str, executed: str | None, budgeted: str):
    r = report(project("工作经费", line(full_year, executed, budgeted=budgeted)))
    (f,) = found(checks.full_year_suspect, r)
    assert (f.location.row, f.location.field) == ("工作经费", "funding[0].full_year")
    assert f.severity is Severity.WARNING and "请核对全年预算数" in f.message
    assert f"年初预算数（预算编制数）为{A(budgeted):,.2f}元" in f.message  # both places named
    # reported once: neither the missing budget nor the unexplained cut repeats it
    assert found(checks.budget_missing, r) == []
    assert found(checks.budget_cut_unexplained, r) == []


@pytest.mark.parametrize(
    ("full_year", "executed", "budgeted"),
    [
        ("850000", "850000", "850000"),  # spent in full, as budgeted
        ("850000", "499141.62", "850000"),  # underspent
        ("900000", "900000", "850000"),  # raised (年中追加) and spent in full
        (None, None, "850000"),  # 全年 not typed yet: budget_missing's
    ],
)
def test_full_year_suspect_quiet(full_year: str | None, executed: str | None, budgeted: str):
    r = report(project("工作经费", line(full_year, executed, budgeted=budgeted)))
    assert found(checks.full_year_suspect, r) == []


def test_budget_missing_still_speaks_without_a_budget_to_compare() -> None:
    r = report(project("无预算", line(None, "100", budgeted=None)))
    assert places(checks.budget_missing, r) == [("无预算", "funding")]


# ---------------------------------------------------------------- 2. 调减 without a reason


def test_budget_cut_without_a_reason() -> None:
    r = report(project("调减", line("800000", "700000", budgeted="1000000")))
    (f,) = found(checks.budget_cut_unexplained, r)
    assert (f.location.row, f.location.field) == ("调减", "funding[0].note")
    assert "全年预算数800,000.00元比年初预算数（预算编制数）1,000,000.00元少200,000.00元" in (
        f.message
    )
    explained = report(project("调减", line("800000", "700000", "1000000", note="年中收回")))
    assert found(checks.budget_cut_unexplained, explained) == []
    raised = report(project("追加", line("1200000", "700000", budgeted="1000000")))
    assert found(checks.budget_cut_unexplained, raised) == []


# ---------------------------------------------------------------- 3. the unit as a project


def test_unit_weights_add_up_with_the_rate_weight() -> None:
    short = unit_eval(
        indicators=(dataclasses.replace(COUNT, weight=Decimal(30)), BENEFIT)  # 10 + 80
    )
    (f,) = found(checks.weights_total, report(unit=short))
    assert (f.location.form, f.location.row, f.location.field) == (
        Form.UNIT_EVAL,
        UNIT,
        "indicators",
    )
    assert "预算执行分值10分与各项指标分值合计80分之和应为100分，实为90分，少10分" in f.message
    heavier_rate = unit_eval(rate_weight=Decimal(20), indicators=short.indicators)
    assert found(checks.weights_total, report(unit=heavier_rate)) == []
    # no indicators: a typed score stands, and no weights to add up
    typed = unit_eval(indicators=(), declared_score=Decimal(90))
    assert found(checks.weights_total, report(unit=typed)) == []


def test_unit_scores_follow_the_project_rules() -> None:
    over = dataclasses.replace(BENEFIT, score=Decimal(60))
    low = dataclasses.replace(BENEFIT, actual="部分达成预期指标并具有一定效果")
    lowered = dataclasses.replace(BENEFIT, score=Decimal(30))
    cases = {
        checks.score_range: (over, "indicators[1].score"),
        checks.deviation_missing: (low, "indicators[1].deviation"),
        checks.override_unexplained: (lowered, "indicators[1].deviation"),
    }
    for rule, (indicator, field) in cases.items():
        r = report(unit=unit_eval(indicators=(COUNT, indicator)))
        assert [(f.location.form, f.location.field) for f in found(rule, r)] == [
            (Form.UNIT_EVAL, field)
        ], rule.id
        fine = report(unit=unit_eval(indicators=(COUNT, BENEFIT)))
        assert found(rule, fine) == [], rule.id


def test_unit_execution_is_the_reports_spending() -> None:
    r = report(unit=unit_eval(funding=(line("1800000", "1650000", source="财政"),)))
    (f,) = found(checks.unit_executed, r)
    assert f.severity is Severity.ERROR and f.location.field == "funding"
    assert "应为1,700,000.00元，实为1,650,000.00元，少填50,000.00元" in f.message
    assert "本年支出合计1,700,000.00元" in f.message  # shanxi-2024 takes 本年支出合计
    for funding in ((line("1800000", "1700000"),), (line("1800000", None),)):
        assert found(checks.unit_executed, report(unit=unit_eval(funding=funding))) == []
    # the rate and the score come from the report's spending, not the typed figure
    ev = evaluate_unit(r, derive(r))
    assert ev is not None and ev.executed == A(1_700_000) and ev.rate == Decimal("94.44")


def test_unit_typed_score_against_the_indicators() -> None:
    # 执行得分 10 × 94.44% = 9.44, + 40 + 50 = 99.44
    r = report(unit=unit_eval(declared_score=Decimal(95)))
    (f,) = found(checks.unit_declared_score, r)
    assert f.location.field == "declared_score" and "99.44分" in f.message and "少填" in f.message
    assert found(checks.unit_declared_score, report(unit=unit_eval(declared_score=None))) == []
    agreed = report(unit=unit_eval(declared_score=Decimal("99.44")))
    assert found(checks.unit_declared_score, agreed) == []
    alone = report(unit=unit_eval(indicators=(), declared_score=Decimal(80)))
    assert found(checks.unit_declared_score, alone) == []


# ---------------------------------------------------------------- 4. a full score for a shortfall


def test_full_score_for_a_shortfall_stays_a_warning_whatever_the_reason() -> None:
    half = dataclasses.replace(
        COUNT, actual="=1个", score=Decimal(40), deviation="另一个系统下年建设，不影响使用"
    )
    r = report(project("满分", indicators=(half, BENEFIT)))
    (f,) = found(checks.override_implausible, r)
    assert f.severity is Severity.WARNING and f.location.field == "indicators[0].score"
    assert "应得20分" in f.message and "填报得分却为40分" in f.message
    assert found(checks.override_unexplained, r) == []  # it has a reason
    honest = dataclasses.replace(half, score=Decimal(20))
    assert found(checks.override_implausible, report(project(indicators=(honest, BENEFIT)))) == []
    nearly = dataclasses.replace(half, actual="=1.8个")  # 36 of 40: not far below
    assert found(checks.override_implausible, report(project(indicators=(nearly, BENEFIT)))) == []
    silent = dataclasses.replace(half, deviation="")  # override_unexplained speaks instead
    assert found(checks.override_implausible, report(project(indicators=(silent, BENEFIT)))) == []


# ---------------------------------------------------------------- 5. a cost against the spending


def _cost(target: str, actual: str, level3: str = "运维成本") -> Indicator:
    return Indicator("产出指标", "成本指标", level3, Decimal(10), target=target, actual=actual)


def test_cost_bound_below_what_was_spent() -> None:
    indicators = (dataclasses.replace(COUNT, weight=Decimal(30)), BENEFIT)
    r = report(project("档案", indicators=(*indicators, _cost("≤698000元", "≤218000元"))))
    (f,) = found(checks.cost_vs_executed, r)
    assert f.location.field == "indicators[2].actual"
    assert "≤218000元" in f.message and "全年执行数为500,000.00元" in f.message
    for actual in ("≤500000元", "≤50万元", "500000元", "=50万元"):
        ok = report(project("档案", indicators=(*indicators, _cost("≤698000元", actual))))
        assert found(checks.cost_vs_executed, ok) == [], actual
    per_head = _cost("≤2000元", "≤1800元", "人均培训成本")  # a unit cost may be below the total
    assert found(checks.cost_vs_executed, report(project(indicators=(COUNT, per_head)))) == []


def test_cost_above_what_was_spent() -> None:
    stated = _cost("≤105万元/年", "45", "单位运行维护成本")  # a bare 45 is in 万元/年
    r = report(project("运维", line("1050000", "0"), indicators=(COUNT, stated)))
    (f,) = found(checks.cost_vs_executed, r)
    assert "实际完成值为45（450,000.00元）" in f.message and "全年执行数只有0.00元" in f.message
    spent = report(project("运维", line("1050000", "450000"), indicators=(COUNT, stated)))
    assert found(checks.cost_vs_executed, spent) == []
    for actual in ("达成预期指标", "95%", "≥90%"):  # no amount
        other = dataclasses.replace(stated, target="≥90%", actual=actual)
        assert found(checks.cost_vs_executed, report(project(indicators=(COUNT, other)))) == []


# ---------------------------------------------------------------- 6. coverage against the ledger


def test_projects_spending_more_than_the_unit() -> None:
    r = report(project("甲", line("400000", "300000")), project("乙", line("400000", "300000")))
    (total,) = found(checks.coverage_total, r)
    assert total.severity is Severity.ERROR
    assert (
        "全年执行数合计600,000.00元" in total.message
        and "项目支出合计500,000.00元" in total.message
    )
    (by_code,) = found(checks.coverage_code, r)
    assert (by_code.location.form, by_code.location.row) == (Form.LEDGER, "2010302")
    assert "2010302" in by_code.message and "多100,000.00元" in by_code.message
    (by_kind,) = found(checks.coverage_fund, r)
    assert (by_kind.location.row, by_kind.location.field) == ("甲", "fund_kind")
    assert "一般公共预算财政拨款项目支出500,000.00元" in by_kind.message
    assert found(checks.coverage_gap, r) == []


def test_coverage_within_the_ledger_and_the_gap_as_advice() -> None:
    r = report(project("甲", line("400000", "300000")))
    for rule in (checks.coverage_total, checks.coverage_code, checks.coverage_fund):
        assert found(rule, r) == [], rule.id
    (gap,) = found(checks.coverage_gap, r)
    assert (
        gap.severity is Severity.HINT and "还有200,000.00元的项目支出未开展绩效自评" in gap.message
    )
    exact = report(project("甲", line("500000", "500000")))
    assert found(checks.coverage_gap, exact) == []


def test_a_project_coded_to_a_item_without_project_spending() -> None:
    r = report(project("错科目", code="2010301"))  # 2010301 has 基本支出 only
    (f,) = found(checks.coverage_code, r)
    assert (f.location.form, f.location.row, f.location.field) == (
        Form.SELF_EVAL,
        "错科目",
        "code",
    )
    assert "没有项目支出" in f.message
    uncoded = report(project("未编码", code="", fund_kind=None))
    for rule in (checks.coverage_code, checks.coverage_gap, checks.coverage_fund):
        assert found(rule, uncoded) == [], rule.id


def test_a_fund_kind_the_ledger_has_no_spending_of() -> None:
    r = report(project("基金项目", fund_kind=FundKind.GOV_FUND))
    (f,) = found(checks.coverage_fund, r)
    assert (
        "资金性质为政府性基金" in f.message and "政府性基金预算财政拨款项目支出0.00元" in f.message
    )
    funded = with_row(
        report(project("基金项目", fund_kind=FundKind.GOV_FUND)),
        "2120801",
        income=Income(gov_fund=A(600_000)),
        spending=Spending(project=A(600_000)),
        fiscal=FiscalSpending(fund_project=A(600_000)),
    )
    assert found(checks.coverage_fund, funded) == []
    other = report(project("其他资金", fund_kind=FundKind.OTHER))
    assert found(checks.coverage_fund, other) == []


# ---------------------------------------------------------------- 7. 系统查询全年执行数


def test_system_figure_against_the_typed_execution() -> None:
    r = report(project("甲", system_executed=A(510_000)))
    (f,) = found(checks.system_executed, r)
    assert f.location.field == "system_executed"
    assert "系统查询全年执行数510,000.00元" in f.message and "500,000.00元" in f.message
    assert found(checks.system_executed, report(project("甲", system_executed=A(500_000)))) == []
    assert found(checks.system_executed, report(project("甲"))) == []


# ---------------------------------------------------------------- 8. 未评分 blocks publishing


def test_a_project_without_indicators_is_unscored_and_blocks_a_final_report() -> None:
    r = report(project("未评分", indicators=()))
    (f,) = found(checks.unscored, r)
    assert f.severity is Severity.WARNING and f.location.field == "indicators"
    assert checks.unscored.blocks and not checks.weights_total.blocks
    assert found(checks.weights_total, r) == []  # said once
    blockers = publishing_blockers(r)
    assert Blocker(f.message, location=f.location) in blockers
    assert [b for b in publishing_blockers(report(project())) if b.location is not None] == []


def test_a_unit_evaluation_without_indicators_or_a_score_is_unscored() -> None:
    (f,) = found(checks.unscored, report(unit=unit_eval(indicators=())))
    assert (f.location.form, f.location.field) == (Form.UNIT_EVAL, "indicators")
    typed = report(unit=unit_eval(indicators=(), declared_score=Decimal(80)))
    assert found(checks.unscored, typed) == []


def test_only_blocking_rules_block_besides_errors() -> None:
    blocking = {r.id for r in RULES if r.blocks}
    assert blocking == {"self_eval.unscored"}
