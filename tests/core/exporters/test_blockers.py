"""What blocks a final PDF: structured blockers that say where each is fixed, and print
exactly the lines `juesuan build` has always printed."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core import project_file, samples
from desktop.core.checks import Form, Location, Severity, run_checks
from desktop.core.exporters import Blocker, PublishingBlocked, build_outputs, publishing_blockers
from desktop.core.model import FiscalSpending, Income, LedgerRow, Report
from desktop.core.text import build_text, placeholders
from tests.test_cli import juesuan


@pytest.fixture(scope="module")
def blocked() -> Report:
    """The 大同 sample with an error (a 款 code in the ledger) and two reasons removed."""
    report = samples.load("datong-2024")
    return dataclasses.replace(
        report,
        ledger=(
            *report.ledger,
            LedgerRow("201035", income=Income(other=Decimal("5.00"))),
            LedgerRow(
                "2010350",
                income=Income(general_budget=Decimal("1.00")),
                fiscal=FiscalSpending(general_basic=Decimal("99999999.00")),
            ),
        ),
        reasons=tuple(r for r in report.reasons if r.key not in ("total", "general")),
    )


def old_lines(report: Report) -> list[str]:
    """The blockers as plain strings, as `publishing_blockers` wrote them before."""
    out = [f"{f.location}: {f.message}" for f in run_checks(report) if f.severity is Severity.ERROR]
    out += [f"情况说明缺少原因说明：{p}" for p in placeholders(build_text(report))]
    return out


def test_blockers_are_structured_and_print_as_before(blocked: Report) -> None:
    blockers = publishing_blockers(blocked)
    assert all(isinstance(b, Blocker) for b in blockers)
    assert [str(b) for b in blockers] == old_lines(blocked)

    errors = [f for f in run_checks(blocked) if f.severity is Severity.ERROR]
    found = [b for b in blockers if b.location is not None]
    assert [(b.location, b.message) for b in found] == [(f.location, f.message) for f in errors]
    assert all(b.reason_key is None for b in found)
    assert any(b.location.form is Form.LEDGER for b in found if b.location is not None)

    missing = [b for b in blockers if b.reason_key is not None]
    assert [b.reason_key for b in missing] == placeholders(build_text(blocked))
    assert {"total", "general"} <= {b.reason_key for b in missing}
    assert all(b.location is None for b in missing)
    assert Blocker.missing_text("total") in missing
    assert str(Blocker.missing_text("total")) == "情况说明缺少原因说明：total"


def test_a_blocker_is_a_frozen_value() -> None:
    b = Blocker("应为0元", Location(Form.LEDGER, "2010301", "spending.basic"))
    assert str(b) == "收入支出（按功能科目） / 2010301 / spending.basic: 应为0元"
    assert b == Blocker("应为0元", Location(Form.LEDGER, "2010301", "spending.basic"))
    assert len({b, Blocker("应为0元", Location(Form.LEDGER, "2010301", "spending.basic"))}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        b.message = "x"  # type: ignore[misc]


def test_the_clean_samples_have_no_blockers() -> None:
    for name in ("datong-2024", "jincheng-2022"):
        assert publishing_blockers(samples.load(name)) == []


def test_the_refusal_message_is_unchanged(blocked: Report, tmp_path: Path) -> None:
    with pytest.raises(PublishingBlocked) as err:
        build_outputs(blocked, tmp_path, formats=["pdf"], stem="x")
    assert err.value.blockers == publishing_blockers(blocked)
    lines = "\n".join(f"  - {line}" for line in old_lines(blocked))
    assert str(err.value) == f"尚不能生成正式版 PDF（可先生成草稿），以下问题需要先处理：\n{lines}"


def test_the_cli_prints_the_same_lines(blocked: Report, tmp_path: Path) -> None:
    path = tmp_path / f"blocked{project_file.SUFFIX}"
    project_file.save(blocked, path)
    r = juesuan("build", str(path), "--out", str(tmp_path / "out"), "--format", "pdf")
    assert r.returncode == 2
    printed = [line[4:] for line in r.stderr.splitlines() if line.startswith("  - ")]
    assert printed == old_lines(blocked)
