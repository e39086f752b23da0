"""Single values: signs, cents and magnitudes of every typed amount and count.

`typed_amounts` walks every typed `Money` of a report as (form, row, field, value);
the rules below look at each value on its own (a value's sign, its decimals, its size
against the unit the report publishes in). A project file can hold what a form would
never produce (``"1.234"``, ``"-5"``), so these rules guard the file as much as the typing.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from desktop.core.checks.findings import Finding, Form, Location, Severity, rule, yuan
from desktop.core.checks.narrative import prior_row
from desktop.core.derive import Derived
from desktop.core.model import (
    Balances,
    BudgetLine,
    EconRow,
    FiscalAmounts,
    FiscalSpending,
    FundingLine,
    Income,
    LedgerRow,
    PriorYear,
    Procurement,
    Report,
    Sangong,
    SangongAmounts,
    SelfEval,
    Spending,
    Staff,
    Statistics,
    UnitSelfEval,
    Vehicles,
    money_fields,
)
from desktop.core.money import CENT, format_amount, to_unit
from desktop.core.vocabulary import ReasonKey, ReasonKind
from desktop.core.workpapers import Workpapers

Value = tuple[Form, str, str, Decimal]  # form, row key, field, amount


def _names(cls: type) -> tuple[str, ...]:
    return tuple(money_fields(cls))


_INCOME = _names(Income)
_SPENDING = _names(Spending)
_FISCAL = _names(FiscalSpending)
_OPENING = _names(FiscalAmounts)
_ECON = _names(EconRow)
_SANGONG_AMOUNTS = _names(SangongAmounts)
_SANGONG = _names(Sangong)
_PROCUREMENT = _names(Procurement)
_PRIOR = _names(PriorYear)
_FUNDING = _names(FundingLine)
_UNIT_EVAL = _names(UnitSelfEval)
_BALANCES = _names(Balances)
# (row attribute, ((record field, field as findings name it), …)) for each ledger part
_LEDGER_PARTS = tuple(
    (attr, tuple((n, f"{prefix}.{n}") for n in names))
    for attr, prefix, names in (
        ("income", "income", _INCOME),
        ("spending", "spending", _SPENDING),
        ("fiscal", "fiscal", _FISCAL),
        ("fiscal_opening", "opening", _OPENING),
    )
)


def typed_amounts(report: Report) -> Iterator[Value]:
    """Every amount the officer typed (None skipped), with where it lives.

    Ledger fields are named like the derived line keys (``spending.basic``); the
    carry-overs of 公开01 (rows in `_CARRY_OVERS`) are the only amounts that may be negative.
    """
    for row in report.ledger:
        yield from _row_amounts(row)
    yield from _other_amounts(report)


def _row_amounts(row: LedgerRow) -> Iterator[Value]:
    for attr, pairs in _LEDGER_PARTS:
        record = getattr(row, attr)
        for name, key in pairs:
            v = getattr(record, name)
            if v is not None:
                yield Form.LEDGER, row.code, key, v


def _other_amounts(report: Report) -> Iterator[Value]:
    """The amounts of `typed_amounts` outside the ledger's rows, in the same order."""
    for part, amounts in _segments(report):
        yield from amounts(part)


def _segments(report: Report) -> list[tuple[Any, Callable[[Any], Iterator[Value]]]]:
    """The report's parts outside the ledger's rows, in `typed_amounts`'s order, each with
    what gives its amounts — one per project, so that after an edit of one project only
    that project is looked at again."""
    return [
        (report.budget, _budget_amounts),
        (report.balances, _balance_amounts),
        (report.econ, _econ_amounts),
        (report.sangong, _sangong_amounts),
        (report.stats, _stats_amounts),
        (report.prior, _prior_amounts),
        *((project, _project_amounts) for project in report.self_evals),
        (report.unit_self_eval, _unit_eval_amounts),
    ]


def _budget_amounts(budget: tuple[BudgetLine, ...]) -> Iterator[Value]:
    for b in budget:
        if b.amount is not None:
            yield Form.LEDGER, b.code or "合计", "budget.amount", b.amount


def _balance_amounts(bal: Balances) -> Iterator[Value]:
    for n in _BALANCES:
        v = getattr(bal, n)
        if v is not None:
            yield Form.LEDGER, "结转和结余", n, v
    for n in _OPENING:
        v = getattr(bal.declared_fiscal_closing, n)
        if v is not None:
            yield Form.LEDGER, "年末财政拨款结转和结余", f"declared_fiscal_closing.{n}", v


