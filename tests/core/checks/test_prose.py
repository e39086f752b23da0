"""The prose audit: each rule trips on the kind of statement it is for and stays quiet on a
sound one; neither sample raises a false alarm on the reference reports' own consistent texts."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import samples
from desktop.core.checks import prose
from desktop.core.checks.findings import Finding, Rule
from desktop.core.checks.registry import RULES
from desktop.core.derive import derive
from desktop.core.model import FundingLine, Indicator, Report, SelfEval, SelfEvalTexts
from tests.helpers.reports import A, clean_report


def _ind(level1: str, level2: str, level3: str, weight: int, target: str, actual: str) -> Indicator:
    return Indicator(level1, level2, level3, Decimal(weight), target=target, actual=actual)


SYSTEMS = _ind("产出指标", "数量指标", "运维系统数", 40, "=2个", "=2个")
BENEFIT = _ind("效益指标", "社会效益", "系统可用", 50, "保障", "达成预期指标")


def _project(
    name: str = "政务服务系统运维",
    *,
    goal: str = "保障政务服务系统全年稳定运行。",
    full_year: str = "400000",
    executed: str = "300000",
    budgeted: str | None = None,
    note: str = "",
    indicators: tuple[Indicator, ...] = (),
    **texts: str,
) -> SelfEval:
    return SelfEval(
        name=name,
        goal=goal,
        funding=(
            FundingLine(
                "市县区财政资金",
                budgeted=A(budgeted or full_year),
                full_year=A(full_year),
                executed=A(executed),
                note=note,
            ),
        ),
        indicators=indicators
        or (
            Indicator(
                "产出指标", "数量指标", "运维系统数", Decimal(40), target="=2个", actual="=2个"
            ),
            Indicator(
                "效益指标",
                "社会效益",
                "系统可用",
                Decimal(50),
                target="保障",
                actual="达成预期指标",
            ),
        ),
        texts=SelfEvalTexts(**texts),
    )


def _report(*projects: SelfEval, year: int = 2024) -> Report:
    r = clean_report()
    return dataclasses.replace(r, self_evals=projects, unit=dataclasses.replace(r.unit, year=year))


def _found(rule: Rule, *projects: SelfEval, **kw: Any) -> list[Finding]:
    report = _report(*projects, **kw)
    return list(rule.check(report, derive(report)))


def test_prose_rules_are_registered() -> None:
    assert set(prose.RULES) <= set(RULES)


# ---------------------------------------------------------------- restated figures


def test_rate_that_is_not_the_tables_is_found() -> None:
    # 300000 / 400000 = 75%: 「执行率为80%」 contradicts it
    found = _found(prose.figures, _project(implementation="预算执行率为80%，偏差原因：尾款未付。"))
    assert [f.location.field for f in found] == ["texts.implementation"]
    assert "预算执行率为80%" in found[0].message and "75.00%" in found[0].message
    assert "300,000.00元" in found[0].message and "400,000.00元" in found[0].message


@pytest.mark.parametrize(
    "text",
    ["预算执行率为75%。", "执行率75.00%", "预算执行率达到75%", "执行率 75 %", "执行率７５％"],
)
def test_rate_written_at_its_own_precision_agrees(text: str) -> None:
    assert _found(prose.figures, _project(implementation=text)) == []


def test_rate_rounds_to_what_is_written() -> None:
    # 335000 / 340000 = 98.529…%: 「99%」 says it in whole per cent, 「98.53%」 in hundredths
    p = _project(
        full_year="340000", executed="335000", implementation="预算执行率为99%，执行率98.53%"
    )
    assert _found(prose.figures, p) == []
    p = _project(full_year="340000", executed="335000", implementation="执行率为98.5%")
    assert _found(prose.figures, p) == []  # 98.529 to one decimal is 98.5
    p = _project(full_year="340000", executed="335000", implementation="执行率为98.6%")
    assert len(_found(prose.figures, p)) == 1


def test_budget_and_execution_amounts() -> None:
    ok = _project(
        budgeted="300000",
        implementation="年初预算资金300000元，预算下达40万元，实际执行30万元，执行数为300,000.00元。",
    )
    assert _found(prose.figures, ok) == []
    wrong = _project(implementation="预算下达45万元，实际执行25万元。")
    messages = [f.message for f in _found(prose.figures, wrong)]
    assert len(messages) == 2
    assert "预算下达45万元" in messages[0] and "400,000.00元" in messages[0]
    assert "实际执行25万元" in messages[1] and "300,000.00元" in messages[1]


def test_amounts_that_are_no_budget_or_execution_are_left_alone() -> None:
    # 「共需经费55万元」「实际应支出6万元」 state needs, not the project's figures
    p = _project(implementation="共需经费55万元，实际应支出6万元，满意度达到90%。")
    assert _found(prose.figures, p) == []


def test_score_and_grade() -> None:
    # 执行得分 7.5 + 40 + 50 = 97.5, 优
    ok = _project(improvements="项目自评总得分97.5分，属于“优”。")
    assert _found(prose.figures, ok) == []
    wrong = _project(improvements="项目自评总得分88.25分，属于“良”。")
    found = _found(prose.figures, wrong)
    assert len(found) == 2
    assert "97.5分" in found[0].message and "“优”" in found[1].message


def test_no_statement_without_figures_to_compare() -> None:
    p = _project(full_year="0", executed="0", implementation="预算执行率为100%")
    assert _found(prose.figures, p) == []  # no 全年预算数: budget_missing says so


# ---------------------------------------------------------------- kinds of contradiction


def test_year_of_an_old_goal() -> None:
    found = _found(prose.stale_year, _project(goal="全面完成2020年依法采购的工作任务。"))
    assert len(found) == 1 and found[0].location.field == "goal"
    assert "2020年" in found[0].message and "2024年度" in found[0].message
    for goal in (
        "完成2024年依法采购任务",
        "做好2023年结转项目收尾",
        "为2025年打基础",
        "年度目标20人",
    ):
        assert _found(prose.stale_year, _project(goal=goal)) == []


MONITOR = "公共资源交易平台电子招标采购系统监测认证"
MONITOR_TEXT = (
    "保障公共资源交易平台电子招标采购系统监测认证工作开展，保障电子招标采购系统安全高效运行"
)


def test_text_copied_from_another_project() -> None:
    monitor = _project(
        MONITOR, goal="规范市级公共资源交易平台电子招标采购系统。", output=MONITOR_TEXT
    )
    copied = _project(
        "委托业务费",
        goal="政府购买服务，聘用劳务派遣人员14人。",
        output="保障公共资源交易平台电子招投标系统监测认证工作开展，保障电子招投标系统安全高效运行",
    )
    found = _found(prose.other_project, monitor, copied)
    assert [(f.location.row, f.location.field) for f in found] == [("委托业务费", "texts.output")]
    assert MONITOR in found[0].message


def test_siblings_and_ordinary_words_are_no_copy() -> None:
    monitor = _project(
        MONITOR, goal="规范市级公共资源交易平台电子招标采购系统。", output=MONITOR_TEXT
    )
    # the same goal: two halves of one programme share their texts
    twin = dataclasses.replace(monitor, name=MONITOR + "（二期）")
    assert _found(prose.other_project, monitor, twin) == []
    # a different project that only mentions the subject in its own words
    own = _project("委托业务费", goal="政府购买服务。", output="配合监测认证工作，按时支付劳务费用")
    assert _found(prose.other_project, monitor, own) == []


def test_shortfall_in_the_reason_against_a_full_headcount() -> None:
    heads = Indicator(
        "产出指标", "数量指标", "就业见习人员数量", Decimal(40), target="=5人", actual="=5人"
    )
    benefit = Indicator(
        "效益指标", "社会效益", "促进就业", Decimal(50), target="促进", actual="达成预期指标"
    )
    p = _project(note="就业见习岗1人提前离职", indicators=(heads, benefit))
    found = _found(prose.shortfall_denied, p)
    assert [f.location.field for f in found] == ["indicators[0].actual"]
    assert "1人提前离职" in found[0].message and "=5人" in found[0].message
    honest = dataclasses.replace(heads, actual="=4人", deviation="1人离职")
    assert (
        _found(prose.shortfall_denied, dataclasses.replace(p, indicators=(honest, benefit))) == []
    )
    no_reason = _project(note="根据实际支付", indicators=(heads, benefit))
    assert _found(prose.shortfall_denied, no_reason) == []


def test_work_said_done_that_the_indicator_counts_as_zero() -> None:
    checks = Indicator(
        "产出指标", "数量指标", "软件检测次数", Decimal(40), target="=1次", actual="0"
    )
    other = Indicator(
        "效益指标", "社会效益", "保障安全", Decimal(50), target="保障", actual="达成预期指标"
    )
    p = _project(
        indicators=(checks, other), implementation="完成3个系统的等保测评以及软件检测工作。"
    )
    found = _found(prose.done_but_zero, p)
    assert [f.location.field for f in found] == ["indicators[0].actual"]
    assert "软件检测" in found[0].message
    quiet = _project(
        indicators=(checks, BENEFIT), implementation="软件检测未开展，已调整下年计划。"
    )
    assert _found(prose.done_but_zero, quiet) == []


# ---------------------------------------------------------------- the reference reports


def test_no_false_alarm_on_the_reference_reports_consistent_texts() -> None:
    """The corrected samples carry the published texts; what the audit says of them is exactly
    the reviewer's list (tests/core/test_inconsistencies.py pins those), nothing else."""
    expected = {
        ("datong-2024", "prose.stale_year", "J政府采购事务经费"),
        ("datong-2024", "prose.other_project", "Z委托业务费"),
        ("datong-2024", "prose.shortfall_denied", "QT其他养人1"),
        ("datong-2024", "prose.shortfall_denied", "QT其他养人2"),
        ("jincheng-2022", "prose.figures", "事业运转人员经费"),
        ("jincheng-2022", "prose.done_but_zero", "系统等级保护"),
    }
    seen = set()
    for name in ("datong-2024", "jincheng-2022"):
        report = samples.load(name)
        d = derive(report)
        for rule in prose.RULES:
            seen |= {(name, f.rule, f.location.row) for f in rule.check(report, d)}
    assert seen == expected


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_read_without_error(text: str) -> None:
    p = _project(implementation=text, goal=text, note=text, output=text)
    report = _report(p, _project("第二个项目", output=text))
    for rule in prose.RULES:
        list(rule.check(report, derive(report)))


