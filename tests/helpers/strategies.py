"""Hypothesis strategies for reports: consistent ones, and ones broken in every way.

    consistent_reports() ── a report every identity of the checks holds in:
        each 项: 一般公共预算 b (基本) + p (项目), 政府性基金 f (项目), 其他收入 o (基本),
                 年初财政拨款结转 c spent as 项目 — so 财政拨款 ≤ 基本/项目, every source
                 closes at 0 and 年末结转和结余 = 0;
        经济分类 基本 = Σ b, with 30212/30217/30231 equal to the 三公 items;
        上年数 for every comparison and a reason for every key the text asks for.
    inconsistent_reports() ── a consistent report with a few random figures, codes,
        rows or texts replaced by anything at all (negative, 3 decimals, huge, None,
        duplicate rows, codes of the wrong length, empty reasons …).
    any_text() ── text as an officer (or a clipboard) might produce it.

Sizes are modest on purpose: the fuzz tests render each report to Excel and PDF.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from desktop.core import catalog
from desktop.core.model import (
    Assets,
    Balances,
    BudgetLine,
    CodeAmount,
    EconRow,
    FiscalAmounts,
    FiscalSpending,
    FundingLine,
    FundKind,
    Income,
    Indicator,
    LedgerRow,
    NamedAmount,
    Overview,
    PriorYear,
    Procurement,
    Reason,
    Report,
    Sangong,
    SangongAmounts,
    SelfEval,
    Spending,
    Staff,
    Statistics,
    UnitInfo,
    UnitKind,
    Vehicles,
)
from desktop.core.money import CENT, ZERO, Money

ITEM_CODES: tuple[str, ...] = tuple(e.code for e in catalog.functional() if e.level == "项")
ECON_KUAN: tuple[str, ...] = tuple(e.code for e in catalog.economic() if e.level == "款")
# 基本支出 lines free to take any share (not the 三公 lines the checks tie to 三公).
_FREE_BASIC = tuple(
    c for c in ECON_KUAN if c[:3] in ("301", "302", "303") and c not in ("30212", "30217", "30231")
)
EDITIONS = {"shanxi-2024": 2024, "shanxi-2022": 2022}

# Characters that exercise the renderers: CJK, full-width punctuation, XML specials,
# formula starters, path separators, quotes, emoji outside the fonts' coverage is not
# wanted (the PDF's glyph check is a test of its own), so the alphabet stays in the BMP.
_ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "S", "Zs"),
    max_codepoint=0xFFFF,
    exclude_characters="\x00",
)
SPECIAL = (
    *("=", "+", "-", "@", "<", ">", "&", "'", '"', "/", "\\", "..", "\t", "%", "{{", "}}"),
    # pasted from Word and other programs: manual line break, page break, escape, BOM…
    *("\x0b", "\x0c", "\x01", "\x1b", "\ufeff", "\ufffe", "\r\n"),
)


def any_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Officer text: CJK and ASCII, XML/formula/path specials, sometimes empty."""
    pieces = st.one_of(
        st.text(_ALPHABET, max_size=max_size),
        st.sampled_from(SPECIAL),
        st.sampled_from(("财政局", "公共资源交易中心", "=SUM(A1:A3)", "@cmd", "../../etc/x")),
    )
    return st.lists(pieces, max_size=4).map("".join)


def cents(lo: int = 0, hi: int = 10**9) -> st.SearchStrategy[Decimal]:
    """An amount in 元 with 2 decimals, `lo`–`hi` cents."""
    return st.integers(lo, hi).map(lambda n: (Decimal(n) / 100).quantize(CENT))


def maybe(amounts: st.SearchStrategy[Decimal]) -> st.SearchStrategy[Money]:
    return st.one_of(st.none(), amounts)


def _opt(v: Decimal) -> Money:
    """None for zero: an officer leaves a cell empty as often as typing 0."""
    return v if v else None


def _add(*values: Money) -> Money:
    present = [v for v in values if v is not None]
    return sum(present, ZERO) if present else None


@st.composite
def consistent_ledger_row(draw: st.DrawFn, code: str) -> LedgerRow:
    b = draw(cents(0, 10**9))
    p = draw(cents(0, 10**9))
    f = draw(st.one_of(st.just(ZERO), cents(0, 10**8)))
    o = draw(st.one_of(st.just(ZERO), cents(0, 10**8)))
    c = draw(st.one_of(st.just(ZERO), cents(0, 10**7)))
    general_project = p + c
    return LedgerRow(
        code,
        income=Income(general_budget=_opt(b + p), gov_fund=_opt(f), other=_opt(o)),
        spending=Spending(basic=_opt(b + o), project=_opt(general_project + f)),
        fiscal=FiscalSpending(
            general_basic=_opt(b), general_project=_opt(general_project), fund_project=_opt(f)
        ),
        fiscal_opening=FiscalAmounts(general_budget=_opt(c)),
    )


