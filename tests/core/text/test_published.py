"""The generated 情况说明 states the published figures — except where the published report
contradicts its own tables.

For each bundled sample and each section of tests/data/published/<sample>.TEXT, every
transcribed figure is looked up in the facts the text is rendered from, compared as a
number, and (where the text states it) found in the rendered section. The figures that
differ are listed in DIFFERS with the figure the app produces and the KNOWN_ERRORS entry
that explains why; figures the text deliberately leaves unstated (an empty item worded
「本单位无……支出」, a zero category not listed) are listed in UNSTATED with the sentence
that stands in their place. Prose is never compared.

Figure specs (see `figure`): ``path`` a formatted fact; ``Δpath`` / ``%path`` the signed
amount / rate of a comparison; ``Σpath code…`` the sum of economic lines the reference
groups; ``0%path`` a 完成率 taken as 0 for an item with no budget and nothing spent;
``general_only:path`` 0 for another budget when the flag says all was 一般公共预算;
``unmodelled`` a figure the model has no place for (一级项目), necessarily 0.
"""

from __future__ import annotations

from decimal import Decimal
from types import ModuleType
from typing import Any

import pytest

from desktop.core import samples
from desktop.core.money import ratio
from desktop.core.text import build_text
from desktop.core.text.document import Document
from desktop.core.text.facts import facts as compute_facts
from tests.core.text.helpers import num, resolve, section, signed
from tests.data.published import datong_2024, jincheng_2022

Spec = str


def figure(facts: dict[str, Any], spec: Spec) -> tuple[Decimal, list[str]]:
    """The app's value for a spec, and the strings the text must show for it."""
    if spec == "unmodelled":
        return Decimal(0), []
    if spec.startswith("general_only:"):
        assert resolve(facts, spec.split(":", 1)[1]) is True
        return Decimal(0), []
    if spec.startswith("Δ"):
        c = resolve(facts, spec[1:])
        return signed(c, "amount"), [c["phrase"]] if c["changed"] else []
    if spec.startswith("%"):
        c = resolve(facts, spec[1:])
        return signed(c, "rate"), [c["rate"]] if c["changed"] else []
    if spec.startswith("0%"):
        item = resolve(facts, spec[2:])
        if item["completion"]:
            return num(item["completion"]), [item["completion"]]
        assert item["empty"], "a 完成率 is missing beside a figure"
        return Decimal(0), []
    if spec.startswith("Σ"):  # lines the reference (and the edition's text) groups: their sum
        path, *codes = spec[1:].split()
        lines = [resolve(facts, f"{path}[{c}]") for c in codes]
        whole = sum((num(x["amount"]) for x in lines), Decimal(0))
        unit = "万元" if lines[0]["amount"].endswith("万元") else "元"
        return whole, [f"{whole:.2f}万元" if unit == "万元" else f"{whole:,.2f}元"]
    value = resolve(facts, spec)
    return num(value), [value]


# ---------------------------------------------------------------- 大同 2024 (万元)

