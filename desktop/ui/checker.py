"""Live validation: re-run the checks a moment after the officer stops typing.

    document.changed(Change) ──(150 ms idle)──> run_rules(rules_reading(forms))
                                               └──> findings, FindingIndex ──updated──> panel,
                                                                               badges, tints

The checks take a few milliseconds, but they never run inside a keystroke: an edit
only restarts a timer. Only the rules that read the edited forms run again (each edit
says which forms it changed: `edits.Change`), in the document's working papers, so the
derivation, the value scan and the row-by-row rules' findings are updated rather than
redone (on a 10,000-row ledger an edit re-checks one row, not ten thousand); the other
rules' findings are kept, and the list keeps `run_checks`'s order. A project being
opened is checked in full on the worker that opens it (`install`).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.checks import RULES, Finding, Form, Severity, rules_reading, run_rules
from desktop.core.edits import Change
from desktop.ui.document import ProjectDocument

Key = tuple[str | None, str]  # (row, field) of a finding; row None matches any row


class FindingIndex:
    """Findings by where they point, for tinting cells and counting badges."""

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        self.findings = list(findings)
        self._exact: dict[tuple[Form, str, str], list[Finding]] = {}
        self._by_field: dict[tuple[Form, str], list[Finding]] = {}
        self._by_row: dict[tuple[Form, str], list[Finding]] = {}
        self._counts: dict[Form, list[int]] = {}
        for f in self.findings:
            loc = f.location
            self._exact.setdefault((loc.form, loc.row, loc.field), []).append(f)
            self._by_field.setdefault((loc.form, loc.field), []).append(f)
            self._by_row.setdefault((loc.form, loc.row), []).append(f)
            counts = self._counts.setdefault(loc.form, [0, 0, 0])
            counts[f.severity.rank] += 1

    def at(self, form: Form, keys: Iterable[Key]) -> list[Finding]:
        """Findings at any of `keys` (a key with row None matches the field on any row)."""
        out: list[Finding] = []
        for row, field in keys:
            if row is None:
                out += self._by_field.get((form, field), [])
            else:
                out += self._exact.get((form, row, field), [])
        return out

    def on_row(self, form: Form, row: str) -> list[Finding]:
        return self._by_row.get((form, row), [])

    def count(self, form: Form) -> tuple[int, int]:
        """(错误, 警告) of a form."""
        c = self._counts.get(form, [0, 0, 0])
        return c[0], c[1]

    def total(self, severity: Severity) -> int:
        return sum(c[severity.rank] for c in self._counts.values())


def worst(findings: Iterable[Finding]) -> Finding | None:
    return min(findings, key=lambda f: f.severity.rank, default=None)


class LiveChecker(QObject):
    """Keeps `findings` and `index` current for the document, off the typing path."""

    updated = Signal()

    def __init__(self, document: ProjectDocument, delay_ms: int = 150) -> None:
        super().__init__(document)
        self._document = document
        self._by_rule: dict[str, list[Finding]] = {}
        # Where the findings differ from those before the last update: (form, row) pairs,
        # or None for anywhere (another project). Views repaint only those rows.
        self.changed: frozenset[tuple[Form, str]] | None = None
        self._pending: set[Form] | None = None  # None: nothing pending
        self._full = True
        self.index = FindingIndex()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        document.changed.connect(self._on_changed)

    @property
    def findings(self) -> list[Finding]:
        return self.index.findings

    def _on_changed(self, change: Change) -> None:
        if change.forms is None:
            self._full = True
        self._pending = (self._pending or set()) | set(change.forms or ())
        self._timer.start()

    def flush(self) -> None:
        """Run the pending checks now (the timer does this after the idle delay)."""
        self._timer.stop()
        if self._pending is None and not self._full:
            return
        report = self._document.report
        rules = RULES if self._full else rules_reading(self._pending or ())
        fresh: dict[str, list[Finding]] = {r.id: [] for r in rules}
        for f in run_rules(report, rules, papers=self._document.papers):
            fresh[f.rule].append(f)
        self._by_rule.update(fresh)
        self._publish()

    def check_all(self) -> None:
        self._full = True
        self.flush()

    def install(self, findings: Iterable[Finding]) -> None:
        """Every finding of the document's current report, made elsewhere (by the worker
        that opened it, with every rule): nothing is left pending."""
        self._timer.stop()
        self._by_rule = {r.id: [] for r in RULES}
        for f in findings:
            self._by_rule.setdefault(f.rule, []).append(f)
        self._publish(everywhere=True)

    def _publish(self, *, everywhere: bool = False) -> None:
        self._pending, self._full = None, False
        ordered = [f for r in RULES for f in self._by_rule.get(r.id, [])]
        before = self.index.findings
        after = sorted(ordered, key=lambda f: f.severity.rank)
        if everywhere:
            self.changed = None
        elif after == before:
            self.changed = frozenset()
        else:
            moved = set(before).symmetric_difference(after)
            self.changed = frozenset((f.location.form, f.location.row) for f in moved)
        if self.changed is None or self.changed or after != before:
            self.index = FindingIndex(after)
        self.updated.emit()

    def touched(self, form: Form) -> set[str] | None:
        """The rows of `form` whose findings changed in the last update (None: any)."""
        if self.changed is None:
            return None
        return {row for f, row in self.changed if f is form}
