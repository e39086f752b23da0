"""Random reports through derivation, checks, text and both writers: nothing crashes.

Consistent reports (tests/helpers/strategies.py) must produce no 错误; broken ones any
findings at all, but never an exception. A sample of each is rendered to Excel and to
the complete PDF, and every file written must open (openpyxl, pypdf). Example counts
are kept small: each PDF takes about a second.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from desktop.core.checks import Severity, run_checks
from desktop.core.derive import derive
from desktop.core.exporters import build_outputs, publishing_blockers
from desktop.core.model import Report
from desktop.core.tables import build_tables
from desktop.core.text import build_text
from tests.helpers.strategies import consistent_reports, inconsistent_reports

FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
WRITERS = settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.slow  # 150 random reports
@FAST
@given(consistent_reports())
def test_consistent_reports_have_no_errors(report: Report) -> None:
    errors = [f for f in run_checks(report) if f.severity is Severity.ERROR]
    assert errors == []
    d = derive(report)
    assert d.balances.closing in (None, 0)
    assert all(f.closing in (None, 0) for f in d.fiscal.values())


@pytest.mark.slow  # 150 random reports
@FAST
@given(inconsistent_reports())
def test_broken_reports_are_checked_without_crashing(report: Report) -> None:
    findings = run_checks(report)
    assert all(f.message and f.rule for f in findings)
    publishing_blockers(report)  # checks + text placeholders, as a final PDF asks
    for unit in ("元", "万元"):
        build_tables(report, unit)  # type: ignore[arg-type]
    build_text(report)


def _opens(paths: list[Path]) -> None:
    for path in paths:
        if path.suffix == ".xlsx":
            wb = openpyxl.load_workbook(path)
            assert wb.sheetnames
            wb.close()
        else:
            reader = PdfReader(path)
            assert len(reader.pages) >= 12  # cover, 目录, ten tables at least
            assert "草稿" in reader.pages[0].extract_text()


@pytest.mark.slow  # writes xlsx and pdf per example
@WRITERS
@given(consistent_reports(max_rows=6))
def test_consistent_reports_render_to_files_that_open(
    tmp_path_factory: pytest.TempPathFactory, report: Report
) -> None:
    out = tmp_path_factory.mktemp("consistent")
    written = build_outputs(report, out, formats=["xlsx", "pdf"], draft=True)
    _opens([w.path for w in written])
    assert all(w.path.parent == out for w in written)


@pytest.mark.slow  # writes xlsx and pdf per example
@WRITERS
@given(inconsistent_reports(max_rows=6))
def test_broken_reports_render_to_files_that_open(
    tmp_path_factory: pytest.TempPathFactory, report: Report
) -> None:
    out = tmp_path_factory.mktemp("broken")
    written = build_outputs(report, out, formats=["xlsx", "pdf"], draft=True, unit="元")
    _opens([w.path for w in written])