def _econ_amounts(econ: tuple[EconRow, ...]) -> Iterator[Value]:
    for e in econ:
        for n in _ECON:
            v = getattr(e, n)
            if v is not None:
                yield Form.ECON, e.code, n, v


def _sangong_amounts(s: Sangong) -> Iterator[Value]:
    for part in ("budget", "actual"):
        amounts = getattr(s, part)
        for n in _SANGONG_AMOUNTS:
            v = getattr(amounts, n)
            if v is not None:
                yield Form.SANGONG, n, f"{part}.{n}", v
    for n in _SANGONG:
        v = getattr(s, n)
        if v is not None:
            yield Form.SANGONG, "reception", n, v
    for i, item in enumerate(s.vehicle_operation_items):
        if item.amount is not None:
            yield (
                Form.SANGONG,
                "vehicle_operation",
                f"vehicle_operation_items[{i}].amount",
                item.amount,
            )


def _stats_amounts(stats: Statistics) -> Iterator[Value]:
    p = stats.procurement
    for n in _PROCUREMENT:
        v = getattr(p, n)
        if v is not None:
            yield Form.STATS, "政府采购", n, v
    if stats.admin_cost is not None:
        yield Form.STATS, "机关运行经费", "admin_cost", stats.admin_cost


def _prior_amounts(prior: PriorYear) -> Iterator[Value]:
    for n in _PRIOR:
        v = getattr(prior, n)
        if v is not None:
            yield Form.PRIOR, prior_row(n), n, v
    for ca in prior.general_by_class:
        if ca.amount is not None:
            yield (
                Form.PRIOR,
                str(ReasonKey(ReasonKind.GENERAL_CLASS, ca.code)),
                "general_by_class",
                ca.amount,
            )
    for n in _SANGONG_AMOUNTS:
        v = getattr(prior.sangong, n)
        if v is not None:
            yield Form.PRIOR, prior_row(f"sangong.{n}"), f"sangong.{n}", v


def _project_amounts(project: SelfEval) -> Iterator[Value]:
    for i, line in enumerate(project.funding):
        for n in _FUNDING:
            v = getattr(line, n)
            if v is not None:
                yield Form.SELF_EVAL, project.name, f"funding[{i}].{n}", v


def _unit_eval_amounts(unit_eval: UnitSelfEval | None) -> Iterator[Value]:
    if unit_eval is not None:
        for n in _UNIT_EVAL:
            v = getattr(unit_eval, n)
            if v is not None:
                yield Form.UNIT_EVAL, "整体支出", n, v
        # its 资金来源 rows, named as the project rows are
        for i, line in enumerate(unit_eval.funding):
            for n in _FUNDING:
                v = getattr(line, n)
                if v is not None:
                    yield Form.UNIT_EVAL, "整体支出", f"funding[{i}].{n}", v


def typed_counts(report: Report) -> Iterator[tuple[Form, str, str, int]]:
    """Every count the officer typed (people, vehicles, groups, batches)."""
    staff = report.overview.staff
    for f in fields(Staff):
        v = getattr(staff, f.name)
        if v is not None:
            yield Form.OVERVIEW, "人员情况", f.name, v
    s = report.sangong
    for f in fields(Sangong):
        if f.type in ("int | None", int | None):
            v = getattr(s, f.name)
            if v is not None:
                yield Form.SANGONG, "counts", f.name, v
    assets = report.stats.assets
    for f in fields(Vehicles):
        v = getattr(assets.vehicles, f.name)
        if v is not None:
            yield Form.STATS, "车辆数", f"vehicles.{f.name}", v
    for name in ("declared_vehicle_total", "equipment_over_1m"):
        v = getattr(assets, name)
        if v is not None:
            yield Form.STATS, "国有资产", name, v


_ALL_AMOUNT_FORMS = (
    Form.LEDGER,
    Form.ECON,
    Form.SANGONG,
    Form.STATS,
    Form.PRIOR,
    Form.SELF_EVAL,
    Form.UNIT_EVAL,
)

TEN_BILLION = Decimal(10) ** 10  # 100亿元: no budget unit's single figure is that large
SMALL = Decimal(100)  # under 100元 a figure prints as 0.00 or 0.01 in 万元
TYPICAL_LARGE = Decimal(10000)  # "the rest are large": their median is 1万元 or more
_CARRY_OVERS = frozenset({"结转和结余", "年末财政拨款结转和结余"})  # rows that may be negative


