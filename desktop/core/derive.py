"""Derivation: every total and cross-table figure, computed once from the report's inputs.

    Report ──derive()──> Derived ──> tables, checks, text

The ledger is typed at 项 level; `Derived.lines` holds one `Line` (a mapping of
figure keys to Money) per 类, 款 and 项 present, plus the 合计 line under the key
``""``. Keys name the figure: ``income.<source>``, ``spending.<nature>``,
``fiscal.<source>_<basic|project>``, ``opening.<source>`` and computed ones
(``income.total``, ``income.fiscal``, ``spending.total``, ``fiscal.general`` …).
A figure nobody typed stays None all the way up, so tables print a blank, not 0.
"""

from __future__ import annotations

import bisect
import decimal
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from itertools import chain, filterfalse
from operator import attrgetter, itemgetter
from types import MappingProxyType

from desktop.core import catalog
from desktop.core.model import (
    VEHICLE_CATEGORIES,
    Balances,
    CustomCode,
    FiscalAmounts,
    FiscalSpending,
    Income,
    LedgerRow,
    Report,
    SangongAmounts,
    Spending,
)
from desktop.core.money import ZERO, Money, nz, ratio, total
from desktop.core.workpapers import Workpapers

Line = Mapping[str, Money]

INCOME_KEYS = tuple(f"income.{f.name}" for f in fields(Income))
SPENDING_KEYS = tuple(f"spending.{f.name}" for f in fields(Spending))
FISCAL_KEYS = tuple(f"fiscal.{f.name}" for f in fields(FiscalSpending))
OPENING_KEYS = tuple(f"opening.{f.name}" for f in fields(FiscalAmounts))
TYPED_KEYS = INCOME_KEYS + SPENDING_KEYS + FISCAL_KEYS + OPENING_KEYS

FISCAL_SOURCES = ("general_budget", "gov_fund", "state_capital")
_FISCAL_PREFIX = {"general_budget": "general", "gov_fund": "fund", "state_capital": "capital"}


# (row attribute, ((line key, record field), …)) — row_figures runs once per 项 per
# derive, so the field names are resolved once here rather than by fields() each time.
_ROW_PARTS = tuple(
    (attr, tuple((f"{prefix}.{f.name}", f.name) for f in fields(cls)))
    for attr, prefix, cls in (
        ("income", "income", Income),
        ("spending", "spending", Spending),
        ("fiscal", "fiscal", FiscalSpending),
        ("fiscal_opening", "opening", FiscalAmounts),
    )
)


def row_figures(row: LedgerRow) -> dict[str, Money]:
    """The typed figures of one 项 row under their line keys."""
    out: dict[str, Money] = {}
    for attr, pairs in _ROW_PARTS:
        record = getattr(row, attr)
        for key, name in pairs:
            out[key] = getattr(record, name)
    return out


def _sum(line: Mapping[str, Money], keys: tuple[str, ...]) -> Money:
    """`money.total` of the line's figures under `keys`, unrolled for the hot path."""
    acc: Money = None
    for k in keys:
        v = line[k]
        if v is not None:
            acc = ZERO + v if acc is None else acc + v
    return acc


_INCOME_FISCAL_KEYS = tuple(f"income.{s}" for s in FISCAL_SOURCES)
_SOURCE_KEYS = tuple(
    (f"fiscal.{short}", (f"fiscal.{short}_basic", f"fiscal.{short}_project"))
    for short in _FISCAL_PREFIX.values()
)
_FISCAL_SOURCE_TOTALS = tuple(key for key, _ in _SOURCE_KEYS)
_FISCAL_BASIC_KEYS = tuple(f"fiscal.{s}_basic" for s in _FISCAL_PREFIX.values())
_FISCAL_PROJECT_KEYS = tuple(f"fiscal.{s}_project" for s in _FISCAL_PREFIX.values())


def _complete(line: dict[str, Money]) -> dict[str, Money]:
    """Add the computed figures of a line to its typed sums."""
    line["income.fiscal"] = _sum(line, _INCOME_FISCAL_KEYS)
    line["income.total"] = _sum(line, INCOME_KEYS)
    line["spending.total"] = _sum(line, SPENDING_KEYS)
    for key, parts in _SOURCE_KEYS:
        line[key] = _sum(line, parts)
    line["fiscal.total"] = _sum(line, _FISCAL_SOURCE_TOTALS)
    line["fiscal.basic"] = _sum(line, _FISCAL_BASIC_KEYS)
    line["fiscal.project"] = _sum(line, _FISCAL_PROJECT_KEYS)
    # 政府性基金 closing per 科目 (公开07 栏次6): opening + income − spending.
    fund = (line["opening.gov_fund"], line["income.gov_fund"], line["fiscal.fund"])
    line["fund.closing"] = (
        None if all(v is None for v in fund) else nz(fund[0]) + nz(fund[1]) - nz(fund[2])
    )
    return line