DATONG: dict[str, dict[str, Spec]] = {
    "一": {
        "income_total": "totals.income_total",
        "expenditure_total": "totals.spending_total",
        "income_total_change": "Δtotals.income_change",
        "income_total_change_rate": "%totals.income_change",
        "expenditure_total_change": "Δtotals.spending_change",
        "expenditure_total_change_rate": "%totals.spending_change",
    },
    "二": {
        "income_sum": "income.total",
        "fiscal_appropriation_income": "income.sources[财政拨款收入].amount",
        "fiscal_appropriation_income_share": "income.sources[财政拨款收入].share",
        "other_income": "income.sources[其他收入].amount",
        "other_income_share": "income.sources[其他收入].share",
    },
    "三": {
        "expenditure_sum": "spending.total",
        "basic_expenditure": "spending.natures[基本支出].amount",
        "basic_expenditure_share": "spending.natures[基本支出].share",
        "project_expenditure": "spending.natures[项目支出].amount",
        "project_expenditure_share": "spending.natures[项目支出].share",
    },
    "四": {
        "fiscal_income_total": "fiscal.income_total",
        "fiscal_expenditure_total": "fiscal.spending_total",
        "fiscal_income_total_change": "Δfiscal.income_change",
        "fiscal_income_total_change_rate": "%fiscal.income_change",
        "fiscal_expenditure_total_change": "Δfiscal.spending_change",
        "fiscal_expenditure_total_change_rate": "%fiscal.spending_change",
    },
    "五(一)": {
        "gpb_expenditure": "general.amount",
        "gpb_share_of_expenditure_sum": "general.share_of_spending",
        "gpb_expenditure_change": "Δgeneral.change",
        "gpb_expenditure_change_rate": "%general.change",
    },
    "五(二)": {
        "gpb_expenditure": "general.amount",
        **{
            f"class_{c}_{k}": f"general.classes[{c}].{k}"
            for c in ("201", "208", "210", "221")
            for k in ("amount", "share")
        },
    },
    "五(三)": {
        "budget_total": "general.budget",
        "actual_total": "general.amount",
        "completion_rate_total": "general.completion",
        **{
            key: spec
            for c in ("201", "208", "210", "221")
            for key, spec in (
                (f"class_{c}_budget", f"general.classes[{c}].budget"),
                (f"class_{c}_actual", f"general.classes[{c}].amount"),
                (f"class_{c}_completion_rate", f"general.classes[{c}].completion"),
                (f"class_{c}_change", f"Δgeneral.classes[{c}].change"),
                (f"class_{c}_change_rate", f"%general.classes[{c}].change"),
            )
        },
    },
    "六": {
        "basic_expenditure": "basic.total",
        "personnel": "basic.personnel.amount",
        "personnel_basic_salary": "basic.personnel.lines[30101].amount",
        "personnel_allowances": "basic.personnel.lines[30102].amount",
        "personnel_bonus": "basic.personnel.lines[30103].amount",
        "personnel_performance_pay": "basic.personnel.lines[30107].amount",
        # The reference groups five 款 as 「社保缴费及住房公积金」, and so does the text.
        "personnel_social_security_and_housing_fund": (
            "Σbasic.personnel.lines 30108 30110 30111 30112 30113"
        ),
        "personnel_other_wage_welfare": "basic.personnel.lines[30199].amount",
        # …and 303 as 「对个人和家庭的补助」 (退休费 and 奖励金).
        "personnel_household_subsidies": "Σbasic.personnel.lines 30302 30309",
        "public": "basic.public.amount",
        "public_office": "basic.public.lines[30201].amount",
        "public_handling_fees": "basic.public.lines[30204].amount",
        "public_travel": "basic.public.lines[30211].amount",
        "public_commissioned_services": "basic.public.lines[30227].amount",
        "public_union_fees": "basic.public.lines[30228].amount",
        "public_welfare": "basic.public.lines[30229].amount",
        "public_vehicle_operation": "basic.public.lines[30231].amount",
        "public_other_transport": "basic.public.lines[30239].amount",
        "public_other_goods_services": "basic.public.lines[30299].amount",
    },
    "七": {},
    "八": {},
    "九(一)": {
        "budget": "sangong.budget",
        "actual": "sangong.actual",
        "completion_rate": "sangong.completion",
        "change": "Δsangong.change",
        "change_rate": "%sangong.change",
        "abroad_actual": "sangong.parts.abroad.actual",
        "abroad_change": "Δsangong.parts.abroad.change",
        "vehicle_purchase_actual": "sangong.parts.vehicle_purchase.actual",
        "vehicle_purchase_change": "Δsangong.parts.vehicle_purchase.change",
        "vehicle_operation_actual": "sangong.parts.vehicle_operation.actual",
        "vehicle_operation_completion_rate": "sangong.parts.vehicle_operation.completion",
        "vehicle_operation_change": "Δsangong.parts.vehicle_operation.change",
        "vehicle_operation_change_rate": "%sangong.parts.vehicle_operation.change",
        "reception_actual": "sangong.parts.reception.actual",
        "reception_change": "Δsangong.parts.reception.change",
    },
    "九(二)": {
        "abroad_actual": "sangong.parts.abroad.actual",
        "abroad_groups": "sangong.abroad_groups",
        "abroad_person_trips": "sangong.abroad_people",
        "vehicle_purchase_actual": "sangong.parts.vehicle_purchase.actual",
        "vehicles_purchased": "sangong.vehicles_bought",
        "vehicle_operation_actual": "sangong.parts.vehicle_operation.actual",
        "vehicles_held": "sangong.vehicles_held",
        "vehicle_operation_tolls": "sangong.vehicle_operation_items[公车过路费].amount",
        "vehicle_operation_repairs": "sangong.vehicle_operation_items[公车维修].amount",
        "vehicle_operation_insurance": "sangong.vehicle_operation_items[公车保险费].amount",
        "vehicle_operation_fuel": "sangong.vehicle_operation_items[公务车燃油费].amount",
        "vehicle_operation_servicing": "sangong.vehicle_operation_items[公车保养].amount",
        "reception_actual": "sangong.parts.reception.actual",
        "reception_batches": "sangong.reception_batches",
        "reception_person_times": "sangong.reception_people",
        "domestic_reception_actual": "sangong.domestic_reception",
        "domestic_reception_batches": "sangong.domestic_batches",
        "domestic_reception_person_times": "sangong.domestic_people",
        "foreign_affairs_reception_actual": "sangong.foreign_affairs_reception",
        "foreign_affairs_reception_batches": "sangong.foreign_affairs_batches",
        "foreign_affairs_reception_person_times": "sangong.foreign_affairs_people",
        "overseas_reception_actual": "sangong.overseas_reception",
        "overseas_reception_batches": "sangong.overseas_batches",
        "overseas_reception_person_times": "sangong.overseas_people",
    },
    "十(一)": {
        "operating_expenses": "admin_cost.amount",
        "operating_expenses_change": "Δadmin_cost.change",
        "operating_expenses_change_rate": "%admin_cost.change",
    },
    "十(二)": {
        "procurement_total": "procurement.total",
        "procurement_goods": "procurement.goods",
        "procurement_works": "procurement.works",
        "procurement_services": "procurement.services",
        "awarded_to_sme": "procurement.sme",
        "awarded_to_small_micro": "procurement.small_micro",
    },
    "十(三)": {
        "vehicles_total": "assets.vehicles",
        "vehicles_confidential_communication": "assets.categories.confidential",
        "vehicles_other": "assets.categories.other",
        "equipment_over_1m": "assets.equipment",
    },
    "十(四)": {
        "project_self_evaluations": "performance.projects",
        "project_self_evaluation_funds": "performance.funds",
        "grade_excellent": "performance.counts.excellent",
        "grade_good": "performance.counts.good",
        "grade_poor": "performance.counts.poor",
    },
}

