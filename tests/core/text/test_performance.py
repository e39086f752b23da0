"""情况说明 十(四) 预算绩效: the figures the text states about the self-evaluations.

The three items of the reviewer's list for the 晋城 2022 text
(shared/reference/inconsistencies/jincheng-trading-center-2022-final-account.json, the
``computed`` figures transcribed below) are *prevented*: with the report entered as published,
the generated text states the correct figure. The other tests compare with the figures
transcribed from the published reports (tests/data/published) or worked out by hand.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from desktop.core import samples
from desktop.core.model import (
    FundingLine,
    FundKind,
    Indicator,
    LedgerRow,
    Report,
    SelfEval,
    Spending,
    UnitInfo,
    UnitSelfEval,
)
from desktop.core.money import CENT, amount, ratio
from desktop.core.text import build_text
from desktop.core.text.facts import facts
from tests.core.text.helpers import num, section
from tests.data.published import datong_2024_self_evals as datong
from tests.data.published import jincheng_2022 as jincheng

# id → (published, computed), as the reviewer's list gives them
REVIEWER = {
    "n104-share-gt100": ("106", "106.45"),  # 8,406,200 (budgets) ÷ 7,897,003.97 (项目支出)
    "n104-exec-rate": ("106", "93.94"),  # 7,897,003.97 ÷ 8,406,200
    "n104-overall-funds": ("0", "8406200"),  # the overall evaluation's own 全年预算数
}
PCT = re.compile(r"(\d+(?:\.\d+)?)%")


def jincheng_as_published() -> Report:
    """The 晋城 2022 sample with its 部门整体支出绩效自评 typed as 十(四)(3) prints it:
    全年预算数 8,406,200元, 执行数 7,897,003.97元, 得分 80 (no indicators)."""
    report = samples.load("jincheng-2022")
    published = jincheng.TEXT["十(四)(3)"]
    unit = UnitSelfEval(
        funding=(
            FundingLine(
                "全部资金",
                full_year=amount(published["overall_budget"]),
                executed=amount(published["overall_executed"]),
            ),
        ),
        declared_score=Decimal(published["overall_score"]),
    )
    return dataclasses.replace(report, unit_self_eval=unit)


@pytest.fixture(scope="module")
def jincheng_text() -> dict[str, str]:
    document = build_text(jincheng_as_published())
    return {k: section(document, k) for k in ("十(四)(1)", "十(四)(2)", "十(四)(3)")}


def test_n104_share_gt100_the_share_is_of_one_base(jincheng_text: dict[str, str]) -> None:
    """「共涉及资金8406200元，占…项目支出总额的106%」 divided budgets by spending (106.45%).
    The text now states the projects' 执行数 and its share of the 项目支出 printed beside it."""
    published, computed = REVIEWER["n104-share-gt100"]
    text = jincheng_text["十(四)(1)"]
    budgets = Decimal(jincheng.TEXT["十(四)(1)"]["projects_covered_funds"])
    spending = Decimal(jincheng.TEXT["三"]["project_expenditure"])
    assert ratio(budgets, spending) == Decimal(computed)  # what the reference had divided
    m = re.search(
        r"全年执行数([\d,.]+)元，占本部门（单位）项目支出总额([\d,.]+)元的([\d.]+)%", text
    )
    assert m is not None, text
    executed, whole, share = (num(g) for g in m.groups())
    assert whole == spending
    assert share == ratio(executed, whole) <= 100
    assert f"共涉及资金{budgets:,.2f}元" in text  # the budgets are still stated, as budgets
    shares = [Decimal(p) for p in PCT.findall(text)]
    assert Decimal(computed) not in shares and Decimal(published) not in shares


def test_n104_exec_rate_is_executed_over_budget(jincheng_text: dict[str, str]) -> None:
    _published, computed = REVIEWER["n104-exec-rate"]
    text = jincheng_text["十(四)(3)"]
    assert f"执行率为{computed}%" in text
    m = re.search(r"全年预算数为([\d,.]+)元，执行数为([\d,.]+)元，执行率为([\d.]+)%", text)
    assert m is not None
    budget, executed, rate = (num(g) for g in m.groups())
    assert rate == ratio(executed, budget) == Decimal(computed)


def test_n104_overall_funds_are_the_overall_evaluations_budget(
    jincheng_text: dict[str, str],
) -> None:
    _published, computed = REVIEWER["n104-overall-funds"]
    m = re.search(r"整体支出绩效自评，涉及资金([\d,.]+)元", jincheng_text["十(四)(1)"])
    assert m is not None
    assert num(m.group(1)) == Decimal(computed)
    assert f"全年预算数为{Decimal(computed):,.2f}元" in jincheng_text["十(四)(3)"]


def test_unit_evaluation_figures_come_from_the_engine() -> None:
    """预算数 typed, 执行数 the report's (shanxi-2022: 项目支出), 执行率 and 得分 derived."""
    unit = facts(jincheng_as_published())["performance"]["unit"]
    published = jincheng.TEXT["十(四)(3)"]
    assert num(unit["budget"]) == Decimal(published["overall_budget"])
    assert num(unit["executed"]) == Decimal(published["overall_executed"])
    assert unit["rate"] == "93.94%"
    assert unit["score"] == published["overall_score"] and unit["grade"] == "良"
    assert unit["adjustment"] == ""  # no 年初预算数 typed: no 预算调整率


