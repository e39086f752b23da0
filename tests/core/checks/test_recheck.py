"""Re-checking after an edit only the rules that read the forms it changed — what the
live checker does — finds exactly what checking everything again finds.

This holds when every edit names the forms whose data it changed (`edits.Change`, see
tests/core/test_edits.py) and every rule declares each form whose data it reads
(`Rule.reads`): a rule that reads a part of the report on a form it does not declare
keeps a stale finding here after some chain of edits.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core import samples
from desktop.core.checks import RULES, Finding, rules_reading, run_checks, run_rules
from desktop.core.edits import FORM_OF, set_value
from desktop.core.model import Report, UnitKind
from desktop.core.workpapers import Workpapers
from tests.helpers.edits import edits_of
from tests.helpers.strategies import consistent_reports, inconsistent_reports

SAMPLES = tuple(samples.load(n) for n in samples.names())
# Other reports to take a part from: the samples differ in layout, year, unit kind and
# almost every figure; an empty report has none; a 行政单位 must state 机关运行经费.
OTHERS = (
    *SAMPLES,
    Report(),
    dataclasses.replace(SAMPLES[0], unit=dataclasses.replace(SAMPLES[0].unit, kind=UnitKind.ADMIN)),
)


def by_rule(findings: list[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {r.id: [] for r in RULES}
    for f in findings:
        out[f.rule].append(f)
    return out


@pytest.mark.parametrize("part", sorted(FORM_OF))
def test_replacing_one_part_rechecks_what_a_full_check_finds(part: str) -> None:
    for report in SAMPLES:
        papers = Workpapers()
        kept = by_rule(run_rules(report, RULES, papers=papers))
        for other in OTHERS:
            edited, change = set_value(report, (part,), getattr(other, part))
            assert change.forms is not None
            rules = rules_reading(change.forms)
            fresh = by_rule(run_rules(edited, rules, papers=papers))
            assert {**kept, **{r.id: fresh[r.id] for r in rules}} == by_rule(run_checks(edited)), (
                f"{part} from {other.unit.name or '空报告'}"
            )


@pytest.mark.slow  # 80 random reports and edits, each checked in full and again by form
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.sampled_from(SAMPLES),
        consistent_reports(max_rows=4),
        inconsistent_reports(max_rows=4),
    ),
    st.data(),
)
def test_rechecking_the_changed_forms_finds_what_a_full_check_finds(
    report: Report, data: st.DataObject
) -> None:
    papers = Workpapers()  # as the open document keeps them
    kept = by_rule(run_rules(report, RULES, papers=papers))
    for _ in range(5):
        report, change = data.draw(edits_of(report))
        assert change.forms is not None
        rules = rules_reading(change.forms)
        fresh = by_rule(run_rules(report, rules, papers=papers))
        kept.update({r.id: fresh[r.id] for r in rules})
        assert kept == by_rule(run_checks(report))