# ---------------------------------------------------------------- 晋城 2022 (元)

_ZERO_SOURCES = {
    "superior_subsidy_income": "上级补助收入",
    "business_income": "事业收入",
    "operating_income": "经营收入",
    "subsidiary_remittance_income": "附属单位上缴收入",
    "other_income": "其他收入",
}
_ZERO_NATURES = {
    "remittance_to_superior": "上缴上级支出",
    "operating_expenditure": "经营支出",
    "subsidies_to_subsidiaries": "对附属单位补助支出",
}
_VEHICLES_2022 = {
    "vehicles_vice_ministerial": "ministerial",
    "vehicles_principal_leaders": "principal",
    "vehicles_confidential_communication": "confidential",
    "vehicles_emergency": "emergency",
    "vehicles_law_enforcement": "law_enforcement",
    "vehicles_special_technical": "special",
    "vehicles_retired_cadres": "retiree",
    "vehicles_other": "other",
}

JINCHENG: dict[str, dict[str, Spec]] = {
    "一": DATONG["一"],
    "二": {
        "income_sum": "income.total",
        "fiscal_appropriation_income": "income.sources[财政拨款收入].amount",
        "fiscal_appropriation_income_share": "income.sources[财政拨款收入].share",
        **{k: f"income.sources[{v}].amount" for k, v in _ZERO_SOURCES.items()},
        **{f"{k}_share": f"income.sources[{v}].share" for k, v in _ZERO_SOURCES.items()},
    },
    "三": {
        **DATONG["三"],
        **{k: f"spending.natures[{v}].amount" for k, v in _ZERO_NATURES.items()},
        **{f"{k}_share": f"spending.natures[{v}].share" for k, v in _ZERO_NATURES.items()},
    },
    "四": DATONG["四"],
    "五(一)": {
        **DATONG["五(一)"],
        "personnel": "general.personnel",
        "personnel_share": "general.personnel_share",
        "public": "general.public",
        "public_share": "general.public_share",
    },
    "五(二)": DATONG["五(二)"],
    "五(三)": {
        "budget_total": "general.budget",
        "actual_total": "general.amount",
        "completion_rate_total": "general.completion",
        **{
            f"class_{c}_{k}": f"general.classes[{c}].{k}"
            for c in ("201", "208", "210", "221")
            for k in ("amount", "share")
        },
    },
    "六": {
        "basic_expenditure": "basic.total",
        "personnel": "basic.personnel.amount",
        "personnel_wage_welfare": "basic.personnel.classes[301].amount",
        "public": "basic.public.amount",
        "public_goods_services": "basic.public.classes[302].amount",
    },
    "七": {},
    "八": {},
    "九(一)": {
        "budget": "sangong.budget",
        "actual": "sangong.actual",
        "completion_rate": "sangong.completion",
        "change": "Δsangong.change",
        "abroad_actual": "sangong.parts.abroad.actual",
        "abroad_completion_rate": "0%sangong.parts.abroad",
        "abroad_change": "Δsangong.parts.abroad.change",
        "vehicle_purchase_actual": "sangong.parts.vehicle_purchase.actual",
        "vehicle_purchase_completion_rate": "0%sangong.parts.vehicle_purchase",
        "vehicle_purchase_change": "Δsangong.parts.vehicle_purchase.change",
        "vehicle_operation_actual": "sangong.parts.vehicle_operation.actual",
        "vehicle_operation_completion_rate": "sangong.parts.vehicle_operation.completion",
        "vehicle_operation_change": "Δsangong.parts.vehicle_operation.change",
        "reception_actual": "sangong.parts.reception.actual",
        "reception_completion_rate": "0%sangong.parts.reception",
        "reception_change": "Δsangong.parts.reception.change",
    },
    "九(二)": {
        k: v
        for k, v in DATONG["九(二)"].items()
        if not k.startswith("vehicle_operation_") or k == "vehicle_operation_actual"
    },
    "十(一)": {},
    "十(二)": {
        **DATONG["十(二)"],
        "awarded_to_sme_share": "procurement.sme_share",
        "awarded_to_small_micro_share": "procurement.small_micro_share",
    },
    "十(三)": {
        "vehicles_total": "assets.vehicles",
        **{k: f"assets.categories.{v}" for k, v in _VEHICLES_2022.items()},
        "equipment_over_1m": "assets.equipment",
    },
    "十(四)(1)": {
        "level1_projects_covered": "performance.level1",
        "level2_projects_covered": "performance.level2",
        "projects_covered_funds": "performance.initial_funds",
        # the one base: the projects' 执行数 of 项目支出, printed beside both figures
        "projects_covered_share_of_project_expenditure": "performance.executed_share",
        "projects_covered_gpb": "performance.initial_funds",
        "projects_covered_gov_fund": "general_only:performance.projects_general_only",
        "projects_covered_state_capital": "general_only:performance.projects_general_only",
        "projects_covered_social_insurance": "general_only:performance.projects_general_only",
        "overall_evaluation_funds": "performance.unit.budget",
        "overall_evaluation_gpb": "performance.unit.budget",
        "overall_evaluation_gov_fund": "general_only:performance.all_general_only",
        "overall_evaluation_state_capital": "general_only:performance.all_general_only",
        "overall_evaluation_social_insurance": "general_only:performance.all_general_only",
        "department_evaluation_projects": "performance.projects",
        "department_evaluation_funds": "performance.initial_funds",
        "department_evaluation_gpb": "performance.initial_funds",
        "department_evaluation_gov_fund": "general_only:performance.projects_general_only",
        "department_evaluation_state_capital": "general_only:performance.projects_general_only",
        "department_evaluation_social_insurance": "general_only:performance.projects_general_only",
    },
    "十(四)(2)": {
        "level1_self_evaluations": "performance.level1",
        "level1_self_evaluation_funds": "unmodelled",
        "level1_grade_excellent": "unmodelled",
        "level1_grade_good": "unmodelled",
        "level1_grade_fair": "unmodelled",
        "level1_grade_poor": "unmodelled",
        "level2_self_evaluations": "performance.projects",
        "level2_self_evaluation_funds": "performance.initial_funds",
        "level2_grade_excellent": "performance.counts.excellent",
        "level2_grade_good": "performance.counts.good",
        "level2_grade_fair": "performance.counts.fair",
        "level2_grade_poor": "performance.counts.poor",
        "overall_score": "performance.unit.score",
    },
    "十(四)(3)": {
        "overall_score": "performance.unit.score",
        "overall_budget": "performance.unit.budget",
        "overall_executed": "performance.unit.executed",
        "overall_execution_rate": "performance.unit.rate",
    },
}