def _sum_lines(lines: Iterable[Mapping[str, Money]]) -> dict[str, Money]:
    acc: dict[str, Money] = dict.fromkeys(TYPED_KEYS)
    for line in lines:
        for k in TYPED_KEYS:
            v = line[k]
            if v is not None:
                cur = acc[k]
                acc[k] = v if cur is None else cur + v
    return acc


@dataclass(frozen=True)
class BalanceFigures:
    """公开01 bottom rows."""

    income_total: Money  # 本年收入合计
    use_nonfiscal: Money
    opening: Money
    grand_total_in: Money  # 总计 (left)
    spending_total: Money  # 本年支出合计
    distribution: Money
    closing: Money  # 年末结转和结余, computed
    grand_total_out: Money  # 总计 (right)


@dataclass(frozen=True)
class FiscalFigures:
    """One 财政拨款 source (公开04): opening + income = spending + closing."""

    opening: Money
    income: Money
    basic: Money
    project: Money
    spending: Money
    closing: Money
    grand_total: Money  # 总计: opening + income (= spending + closing)


@dataclass(frozen=True)
class EconFigures:
    """一般公共预算财政拨款 spending by 经济分类 (公开06)."""

    lines: Mapping[str, tuple[Money, Money]]  # 类 and 款 code → (basic, total)
    personnel_basic: Money
    personnel_total: Money
    public_basic: Money
    public_total: Money
    basic_total: Money
    grand_total: Money


@dataclass(frozen=True)
class SangongFigures:
    budget: SangongAmounts
    actual: SangongAmounts
    budget_vehicle: Money  # 公务用车购置及运行维护费 小计
    actual_vehicle: Money
    budget_total: Money
    actual_total: Money


@dataclass(frozen=True)
class Change:
    """A figure against last year: amount and rate (%, half-up to 2 decimals)."""

    current: Money
    prior: Money
    amount: Money
    rate: Decimal | None

    @property
    def direction(self) -> int:
        """+1 rise, -1 fall, 0 flat; 0 when no comparison is possible."""
        if self.amount is None or self.amount == 0:
            return 0
        return 1 if self.amount > 0 else -1


def change(current: Money, prior: Money) -> Change:
    if current is None and prior is None:
        return Change(None, None, None, None)
    amount = nz(current) - nz(prior)
    rate = ratio(amount, prior) if prior else None
    return Change(current, prior, amount, rate)


@dataclass(frozen=True)
class Derived:
    report: Report
    functional: catalog.Catalog
    lines: Mapping[str, Line]  # every 类/款/项 present, and "" for 合计
    order: tuple[str, ...]  # listing order: each 类, then its 款, then their 项
    classes: tuple[str, ...]  # the 类 of `order`, in that order
    balances: BalanceFigures
    fiscal: Mapping[str, FiscalFigures]  # by source key, plus "total"
    econ: EconFigures
    sangong: SangongFigures
    procurement_total: Money
    vehicle_total: int | None
    budget_by_code: Mapping[str, Money]  # 年初预算 rolled up to every level; "" total
    # The working papers this was derived in: the checks and the text that work from it
    # reuse the value scan and the scores kept there.
    papers: Workpapers = field(compare=False, repr=False)

    @property
    def totals(self) -> Line:
        return self.lines[""]

    def line(self, code: str) -> Line:
        return self.lines.get(code, _EMPTY_LINE)

    def class_codes(self) -> tuple[str, ...]:
        return self.classes

    def name(self, code: str) -> str:
        return self.functional.name(code, self.report.unit.year)

    def budget(self, code: str = "") -> Money:
        return self.budget_by_code.get(code)


_EMPTY_LINE: Line = MappingProxyType(_complete(dict.fromkeys(TYPED_KEYS)))
LINE_KEYS: tuple[str, ...] = tuple(_EMPTY_LINE)
"""Every figure of a line: the typed ones and those `_complete` computes."""