# ---------------------------------------------------------------- the unit's overall evaluation


def _unit_found(rule: Rule, **fields: Any) -> list[tuple[str, str, str]]:
    """Findings of `rule` on a report whose unit evaluation has `fields`: full year
    1,800,000元, spent 1,700,000元 (94.44%), one project of 600,000元 that spent all of
    the unit's 项目支出, 500,000元 (so the projects' share is 100%, their budget's 120%)."""
    from tests.core.checks.test_self_eval_rules import project, report, unit_eval

    r = report(project(), unit=unit_eval(**fields))
    return [(f.location.row, f.location.field, f.message) for f in rule.check(r, derive(r))]


def test_the_unit_texts_restating_its_own_figures_agree() -> None:
    from desktop.core.model import NamedText, Task

    sound = "预算执行率为94.44%，实际执行170万元，总得分99.44分，属于“优”。"
    assert not _unit_found(
        prose.unit_figures,
        summary=sound,
        duties_achieved=sound,
        tasks=(Task("运维", "保障运行", sound),),
        texts=(NamedText("overview", "涉及资金60万元，占项目支出总额的100%。"),),
    )


@pytest.mark.parametrize(
    ("fields", "place", "quoted"),
    [
        ({"summary": "全年预算执行率为100%。"}, ("整体支出", "summary"), "94.44%"),
        (
            {"duties_achieved": "实际执行180万元。"},
            ("整体支出", "duties_achieved"),
            "1,700,000.00元",
        ),
        ({"summary": "自评总得分95分。"}, ("整体支出", "summary"), "99.44分"),
        ({"summary": "评价等级为“良”。"}, ("整体支出", "summary"), "“优”"),
    ],
)
def test_the_unit_texts_contradicting_its_figures_are_found(
    fields: dict[str, str], place: tuple[str, str], quoted: str
) -> None:
    found = _unit_found(prose.unit_figures, **fields)
    assert [(row, field) for row, field, _ in found] == [place]
    assert quoted in found[0][2] and "部门整体自评" not in found[0][2]


def test_the_projects_money_stated_in_the_report_text() -> None:
    """「涉及资金0元」 beside projects budgeted 600,000元, and the 晋城 kind of share: the
    projects' budget divided by what was spent (120%) instead of their 执行数 (100%)."""
    from desktop.core.model import NamedText

    found = _unit_found(
        prose.unit_figures,
        texts=(
            NamedText("overview", "本年共1个项目开展自评，涉及资金0元，占项目支出总额的120%。"),
        ),
    )
    assert [(row, field) for row, field, _ in found] == [("overview", "texts")] * 2
    assert "600,000.00元" in found[0][2] and "100.00%" in found[1][2]


def test_an_old_year_in_the_units_goal() -> None:
    found = _unit_found(prose.stale_year, duties_goal="2019年度完成全部履职任务。")
    assert [(row, field) for row, field, _ in found] == [("整体支出", "duties_goal")]
    assert found[0][2].startswith("年度履职目标写")