def _spread(draw: st.DrawFn, whole: Decimal, codes: tuple[str, ...], n_max: int) -> list[EconRow]:
    """`whole` split over a few of `codes` (cents exact, every share ≥ 0)."""
    if whole <= 0:
        return []
    chosen = draw(st.lists(st.sampled_from(codes), min_size=1, max_size=n_max, unique=True))
    cuts = sorted(
        draw(
            st.lists(
                st.integers(0, int(whole * 100)), min_size=len(chosen) - 1, max_size=len(chosen) - 1
            )
        )
    )
    bounds = [0, *cuts, int(whole * 100)]
    return [
        EconRow(code, basic=(Decimal(hi - lo) / 100).quantize(CENT))
        for code, lo, hi in zip(sorted(chosen), bounds, bounds[1:], strict=False)
    ]


def _reasons(report: Report) -> tuple[Reason, ...]:
    keys = ["total", "fiscal", "general", "sangong", "admin_cost"]
    keys += [f"general_class:{c}" for c in sorted({r.code[:3] for r in report.ledger})]
    keys += [
        f"sangong:{k}" for k in ("abroad", "vehicle_purchase", "vehicle_operation", "reception")
    ]
    keys += [f"budget_class:{c}" for c in sorted({r.code[:3] for r in report.ledger})]
    # Neutral wording: the direction rule looks for 增加/减少 against the figure's change.
    return tuple(Reason(k, "业务安排调整") for k in keys)


@st.composite
def _self_eval(draw: st.DrawFn, n: int, ledger: tuple[LedgerRow, ...]) -> SelfEval:
    """A project paid under one of the ledger's 项 with 一般公共预算 project spending, spending
    at most half of it (two projects may share the 项), so no coverage rule trips."""
    k = draw(st.integers(1, 4))
    weights = [Decimal(90) / k] * k
    paying = [r for r in ledger if r.fiscal.general_project]
    row = draw(st.sampled_from(paying)) if paying else None
    cap = (row.fiscal.general_project or ZERO) / 2 if row is not None else ZERO
    executed = draw(cents(0, int(cap * 100)))
    budget = draw(cents(max(int(executed * 100), 10_000_000), 10**10))
    return SelfEval(
        name=f"项目{n + 1}" + draw(any_text(8)),
        department=draw(any_text(10)),
        unit=draw(any_text(10)),
        code=row.code if row is not None else "",
        fund_kind=FundKind.GENERAL if row is not None else None,
        funding=(
            FundingLine(
                "市县区财政资金",
                declared=budget,
                budgeted=budget,
                full_year=budget,
                executed=executed,
                note=draw(any_text(20)),
            ),
        ),
        goal=draw(any_text(30)),
        achieved=draw(any_text(30)),
        indicators=tuple(
            Indicator(
                level1="产出指标",
                level2="数量指标",
                level3=f"指标{i + 1}",
                weight=w,
                target=draw(st.sampled_from(("≥10个", "100%", "≤5天", "=1项", "好"))),
                actual=draw(st.sampled_from(("10个", "98%", "3天", "1项", "较好", ""))),
                deviation=draw(any_text(20)),
            )
            for i, w in enumerate(weights)
        ),
    )