def derive(report: Report, *, papers: Workpapers | None = None) -> Derived:
    """Compute every aggregate of `report` once.

    With `papers` (an open document's, a command's), the result is kept there: the same
    report object is not derived twice, and after an edit — a new report sharing all but
    a few parts with the one derived last — only what the changed parts feed is computed
    again (`_rederive`), figure for figure the same as a full derivation
    (tests/fuzz/test_derive_incremental.py). Without, the derivation starts from scratch
    in papers of its own, which the result carries (`Derived.papers`).
    """
    if papers is None:
        papers = Workpapers()
    memo = papers.derivation
    if memo is not None and memo.report is report:
        return memo.derived
    new = _rederive(memo, report, papers) if memo is not None else None
    if new is None:
        new = _derive_full(report, papers)
    papers.derivation = new
    return new.derived


@dataclass(frozen=True)
class DeriveMemo:
    """The last derivation and what it takes to update it cheaply. Never mutated: an
    update builds new dicts, so a derivation running in another thread stays valid."""

    report: Report
    derived: Derived
    leaf: Mapping[str, Mapping[str, Money]]  # typed figures per ledger code (duplicates summed)
    under: Mapping[str, tuple[str, ...]]  # 类/款 code (and "" for 合计) → ledger codes below
    repeated: frozenset[str]  # codes on more than one ledger row
    exact: bool | None  # every typed ledger figure is `_plain`; None: not yet looked at
    # Every ledger code is a 7-digit 项 (none typed at 类 or 款 level, none malformed), so
    # its 类 and 款 are slices of it. Edits on the incremental path add and remove 项
    # only, so this holds along them as it held at the full derivation.
    items_only: bool
    # The ledger's codes are in listing order (as the officer's 科目 are added: in code
    # order); None: not yet looked at. Kept along 科目 added where their neighbours say.
    listed: bool | None = None


def prepare_edits(papers: Workpapers) -> None:
    """Decide now what the first edit after a full derivation would otherwise decide on
    its way (whether every typed ledger figure adds exactly: a look at each of them), so
    that edit is as quick as the others. The window calls it where it opens a project,
    off the GUI thread; the result is the same either way."""
    memo = papers.derivation
    if memo is not None and memo.exact is None:
        papers.derivation = replace(memo, exact=_all_plain(memo.leaf))


def _plain(v: Money) -> bool:
    """A figure that adds exactly in any order: 2 decimals, under 10^15 (`money.LIMIT`), not −0.

    For such figures a sum updated by `S − old + new` equals the sum taken afresh in
    value, exponent and sign, so the incremental path may be used.
    """
    if v is None:
        return True
    # adjusted() < 15 is |v| < 10^15 (LIMIT), without a Decimal comparison.
    return v.same_quantum(ZERO) and v.adjusted() < 15 and (bool(v) or not v.is_signed())


def _all_plain(leaf: Mapping[str, Mapping[str, Money]]) -> bool:
    return all(_plain(v) for figs in leaf.values() for v in figs.values() if v is not None)


def _exact_arithmetic() -> bool:
    # Sums of < 10^6 figures under 10^15 need 23 digits; FLOOR rounding would make x − x = −0.
    ctx = decimal.getcontext()
    return ctx.prec >= 28 and ctx.rounding != decimal.ROUND_FLOOR


def _ledger_lines(
    ledger: tuple[LedgerRow, ...],
) -> tuple[dict[str, Line], dict[str, dict[str, Money]], dict[str, tuple[str, ...]], set[str]]:
    by_code: dict[str, list[str]] = {}
    leaf: dict[str, dict[str, Money]] = {}
    repeated: set[str] = set()
    for row in ledger:
        figs = row_figures(row)
        if row.code in leaf:  # duplicate rows are a finding; sum them so nothing is lost
            figs = _sum_lines((leaf[row.code], figs))
            repeated.add(row.code)
        leaf[row.code] = figs
    for code in leaf:
        for anc in catalog.ancestors(code):
            by_code.setdefault(anc, []).append(code)
    lines: dict[str, Line] = {}
    for code, figs in leaf.items():
        lines[code] = MappingProxyType(_complete(dict(figs)))
    for code, parts in by_code.items():
        if code not in leaf:
            lines[code] = MappingProxyType(_complete(_sum_lines(leaf[c] for c in parts)))
    lines[""] = MappingProxyType(_complete(_sum_lines(leaf.values())))
    under = {code: tuple(parts) for code, parts in by_code.items()}
    under[""] = tuple(leaf)
    return lines, leaf, under, repeated