@dataclass(frozen=True)
class Scan:
    """What the value rules look for, gathered in one pass over a report's figures."""

    negative: tuple[Value, ...]
    negative_counts: tuple[tuple[Form, str, str, int], ...]
    beyond_cents: tuple[Value, ...]
    huge: tuple[Value, ...]
    small: tuple[Value, ...]  # 项/经济分类 figures under 100元 (not 0)
    typical: Decimal | None  # median of the nonzero 项/经济分类 figures


class _Part(NamedTuple):
    """`Scan`'s lists for one ledger row, or for everything outside the ledger's rows
    (a named tuple: one is made per ledger row on a full scan, so it must be cheap)."""

    negative: tuple[Value, ...]
    beyond_cents: tuple[Value, ...]
    huge: tuple[Value, ...]
    small: tuple[Value, ...]
    sizes: tuple[Decimal, ...]  # the nonzero 项/经济分类 figures' sizes, for the median
    flagged: bool  # any of the four lists is non-empty


def _scan_part(items: Iterable[Value]) -> _Part:
    negative: list[Value] = []
    beyond: list[Value] = []
    huge: list[Value] = []
    small: list[Value] = []
    sizes: list[Decimal] = []
    for item in items:
        form, row, field, v = item
        if v.same_quantum(CENT):
            if v < 0 and row not in _CARRY_OVERS:
                negative.append(item)
        else:
            if _beyond_cents(v):
                beyond.append(item)
            if v < 0 and row not in _CARRY_OVERS:
                negative.append(item)
        size = abs(v)
        if size >= TEN_BILLION:
            huge.append(item)
        on_rows = form is Form.LEDGER or form is Form.ECON
        if on_rows and v and field != "budget.amount" and row not in _CARRY_OVERS:
            sizes.append(size)
            if size < SMALL:
                small.append(item)
    flagged = bool(negative or beyond or huge or small)
    return _Part(tuple(negative), tuple(beyond), tuple(huge), tuple(small), tuple(sizes), flagged)


def _scan_row(row: LedgerRow) -> _Part:
    """`_scan_part(_row_amounts(row))`, unrolled: a full scan makes one per ledger row."""
    sizes: list[Decimal] = []
    flagged: list[Value] | None = None
    code = row.code
    counted = code not in _CARRY_OVERS
    for attr, pairs in _LEDGER_PARTS:
        record = getattr(row, attr)
        for name, key in pairs:
            v = getattr(record, name)
            if v is None:
                continue
            size = abs(v)
            odd = (v < 0 and counted) or size >= TEN_BILLION or not v.same_quantum(CENT)
            if v and counted:
                sizes.append(size)
                odd = odd or size < SMALL
            if odd:
                flagged = flagged or []
                flagged.append((Form.LEDGER, code, key, v))
    if flagged is None:
        return _Part((), (), (), (), tuple(sizes), False)
    return _scan_part(_row_amounts(row))  # a rare row with something to say: general path


def _counts_key(report: Report) -> tuple[object, ...]:
    """The report parts `typed_counts` reads."""
    return (report.overview, report.sangong, report.stats)


@dataclass(frozen=True)
class ScanMemo:
    """The last scan, kept in the working papers so that after an edit only the changed
    rows are looked at again. Never mutated (an update builds new containers)."""

    report: Report
    scan: Scan
    rows: tuple[_Part, ...]  # one per ledger row, in order
    # each of `_segments` (what gives its amounts, the part) and its scan, in order
    others: tuple[tuple[object, object, _Part], ...]
    counts_key: tuple[object, ...]
    negative_counts: tuple[tuple[Form, str, str, int], ...]
    sizes: list[Decimal]  # every part's sizes, sorted


_MAX_SORTED_UPDATES = 256  # beyond this many sizes changed, sorting afresh is as quick