@st.composite
def consistent_reports(draw: st.DrawFn, max_rows: int = 8) -> Report:
    """A report in which every identity the checks know holds (see the module docstring)."""
    codes = draw(st.lists(st.sampled_from(ITEM_CODES), min_size=1, max_size=max_rows, unique=True))
    ledger = tuple(draw(consistent_ledger_row(code)) for code in sorted(codes))
    general_basic = sum((r.fiscal.general_basic or ZERO for r in ledger), ZERO)
    opening = sum((r.fiscal_opening.general_budget or ZERO for r in ledger), ZERO)

    # 三公 out of 一般公共预算基本支出, each tied to its economic line.
    left = general_basic
    actual: dict[str, Decimal] = {}
    for item in ("abroad", "reception", "vehicle_operation"):
        v = draw(cents(0, int(left * 100))) if left > 0 else ZERO
        actual[item] = v
        left -= v
    econ = [
        EconRow(code, basic=actual[item])
        for code, item in (
            ("30212", "abroad"),
            ("30217", "reception"),
            ("30231", "vehicle_operation"),
        )
        if actual[item]
    ]
    econ += _spread(draw, left, _FREE_BASIC, 6)
    econ.sort(key=lambda e: e.code)
    public_basic = sum(
        (e.basic or ZERO for e in econ if e.code[:3] not in catalog.PERSONNEL_CLASSES), ZERO
    )
    kind = draw(st.sampled_from(list(UnitKind)))
    edition = draw(st.sampled_from(sorted(EDITIONS)))

    def count(amount: Decimal) -> int:
        return draw(st.integers(1, 50)) if amount > 0 else 0

    sangong_actual = SangongAmounts(
        abroad=actual["abroad"],
        vehicle_purchase=ZERO,
        vehicle_operation=actual["vehicle_operation"],
        reception=actual["reception"],
    )
    domestic = actual["reception"]
    running = 1 if actual["vehicle_operation"] else 0  # a car is run: one is held
    vehicles = Vehicles(
        principal=draw(st.integers(0, 5)), law_enforcement=draw(st.integers(running, 20))
    )
    held = (vehicles.principal or 0) + (vehicles.law_enforcement or 0)
    sangong = Sangong(
        budget=SangongAmounts(*(v * 2 for v in dataclasses.astuple(sangong_actual))),
        actual=sangong_actual,
        abroad_groups=count(actual["abroad"]),
        abroad_people=count(actual["abroad"]),
        vehicles_bought=0,
        vehicles_held=draw(st.integers(1, held)) if held and actual["vehicle_operation"] else 0,
        domestic_reception=domestic,
        domestic_batches=count(domestic),
        domestic_people=count(domestic),
        foreign_affairs_reception=ZERO,
        foreign_affairs_batches=0,
        foreign_affairs_people=0,
        overseas_reception=ZERO,
        overseas_batches=0,
        overseas_people=0,
        vehicle_operation_items=(
            (NamedAmount("燃油费", actual["vehicle_operation"]),)
            if actual["vehicle_operation"]
            else ()
        ),
        abroad_use=draw(any_text(20)),
        reception_use=draw(any_text(20)),
    )
    goods, works, services = (draw(cents(0, 10**8)) for _ in range(3))
    procurement_total = goods + works + services
    sme = draw(cents(0, int(procurement_total * 100)))
    small_micro = draw(cents(0, int(sme * 100)))
    by_class: dict[str, Decimal] = {}
    for r in ledger:
        g = (r.fiscal.general_basic or ZERO) + (r.fiscal.general_project or ZERO)
        by_class[r.code[:3]] = by_class.get(r.code[:3], ZERO) + g
    report = Report(
        unit=UnitInfo(
            name=draw(any_text(20)),
            code=draw(st.text("0123456789", min_size=3, max_size=9)),
            department=draw(any_text(20)),
            year=EDITIONS[edition],
            kind=kind,
            consolidated=draw(st.booleans()),
            amount_unit=draw(st.sampled_from(("元", "万元"))),
            edition=edition,
        ),
        overview=Overview(
            duties=draw(any_text(60)),
            organization=draw(any_text(60)),
            staff=Staff(*(draw(st.integers(0, 500)) for _ in range(3))),
        ),
        ledger=ledger,
        budget=tuple(BudgetLine(c, v) for c, v in sorted(by_class.items())),
        balances=Balances(opening=_opt(opening), declared_closing=ZERO),
        econ=tuple(econ),
        sangong=sangong,
        stats=Statistics(
            procurement=Procurement(goods, works, services, sme, small_micro),
            admin_cost=public_basic if kind.has_admin_cost else None,
            assets=Assets(
                vehicles=vehicles,
                declared_vehicle_total=held,
                equipment_over_1m=draw(st.integers(0, 9)),
            ),
        ),
        self_evals=tuple(draw(_self_eval(n, ledger)) for n in range(draw(st.integers(0, 2)))),
    )
    prior_factor = draw(st.sampled_from((Decimal("0.8"), Decimal("1"), Decimal("1.25"))))

    def last_year(v: Money) -> Decimal:
        return (v * prior_factor).quantize(CENT) if v is not None else ZERO

    from desktop.core.derive import derive

    d = derive(report)
    ft = d.fiscal["total"]
    prior = PriorYear(
        income_total=last_year(d.balances.grand_total_in),
        spending_total=last_year(d.balances.grand_total_out),
        fiscal_income_total=last_year(_add(ft.opening, ft.income)),
        fiscal_spending_total=last_year(_add(ft.spending, ft.closing)),
        general_spending=last_year(d.fiscal["general_budget"].spending),
        general_by_class=tuple(CodeAmount(c, last_year(v)) for c, v in sorted(by_class.items())),
        sangong=SangongAmounts(*(last_year(v) for v in dataclasses.astuple(sangong_actual))),
        admin_cost=last_year(report.stats.admin_cost) if kind.has_admin_cost else None,
    )
    report = dataclasses.replace(report, prior=prior)
    return dataclasses.replace(report, reasons=_reasons(report))