def _derive_full(report: Report, papers: Workpapers) -> DeriveMemo:
    lines, leaf, under, repeated = _ledger_lines(report.ledger)
    order = tuple(sorted((c for c in lines if c), key=_listing_key))
    derived = _assemble(report, lines, order, None, papers)
    items_only = set(map(len, leaf)) <= {7} and all(map(str.isdigit, leaf))
    # Whether the figures are exact is only asked once an edit follows (`_rederive`).
    return DeriveMemo(report, derived, leaf, under, frozenset(repeated), None, items_only)


def _rederive(memo: DeriveMemo, report: Report, papers: Workpapers) -> DeriveMemo | None:
    """`memo` updated for `report`, or None when only a full derivation will do.

    The ledger's lines are reused when the ledger is the same object, and updated along
    the changed rows' ancestors when a few rows changed their figures, were added or were
    removed (`_ledger_after`); every other part of `Derived` is reused when the report
    part it comes from is the same object.
    """
    old = memo.report
    if report.ledger is old.ledger:
        lines, leaf, under, listing = dict(memo.derived.lines), memo.leaf, memo.under, None
        exact, listed = memo.exact, memo.listed
    else:
        after = _ledger_after(memo, report.ledger, papers)
        if after is None:
            return None
        lines, leaf, under, listing, listed = after
        exact = True
    order, classes = listing or (memo.derived.order, memo.derived.classes)
    derived = _assemble(report, lines, order, memo.derived, papers, classes)
    return DeriveMemo(report, derived, leaf, under, memo.repeated, exact, memo.items_only, listed)


_MAX_ROWS_UPDATED = 256  # beyond this many rows changed, deriving afresh is as quick

Figures = Mapping[str, Money]


def _ledger_after(
    memo: DeriveMemo, ledger: tuple[LedgerRow, ...], papers: Workpapers
) -> (
    tuple[
        dict[str, Line],
        Mapping[str, Figures],
        Mapping[str, tuple[str, ...]],
        tuple[tuple[str, ...], tuple[str, ...]] | None,
        bool | None,
    ]
    | None
):
    """The lines, leaf figures, leaves under each 科目, listing order with its 类 (None:
    as before) and whether the ledger's codes are in listing order (`DeriveMemo.listed`)
    after the ledger became `ledger`; None when a full derivation must decide.

    The rows that are not the same objects as before are found (`_rows_changed`); the
    科目 they touch, with their figures before and after, make a `_LedgerEdit`; each
    changed 科目's ancestors are updated by the difference, figure by figure
    (`_lines_after`). Only plain figures (`_plain`) in exact arithmetic, and 科目 typed
    once, go this way: then the sums are those a full derivation makes, value, exponent
    and sign."""
    if not _exact_arithmetic():
        return None
    rows = _rows_changed(memo.report.ledger, ledger, papers)
    if rows is None:
        return None
    gone, came, places = rows
    edit = _ledger_edit(memo, gone, came)
    if edit is None:
        return None
    leaf, under, listed = _leaves_after(memo, ledger, edit, places)
    lines = _lines_after(memo.derived.lines, edit, leaf, under)
    if not edit.moved:
        return lines, leaf, under, None, memo.listed
    ordered, order, classes, listed = _in_listing_order(lines, leaf, memo, edit, listed)
    return ordered, leaf, under, (order, classes), listed


Places = tuple[tuple[int, ...], tuple[int, ...]]  # rows gone (where they were), rows come


def _rows_changed(
    before: tuple[LedgerRow, ...], ledger: tuple[LedgerRow, ...], papers: Workpapers
) -> tuple[list[LedgerRow], list[LedgerRow], Places] | None:
    """The rows that went and the rows that came (`changed_rows`, or by identity when
    rows were added or removed), and their places in the ledger before and after, in
    order; None when so many changed that deriving afresh is as quick."""
    edited = papers.changed_rows(before, ledger)
    went, new = (edited, edited) if edited is not None else papers.rows_replaced(before, ledger)
    if len(went) + len(new) > _MAX_ROWS_UPDATED:
        return None
    return [before[i] for i in went], [ledger[i] for i in new], (went, new)