def scan(report: Report, papers: Workpapers | None = None) -> Scan:
    """One pass over every typed figure (kept in `papers` for the same report, like derive).

    After an edit only ledger rows that are new objects, and the rest of the report if
    any of its parts is a new object, are scanned again; the result is the same.
    Without `papers`, the scan starts from scratch.
    """
    memo = papers.scan if papers is not None else None
    if memo is not None and memo.report is report:
        return memo.scan
    sizes = _SizeChanges()
    if memo is not None and papers is not None:
        rows = _rows_rescanned(memo, report.ledger, papers, sizes)
    else:
        rows = [_scan_row(row) for row in report.ledger]
    others = _others_rescanned(memo, report, sizes)
    key = _counts_key(report)
    if memo is not None and all(a is b for a, b in zip(key, memo.counts_key, strict=True)):
        negative_counts = memo.negative_counts
    else:
        negative_counts = tuple(c for c in typed_counts(report) if c[3] < 0)
    all_sizes = _sizes_after(memo, sizes, rows, others)
    result = _gathered(rows, others, negative_counts, all_sizes)
    if papers is not None:
        papers.scan = ScanMemo(
            report, result, tuple(rows), tuple(others), key, negative_counts, all_sizes
        )
    return result


def _gathered(
    rows: list[_Part],
    others: list[tuple[object, object, _Part]],
    negative_counts: tuple[tuple[Form, str, str, int], ...],
    sizes: list[Decimal],
) -> Scan:
    """The scan of a report from its parts (in `typed_amounts`'s order)."""
    flagged = [part for part in rows if part.flagged]
    flagged += [part for _kind, _seg, part in others if part.flagged]
    return Scan(
        negative=tuple(v for part in flagged for v in part.negative),
        negative_counts=negative_counts,
        beyond_cents=tuple(v for part in flagged for v in part.beyond_cents),
        huge=tuple(v for part in flagged for v in part.huge),
        small=tuple(v for part in flagged for v in part.small),
        typical=_median(sizes) if len(sizes) >= 3 else None,
    )


class _SizeChanges:
    """The sizes of the parts scanned again: those that went, those that came."""

    def __init__(self) -> None:
        self.removed: list[Decimal] = []
        self.added: list[Decimal] = []


def _rows_rescanned(
    memo: ScanMemo, ledger: tuple[LedgerRow, ...], papers: Workpapers, sizes: _SizeChanges
) -> list[_Part]:
    """One part per ledger row: the memo's for a row that is the same object as before,
    a new scan for the others (their sizes noted in `sizes`)."""
    edited = papers.changed_rows(memo.report.ledger, ledger)
    if edited is not None:
        rows = list(memo.rows)
        for i in edited:
            part = _scan_row(ledger[i])
            sizes.removed += rows[i].sizes
            sizes.added += part.sizes
            rows[i] = part
        return rows
    # rows added or removed: the rows still there keep their parts
    origins = papers.row_origins(memo.report.ledger, ledger)
    rows = []
    for row, o in zip(ledger, origins, strict=True):
        if o >= 0:
            rows.append(memo.rows[o])
        else:
            rows.append(_scan_row(row))
            sizes.added += rows[-1].sizes
    used = set(origins)
    sizes.removed += [
        size for i, part in enumerate(memo.rows) if i not in used for size in part.sizes
    ]
    return rows


def _others_rescanned(
    memo: ScanMemo | None, report: Report, sizes: _SizeChanges
) -> list[tuple[object, object, _Part]]:
    """Each of `_segments` with its part: each one that is the same object as last time
    keeps its part; the others are scanned again (their sizes noted in `sizes`)."""
    known: dict[tuple[object, int], list[_Part]] = {}
    for kind, seg, part in memo.others if memo is not None else ():
        known.setdefault((kind, id(seg)), []).append(part)
    others: list[tuple[object, object, _Part]] = []
    for seg, amounts in _segments(report):
        same = known.get((amounts, id(seg)))
        if same:
            part = same.pop(0)
        else:
            part = _scan_part(amounts(seg))
            sizes.added += part.sizes
        others.append((amounts, seg, part))
    sizes.removed += [size for parts in known.values() for part in parts for size in part.sizes]
    return others


def _sizes_after(
    memo: ScanMemo | None,
    changes: _SizeChanges,
    rows: list[_Part],
    others: list[tuple[object, object, _Part]],
) -> list[Decimal]:
    """Every part's sizes, sorted: the memo's updated by `changes` when they are few,
    sorted afresh from the parts otherwise."""
    if memo is None:
        return _sorted_sizes(rows, others)
    removed, added = changes.removed, changes.added
    if len(removed) + len(added) > _MAX_SORTED_UPDATES:
        removed, added = _net(removed, added)  # a part scanned again holds mostly the same
    if len(removed) + len(added) > _MAX_SORTED_UPDATES:
        return _sorted_sizes(rows, others)
    sizes = list(memo.sizes)
    for size in removed:
        del sizes[bisect.bisect_left(sizes, size)]
    for size in added:
        bisect.insort(sizes, size)
    return sizes


