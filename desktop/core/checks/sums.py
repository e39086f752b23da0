"""Sums the model does not compute: typed totals against their typed parts.

The ledger's 类/款 rows and 合计 are derived, so they cannot disagree with their 项.
What can disagree is what the officer types twice: a 年初预算 at 类 or 款 level and at
the level below; the 财政拨款 part of a 项's spending and the nature totals it is part of;
each source's money per 项; the 财政拨款 part of the carry-overs and the carry-overs of
all sources; 公务接待费 and its 国内/国（境）外 split.

The per-项 rules look at each row on its own, so after an edit only the rows that changed
are looked at again (`rows.by_row`); the 年初预算 roll-up runs again only when the 年初预算
lines (or the names of their 科目) changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
from desktop.core.checks.rows import by_row, kept
from desktop.core.derive import Derived
from desktop.core.model import LedgerRow, Report, Spending
from desktop.core.money import ZERO, Money, format_amount, nz, total
from desktop.core.vocabulary import FISCAL_PREFIXES, LABELS, SOURCE_NAMES

_SHORT = FISCAL_PREFIXES
# source → (its FiscalSpending fields, the field findings name) — resolved once, not per row
_SOURCE_FIELDS = tuple(
    (source, f"{short}_basic", f"{short}_project", f"income.{source}")
    for source, short in _SHORT.items()
)
_NATURE_FIELDS = tuple(
    (nature, label, tuple(f"{s}_{nature}" for s in _SHORT.values()), f"spending.{nature}")
    for nature, label in ((n, LABELS[Spending][n]) for n in ("basic", "project"))
)


def _add(acc: dict[str, Decimal], key: str, value: Money) -> None:
    if value is not None:
        acc[key] = acc.get(key, ZERO) + value


@rule(
    "sums.budget_rollup",
    Severity.ERROR,
    "年初预算：填报了类（款、合计）数又填报了下级数时，上级数应等于下级数之和",
    Form.LEDGER,
)
def budget_rollup(report: Report, d: Derived) -> Iterable[Finding]:
    # The 年初预算 lines, and the names of their 科目: unchanged by an edit of a figure.
    inputs = (report.budget, d.functional, report.unit)
    return kept("sums.budget_rollup", d.papers, inputs, lambda: _budget_rollup(report, d))


def _budget_rollup(report: Report, d: Derived) -> Iterator[Finding]:
    typed: dict[str, Decimal] = {}
    for line in report.budget:
        if line.amount is not None and (line.code == "" or line.code.isdigit()):
            typed[line.code] = line.amount  # the last line of a code wins, as in derive
    parts_of = _budget_sums_below(typed)
    for code in sorted(typed, key=lambda c: (len(c), c)):
        if code not in parts_of or typed[code] == parts_of[code]:
            continue
        level = "合计" if code == "" else {3: "类", 5: "款"}[len(code)]
        below = {"合计": "各类", "类": "所属各款", "款": "所属各项"}[level]
        name = "年初预算合计" if code == "" else f"{d.name(code) or code}（{level}）年初预算"
        yield budget_rollup.finding(
            Location(Form.LEDGER, code or "合计", "budget.amount"),
            f"{name}与{below}年初预算之和不一致：{mismatch(parts_of[code], typed[code])}",
        )


def _budget_sums_below(typed: dict[str, Decimal]) -> dict[str, Decimal]:
    """For each 款, 类 and the 合计 ("") with a level below: the sum of that level, each
    of whose values is its typed figure, or else the sum of the level below it."""
    by_kuan: dict[str, Decimal] = {}
    for code, amt in typed.items():
        if len(code) == 7:
            _add(by_kuan, code[:5], amt)
    kuan = _typed_or_sum(typed, by_kuan, 5)
    by_class: dict[str, Decimal] = {}
    for code, amt in kuan.items():
        _add(by_class, code[:3], amt)
    classes = _typed_or_sum(typed, by_class, 3)
    parts_of: dict[str, Decimal] = {**by_kuan, **by_class}
    if classes:
        parts_of[""] = sum(classes.values(), ZERO)
    return parts_of


def _typed_or_sum(
    typed: dict[str, Decimal], sums: dict[str, Decimal], length: int
) -> dict[str, Decimal]:
    """Each code of one level: its typed figure, or else the sum below it."""
    values = {c: typed.get(c, s) for c, s in sums.items()}
    values.update({c: a for c, a in typed.items() if len(c) == length})
    return values


@rule(
    "sums.fiscal_within_nature",
    Severity.ERROR,
    "每个“项”的财政拨款基本（项目）支出之和不得超过该项的基本（项目）支出",
    Form.LEDGER,
)
def fiscal_within_nature(report: Report, d: Derived) -> Iterable[Finding]:
    return by_row("sums.fiscal_within_nature", report, d.papers, _fiscal_beyond_nature, None)


def _fiscal_beyond_nature(row: LedgerRow, _context: None) -> Iterator[Finding]:
    f = row.fiscal
    for nature, label, names, field in _NATURE_FIELDS:
        fiscal = total(getattr(f, n) for n in names)
        whole: Money = getattr(row.spending, nature)
        if fiscal is None or fiscal <= nz(whole):
            continue
        yield fiscal_within_nature.finding(
            Location(Form.LEDGER, row.code, field),
            f"科目{row.code}的财政拨款{label}（三项来源合计{yuan(fiscal)}）"
            f"超过了该科目的{label}{yuan(whole)}，"
            f"超出{format_amount(fiscal - nz(whole))}元；财政拨款支出是{label}的一部分",
        )


@rule(
    "sums.fiscal_source_by_code",
    Severity.WARNING,
    "每个“项”每种财政拨款来源：本年支出不应超过年初结转和结余与本年收入之和",
    Form.LEDGER,
)
def fiscal_source_by_code(report: Report, d: Derived) -> Iterable[Finding]:
    return by_row("sums.fiscal_source_by_code", report, d.papers, _source_overspent, None)


def _source_overspent(row: LedgerRow, _context: None) -> Iterator[Finding]:
    for source, basic, project, field in _SOURCE_FIELDS:
        b, p = getattr(row.fiscal, basic), getattr(row.fiscal, project)
        if b is None and p is None:
            continue
        spent = nz(b) + nz(p)
        opening: Money = getattr(row.fiscal_opening, source)
        income: Money = getattr(row.income, source)
        available = nz(opening) + nz(income)
        if spent <= available:
            continue
        yield fiscal_source_by_code.finding(
            Location(Form.LEDGER, row.code, field),
            f"科目{row.code}的{SOURCE_NAMES[source]}支出{yuan(spent)}超过了"
            f"年初结转和结余{yuan(opening)}与本年收入{yuan(income)}之和"
            f"（{yuan(available)}），超出{format_amount(spent - available)}元",
        )


@rule(
    "sums.carryover_within_total",
    Severity.ERROR,
    "财政拨款结转和结余是结转和结余的一部分：年初、年末的财政拨款部分都不得超过全部来源的数",
    Form.LEDGER,
)
def carryover_within_total(report: Report, d: Derived) -> Iterator[Finding]:
    fiscal_opening = d.fiscal["total"].opening
    opening = report.balances.opening
    if fiscal_opening is not None and fiscal_opening > nz(opening):
        yield carryover_within_total.finding(
            Location(Form.LEDGER, "年初结转和结余", "opening"),
            f"年初结转和结余{yuan(opening)}比其中的年初财政拨款结转和结余"
            f"{yuan(fiscal_opening)}（各科目之和）还{more_or_less(nz(opening) - fiscal_opening)}",
        )
        return  # the closing then falls short too; one finding names the cause
    fiscal_closing = d.fiscal["total"].closing
    closing = d.balances.closing
    if fiscal_closing is not None and fiscal_closing > nz(closing):
        yield carryover_within_total.finding(
            Location(Form.LEDGER, "年末结转和结余", "declared_closing"),
            f"年末结转和结余算得{yuan(closing)}，比其中的年末财政拨款结转和结余"
            f"{yuan(fiscal_closing)}还{more_or_less(nz(closing) - fiscal_closing)}；"
            "非财政拨款资金的支出超过了其收入和结转",
        )


@rule(
    "sums.reception_split",
    Severity.ERROR,
    "公务接待费决算数应等于国内接待费与国（境）外接待费之和，外事接待费不超过国内接待费",
    Form.SANGONG,
)
def reception_split(report: Report, d: Derived) -> Iterator[Finding]:
    s = report.sangong
    parts = total((s.domestic_reception, s.overseas_reception))
    if parts is not None and nz(parts) != nz(s.actual.reception):
        yield reception_split.finding(
            Location(Form.SANGONG, "reception", "domestic_reception"),
            f"国内接待费{yuan(s.domestic_reception)}与国（境）外接待费"
            f"{yuan(s.overseas_reception)}之和应等于公务接待费决算数："
            f"{mismatch(s.actual.reception, parts)}",
        )
    fa = s.foreign_affairs_reception
    if fa is not None and fa > nz(s.domestic_reception):
        yield reception_split.finding(
            Location(Form.SANGONG, "reception", "foreign_affairs_reception"),
            f"外事接待费{yuan(fa)}是国内接待费的“其中”数，不应超过国内接待费"
            f"{yuan(s.domestic_reception)}，超出{format_amount(fa - nz(s.domestic_reception))}元",
        )


@rule(
    "sums.vehicle_operation_items",
    Severity.WARNING,
    "公务用车运行维护费的用途明细之和不应超过运行维护费决算数",
    Form.SANGONG,
)
def vehicle_operation_items(report: Report, d: Derived) -> Iterator[Finding]:
    s = report.sangong
    items = total(i.amount for i in s.vehicle_operation_items)
    actual = s.actual.vehicle_operation
    if items is not None and items > nz(actual):
        yield vehicle_operation_items.finding(
            Location(Form.SANGONG, "vehicle_operation", "vehicle_operation_items"),
            f"公务用车运行维护费用途明细合计{yuan(items)}超过了运行维护费决算数"
            f"{yuan(actual)}，超出{format_amount(items - nz(actual))}元",
        )


RULES = (
    budget_rollup,
    fiscal_within_nature,
    fiscal_source_by_code,
    carryover_within_total,
    reception_split,
    vehicle_operation_items,
)