@dataclass(frozen=True)
class _LedgerEdit:
    """The 科目 an edit of the ledger touched, with their figures before and after."""

    was: Mapping[str, Figures | None]  # 科目 changed → its figures before (None: new)
    now: Mapping[str, Figures | None]  # … and after (None: removed); the same 科目
    moved: tuple[str, ...]  # the 科目 added or removed (the others changed figures)


def _ledger_edit(
    memo: DeriveMemo, gone: list[LedgerRow], came: list[LedgerRow]
) -> _LedgerEdit | None:
    """What the rows that went and came did to the 科目, or None when the incremental
    path cannot follow: a 科目 typed twice (before or now), one not in the catalog, a
    figure that is not `_plain`, a 项 added or removed under a 科目 typed itself."""
    was_figs = _figures_gone(memo, gone)
    now_figs = _figures_came(came) if was_figs is not None else None
    if was_figs is None or now_figs is None:
        return None
    for code in now_figs:
        if code not in was_figs:
            if code in memo.leaf:
                return None  # typed twice now: a finding, and a sum of both rows
            was_figs[code] = None
    for code in was_figs:
        now_figs.setdefault(code, None)
    moved = tuple(c for c in was_figs if (was_figs[c] is None) != (now_figs[c] is None))
    for code in moved:  # added or removed: a 项 under 科目 that are sums
        if len(code) != 7 or any(a in memo.leaf for a in _above(code)):
            return None
    if not (memo.exact if memo.exact is not None else _all_plain(memo.leaf)):
        return None
    return _LedgerEdit(was_figs, now_figs, moved)


def _figures_gone(memo: DeriveMemo, gone: list[LedgerRow]) -> dict[str, Figures | None] | None:
    """The figures before of the 科目 of the rows that went; None for one typed twice
    (or not derived before)."""
    was_figs: dict[str, Figures | None] = {}
    for r in gone:
        if r.code in was_figs or r.code in memo.repeated or r.code not in memo.leaf:
            return None
        was_figs[r.code] = memo.leaf[r.code]
    return was_figs


def _figures_came(came: list[LedgerRow]) -> dict[str, Figures | None] | None:
    """The figures of the rows that came by 科目; None for a 科目 twice, one the catalog
    does not place, or a figure that is not `_plain`."""
    now_figs: dict[str, Figures | None] = {}
    for r in came:
        if r.code in now_figs or catalog.level_of(r.code) is None:
            return None
        figs = row_figures(r)
        if not all(_plain(v) for v in figs.values()):
            return None
        now_figs[r.code] = figs
    return now_figs


def _leaves_after(
    memo: DeriveMemo, ledger: tuple[LedgerRow, ...], edit: _LedgerEdit, places: Places
) -> tuple[dict[str, Figures], Mapping[str, tuple[str, ...]], bool | None]:
    """The leaf figures and the leaves under each 科目 after `edit`, and whether the
    ledger's codes are in listing order after it (None: not known)."""
    leaf: dict[str, Figures]
    if not edit.moved:  # the same 科目, other figures: everything keeps its place
        leaf = {**memo.leaf}
        for code, now in edit.now.items():
            if now is not None:
                leaf[code] = now
        return leaf, memo.under, memo.listed
    listed: bool | None = None
    if not memo.repeated:
        # Each code once, before and after (`_ledger_edit` sees to it): the leaves are the
        # ledger's rows, and the rows that went and came are taken out and put in at
        # their places — no walk over the ledger's codes.
        codes, figures = list(memo.leaf), list(memo.leaf.values())
        went, came = places
        for i in reversed(went):
            del codes[i], figures[i]
        for j in came:
            now = edit.now[ledger[j].code]
            assert now is not None  # a row that came has its figures
            codes.insert(j, ledger[j].code)
            figures.insert(j, now)
        leaf = dict(zip(codes, figures, strict=True))
        if memo.listed:  # still so if each row that came stands between its neighbours
            listed = all(
                (j == 0 or _listing_key(codes[j - 1]) < _listing_key(codes[j]))
                and (j + 1 == len(codes) or _listing_key(codes[j]) < _listing_key(codes[j + 1]))
                for j in came
            )
    else:
        # Each code in ledger order (the first row of a code typed twice places it), with
        # its figures: those of the edit, else those before. C-speed walks.
        known = {**memo.leaf, **{c: f for c, f in edit.now.items() if f is not None}}
        codes = list(map(_CODE, ledger))
        leaf = dict(zip(codes, map(known.__getitem__, codes), strict=True))
    under = dict(memo.under)
    for code in edit.moved:
        for anc in _above(code):
            below = (*filter(code.__ne__, under.get(anc, ())),)
            if edit.now[code] is not None:
                below += (code,)
            if below:
                under[anc] = below
            else:
                under.pop(anc, None)
    under[""] = tuple(leaf)  # the 合计 is over every 项
    return leaf, under, listed