# ---------------------------------------------------------------- where the app differs

# (section, key) → (the app's figure, the KNOWN_ERRORS "where" that says the reference is wrong)
DIFFERS: dict[str, dict[tuple[str, str], tuple[str, str]]] = {
    "datong-2024": {
        # 公开05 基本支出 233.88, not 公开03's all-source 233.89.
        ("六", "basic_expenditure"): ("233.88", "第三部分 六 财政拨款基本支出"),
    },
    "jincheng-2022": {
        # 五(三) repeats the shares of 五(二); the reference forced 1.26 onto 221 instead.
        ("五(三)", "class_221_share"): ("1.25", "第三部分 五(三) 住房保障支出 share"),
        ("九(一)", "completion_rate"): ("100.00", "第三部分 九(一) 三公 完成全年预算"),
        ("九(一)", "vehicle_operation_completion_rate"): (
            "100.00",
            "第三部分 九(一) 公务用车运行维护费 完成全年预算",
        ),
        # The reference divides the projects' 年初预算 (8406200) by 项目支出 (7897003.97):
        # 106.45%, a "share" above the whole. The text states the 执行数 (7897003.97) and its
        # share of 项目支出 instead, both figures printed beside it.
        ("十(四)(1)", "projects_covered_share_of_project_expenditure"): (
            "100.00",
            "第三部分 十(四)(1) 占项目支出总额",
        ),
        ("十(四)(1)", "overall_evaluation_funds"): (
            "8406200",
            "第三部分 十(四)(1) vs (3) 部门整体支出绩效自评",
        ),
        ("十(四)(1)", "overall_evaluation_gpb"): (
            "8406200",
            "第三部分 十(四)(1) vs (3) 部门整体支出绩效自评",
        ),
        ("十(四)(3)", "overall_execution_rate"): ("93.94", "第三部分 十(四)(3) 整体支出 执行率"),
    },
}

