"""Large consistent reports: one unit's, or a department's units for consolidation.

Deterministic (no randomness), for benchmarks and scale tests. Every identity the checks
know holds, so a full check reports nothing but what a test changes.

    large_report(rows, projects)     one 汇总 report of a 行政单位: `rows` 功能分类 项,
                                     every economic 款, 三公, statistics, last year's
                                     figures with a reason for every change, and
                                     `projects` project self-evaluations
    department_units(units, …)       a department's units, each such a report of its own
                                     share of the codes and projects (a few 项 common to
                                     all), ready for `desktop.core.consolidate`
    department(units, …)             those units consolidated

Codes (`functional_codes`) are valid at every size up to the code space's limit: the
catalog's 项 first, then 项 the officer adds under the catalog's 款, then 款 (and their 项)
the officer adds under the catalog's 类 — each added code with its name in
`Report.custom_codes`, so no code is unknown. Projects look like the published ones:
6–12 indicators (产出/效益/满意度, quantitative, cost and judged ones), a budget not always
spent in full, some targets missed with a 偏差原因, the analysis texts written.

    项 row i:  收入 一般公共预算 = 基本 b + 项目 p;  其他收入 o → 基本 (non-fiscal)
              年初财政拨款结转 c → spent as 项目;  政府性基金 f → 项目
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from desktop.core import catalog
from desktop.core.consolidate import consolidate
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
    SelfEvalTexts,
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

DEPARTMENT = "合成测试局"
SUFFIXES = 99  # a 款 holds 项 01–99, a 类 款 01–99 (two digits each, 00 unused)


def code_space() -> int:
    """How many distinct 项 codes a report can hold: 99 款 × 99 项 under each 类 of the
    catalog (a 类 the officer cannot add: 公开01/04 list the edition's 类)."""
    classes = [e for e in catalog.functional() if e.level == "类"]
    return len(classes) * SUFFIXES * SUFFIXES


def functional_codes(rows: int) -> tuple[list[str], list[CustomCode]]:
    """`rows` distinct, valid 项 codes (sorted) and the officer-added 科目 among them.

    The catalog's 项 first; then added 项 under the catalog's 款, suffix 97 down to 01
    across all 款 in turn; then added 款 under the catalog's 类, each with 项 01–99.
    Raises ValueError beyond `code_space()`."""
    if rows > code_space():
        raise ValueError(f"{rows} 项 exceed the code space of {code_space()}")
    cat = catalog.functional()
    codes = [e.code for e in cat if e.level == "项"][:rows]
    custom: list[CustomCode] = []
    kuan = [e.code for e in cat if e.level == "款"]
    for suffix in range(SUFFIXES - 2, 0, -1):
        for k in kuan:
            if len(codes) >= rows:
                return sorted(codes), custom
            code = f"{k}{suffix:02d}"
            if code not in cat:
                codes.append(code)
                custom.append(CustomCode(code, f"自行增加科目{len(custom) + 1}"))
    for suffix in (SUFFIXES - 1, SUFFIXES):  # the 98 and 99 left under the catalog's 款
        for k in kuan:
            code = f"{k}{suffix:02d}"
            if len(codes) < rows and code not in cat:
                codes.append(code)
                custom.append(CustomCode(code, f"自行增加科目{len(custom) + 1}"))
    classes = [e.code for e in cat if e.level == "类"]
    for kuan_suffix in range(1, SUFFIXES + 1):
        for c in classes:
            k = f"{c}{kuan_suffix:02d}"
            if k in cat or len(codes) >= rows:
                continue
            custom.append(CustomCode(k, f"自行增加款{kuan_suffix}"))
            for item in range(1, SUFFIXES + 1):
                if len(codes) >= rows:
                    break
                codes.append(f"{k}{item:02d}")
                custom.append(CustomCode(codes[-1], f"自行增加科目{len(custom) + 1}"))
    return sorted(codes), sorted(custom, key=lambda c: c.code)


def _cents(n: int) -> Decimal:
    return (Decimal(n) / 100).quantize(CENT)


def _ledger(codes: Sequence[str], start: int = 0) -> tuple[LedgerRow, ...]:
    """Ledger rows for `codes`; `start` numbers the first (a unit's rows differ in amount)."""
    rows = []
    for i, code in enumerate(codes, start=start):
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


# ---------------------------------------------------------------- projects

PROJECT_NAMES = (
    "信息化系统运行维护",
    "办公楼维修改造",
    "业务培训",
    "档案数字化",
    "政府采购代理服务",
    "网络安全等级保护测评",
    "法律顾问服务",
    "专项审计",
    "宣传及公益广告",
    "执法装备购置",
    "机房设备更新",
    "重点工作督查",
    "统计调查",
    "应急物资储备",
    "课题研究",
    "公共服务平台建设",
    "残疾人就业保障金",
    "会议保障",
    "安保及物业服务",
    "公务用车购置",
)

# (一级, 二级, 三级, 年初指标值, 调整后指标值, kind): kind "count" / "cost" / "rate" /
# "judged" (实际完成值 a judged phrase)
INDICATORS = (
    ("产出指标", "数量指标", "完成培训人次", "≥人次", "≥{n}人次", "count"),
    ("产出指标", "数量指标", "维护系统数量", "≥个", "≥{n}个", "count"),
    ("产出指标", "数量指标", "采购设备台数", "≥台", "≥{n}台", "count"),
    ("产出指标", "质量指标", "验收合格率", "≥%", "≥95%", "rate"),
    ("产出指标", "质量指标", "服务质量达标", "", "达标", "judged"),
    ("产出指标", "时效指标", "完成时限", "", "{year}年12月底前", "judged"),
    ("产出指标", "成本指标", "项目成本控制数", "≤元", "≤{cost}元", "cost"),
    ("效益指标", "社会效益", "公共服务保障水平", "", "有效保障", "judged"),
    ("效益指标", "经济效益", "节约财政资金", "", "明显", "judged"),
    ("效益指标", "可持续影响", "长效管理机制", "", "建立健全", "judged"),
    ("效益指标", "社会效益", "群众办事时长缩短", "≥%", "≥20%", "rate"),
    ("满意度指标", "服务对象满意度", "服务对象满意度", "≥%", "≥95%", "rate"),
)


def _weights(k: int) -> list[Decimal]:
    """k whole-number weights adding to 90 (the 执行率 carries the other 10)."""
    base, extra = divmod(90, k)
    return [Decimal(base + (1 if i < extra else 0)) for i in range(k)]


def _indicator(
    spec: tuple[str, ...], weight: Decimal, n: int, budget: Decimal, executed: Decimal
) -> Indicator:
    level1, level2, level3, initial, target, kind = spec
    count = 10 + n % 40
    target = target.format(n=count, year=2024, cost=f"{budget:f}")
    short = n % 9 == 4  # now and then a target is missed, with the reason why
    if kind == "count":
        actual = f"{count - 2 if short else count}{target.lstrip('≥0123456789')}"
    elif kind == "cost":
        actual = f"{executed:f}元"  # what was spent: a cost never exceeds the 执行数
    elif kind == "rate":
        actual = "90%" if short else target.lstrip("≥")
    else:
        actual = "部分达成预期指标并具有一定效果" if short else "达成预期指标"
    deviation = "受项目进度影响，部分任务延至次年完成；将加强进度管理，按期完成" if short else ""
    return Indicator(
        level1=level1,
        level2=level2,
        level3=level3,
        weight=weight,
        initial_value=initial,
        target=target,
        actual=actual,
        deviation=deviation,
    )


def project(n: int, unit: str, indicators: int | None = None) -> SelfEval:
    """Project number `n` of `unit`: realistic figures, indicators and texts."""
    name = PROJECT_NAMES[n % len(PROJECT_NAMES)]
    if n >= len(PROJECT_NAMES):
        name = f"{name}（{n // len(PROJECT_NAMES) + 1}期）"
    k = indicators or 6 + (n * 5) % 7
    # ≈100,000元 a project on average: a unit's projects stay within its ledger's 项目支出
    budget = Decimal(5_000 + (n * 3_701) % 200_000).quantize(CENT)
    executed = budget if n % 4 else (budget * Decimal("0.93")).quantize(CENT)
    other = Decimal(20_000 + (n * 1_009) % 80_000).quantize(CENT) if n % 6 == 1 else None
    funding = [
        FundingLine(
            "市县区财政资金",
            declared=budget,
            budgeted=budget,
            full_year=budget,
            executed=executed,
            note="" if executed == budget else "部分合同尾款次年支付",
        )
    ]
    if other is not None:
        funding.append(FundingLine("其他资金", full_year=other, executed=other))
    specs = [INDICATORS[(n + 3 * i) % len(INDICATORS)] for i in range(k)]
    inds = tuple(
        _indicator(spec, w, n + i, budget, executed)
        for i, (spec, w) in enumerate(zip(specs, _weights(k), strict=True))
    )
    return SelfEval(
        name=name,
        department=f"{DEPARTMENT}[部门]",
        unit=unit,
        funding=tuple(funding),
        goal=f"按计划完成{name}项目，保障单位履职和重点工作顺利开展，提升公共服务水平。",
        achieved=f"{name}项目已按计划实施，主要产出和效益指标基本达成，资金使用规范。",
        indicators=inds,
        texts=SelfEvalTexts(
            implementation=f"项目全年预算数{budget:f}元，全年执行数{executed:f}元，"
            "资金按进度拨付，管理规范。",
            output="各项产出指标按计划完成，数量、质量和时效达到年初设定目标。",
            benefit="项目实施保障了单位重点工作的开展，社会效益明显。",
            satisfaction="通过问卷调查，服务对象满意度达到预期。",
            experience="加强项目前期论证，细化绩效目标，跟踪监控执行进度。",
            problems="个别指标设置不够细化，部分支出进度偏慢。",
            improvements="进一步细化量化绩效指标，加快预算执行进度。",
        ),
    )


# ---------------------------------------------------------------- one report


def _unit_report(
    unit: UnitInfo,
    codes: Sequence[str],
    custom: Sequence[CustomCode],
    self_evals: Sequence[SelfEval],
    start: int = 0,
) -> Report:
    """A consistent report of `codes` (ledger rows numbered from `start`)."""
    ledger = _ledger(codes, start)
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
    # A reason for every 类 of the catalog, not only the unit's own: a department keeps
    # the reasons all its units gave in the same words (desktop.core.consolidate).
    classes = [e.code for e in catalog.functional() if e.level == "类"]
    reasons = [
        Reason("total", "业务量增加，项目支出增加"),
        Reason("fiscal", "业务量增加，财政拨款增加"),
        Reason("general", "业务量增加，财政拨款支出增加"),
        *(Reason(f"general_class:{c}", "人员经费和项目支出增加") for c in classes),
        Reason("sangong", "厉行节约，压减“三公”经费"),
        *(
            Reason(f"sangong:{k}", "厉行节约，支出减少")
            for k in ("abroad", "vehicle_purchase", "vehicle_operation", "reception")
        ),
        Reason("admin_cost", "办公费、差旅费增加"),
    ]
    return Report(
        unit=unit,
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
        self_evals=tuple(self_evals),
        custom_codes=tuple(custom),
    )


def large_report(rows: int = 400, projects: int = 100, indicators: int = 10) -> Report:
    """A consistent consolidated report of the given size (see the module docstring)."""
    codes, custom = functional_codes(rows)
    unit = UnitInfo(
        name=DEPARTMENT,
        code="999001",
        department=DEPARTMENT,
        year=2024,
        kind=UnitKind.ADMIN,
        consolidated=True,
        member_units=tuple(f"所属单位{n}" for n in range(1, 21)),
        amount_unit="万元",
    )
    evals = [project(n, f"{DEPARTMENT}本级", indicators) for n in range(projects)]
    return _unit_report(unit, codes, custom, evals)


# ---------------------------------------------------------------- a department

SHARED_CODES = 8  # 项 every unit reports (行政运行, 一般行政管理事务 …)
ROWS_PER_UNIT = 32
PROJECTS_PER_UNIT = 17


def unit_name(n: int) -> str:
    return f"{DEPARTMENT}本级" if n == 0 else f"{DEPARTMENT}第{n}所属单位"


def department_units(
    units: int, rows: int | None = None, projects: int | None = None
) -> list[Report]:
    """The reports of a department's `units` (本级 first): `rows` distinct 项 in all
    (default 32 a unit), the first `SHARED_CODES` in every unit and the rest shared out
    in runs; `projects` self-evaluations in all (default 17 a unit), shared out in turn.
    Each unit's report is consistent, so their consolidation is too."""
    rows = ROWS_PER_UNIT * units if rows is None else rows
    projects = PROJECTS_PER_UNIT * units if projects is None else projects
    codes, custom = functional_codes(rows)
    shared = min(SHARED_CODES, len(codes))
    own = codes[shared:]
    known = {c.code: c for c in custom}
    out = []
    for n in range(units):
        mine = sorted([*codes[:shared], *own[n * len(own) // units : (n + 1) * len(own) // units]])
        # an added 项 needs its added 款 too, when the 款 is the officer's
        needed = {a for c in mine for a in (*catalog.ancestors(c), c)}
        name = unit_name(n)
        info = UnitInfo(
            name=name,
            code=f"999{n:03d}",
            department=DEPARTMENT,
            department_code="999",
            year=2024,
            kind=UnitKind.ADMIN,
            amount_unit="万元",
        )
        count = projects // units + (1 if n < projects % units else 0)
        evals = [project(k, name) for k in range(count)]
        out.append(
            _unit_report(
                info,
                mine,
                [known[c] for c in sorted(needed) if c in known],
                evals,
                start=n * ROWS_PER_UNIT,
            )
        )
    return out


def department(units: int, rows: int | None = None, projects: int | None = None) -> Report:
    """`department_units` consolidated into the department's 汇总 report."""
    return consolidate(department_units(units, rows, projects), DEPARTMENT)