def _lines_after(
    before: Mapping[str, Line],
    edit: _LedgerEdit,
    leaf: Mapping[str, Figures],
    under: Mapping[str, tuple[str, ...]],
) -> dict[str, Line]:
    """The lines after `edit`: those of the 科目 it touched made anew, their ancestors'
    (and the 合计's) updated by the difference; every other line as it was."""
    lines = dict(before)
    for code, now in edit.now.items():
        if now is None:
            del lines[code]
        else:
            lines[code] = MappingProxyType(_complete(dict(now)))
    ancestors = dict.fromkeys(a for c in edit.now for a in (*_above(c), ""))
    for anc in ancestors:
        if anc and anc in leaf:  # a row typed at 类/款 level stands as typed
            continue  # (the 合计 "" is always the sum, even beside a row coded "")
        if anc not in under:
            lines.pop(anc, None)  # no 项 left under it
        elif anc not in lines:  # a 款 or 类 that had no 项 before
            lines[anc] = MappingProxyType(_complete(_sum_lines(leaf[c] for c in under[anc])))
        else:
            lines[anc] = MappingProxyType(
                _complete(_line_after(lines[anc], anc, edit.now, edit.was, leaf, under))
            )
    return lines


def _in_listing_order(
    lines: Mapping[str, Line],
    leaf: Mapping[str, Figures],
    memo: DeriveMemo,
    edit: _LedgerEdit,
    listed: bool | None,
) -> tuple[dict[str, Line], tuple[str, ...], tuple[str, ...], bool | None]:
    """After 科目 were added or removed: the lines in the order a full derivation makes
    them (each 项 as the ledger lists it, then each 款 and 类 as first met, then the
    合计), the listing order and its 类 with the 科目 that came or went, and whether the
    ledger's codes are in listing order (`listed`, looked at here if not known)."""
    # Only the 科目 the edit touched and those above them can have come or gone: the
    # listing order (sorted by `_listing_key`) is patched at their places.
    before = memo.derived.lines
    order, classes = list(memo.derived.order), list(memo.derived.classes)
    for code in dict.fromkeys(a for c in edit.now for a in (c, *_above(c))):
        was, now = code in before, code in lines
        for listing in (order, classes) if len(code) == 3 else (order,):
            if was and not now:
                del listing[bisect.bisect_left(listing, _listing_key(code), key=_listing_key)]
            elif now and not was:
                bisect.insort(listing, code, key=_listing_key)
    if memo.items_only:
        if listed is None:
            listed = list(filter(leaf.__contains__, order)) == list(leaf)
        if listed:
            # 项 typed in code order (as the ledger adds them): the 类 and 款 first met
            # along them are those of the listing order, C-speed and no string made a 项
            above: Iterable[str] = filterfalse(leaf.__contains__, order)
        else:  # the 类 and 款 of each 项 by C-speed slices
            pairs = zip(map(_CLASS, leaf), map(_KUAN, leaf), strict=True)
            above = dict.fromkeys(chain.from_iterable(pairs))
        keys = [*leaf, *above, ""]
        ordered = dict(zip(keys, map(lines.__getitem__, keys), strict=True))
    else:
        ordered = {code: lines[code] for code in leaf}
        for code in leaf:
            for anc in _above(code):
                if anc not in ordered:
                    ordered[anc] = lines[anc]
        ordered[""] = lines[""]
    return ordered, tuple(order), tuple(classes), listed


_CODE = attrgetter("code")
_CLASS = itemgetter(slice(None, 3))  # the 类 of a 项's code
_KUAN = itemgetter(slice(None, 5))  # … and its 款


def _above(code: str) -> tuple[str, ...]:
    """`catalog.ancestors`, as a tuple, without building a list: the 类 and 款 above a 项."""
    n = len(code)
    return (code[:3], code[:5]) if n == 7 else (code[:3],) if n == 5 else ()


