"""A large consistent report: a consolidated department, for benchmarks and scale tests.

`large_report()` builds, deterministically (no randomness), a 汇总 report of a
行政单位 with 400 功能分类 项 rows over every 类/款 of the bundled catalog (its 378 项
plus officer-added 科目 under existing 款), every economic 款 with 基本 and 项目
figures, all four 三公 items, statistics, last year's figures with a reason for every
change, and 100 project self-evaluations of 10 indicators each. Every identity the
checks know holds, so a full check reports nothing but what a test changes.

    项 row i:  收入 一般公共预算 = 基本 b + 项目 p;  其他收入 o → 基本 (non-fiscal)
              年初财政拨款结转 c → spent as 项目;  政府性基金 f → 项目
"""

from __future__ import annotations

from decimal import Decimal

from desktop.core import catalog
from desktop.core.model import (
    Assets,
    Balances,
    BudgetLine,
    CodeAmount,
    CustomCode,
    EconRow,
    FiscalAmounts,
    FiscalSpending,
    FundingLine,
    Income,
    Indicator,
    LedgerRow,
    NamedAmount,
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
from desktop.core.money import CENT, ZERO, Money

# 三公 决算 and the economic lines that record them (cross.sangong_econ).
ABROAD = Decimal("80000.00")  # 30212, 基本
RECEPTION = Decimal("120000.00")  # 30217, 基本
VEHICLE_OPERATION = Decimal("300000.00")  # 30231, 基本
VEHICLE_PURCHASE = Decimal("250000.00")  # 31013, 项目
FIXED_BASIC = {"30212": ABROAD, "30217": RECEPTION, "30231": VEHICLE_OPERATION}
FIXED_PROJECT = {"31013": VEHICLE_PURCHASE, "30913": None}


def _cents(n: int) -> Decimal:
    return (Decimal(n) / 100).quantize(CENT)


def functional_codes(rows: int) -> tuple[list[str], list[CustomCode]]:
    """`rows` distinct 项 codes: the catalog's, then officer-added ones under its 款."""
    cat = catalog.functional()
    codes = [e.code for e in cat if e.level == "项"][:rows]
    custom: list[CustomCode] = []
    kuan = [e.code for e in cat if e.level == "款"]
    suffix = 97
    while len(codes) < rows:
        for k in kuan:
            code = f"{k}{suffix:02d}"
            if len(codes) >= rows:
                break
            if code not in cat:
                codes.append(code)
                custom.append(CustomCode(code, f"自行增加科目{len(custom) + 1}"))
        suffix -= 1
    return sorted(codes), custom


def _ledger(codes: list[str]) -> tuple[LedgerRow, ...]:
    rows = []
    for i, code in enumerate(codes):
        b = _cents(1_000_000 + (i * 7_919_003) % 90_000_000)  # 1万 – 91万元
        p = _cents(500_000 + (i * 3_301_017) % 60_000_000) if i % 3 == 0 else None
        o = _cents(20_000 + i * 1_307) if i % 5 == 0 else None
        c = Decimal("1000.00") if i % 7 == 0 else None
        f = Decimal("5000.00") if i % 10 == 0 else None
        general_project = None if p is None and c is None else (p or ZERO) + (c or ZERO)
        project = (
            None
            if general_project is None and f is None
            else ((general_project or ZERO) + (f or ZERO))
        )
        rows.append(
            LedgerRow(
                code,
                income=Income(general_budget=b + (p or ZERO), gov_fund=f, other=o),
                spending=Spending(basic=b + (o or ZERO), project=project),
                fiscal=FiscalSpending(
                    general_basic=b, general_project=general_project, fund_project=f
                ),
                fiscal_opening=FiscalAmounts(general_budget=c),
            )
        )
    return tuple(rows)


def _spread(whole: Decimal, codes: list[str], fixed: dict[str, Money]) -> dict[str, Money]:
    """`whole` over `codes`: the fixed lines as given, the rest in uneven shares."""
    free = [c for c in codes if c not in fixed]
    rest = whole - sum((v for v in fixed.values() if v is not None), ZERO)
    weights = [1 + (n * 37) % 11 for n in range(len(free))]
    out: dict[str, Money] = dict(fixed)
    left = rest
    for n, (code, w) in enumerate(zip(free, weights, strict=True)):
        share = left if n == len(free) - 1 else (rest * w / sum(weights)).quantize(CENT)
        out[code] = share
        left -= share
    return out


def _econ(general_basic: Decimal, general_project: Decimal) -> tuple[EconRow, ...]:
    codes = [e.code for e in catalog.economic() if e.level == "款"]
    basic_codes = [c for c in codes if c not in FIXED_PROJECT]
    basic = _spread(general_basic, basic_codes, FIXED_BASIC)
    project = _spread(general_project, [c for c in codes if c not in FIXED_BASIC], FIXED_PROJECT)
    return tuple(EconRow(c, basic=basic.get(c), project=project.get(c)) for c in codes)


def _self_evals(projects: int, indicators: int) -> tuple[SelfEval, ...]:
    weight = Decimal(90) / indicators
    out = []
    for n in range(projects):
        budget = Decimal(100_000 + n * 1_000).quantize(CENT)
        inds = tuple(
            Indicator(
                level1="产出指标" if k < indicators // 2 else "效益指标",
                level2="数量指标" if k % 2 == 0 else "质量指标",
                level3=f"指标{k + 1}",
                weight=weight,
                initial_value=f"≥{10 + k}个",
                target=f"≥{10 + k}个",
                actual=f"{10 + k}个",
            )
            for k in range(indicators)
        )
        out.append(
            SelfEval(
                name=f"项目{n + 1:03d}",
                department="合成测试局",
                unit="合成测试局本级",
                funding=(
                    FundingLine(
                        "市县区财政资金",
                        declared=budget,
                        budgeted=budget,
                        full_year=budget,
                        executed=budget,
                    ),
                ),
                goal="按期完成年度任务",
                achieved="已按期完成年度任务",
                indicators=inds,
            )
        )
    return tuple(out)


def large_report(rows: int = 400, projects: int = 100, indicators: int = 10) -> Report:
    """A consistent consolidated report of the given size (see the module docstring)."""
    codes, custom = functional_codes(rows)
    ledger = _ledger(codes)
    general_basic = sum((r.fiscal.general_basic or ZERO for r in ledger), ZERO)
    general_project = sum((r.fiscal.general_project or ZERO for r in ledger), ZERO)
    opening = sum((r.fiscal_opening.general_budget or ZERO for r in ledger), ZERO)
    econ = _econ(general_basic, general_project)
    public_basic = sum(
        (e.basic or ZERO for e in econ if e.code[:3] not in catalog.PERSONNEL_CLASSES), ZERO
    )

    by_class: dict[str, Decimal] = {}
    for r in ledger:
        g = (r.fiscal.general_basic or ZERO) + (r.fiscal.general_project or ZERO)
        by_class[r.code[:3]] = by_class.get(r.code[:3], ZERO) + g
    income_total = sum(
        (
            (r.income.general_budget or ZERO)
            + (r.income.gov_fund or ZERO)
            + (r.income.other or ZERO)
            for r in ledger
        ),
        ZERO,
    )
    fiscal_income = sum(
        ((r.income.general_budget or ZERO) + (r.income.gov_fund or ZERO) for r in ledger), ZERO
    )
    general = general_basic + general_project

    def last_year(v: Decimal) -> Decimal:  # 10% less: every figure rose
        return (v * Decimal("0.9")).quantize(CENT)

    actual = SangongAmounts(ABROAD, VEHICLE_PURCHASE, VEHICLE_OPERATION, RECEPTION)
    prior_sangong = SangongAmounts(  # 10% more: every 三公 item fell
        *(
            ((v or ZERO) * Decimal("1.1")).quantize(CENT)
            for v in (
                actual.abroad,
                actual.vehicle_purchase,
                actual.vehicle_operation,
                actual.reception,
            )
        )
    )
    reasons = [
        Reason("total", "业务量增加，项目支出增加"),
        Reason("fiscal", "业务量增加，财政拨款增加"),
        Reason("general", "业务量增加，财政拨款支出增加"),
        *(Reason(f"general_class:{c}", "人员经费和项目支出增加") for c in by_class),
        Reason("sangong", "厉行节约，压减“三公”经费"),
        *(
            Reason(f"sangong:{k}", "厉行节约，支出减少")
            for k in ("abroad", "vehicle_purchase", "vehicle_operation", "reception")
        ),
        Reason("admin_cost", "办公费、差旅费增加"),
    ]
    return Report(
        unit=UnitInfo(
            name="合成测试局",
            code="999001",
            department="合成测试局",
            year=2024,
            kind=UnitKind.ADMIN,
            consolidated=True,
            member_units=tuple(f"所属单位{n}" for n in range(1, 21)),
            amount_unit="万元",
        ),
        ledger=ledger,
        budget=tuple(
            BudgetLine(c, (v * Decimal("1.05")).quantize(CENT)) for c, v in sorted(by_class.items())
        ),
        balances=Balances(opening=opening, declared_closing=ZERO),
        econ=econ,
        sangong=Sangong(
            budget=SangongAmounts(
                *(v * 2 for v in (ABROAD, VEHICLE_PURCHASE, VEHICLE_OPERATION, RECEPTION))
            ),
            actual=actual,
            abroad_groups=2,
            abroad_people=6,
            vehicles_bought=1,
            vehicles_held=30,
            domestic_reception=RECEPTION,
            domestic_batches=40,
            domestic_people=300,
            foreign_affairs_reception=ZERO,
            foreign_affairs_batches=0,
            foreign_affairs_people=0,
            overseas_reception=ZERO,
            overseas_batches=0,
            overseas_people=0,
            vehicle_operation_items=(
                NamedAmount("燃油费", Decimal("150000.00")),
                NamedAmount("维修费", Decimal("90000.00")),
                NamedAmount("保险费", Decimal("60000.00")),
            ),
        ),
        stats=Statistics(
            procurement=Procurement(
                goods=Decimal("5000000.00"),
                works=Decimal("2000000.00"),
                services=Decimal("3000000.00"),
                sme=Decimal("6000000.00"),
                small_micro=Decimal("3000000.00"),
            ),
            admin_cost=public_basic,
            assets=Assets(
                vehicles=Vehicles(principal=3, confidential=2, emergency=5, law_enforcement=25),
                declared_vehicle_total=35,
                equipment_over_1m=4,
            ),
        ),
        prior=PriorYear(
            income_total=last_year(income_total + opening),
            spending_total=last_year(income_total + opening),
            fiscal_income_total=last_year(fiscal_income + opening),
            fiscal_spending_total=last_year(fiscal_income + opening),
            general_spending=last_year(general),
            general_by_class=tuple(
                CodeAmount(c, last_year(v)) for c, v in sorted(by_class.items())
            ),
            sangong=prior_sangong,
            admin_cost=last_year(public_basic),
        ),
        reasons=tuple(reasons),
        self_evals=_self_evals(projects, indicators),
        custom_codes=tuple(custom),
    )