def test_each_project_as_its_self_evaluation_prints_it() -> None:
    """One entry per project: budgets and 执行数 in the text's 万元 (2 decimals, where the
    自评表 keeps a third), the 执行率 of its 自评表, 总分 and 等级 as printed."""
    listed = facts(samples.load("datong-2024"))["performance"]["list"]
    assert [p["name"] for p in listed] == [p["name"] for p in datong.PROJECTS]

    def text_wan(printed: str) -> Decimal:
        return Decimal(printed).quantize(CENT, rounding=ROUND_HALF_UP)

    for item, pub in zip(listed, datong.PROJECTS, strict=True):
        assert num(item["full_year"]) == text_wan(pub["full_year"])
        assert num(item["executed"]) == text_wan(pub["executed"])
        assert num(item["rate"]) == Decimal(pub["rate"])
        assert Decimal(item["score"]) == Decimal(pub["total"])
        assert item["grade"] == pub["grade"] and not item["unscored"]
    assert [p["number"] for p in listed[:3]] == ["1", "2", "3"]


def _project(name: str, kind: FundKind | None, *, scored: bool = True) -> SelfEval:
    indicators = (
        (Indicator("产出指标", "数量指标", "完成数", Decimal(90), target="≥10个", actual="10个"),)
        if scored
        else ()
    )
    return SelfEval(
        name=name,
        fund_kind=kind,
        funding=(
            FundingLine(
                "财政", budgeted=amount(100000), full_year=amount(100000), executed=amount(90000)
            ),
        ),
        indicators=indicators,
    )


def _report(edition: str, *projects: SelfEval, level1: int = 0) -> Report:
    marked = tuple(dataclasses.replace(p, level1=i < level1) for i, p in enumerate(projects))
    return Report(
        unit=UnitInfo(name="测试单位", year=int(edition[-4:]), amount_unit="元", edition=edition),
        ledger=(LedgerRow("2010350", spending=Spending(project=amount(400000))),),
        self_evals=marked,
    )


@pytest.mark.parametrize("edition", ["shanxi-2022", "shanxi-2024"])
def test_unscored_projects_are_never_graded_and_the_text_says_so(edition: str) -> None:
    report = _report(edition, _project("甲", None), _project("乙", None, scored=False))
    pf = facts(report)["performance"]
    assert pf["counts"] == {"excellent": "1", "good": "0", "fair": "0", "poor": "0"}
    assert (pf["ungraded"], pf["unscored"]) == ("1", "1")
    assert [p["unscored"] for p in pf["list"]] == [False, True]
    assert pf["list"][1]["score"] == "" and pf["list"][1]["grade"] == ""
    text = section(build_text(report), "十(四)" if edition.endswith("2024") else "十(四)(2)")
    assert "1个项目自评等级为“优”，另有1个项目未评分（其中1个未填写绩效指标），不计入等级" in text
    assert "差" not in text.split("不计入等级")[0]


def test_funds_split_by_fund_kind() -> None:
    """2022: 涉及资金 (年初预算) split by the projects' 资金性质, and the 执行数 share."""
    report = _report(
        "shanxi-2022",
        _project("甲", FundKind.GENERAL),
        _project("乙", FundKind.GENERAL),
        _project("丙", FundKind.GOV_FUND),
        level1=1,
    )
    text = section(build_text(report), "十(四)(1)")
    assert "涵盖一级项目1个，二级项目2个，共涉及资金300,000.00元" in text
    assert "其中一般公共预算项目支出200,000.00元、政府性基金预算项目支出100,000.00元" in text
    # 270,000 of 400,000
    assert (
        "上述项目全年执行数270,000.00元，占本部门（单位）项目支出总额400,000.00元的67.50%" in text
    )
    one_kind = dataclasses.replace(
        report,
        self_evals=tuple(
            dataclasses.replace(p, fund_kind=FundKind.GENERAL) for p in report.self_evals
        ),
    )
    assert "均为一般公共预算项目支出" in section(build_text(one_kind), "十(四)(1)")
    # a project whose 资金性质 is not stated: no split is claimed from the projects
    unknown = dataclasses.replace(
        report,
        self_evals=(
            *report.self_evals[:2],
            dataclasses.replace(report.self_evals[2], fund_kind=None),
        ),
    )
    pf = facts(unknown)["performance"]
    assert not pf["kinds_known"]
    assert "政府性基金" not in section(build_text(unknown), "十(四)(1)")


def test_a_share_above_the_whole_is_the_true_ratio() -> None:
    """Projects that spent more than the 项目支出 of the report: the text states the ratio of
    the two figures it prints (the coverage check reports the contradiction)."""
    report = _report(
        "shanxi-2022", *(_project(n, FundKind.GENERAL) for n in ("甲", "乙", "丙", "丁", "戊"))
    )
    pf = facts(report)["performance"]
    assert (pf["executed"], pf["project_spending"]) == ("450,000.00元", "400,000.00元")
    assert pf["executed_share"] == "112.50%"
    assert "funds_share" not in pf and "initial_share" not in pf  # budgets over spending: gone