def _sorted_sizes(rows: list[_Part], others: list[tuple[object, object, _Part]]) -> list[Decimal]:
    return sorted(
        size for part in (*rows, *(part for _k, _s, part in others)) for size in part.sizes
    )


def _net(removed: list[Decimal], added: list[Decimal]) -> tuple[list[Decimal], list[Decimal]]:
    """The sizes that went and came, less those that did both (by their text, so a size
    comes back with the exponent it had)."""
    went, came = Counter(map(str, removed)), Counter(map(str, added))
    return (
        [Decimal(t) for t in (went - came).elements()],
        [Decimal(t) for t in (came - went).elements()],
    )


def _median(ordered: list[Decimal]) -> Decimal:
    """`statistics.median` of a list already sorted (it would sort a copy each time)."""
    half = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[half]
    return (ordered[half - 1] + ordered[half]) / 2


@rule(
    "values.negative",
    Severity.ERROR,
    "金额和数量不得为负数（结转和结余、结余分配除外）",
    *_ALL_AMOUNT_FORMS,
    Form.OVERVIEW,
)
def negative(report: Report, d: Derived) -> Iterator[Finding]:
    found = scan(report, d.papers)
    for form, row, field, v in found.negative:
        yield negative.finding(
            Location(form, row, field), f"金额不应为负数：实填{yuan(v)}，应为0或正数"
        )
    for form, row, field, n in found.negative_counts:
        yield negative.finding(Location(form, row, field), f"数量不应为负数：实填{n}，应为0或正数")


def _beyond_cents(v: Decimal) -> bool:
    try:
        return v != v.quantize(CENT)
    except InvalidOperation:  # too many digits to hold cents at all
        return True


@rule(
    "values.precision",
    Severity.ERROR,
    "金额最多保留两位小数（到分）",
    *_ALL_AMOUNT_FORMS,
)
def precision(report: Report, d: Derived) -> Iterator[Finding]:
    for form, row, field, v in scan(report, d.papers).beyond_cents:
        yield precision.finding(
            Location(form, row, field),
            f"金额{_grouped(v)}元超过两位小数，应保留到分（如{_cents_hint(v)}元）",
        )


def _cents_hint(v: Decimal) -> str:
    try:
        return format_amount(v)
    except InvalidOperation:
        return "0.00"


def _grouped(v: Decimal, spec: str = ",f") -> str:
    """`v` with separators, every digit as typed (the extra decimals are the point) or as
    `spec` says; as typed where it cannot be formatted."""
    try:
        return format(v, spec)
    except (InvalidOperation, ValueError):
        return str(v)


@rule(
    "values.magnitude_large",
    Severity.WARNING,
    "金额达到100亿元以上，可能把“元”数当“万元”填入",
    *_ALL_AMOUNT_FORMS,
)
def magnitude_large(report: Report, d: Derived) -> Iterator[Finding]:
    for form, row, field, v in scan(report, d.papers).huge:
        yield magnitude_large.finding(
            Location(form, row, field),
            f"金额{_plain(v)}元达到100亿元以上，请核对金额单位"
            "（是否把以“元”为单位的数填进了“万元”栏）",
        )


def _plain(v: Decimal) -> str:
    return _grouped(v, ",.2f")


@rule(
    "values.magnitude_small",
    Severity.HINT,
    "以万元公开时，个别科目金额不足100元而其余金额都较大，可能把“万元”数当“元”填入",
    Form.LEDGER,
    Form.ECON,
    Form.UNIT,
)
def magnitude_small(report: Report, d: Derived) -> Iterator[Finding]:
    if report.unit.amount_unit != "万元":
        return
    found = scan(report, d.papers)
    if found.typical is None or found.typical < TYPICAL_LARGE:
        return
    for form, row, field, v in found.small:
        yield magnitude_small.finding(
            Location(form, row, field),
            f"金额只有{yuan(v)}，以万元公开时显示为{_wan(v)}万元，而其他金额的中位数为"
            f"{_plain(found.typical)}元；请核对是否把以“万元”为单位的数填进了“元”栏",
        )


def _wan(v: Decimal) -> str:
    return format_amount(to_unit(v, "万元"))


RULES = (negative, precision, magnitude_large, magnitude_small)