def _line_after(
    line: Line,
    anc: str,
    now_figs: Mapping[str, Figures | None],
    was_figs: Mapping[str, Figures | None],
    leaf: Mapping[str, Figures],
    under: Mapping[str, tuple[str, ...]],
) -> dict[str, Money]:
    """The typed sums of the 科目 `anc` after the 项 in `now_figs` changed: each figure
    less what was there and plus what is there now (`leaf`, `under`: after the edit)."""
    out = {k: line[k] for k in TYPED_KEYS}
    for code, figs in now_figs.items():
        if anc and anc not in _above(code):
            continue  # a 项 of another 科目
        was = was_figs[code]
        for k in TYPED_KEYS:
            old_v = was[k] if was is not None else None
            new_v = figs[k] if figs is not None else None
            if old_v == new_v:  # plain figures that compare equal are the same figure
                continue
            acc = out[k]
            if old_v is not None and acc is not None:  # acc holds old_v, so is a figure
                acc = acc - old_v
            if new_v is not None:
                acc = new_v if acc is None else acc + new_v
            elif old_v is not None and not any(leaf[c][k] is not None for c in under[anc]):
                acc = None  # the edit removed the only figure under this 科目
            out[k] = acc
    return out


def _assemble(
    report: Report,
    lines: dict[str, Line],
    order: tuple[str, ...],
    prev: Derived | None,
    papers: Workpapers,
    classes: tuple[str, ...] | None = None,
) -> Derived:
    """Everything of `Derived` around the ledger's lines; a part whose input is the same
    object in `prev`'s report is taken over from `prev`. `classes`: the 类 of `order`
    when the caller knows them."""
    totals = lines[""]
    budget_by_code, econ, sangong = _parts_outside_ledger(report, prev)
    stats = report.stats
    return Derived(
        report=report,
        functional=_functional(report.custom_codes, prev),
        lines=MappingProxyType(lines),
        order=order,
        classes=classes
        if classes is not None
        else prev.classes
        if prev is not None and order is prev.order
        else tuple(c for c in order if len(c) == 3),
        balances=_balance_figures(totals, report.balances),
        fiscal=MappingProxyType(_fiscal_figures(totals)),
        econ=econ,
        sangong=sangong,
        procurement_total=total(
            (stats.procurement.goods, stats.procurement.works, stats.procurement.services)
        ),
        vehicle_total=_int_total(getattr(stats.assets.vehicles, k) for k in VEHICLE_CATEGORIES),
        budget_by_code=budget_by_code,
        papers=papers,
    )


def _functional(custom: tuple[CustomCode, ...], prev: Derived | None) -> catalog.Catalog:
    """The 功能分类 catalog with the officer's own 科目: `prev`'s when they are the same
    object, `prev`'s and those added after them when the officer added some."""
    if prev is None:
        return catalog.functional().with_custom((c.code, c.name) for c in custom)
    was = prev.report.custom_codes
    if custom is was:
        return prev.functional
    if (
        len(custom) > len(was)
        and custom[: len(was)] == was
        and not any(c.code in prev.functional for c in custom[len(was) :])
    ):  # 科目 the officer added: the catalog as it was, and them
        return prev.functional.with_custom((c.code, c.name) for c in custom[len(was) :])
    return catalog.functional().with_custom((c.code, c.name) for c in custom)


def _balance_figures(t: Line, b: Balances) -> BalanceFigures:
    """公开01's bottom rows from the 合计 line and the typed balances."""
    grand_in = total((t["income.total"], b.use_nonfiscal, b.opening))
    closing = nz(grand_in) - nz(t["spending.total"]) - nz(b.distribution)
    nothing = grand_in is None and closing == 0
    return BalanceFigures(
        income_total=t["income.total"],
        use_nonfiscal=b.use_nonfiscal,
        opening=b.opening,
        grand_total_in=grand_in,
        spending_total=t["spending.total"],
        distribution=b.distribution,
        closing=None if nothing else closing,
        grand_total_out=None if nothing else total((t["spending.total"], b.distribution, closing)),
    )


