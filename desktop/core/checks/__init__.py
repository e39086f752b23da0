"""Checks (审核): run the registered rules over a report and collect findings.

    Report ──derive──> Derived ──rules──> [Finding]

`run_checks` never raises for a user's mistake. `run_rules` runs a subset, which is
how an editor re-checks only the rules that read the form just edited.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.core.checks.findings import Finding, Form, Location, Rule, Severity
from desktop.core.checks.registry import RULES
from desktop.core.derive import derive
from desktop.core.model import Report
from desktop.core.workpapers import Workpapers


def run_rules(
    report: Report, rules: Iterable[Rule], *, papers: Workpapers | None = None
) -> list[Finding]:
    """The findings of `rules`; with `papers` (an open document's), the derivation, the
    value scan and the scores of the last run are updated rather than redone."""
    d = derive(report, papers=papers)
    out: list[Finding] = []
    for r in rules:
        out.extend(r.check(report, d))
    return out


def run_checks(report: Report, *, papers: Workpapers | None = None) -> list[Finding]:
    """Every finding of every rule, most severe first, in a stable order."""
    found = run_rules(report, RULES, papers=papers)
    return sorted(found, key=lambda f: f.severity.rank)


def rules_reading(forms: Iterable[Form]) -> tuple[Rule, ...]:
    touched = set(forms)
    return tuple(r for r in RULES if r.reads & touched)


__all__ = ["RULES", "Finding", "Form", "Location", "Rule", "Severity", "run_checks", "run_rules"]
