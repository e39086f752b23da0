"""Property tests: for random consistent reports, the text's arithmetic holds.

Reports are small (a few ledger rows, economic lines that add up to the 基本支出, 三公,
statistics, last year's figures that may be missing, equal or different, reasons that
may be missing, a few self-evaluations) in either unit and edition. For each, the
rendered 情况说明 is read back as text and

* every percentage in it is recomputed from the figures stated beside it (a 增长/下降
  rate from the change and this year's figure, a share from its part and the whole the
  list opens with, a 完成率 from 预算 and 决算, …) — and no percentage goes unchecked;
* every 「增加/增长」 goes with a rise and every 「减少/下降」 with a fall, 「持平」 with no
  change, on the figures as published;
* every list of shares adds up to exactly 100.00%.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.model import (
    Assets,
    Balances,
    BudgetLine,
    CodeAmount,
    EconRow,
    FiscalSpending,
    FundingLine,
    Income,
    Indicator,
    LedgerRow,
    Overview,
    PriorYear,
    Procurement,
    Reason,
    Report,
    Sangong,
    SangongAmounts,
    SelfEval,
    Spending,
    Statistics,
    UnitInfo,
    UnitKind,
    Vehicles,
)
from desktop.core.money import CENT, ZERO, nz, ratio
from desktop.core.text import build_text, shares
from desktop.core.text.document import Document, Paragraph
from desktop.core.text.facts import facts
from tests.core.text.helpers import num, section

CODES = ("2010301", "2010302", "2010350", "2080501", "2080505", "2101101", "2210201", "2130101")
PERSONNEL = ("30101", "30102", "30108", "30113", "30302")
PUBLIC = ("30201", "30211", "30217", "30231", "30239", "31002")
SANGONG = ("abroad", "vehicle_purchase", "vehicle_operation", "reception")
REASON_KEYS = (
    "total",
    "fiscal",
    "general",
    "sangong",
    "admin_cost",
    "performance_good",
    "performance_fair",
    "performance_poor",
    *(f"general_class:{c[:3]}" for c in CODES),
    *(f"sangong:{k}" for k in SANGONG),
)

cents = st.integers(min_value=0, max_value=2_000_000_00).map(lambda n: Decimal(n) / 100)
small = st.integers(min_value=0, max_value=50_000_00).map(lambda n: Decimal(n) / 100)


@st.composite
def prior_of(draw: st.DrawFn, current: Decimal) -> Decimal | None:
    """Last year's figure: missing, zero, equal to this year's, or anything."""
    mode = draw(st.sampled_from(["none", "zero", "same", "near", "any"]))
    if mode == "none":
        return None
    if mode == "zero":
        return Decimal("0.00")
    if mode == "same":
        return current
    if mode == "near":
        # Within a few cents: in 万元 the change often rounds away (「持平」).
        return max(Decimal(0), current + Decimal(draw(st.integers(-300, 300))) / 100)
    return draw(cents)


def _split(draw: st.DrawFn, amount: Decimal, codes: tuple[str, ...]) -> list[EconRow]:
    """`amount` spread over some of `codes`, exactly."""
    chosen = draw(st.lists(st.sampled_from(codes), min_size=1, max_size=len(codes), unique=True))
    cuts = sorted(
        draw(
            st.lists(
                st.integers(0, int(amount * 100)),
                min_size=len(chosen) - 1,
                max_size=len(chosen) - 1,
            )
        )
    )
    bounds = [0, *cuts, int(amount * 100)]
    return [
        EconRow(code, basic=Decimal(hi - lo) / 100)
        for code, lo, hi in zip(chosen, bounds, bounds[1:], strict=False)
    ]


@st.composite
def reports(draw: st.DrawFn) -> Report:
    year = draw(st.sampled_from([2022, 2024]))
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=4, unique=True))
    rows, basic_total = [], Decimal(0)
    for code in codes:
        b, p = draw(cents), draw(cents)
        other = draw(st.one_of(st.just(Decimal(0)), small))
        fund = draw(st.one_of(st.just(Decimal(0)), st.just(Decimal(0)), small))
        basic_total += b
        rows.append(
            LedgerRow(
                code,
                income=Income(general_budget=b + p, gov_fund=fund or None, other=other or None),
                spending=Spending(basic=b + other, project=p + fund),
                fiscal=FiscalSpending(
                    general_basic=b, general_project=p, fund_project=fund or None
                ),
            )
        )
    personnel = (basic_total * Decimal(draw(st.integers(0, 100))) / 100).quantize(CENT)
    econ = [*_split(draw, personnel, PERSONNEL), *_split(draw, basic_total - personnel, PUBLIC)]
    classes = sorted({c[:3] for c in codes})
    budget = [BudgetLine(c, draw(cents)) for c in classes if draw(st.booleans())]

    def amounts(allow_none: bool) -> SangongAmounts:
        pick = st.one_of(st.none(), st.just(Decimal(0)), small) if allow_none else small
        return SangongAmounts(*(draw(pick) for _ in SANGONG))

    actual = amounts(allow_none=True)
    prior_sangong = SangongAmounts(
        *(draw(prior_of(getattr(actual, k) or Decimal(0))) for k in SANGONG)
    )
    goods, works, services = draw(small), draw(small), draw(small)
    sme = (goods + works + services) * Decimal(draw(st.integers(0, 100))) / 100
    sme = sme.quantize(CENT)
    income_total = sum((nz(r.income.general_budget) + nz(r.income.other) for r in rows), ZERO)
    fund_total = sum((nz(r.income.gov_fund) for r in rows), ZERO)
    general = sum((nz(r.fiscal.general_basic) + nz(r.fiscal.general_project) for r in rows), ZERO)
    income_total += fund_total
    fiscal_total = general + fund_total
    admin_cost = draw(st.one_of(st.none(), small))
    self_evals = [
        SelfEval(
            name=f"项目{i}",
            funding=(
                FundingLine(
                    "财政资金",
                    budgeted=draw(small),
                    full_year=fy,
                    executed=draw(small) if fy else None,
                ),
            ),
            indicators=(
                Indicator(
                    "产出指标",
                    "数量指标",
                    "完成数",
                    Decimal(90),
                    target="≥10个",
                    actual=f"{draw(st.integers(0, 12))}个",
                ),
            ),
        )
        for i, fy in enumerate(draw(st.lists(small, max_size=3)))
    ]
    kind = draw(st.sampled_from(list(UnitKind)))
    return Report(
        unit=UnitInfo(
            name="测试单位",
            year=year,
            kind=kind,
            amount_unit=draw(st.sampled_from(["元", "万元"])),
            edition=f"shanxi-{year}",
        ),
        overview=Overview(duties="（一）职责。", organization="内设科室。"),
        ledger=tuple(rows),
        budget=tuple(budget),
        balances=Balances(),
        econ=tuple(econ),
        sangong=Sangong(
            budget=amounts(allow_none=True),
            actual=actual,
            vehicles_held=draw(st.integers(0, 3)),
            domestic_reception=actual.reception,
            domestic_batches=draw(st.integers(0, 5)),
            domestic_people=draw(st.integers(0, 50)),
        ),
        stats=Statistics(
            procurement=Procurement(goods, works, services, sme, (sme / 2).quantize(CENT)),
            admin_cost=admin_cost if kind.has_admin_cost else None,
            assets=Assets(
                vehicles=Vehicles(principal=draw(st.integers(0, 2)), other=draw(st.integers(0, 2)))
            ),
        ),
        prior=PriorYear(
            income_total=draw(prior_of(income_total)),
            spending_total=draw(prior_of(income_total)),
            fiscal_income_total=draw(prior_of(fiscal_total)),
            fiscal_spending_total=draw(prior_of(fiscal_total)),
            general_spending=draw(prior_of(general)),
            general_by_class=tuple(
                CodeAmount(c, p) for c in classes if (p := draw(prior_of(Decimal(0)))) is not None
            ),
            sangong=prior_sangong,
            admin_cost=draw(prior_of(admin_cost or Decimal(0))),
        ),
        reasons=tuple(Reason(k, "政策调整") for k in REASON_KEYS if draw(st.booleans())),
        self_evals=tuple(self_evals),
    )


# ---------------------------------------------------------------- reading the text back

AMOUNT = r"[\d,]+(?:\.\d{2})?(?:万元|元)"  # 0万元: an edition printing zero so
PCT = r"(\d+\.\d{2})%"
CHANGE = re.compile(rf"(增加|减少)({AMOUNT})(?:，(增长|下降){PCT})?")
SHARE_ITEM = re.compile(rf"({AMOUNT})，占比{PCT}")
COMPLETION = re.compile(rf"预算({AMOUNT})，支出决算({AMOUNT})，完成(?:年初|全年)预算的{PCT}")
EXECUTION = re.compile(rf"全年预算数为({AMOUNT})，执行数为({AMOUNT})，执行率为{PCT}")
OF_PROCUREMENT = re.compile(rf"({AMOUNT})，占政府采购支出总额的{PCT}")
OF_SPENDING = re.compile(rf"({AMOUNT})，占本年支出合计的{PCT}")
OF_PROJECTS = re.compile(rf"执行数({AMOUNT})，占本部门（单位）项目支出总额({AMOUNT})的{PCT}")


def _amounts(text: str) -> list[Decimal]:
    return [num(a) for a in re.findall(AMOUNT, text)]


def _comparisons(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        found = [node] if "phrase" in node and "known" in node else []
        return found + [c for v in node.values() for c in _comparisons(v)]
    if isinstance(node, list):
        return [c for v in node for c in _comparisons(v)]
    return []


def _paragraphs(document: Document) -> list[str]:
    return [b.text for b in document.part("情况说明").blocks if isinstance(b, Paragraph)]


def _check_changes(document: Document, data: dict[str, Any]) -> int:
    """Each change phrase: words follow the sign; its rate recomputes from this year's
    figure in the same paragraph and the change. Returns the percentages checked."""
    checked = 0
    comparisons = [c for c in _comparisons(data) if c["changed"]]
    for text in _paragraphs(document):
        for m in CHANGE.finditer(text):
            word, amount, rate_word, rate = m.groups()
            assert (word, rate_word) in {
                ("增加", "增长"),
                ("减少", "下降"),
                ("增加", None),
                ("减少", None),
            }
            matching = [
                c for c in comparisons if c["phrase"] == m.group(0) and c["current"] in text
            ]
            assert matching, f"change {m.group(0)!r} matches no comparison stated beside it"
            change = num(amount)
            for c in matching:
                current = num(c["current"])
                prior = current - change if word == "增加" else current + change
                assert num(c["prior"]) == prior
                assert (current > prior) == (word == "增加") and current != prior
            if rate is not None:
                checked += 1
                assert Decimal(rate) == ratio(change, prior), m.group(0)
            else:
                assert prior == 0, f"{m.group(0)}: a rate is missing although last year was {prior}"
    return checked


def _check_share_lists(document: Document, unit: str) -> int:
    """Lists opened by 「…其中：」/「…以下方面：」 whose items read 「名称X元，占比Y%」: each
    share is the correctly rounded ratio of its part and the parts' sum (the editions' own
    rounding, issue 19: a list may then total 100.00 ± a 尾差 of its rounding), and the sum
    is the total the list opens with (in 万元 up to the 尾数 of rounding each figure)."""
    checked = 0
    lead: Decimal | None = None
    items: list[tuple[Decimal, Decimal]] = []
    for text in [*_paragraphs(document), ""]:
        item = re.fullmatch(rf"[^\d]*?({AMOUNT})，占比{PCT}[；。]", text)
        if item and lead is not None:
            items.append((num(item.group(1)), Decimal(item.group(2))))
            checked += 1
            continue
        assert item is None, f"a share outside a list: {text}"
        if items and lead is not None:
            whole = sum((p for p, _ in items), Decimal(0))
            slack = Decimal(0) if unit == "元" else Decimal("0.005") * (len(items) + 1)
            assert abs(whole - lead) <= slack, (lead, items)
            if whole:
                total_share = sum((sh for _, sh in items), Decimal(0))
                assert abs(total_share - Decimal("100.00")) <= Decimal("0.005") * len(items)
                for part, share in items:
                    assert share == ratio(part, whole), (part, whole, share)
            else:
                assert all(sh == 0 for _, sh in items)
        items = []
        amounts = _amounts(text)
        lead = amounts[-1] if text.endswith(("其中：", "以下方面：")) and amounts else None
    return checked


def _check_other_percentages(document: Document) -> int:
    checked = 0
    spending_total = _amounts(section(document, "三"))[:1]
    project_spending = re.search(rf"项目支出({AMOUNT})", section(document, "三"))
    for text in _paragraphs(document):
        for m in COMPLETION.finditer(text):
            budget, actual, rate = num(m.group(1)), num(m.group(2)), Decimal(m.group(3))
            assert rate == ratio(actual, budget), m.group(0)
            checked += 1
        for m in EXECUTION.finditer(text):
            assert Decimal(m.group(3)) == ratio(num(m.group(2)), num(m.group(1))), m.group(0)
            checked += 1
        for m in OF_PROCUREMENT.finditer(text):
            whole = num(re.search(rf"政府采购支出总额({AMOUNT})", text).group(1))  # type: ignore[union-attr]
            # a share of nothing is stated 0.00% (the editions' standard statement)
            assert Decimal(m.group(2)) == nz(ratio(num(m.group(1)), whole)), m.group(0)
            checked += 1
        for m in OF_SPENDING.finditer(text):
            assert spending_total, "a share of 支出合计 but 三 states none"
            assert Decimal(m.group(2)) == ratio(num(m.group(1)), spending_total[0]), m.group(0)
            checked += 1
        for m in OF_PROJECTS.finditer(text):
            # the projects' 执行数 of 项目支出: both printed, the whole as 三 states it
            assert project_spending is not None, "a share of 项目支出 but 三 states none"
            whole = num(m.group(2))
            assert whole == num(project_spending.group(1)), m.group(0)
            assert Decimal(m.group(3)) == ratio(num(m.group(1)), whole), m.group(0)
            checked += 1
        # 2022 五(一): 人员经费/日常公用经费 as shares of the 决算支出 the paragraph opens with.
        if "其中，人员经费" in text:
            gpb = _amounts(text)[0]
            for m in re.finditer(rf"(?:人员经费|日常公用经费)({AMOUNT})，占比{PCT}", text):
                assert Decimal(m.group(2)) == ratio(num(m.group(1)), gpb), m.group(0)
                checked += 1
    return checked


@pytest.mark.slow  # 100 random reports' text
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_every_percentage_recomputes_and_every_word_follows_the_sign(report: Report) -> None:
    document = build_text(report)
    data = facts(report)
    text = "\n".join(_paragraphs(document))
    assert "None" not in text
    checked = (
        _check_changes(document, data)
        + _check_share_lists(document, report.unit.amount_unit)
        + _check_other_percentages(document)
    )
    assert checked == len(re.findall(r"\d%", text)), "a percentage in the text went unchecked"


@pytest.mark.slow  # 100 random reports' text
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_comparisons_choose_their_words_from_the_sign(report: Report) -> None:
    for c in _comparisons(facts(report)):
        if not c["known"]:
            assert c["phrase"] == "" and not c["changed"]
            continue
        current, prior = num(c["current"]), num(c["prior"])
        if current > prior:
            assert c["rise"] and c["phrase"].startswith("增加")
            assert ("增长" in c["phrase"]) == (prior != 0)
        elif current < prior:
            assert c["fall"] and c["phrase"].startswith("减少")
            assert ("下降" in c["phrase"]) == (prior != 0)
        else:
            assert c["flat"] and c["phrase"] == "与上年持平"
        if c["changed"]:
            assert num(c["amount"]) == abs(current - prior)


# ---------------------------------------------------------------- shares()


parts_lists = st.lists(
    st.integers(min_value=0, max_value=10**12).map(lambda n: Decimal(n) / 100),
    min_size=1,
    max_size=12,
)


@given(parts_lists)
def test_shares_add_up_to_exactly_100(parts: list[Decimal]) -> None:
    result = shares(parts)
    if sum(parts) == 0:
        assert result == [Decimal(0)] * len(parts)
        return
    assert sum(result, Decimal(0)) == Decimal("100.00")
    largest = max(range(len(parts)), key=lambda i: parts[i])
    for i, (part, share) in enumerate(zip(parts, result, strict=True)):
        exact = ratio(part, sum(parts))
        assert exact is not None
        if i != largest:
            assert share == exact
        else:
            assert abs(share - exact) <= Decimal("0.005") * len(parts)


def test_shares_give_the_remainder_to_the_largest_part() -> None:
    # 大同 2024 五(二): 88.02 + 6.57 + 1.83 + 3.57 = 99.99 rounded one by one.
    parts = [Decimal("514.54"), Decimal("38.40"), Decimal("10.72"), Decimal("20.88")]
    assert shares(parts) == [Decimal(x) for x in ("88.03", "6.57", "1.83", "3.57")]
    assert shares([Decimal(1), Decimal(1), Decimal(1)]) == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]
    assert shares([]) == []


def test_own_shares_are_each_correctly_rounded() -> None:
    # 大同 2024 五(二) as published: 514.54/584.54 = 88.02%, the four totalling 99.99%.
    parts = [Decimal("514.54"), Decimal("38.40"), Decimal("10.72"), Decimal("20.88")]
    assert shares(parts, to_100=False) == [Decimal(x) for x in ("88.02", "6.57", "1.83", "3.57")]
    assert shares([Decimal(1), Decimal(2)], to_100=False, places=1) == [
        Decimal("33.3"),
        Decimal("66.7"),
    ]