def _fiscal_figures(t: Line) -> dict[str, FiscalFigures]:
    """公开04 per 财政拨款 source from the 合计 line, and their "total"."""
    fiscal: dict[str, FiscalFigures] = {}
    for source, short in _FISCAL_PREFIX.items():
        opening, income = t[f"opening.{source}"], t[f"income.{source}"]
        spending = t[f"fiscal.{short}"]
        present = (opening, income, spending)
        fiscal[source] = FiscalFigures(
            opening=opening,
            income=income,
            basic=t[f"fiscal.{short}_basic"],
            project=t[f"fiscal.{short}_project"],
            spending=spending,
            closing=None
            if all(v is None for v in present)
            else nz(opening) + nz(income) - nz(spending),
            grand_total=total((opening, income)),
        )
    fiscal["total"] = FiscalFigures(
        *(total(getattr(fiscal[s], f.name) for s in FISCAL_SOURCES) for f in fields(FiscalFigures))
    )
    return fiscal


def _parts_outside_ledger(
    report: Report, prev: Derived | None
) -> tuple[Mapping[str, Money], EconFigures, SangongFigures]:
    """The 年初预算 roll-up, 公开06 and 三公 figures; each `prev`'s when its report part
    is the same object."""
    old = prev.report if prev is not None else None
    if prev is None or old is None:
        return MappingProxyType(_roll_up_budget(report)), _econ(report), _sangong(report)
    return (
        prev.budget_by_code
        if report.budget is old.budget
        else MappingProxyType(_roll_up_budget(report)),
        prev.econ if report.econ is old.econ else _econ(report),
        prev.sangong if report.sangong is old.sangong else _sangong(report),
    )


def _listing_key(code: str) -> tuple[str, str, str]:
    # 类 first, then its 款 each followed by its 项 — plain string order does this
    # already because a parent's code is a prefix of its children's.
    return (code[:3], code[:5], code)


def _int_total(values: Iterable[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _roll_up_budget(report: Report) -> dict[str, Money]:
    """年初预算 at every level: a typed figure wins; otherwise the sum of its children."""
    typed = {b.code: b.amount for b in report.budget}
    out: dict[str, Money] = dict(typed)
    for code in sorted(typed, key=len, reverse=True):
        # Add into each untyped ancestor up to the nearest typed one, whose own figure
        # stands (the checks compare it with its children).
        for anc in reversed(catalog.ancestors(code)):
            if anc in typed:
                break
            out[anc] = nz(out.get(anc)) + nz(typed[code])
    tops = [c for c in out if len(c) == 3]
    out[""] = typed.get("") if "" in typed else total(out[c] for c in tops)
    return out


def _econ(report: Report) -> EconFigures:
    lines: dict[str, tuple[Money, Money]] = {}
    for row in report.econ:
        amount = total((row.basic, row.project))
        prev = lines.get(row.code)
        if prev is not None:
            lines[row.code] = (total((prev[0], row.basic)), total((prev[1], amount)))
        else:
            lines[row.code] = (row.basic, amount)
    by_class: dict[str, list[tuple[Money, Money]]] = {}
    for code, pair in lines.items():
        by_class.setdefault(code[:3], []).append(pair)
    for cls, pairs in by_class.items():
        if cls not in lines:
            lines[cls] = (total(p[0] for p in pairs), total(p[1] for p in pairs))
    classes = {c: v for c, v in lines.items() if len(c) == 3}
    personnel = [v for c, v in classes.items() if c in catalog.PERSONNEL_CLASSES]
    public = [v for c, v in classes.items() if c not in catalog.PERSONNEL_CLASSES]
    pb, pt = total(v[0] for v in personnel), total(v[1] for v in personnel)
    ub, ut = total(v[0] for v in public), total(v[1] for v in public)
    return EconFigures(
        lines=MappingProxyType(lines),
        personnel_basic=pb,
        personnel_total=pt,
        public_basic=ub,
        public_total=ut,
        basic_total=total((pb, ub)),
        grand_total=total((pt, ut)),
    )


def _sangong(report: Report) -> SangongFigures:
    s = report.sangong

    def vehicle(a: SangongAmounts) -> Money:
        return total((a.vehicle_purchase, a.vehicle_operation))

    def whole(a: SangongAmounts) -> Money:
        return total((a.abroad, a.vehicle_purchase, a.vehicle_operation, a.reception))

    return SangongFigures(
        budget=s.budget,
        actual=s.actual,
        budget_vehicle=vehicle(s.budget),
        actual_vehicle=vehicle(s.actual),
        budget_total=whole(s.budget),
        actual_total=whole(s.actual),
    )


__all__ = [
    "ZERO",
    "DeriveMemo",
    "Derived",
    "Line",
    "change",
    "derive",
    "prepare_edits",
    "row_figures",
]
