"""Codes: unknown 功能/经济 codes, malformed codes, duplicate rows.

The ledger's rules look at each row on its own (`rows.by_row`: after an edit only the
rows that changed), and the duplicates are counted again only when a code changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from desktop.core import catalog
from desktop.core.checks.findings import Finding, Form, Location, Severity, rule
from desktop.core.checks.rows import by_row, kept, same_codes
from desktop.core.derive import Derived
from desktop.core.model import BudgetLine, EconRow, LedgerRow, Report


def _level_of(row: LedgerRow, _context: None) -> Iterator[Finding]:
    if not (row.code.isdigit() and len(row.code) == 7):
        yield functional_level.finding(
            Location(Form.LEDGER, row.code, "code"),
            f"科目代码「{row.code}」应为7位数字的“项”级代码",
        )


@rule(
    "codes.functional_level",
    Severity.ERROR,
    "收支按功能科目填报到“项”（7位编码）",
    Form.LEDGER,
)
def functional_level(report: Report, d: Derived) -> Iterable[Finding]:
    return by_row("codes.functional_level", report, d.papers, _level_of, None)


def _unknown_in(row: LedgerRow, functional: catalog.Catalog) -> Iterator[Finding]:
    if len(row.code) != 7 or not row.code.isdigit():
        return
    for code in (*catalog.ancestors(row.code), row.code):
        if code not in functional:
            yield functional_unknown.finding(
                Location(Form.LEDGER, row.code, "code"),
                f"科目「{code}」不在功能分类科目表中，请核对编码或补充科目名称",
            )


@rule(
    "codes.functional_unknown",
    Severity.WARNING,
    "功能分类科目不在科目表中（可在软件中补充该科目）",
    Form.LEDGER,
)
def functional_unknown(report: Report, d: Derived) -> Iterable[Finding]:
    return by_row(
        "codes.functional_unknown",
        report,
        d.papers,
        _unknown_in,
        d.functional,
        recheck=_codes_concerned,
    )


def _codes_concerned(
    before: catalog.Catalog, after: catalog.Catalog
) -> Callable[[LedgerRow], bool]:
    """The rows whose 科目 (or their 类, 款) the catalog gained or lost (a 科目 the
    officer added, or its undo): only theirs can be known or unknown otherwise now."""
    moved = before.codes() ^ after.codes()
    return lambda row: row.code in moved or row.code[:5] in moved or row.code[:3] in moved


def _duplicates(report: Report) -> Iterator[Finding]:
    tables: tuple[tuple[Form, Iterable[LedgerRow | EconRow | BudgetLine]], ...] = (
        (Form.LEDGER, report.ledger),
        (Form.ECON, report.econ),
        (Form.LEDGER, report.budget),
    )
    for form, rows in tables:
        counts = Counter(r.code for r in rows)
        for code, n in counts.items():
            if n > 1:
                yield duplicate_rows.finding(
                    Location(form, code, "code"), f"科目「{code}」重复填报了{n}行，请合并"
                )


@rule("codes.duplicate", Severity.ERROR, "同一科目只能填报一行", Form.LEDGER, Form.ECON)
def duplicate_rows(report: Report, d: Derived) -> Iterable[Finding]:
    # Only the codes matter: after an edit of a figure the rows hold the same codes.
    papers = d.papers
    return kept(
        "codes.duplicate",
        papers,
        (report.ledger, report.econ, report.budget),
        lambda: _duplicates(report),
        same=lambda before, after: same_codes(papers, before, after),
    )


@rule(
    "codes.economic_unknown",
    Severity.WARNING,
    "经济分类科目应为科目表中的“款”（5位编码）",
    Form.ECON,
)
def economic_unknown(report: Report, d: Derived) -> Iterator[Finding]:
    econ = catalog.economic()
    for row in report.econ:
        entry = econ.get(row.code)
        if entry is None or entry.level != "款":
            yield economic_unknown.finding(
                Location(Form.ECON, row.code, "code"),
                f"经济分类科目「{row.code}」不是科目表中的“款”级科目",
            )


RULES = (functional_level, functional_unknown, duplicate_rows, economic_unknown)