# ---------------------------------------------------------------- breaking things


def wild_amounts() -> st.SearchStrategy[Money]:
    """Any Decimal a project file or a bug could put in a figure."""
    return st.one_of(
        st.none(),
        cents(-(10**12), 10**12),
        st.decimals(min_value=-(10**16), max_value=10**16, allow_nan=False, allow_infinity=False),
        st.sampled_from(
            [Decimal("-0.00"), Decimal("0.001"), Decimal("9999999999999.99"), Decimal("1E+3")]
        ),
    )


def _money_paths(report: Report) -> list[tuple[str, ...]]:
    """Attribute paths of every Money field reachable through records and tuples."""
    out: list[tuple[str, ...]] = []

    def walk(obj: Any, path: tuple[str, ...]) -> None:
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            for f in dataclasses.fields(obj):
                v = getattr(obj, f.name)
                if f.type in ("Money", "Decimal | None"):
                    out.append((*path, f.name))
                else:
                    walk(v, (*path, f.name))
        elif isinstance(obj, tuple):
            for i, v in enumerate(obj):
                walk(v, (*path, str(i)))

    walk(report, ())
    return out


def set_path(obj: Any, path: tuple[str, ...], value: Any) -> Any:
    """`obj` with the field (or tuple item) at `path` replaced by `value`."""
    head, *rest = path
    if isinstance(obj, tuple):
        i = int(head)
        item = value if not rest else set_path(obj[i], tuple(rest), value)
        return (*obj[:i], item, *obj[i + 1 :])
    inner = value if not rest else set_path(getattr(obj, head), tuple(rest), value)
    return dataclasses.replace(obj, **{head: inner})


@st.composite
def _break_once(draw: st.DrawFn, report: Report) -> Report:
    how = draw(
        st.sampled_from(
            ("figure", "figure", "figure", "duplicate", "code", "reason", "count", "drop", "text")
        )
    )
    if how == "figure":
        paths = _money_paths(report)
        path = draw(st.sampled_from(paths))
        return set_path(report, path, draw(wild_amounts()))
    if how == "duplicate" and report.ledger:
        row = draw(st.sampled_from(report.ledger))
        return dataclasses.replace(report, ledger=(*report.ledger, row))
    if how == "code" and report.ledger:
        i = draw(st.integers(0, len(report.ledger) - 1))
        code = draw(
            st.one_of(
                st.text("0123456789", max_size=9),
                st.sampled_from(("", "201", "20101", "2019999", "abcdefg", "２０１０３０１")),
                any_text(9),
            )
        )
        return set_path(report, ("ledger", str(i), "code"), code)
    if how == "reason" and report.reasons:
        i = draw(st.integers(0, len(report.reasons) - 1))
        text = draw(st.one_of(st.just(""), st.sampled_from(("增加", "减少", "持平")), any_text()))
        return set_path(report, ("reasons", str(i), "text"), text)
    if how == "count":
        field = draw(st.sampled_from(("abroad_groups", "vehicles_held", "domestic_batches")))
        n = draw(st.one_of(st.none(), st.integers(-5, 10**6)))
        return dataclasses.replace(
            report, sangong=dataclasses.replace(report.sangong, **{field: n})
        )
    if how == "drop":
        part = draw(st.sampled_from(("econ", "reasons", "budget", "self_evals", "ledger")))
        return dataclasses.replace(report, **{part: ()})
    if how == "text":
        field = draw(st.sampled_from(("name", "department", "code")))
        return dataclasses.replace(
            report, unit=dataclasses.replace(report.unit, **{field: draw(any_text(60))})
        )
    return report


@st.composite
def inconsistent_reports(draw: st.DrawFn, max_rows: int = 8) -> Report:
    """A consistent report broken in 1–4 random places."""
    report = draw(consistent_reports(max_rows=max_rows))
    for _ in range(draw(st.integers(1, 4))):
        report = draw(_break_once(report))
    return report


@st.composite
def ledger_edits(draw: st.DrawFn, report: Report) -> Report:
    """`report` with one ledger row replaced, as a one-cell edit (or a few) makes it."""
    if not report.ledger:
        return report
    i = draw(st.integers(0, len(report.ledger) - 1))
    row = report.ledger[i]
    attr = draw(st.sampled_from(("income", "spending", "fiscal", "fiscal_opening")))
    record = getattr(row, attr)
    name = draw(st.sampled_from([f.name for f in dataclasses.fields(record)]))
    value = draw(st.one_of(st.none(), cents(-(10**9), 10**9), wild_amounts()))
    new_row = dataclasses.replace(row, **{attr: dataclasses.replace(record, **{name: value})})
    return set_path(report, ("ledger", str(i)), new_row)
