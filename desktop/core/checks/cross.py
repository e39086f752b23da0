"""Cross-table rules: one figure typed on two forms, or two figures bound by definition.

    ledger ─┬─ 公开05 一般公共预算 基本/项目 ── 公开06 经济分类 detail
            │                                   ├─ 30212/30217/30231/31013 ── 公开09 三公
            │                                   └─ 公用经费 ── 公开10 机关运行经费
    三公 保有量 ── 公开10 车辆数 ── its eight categories;  政府采购 中小企业 ⊂ 合计

Where the definition is exact the rule is an 错误; where the two figures may honestly
differ (different fund scopes, project-funded items) it is a 警告 to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from decimal import Decimal

from desktop.core.checks.findings import (
    Finding,
    Form,
    Location,
    Severity,
    mismatch,
    more_or_less,
    rule,
    yuan,
)
from desktop.core.derive import Derived
from desktop.core.model import Report, Sangong, SangongAmounts
from desktop.core.money import Money, format_amount, nz, total
from desktop.core.vocabulary import LABELS, SANGONG_NAMES


@rule(
    "cross.econ_basic",
    Severity.ERROR,
    "一般公共预算财政拨款基本支出（{general}）应等于经济分类明细的人员经费与公用经费之和（{econ}）",
    Form.LEDGER,
    Form.ECON,
)
def econ_basic(report: Report, d: Derived) -> Iterator[Finding]:
    ledger = d.fiscal["general_budget"].basic
    detail = d.econ.basic_total
    if (ledger is None and detail is None) or nz(ledger) == nz(detail):
        return
    parts = [
        f"{label}{yuan(value)}"
        for label, value in (
            ("人员经费", d.econ.personnel_basic),
            ("公用经费", d.econ.public_basic),
        )
        if value is not None
    ]
    made_of = f"（{'＋'.join(parts)}）" if parts else ""
    yield econ_basic.finding(
        Location(Form.ECON, "合计", "basic"),
        f"经济分类基本支出合计{made_of}应等于收支表中一般公共预算财政拨款基本支出："
        f"{mismatch(ledger, detail)}",
    )


@rule(
    "cross.econ_project",
    Severity.ERROR,
    "填报了经济分类项目支出明细时，其合计应等于一般公共预算财政拨款项目支出",
    Form.LEDGER,
    Form.ECON,
)
def econ_project(report: Report, d: Derived) -> Iterator[Finding]:
    # The 2024 layout prints 基本支出 only, so an officer may leave the 项目 column empty;
    # once any 项目 figure is typed, the column is a full breakdown and must add up.
    if all(row.project is None for row in report.econ):
        return
    ledger = d.fiscal["general_budget"].project
    detail = total(row.project for row in report.econ)
    if nz(ledger) != nz(detail):
        yield econ_project.finding(
            Location(Form.ECON, "合计", "project"),
            f"经济分类项目支出合计应等于收支表中一般公共预算财政拨款项目支出："
            f"{mismatch(ledger, detail)}",
        )


# 三公 item → the economic 款 that record the same spending (公开06).
SANGONG_ECON: dict[str, tuple[str, ...]] = {
    "abroad": ("30212",),
    "vehicle_purchase": ("31013", "30913"),
    "vehicle_operation": ("30231",),
    "reception": ("30217",),
}


@rule(
    "cross.sangong_econ",
    Severity.WARNING,
    "“三公”经费决算数与经济分类中对应科目（30212、30217、30231、31013/30913）一致",
    Form.SANGONG,
    Form.ECON,
)
def sangong_econ(report: Report, d: Derived) -> Iterator[Finding]:
    for item, codes in SANGONG_ECON.items():
        actual: Money = getattr(report.sangong.actual, item)
        lines = [d.econ.lines[c][1] for c in codes if c in d.econ.lines]
        econ = total(lines)
        if actual is None or econ is None or actual == econ:
            continue
        yield sangong_econ.finding(
            Location(Form.SANGONG, item, f"actual.{item}"),
            f"{SANGONG_NAMES[item]}决算数应与经济分类{'、'.join(codes)}的支出一致："
            f"“三公”表填{yuan(actual)}，比经济分类的{yuan(econ)}{more_or_less(actual - econ)}"
            "（经济分类只含一般公共预算财政拨款，未填项目支出明细时也不含项目支出）",
        )


_RECEPTION = LABELS[Sangong]
_COUNTS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("abroad", SANGONG_NAMES["abroad"], (("abroad_groups", "团组数"), ("abroad_people", "人次"))),
    ("vehicle_purchase", SANGONG_NAMES["vehicle_purchase"], (("vehicles_bought", "购置车辆数"),)),
    (
        "vehicle_operation",
        SANGONG_NAMES["vehicle_operation"],
        (("vehicles_held", "公务用车保有量"),),
    ),
    (
        "domestic_reception",
        _RECEPTION["domestic_reception"],
        (("domestic_batches", "批次"), ("domestic_people", "人次")),
    ),
    (
        "foreign_affairs_reception",
        "外事接待费",
        (("foreign_affairs_batches", "批次"), ("foreign_affairs_people", "人次")),
    ),
    (
        "overseas_reception",
        _RECEPTION["overseas_reception"],
        (("overseas_batches", "批次"), ("overseas_people", "人次")),
    ),
)
_AMOUNT_FIELDS = {f.name for f in fields(SangongAmounts)}


@rule(
    "cross.sangong_counts",
    Severity.WARNING,
    "“三公”经费有支出时相应的团组、车辆、接待批次等数量不应为0，反之亦然",
    Form.SANGONG,
)
def sangong_counts(report: Report, d: Derived) -> Iterator[Finding]:
    s = report.sangong
    for amount_field, label, counts in _COUNTS:
        source = s.actual if amount_field in _AMOUNT_FIELDS else s
        amount: Money = getattr(source, amount_field)
        for count_field, count_label in counts:
            count: int | None = getattr(s, count_field)
            if amount is None or count is None:
                continue
            if amount > 0 and count == 0:
                message = f"{label}支出{yuan(amount)}，但{count_label}填为0"
            elif amount == 0 and count > 0:
                # A vehicle bought or held in an earlier year needs no money this year.
                if count_field == "vehicles_held":
                    continue
                message = f"{label}支出为0，但{count_label}填为{count}"
            else:
                continue
            yield sangong_counts.finding(Location(Form.SANGONG, amount_field, count_field), message)


@rule(
    "cross.admin_cost_kind",
    Severity.ERROR,
    "机关运行经费：行政单位和参公事业单位必须填报，事业单位不应填报",
    Form.UNIT,
    Form.STATS,
)
def admin_cost_kind(report: Report, d: Derived) -> Iterator[Finding]:
    kind = report.unit.kind
    cost = report.stats.admin_cost
    loc = Location(Form.STATS, "机关运行经费", "admin_cost")
    if kind.has_admin_cost and cost is None:
        yield admin_cost_kind.finding(loc, f"本单位为{kind.value}，应填报机关运行经费（没有时填0）")
    elif not kind.has_admin_cost and cost is not None and cost != 0:
        yield admin_cost_kind.finding(
            loc,
            f"本单位为{kind.value}，不应有机关运行经费，实填{yuan(cost)}；"
            "如单位类型填错，请在单位信息中改正",
        )


@rule(
    "cross.admin_cost_public",
    Severity.WARNING,
    "机关运行经费一般等于一般公共预算财政拨款基本支出中的公用经费",
    Form.STATS,
    Form.ECON,
    Form.UNIT,
)
def admin_cost_public(report: Report, d: Derived) -> Iterator[Finding]:
    cost = report.stats.admin_cost
    public = d.econ.public_basic
    if not report.unit.kind.has_admin_cost or cost is None or public is None or cost == public:
        return
    yield admin_cost_public.finding(
        Location(Form.STATS, "机关运行经费", "admin_cost"),
        f"机关运行经费与经济分类基本支出中的公用经费不一致：{mismatch(public, cost)}",
    )


@rule(
    "cross.vehicle_total",
    Severity.ERROR,
    "车辆数合计应等于各类车辆数之和",
    Form.STATS,
)
def vehicle_total(report: Report, d: Derived) -> Iterator[Finding]:
    declared = report.stats.assets.declared_vehicle_total
    computed = d.vehicle_total
    if declared is None or declared == (computed or 0):
        return
    yield vehicle_total.finding(
        Location(Form.STATS, "车辆数", "declared_vehicle_total"),
        f"车辆数合计应为各类车辆数之和{computed or 0}辆，实填{declared}辆，"
        f"{more_or_less(Decimal(declared - (computed or 0)), _vehicles, verb='填')}",
    )


@rule(
    "cross.vehicles_held",
    Severity.WARNING,
    "财政拨款负担的公务用车保有量不应超过国有资产占用中的车辆数合计",
    Form.STATS,
    Form.SANGONG,
)
def vehicles_held(report: Report, d: Derived) -> Iterator[Finding]:
    held = report.sangong.vehicles_held
    declared = report.stats.assets.declared_vehicle_total
    fleet = d.vehicle_total if d.vehicle_total is not None else declared
    if held is None or held <= (fleet or 0):
        return
    yield vehicles_held.finding(
        Location(Form.SANGONG, "vehicle_operation", "vehicles_held"),
        f"“三公”经费中的公务用车保有量{held}辆超过了车辆数合计{fleet or 0}辆，"
        f"多{held - (fleet or 0)}辆",
    )


@rule(
    "cross.procurement_sme",
    Severity.ERROR,
    "政府采购：授予中小企业合同金额不超过采购合计，其中小微企业不超过中小企业",
    Form.STATS,
)
def procurement_sme(report: Report, d: Derived) -> Iterator[Finding]:
    p = report.stats.procurement
    whole = d.procurement_total
    if p.sme is not None and p.sme > nz(whole):
        yield procurement_sme.finding(
            Location(Form.STATS, "政府采购", "sme"),
            f"授予中小企业合同金额{yuan(p.sme)}超过了政府采购合计{yuan(whole)}"
            f"（货物＋工程＋服务），超出{format_amount(p.sme - nz(whole))}元",
        )
    if p.small_micro is not None and p.small_micro > nz(p.sme):
        yield procurement_sme.finding(
            Location(Form.STATS, "政府采购", "small_micro"),
            f"授予小微企业合同金额{yuan(p.small_micro)}是中小企业的“其中”数，"
            f"不应超过授予中小企业合同金额{yuan(p.sme)}，"
            f"超出{format_amount(p.small_micro - nz(p.sme))}元",
        )


def _vehicles(n: Decimal) -> str:
    return f"{n}辆"


@rule(
    "cross.econ_unlisted",
    Severity.ERROR,
    "经济分类科目有基本支出，而本版式的基本支出明细表（{econ}）不列示该科目",
    Form.ECON,
)
def econ_unlisted(report: Report, d: Derived) -> Iterator[Finding]:
    # An edition may print fewer codes than the catalog has (河南 2024 leaves out 309, 311,
    # 312, 313, 30703 and 30704): a figure typed there would vanish from the table while
    # the 人员经费合计/公用经费合计 below it still counted it.
    from desktop.core.editions import EconBody, EditionError, load_edition
    from desktop.core.vocabulary import TableRole, table_reference

    try:
        edition = load_edition(report.unit.edition)
    except EditionError:
        return  # an unknown edition: 预览 and 生成 say so
    listed = {
        code
        for t in edition.tables
        if isinstance(t.body, EconBody)
        for g in t.body.groups
        for code in g
    }
    if not listed:
        return
    table = table_reference(edition, TableRole.ECON)
    for code, (basic, _) in sorted(d.econ.lines.items()):
        if len(code) == 5 and code not in listed and nz(basic) != 0:
            yield econ_unlisted.finding(
                Location(Form.ECON, code, "basic"),
                f"经济分类科目{code}有基本支出{yuan(basic)}，{table}不列示该科目："
                "请改记到该表列示的科目",
            )


RULES = (
    econ_basic,
    econ_unlisted,
    econ_project,
    sangong_econ,
    sangong_counts,
    admin_cost_kind,
    admin_cost_public,
    vehicle_total,
    vehicles_held,
    procurement_sme,
)