# KNOWN_ERRORS of 第三部分 that concern prose, not a figure: the text prints the officer's
# reason as typed (the checks' narrative.reason_direction reports it).
PROSE_ONLY = {"jincheng-2022": {"第三部分 五(一) reason"}, "datong-2024": set()}

# (section, key) → the sentence standing where the reference prints a zero. Zero 三公 items,
# procurement and vehicle categories are stated as the references state them (issue 19):
# none of those stands in for a figure any more.
UNSTATED: dict[str, dict[tuple[str, str], str]] = {
    "datong-2024": {},
    "jincheng-2022": {
        ("十(四)(1)", "level1_projects_covered"): "涵盖二级项目7个",
        **{
            ("十(四)(1)", k): "均为一般公共预算项目支出"
            for k in JINCHENG["十(四)(1)"]
            if k.endswith(("gov_fund", "state_capital", "social_insurance"))
            and not k.startswith("overall")
        },
        **{
            ("十(四)(1)", k): "均为一般公共预算支出"
            for k in JINCHENG["十(四)(1)"]
            if k.startswith("overall_evaluation_")
            and k.endswith(("gov_fund", "state_capital", "social_insurance"))
        },
        **{
            ("十(四)(2)", k): "二级项目绩效自评个数7个"
            for k in JINCHENG["十(四)(2)"]
            if k.startswith("level1_")
        },
        ("十(四)(2)", "level2_grade_poor"): "3个项目自评等级为“中”",
    },
}

