"""Live validation: re-run the checks a moment after the officer stops typing.

    document.changed(Change) ──(150 ms idle)──> the rules reading the edited forms, on a
                                               worker thread (the derivation made here)
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

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from desktop.core.checks import RULES, Finding, Form, Rule, Severity, rules_reading, run_rules
from desktop.core.derive import Derived
from desktop.core.edits import Change
from desktop.core.model import Report
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


class _CheckSignals(QObject):
    done = Signal(object)  # list[Finding]
    failed = Signal(object)  # BaseException


class _CheckJob(QRunnable):
    """Some rules over a report and its derivation, both frozen values made on the GUI
    thread; what the rules keep goes into the working papers the derivation carries."""

    def __init__(self, report: Report, derived: Derived, rules: tuple[Rule, ...]) -> None:
        super().__init__()
        self.report, self.derived, self.rules = report, derived, rules
        self.signals = _CheckSignals()  # made on the GUI thread, so its signals queue there

    def run(self) -> None:
        try:
            found = [f for r in self.rules for f in r.check(self.report, self.derived)]
        except BaseException as exc:  # a bug in a rule: shown on the GUI thread
            self.signals.failed.emit(exc)
            return
        self.signals.done.emit(found)


@dataclass(eq=False)
class _Running:
    """A check on the worker: of which report, which rules, and what changed since."""

    job: _CheckJob
    report: Report
    rules: tuple[Rule, ...]
    since: set[Form] | None = dataclasses.field(default_factory=set)  # None: everything


class LiveChecker(QObject):
    """Keeps `findings` and `index` current for the document, off the typing path.

    With a thread `pool`, the rules an edit calls for run on a worker (the derivation
    they read is made on the GUI thread first, incrementally, as the views need it
    anyway): a rule that takes long on a large report never holds the window up. When
    the answer comes, the rules whose forms were edited meanwhile are left to the next
    run; the others' findings are shown. `flush` checks at once, on the calling thread."""

    updated = Signal()

    def __init__(
        self, document: ProjectDocument, delay_ms: int = 150, pool: QThreadPool | None = None
    ) -> None:
        super().__init__(document)
        self._document = document
        self._pool = pool
        self._by_rule: dict[str, list[Finding]] = {}
        # Where the findings differ from those before the last update: (form, row) pairs,
        # or None for anywhere (another project). Views repaint only those rows.
        self.changed: frozenset[tuple[Form, str]] | None = None
        self._owed: set[str] = {r.id for r in RULES}  # the rules to run again, by id
        self._running: _Running | None = None
        self._jobs: set[_CheckJob] = set()  # referred to until they answer
        self.index = FindingIndex()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._idle)
        document.changed.connect(self._on_changed)

    @property
    def findings(self) -> list[Finding]:
        return self.index.findings

    @property
    def busy(self) -> bool:
        """Checks are owed or running (`updated` follows)."""
        return bool(self._owed) or self._running is not None

    def _on_changed(self, change: Change) -> None:
        rules = RULES if change.forms is None else rules_reading(change.forms)
        self._owed.update(r.id for r in rules)
        running = self._running
        if running is not None and running.since is not None:
            if change.forms is None:
                running.since = None
            else:
                running.since.update(change.forms)
        self._timer.start()

    def _idle(self) -> None:
        if self._pool is None:
            self.flush()
        elif self._running is None:  # else what is owed starts when the worker answers
            self._start()

    def _take(self) -> tuple[Rule, ...]:
        owed, self._owed = self._owed, set()
        return tuple(r for r in RULES if r.id in owed)

    def _start(self) -> None:
        assert self._pool is not None
        rules = self._take()
        if not rules:
            return
        report = self._document.report
        job = _CheckJob(report, self._document.derived(report), rules)
        running = _Running(job, report, rules)
        self._running = running
        self._jobs.add(job)
        job.signals.done.connect(lambda found: self._answered(running, found))
        job.signals.failed.connect(lambda error: self._failed(running, error))
        self._pool.start(job)

    def _answered(self, running: _Running, found: list[Finding]) -> None:
        self._jobs.discard(running.job)
        if running is not self._running or not shiboken6.isValid(self):
            return  # `flush` ran these rules meanwhile, or the window is gone
        self._running = None
        since = running.since
        if since is not None:
            # a rule reading a form edited since is owed again (the edit said so)
            fresh: dict[str, list[Finding]] = {
                r.id: [] for r in running.rules if not (r.reads & since)
            }
            for f in found:
                if f.rule in fresh:
                    fresh[f.rule].append(f)
            self._by_rule.update(fresh)
            self._publish()
        if self._owed and not self._timer.isActive():
            self._start()

    def _failed(self, running: _Running, error: BaseException) -> None:
        self._jobs.discard(running.job)
        if running is self._running and shiboken6.isValid(self):
            self._running = None
            raise error  # a bug: to the handler of unhandled exceptions, which shows it

    def flush(self) -> None:
        """Run the owed checks now, here (the timer does this after the idle delay),
        with the rules a worker is still running."""
        self._timer.stop()
        if self._running is not None:
            self._owed.update(r.id for r in self._running.rules)
            self._running = None  # its answer will be ignored
        rules = self._take()
        if not rules:
            return
        report = self._document.report
        fresh: dict[str, list[Finding]] = {r.id: [] for r in rules}
        for f in run_rules(report, rules, papers=self._document.papers):
            fresh[f.rule].append(f)
        self._by_rule.update(fresh)
        self._publish()

    def check_all(self) -> None:
        """Every rule again, now, here."""
        self._owed = {r.id for r in RULES}
        self.flush()

    def recheck(self) -> None:
        """Every rule again, on the worker when there is one (重新审核)."""
        self._owed = {r.id for r in RULES}
        self._idle()

    def install(self, findings: Iterable[Finding]) -> None:
        """Every finding of the document's current report, made elsewhere (by the worker
        that opened it, with every rule): nothing is left owed."""
        self._timer.stop()
        self._owed.clear()
        self._running = None
        self._by_rule = {r.id: [] for r in RULES}
        for f in findings:
            self._by_rule.setdefault(f.rule, []).append(f)
        self._publish(everywhere=True)

    def _publish(self, *, everywhere: bool = False) -> None:
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