# (section, key) → the section that states it: the reference repeats the 整体绩效自评得分 of
# (3) at the end of (2); the text states it once, in (3).
MOVED: dict[str, dict[tuple[str, str], str]] = {
    "datong-2024": {},
    "jincheng-2022": {("十(四)(2)", "overall_score"): "十(四)(3)"},
}

EMPTY_SECTIONS = {
    "datong-2024": {"七": "本年度无此项收支。", "八": "本年度无此项支出。"},
    "jincheng-2022": {
        "七": "本年度无此项收支。",
        "八": "本年度无此项支出。",
        "十(一)": "本单位为事业单位，无机关运行经费。",
    },
}

SAMPLES: dict[str, tuple[ModuleType, dict[str, dict[str, Spec]]]] = {
    "datong-2024": (datong_2024, DATONG),
    "jincheng-2022": (jincheng_2022, JINCHENG),
}
CASES = [(name, sec) for name, (module, _) in SAMPLES.items() for sec in module.TEXT]


def _rendered(name: str) -> tuple[dict[str, Any], Document]:
    report = samples.load(name)
    return compute_facts(report), build_text(report)


_CACHE: dict[str, tuple[dict[str, Any], Document]] = {}


def _sample(name: str) -> tuple[dict[str, Any], Document]:
    if name not in _CACHE:
        _CACHE[name] = _rendered(name)
    return _CACHE[name]


@pytest.mark.parametrize(("name", "sec"), CASES, ids=[f"{n}-{s}" for n, s in CASES])
def test_section_states_the_published_figures(name: str, sec: str) -> None:
    module, specs = SAMPLES[name]
    facts, document = _sample(name)
    text = section(document, sec)
    published: dict[str, str] = module.TEXT[sec]
    assert set(specs[sec]) == set(published), "every transcribed figure has a spec"
    differs, unstated = DIFFERS[name], UNSTATED[name]
    for key, printed in published.items():
        value, shown = figure(facts, specs[sec][key])
        if (sec, key) in differs:
            correct = Decimal(differs[(sec, key)][0])
            assert value == correct, f"{sec} {key}: {value} ≠ {correct}"
            assert value != Decimal(printed), f"{sec} {key} is listed as differing but agrees"
        else:
            assert value == Decimal(printed), f"{sec} {key}: {value} ≠ published {printed}"
        where = MOVED[name].get((sec, key), sec)
        if (sec, key) in unstated:
            assert unstated[(sec, key)] in text, f"{sec} {key}: empty-case wording missing"
        else:
            for s in shown:
                assert s in section(document, where), f"{sec} {key}: {s!r} not in {where}"
    if sec in EMPTY_SECTIONS[name]:
        assert EMPTY_SECTIONS[name][sec] in text


@pytest.mark.parametrize("name", list(SAMPLES))
def test_differences_are_exactly_the_known_errors(name: str) -> None:
    module, _ = SAMPLES[name]
    known = {e["where"] for e in module.KNOWN_ERRORS}
    cited = {where for _, where in DIFFERS[name].values()}
    assert cited <= known, "every difference cites a KNOWN_ERRORS entry"
    # Every known error of 第三部分 is either reproduced correctly here or is prose.
    text_errors = {e["where"] for e in module.KNOWN_ERRORS if e["where"].startswith("第三部分")}
    assert text_errors == cited | PROSE_ONLY[name]


def test_shares_by_class_are_each_their_own_ratio() -> None:
    """Each 类's share is its own correctly rounded ratio (issue 19), so the list may total
    99.99% as both references print it."""
    for name in SAMPLES:
        facts, _ = _sample(name)
        classes = facts["general"]["classes"]
        amounts = [Decimal(c["amount"].rstrip("万元").replace(",", "")) for c in classes]
        for c, amount in zip(classes, amounts, strict=True):
            assert Decimal(c["share"].rstrip("%")) == ratio(amount, sum(amounts)), name
