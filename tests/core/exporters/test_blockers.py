"""What blocks a final PDF: structured blockers that say where each is fixed, and print
in the officer's words the lines `juesuan build` shows."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core import project_file, samples
from desktop.core.checks import Form, Location, Severity, run_checks
from desktop.core.exporters import Blocker, PublishingBlocked, build_outputs, publishing_blockers
from desktop.core.model import CustomCode, FiscalSpending, Income, LedgerRow, Report
from desktop.core.text import build_text, placeholders
from desktop.core.vocabulary import Names
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


# The blocked report's lines as an officer reads them: the place in the forms' words, the
# message with separators and a direction, and what the text still needs — never a key.
EXPECTED_LINES = [
    "收入支出（按功能科目） › 年末财政拨款结转和结余（一般公共预算财政拨款）："
    "一般公共预算财政拨款支出超过了年初结转和本年收入之和，"
    "年末结转和结余算得为负数（-99,999,998.00元）",
    "收入支出（按功能科目） › 201035 › 科目代码：科目代码「201035」应为7位数字的“项”级代码",
    "收入支出（按功能科目） › 2010350 事业运行 › 科目代码：科目「2010350」重复填报了2行，请合并",
    "收入支出（按功能科目） › 2010350 事业运行 › 基本支出：科目2010350的财政拨款基本支出"
    "（三项来源合计99,999,999.00元）超过了该科目的基本支出（未填），超出99,999,999.00元；"
    "财政拨款支出是基本支出的一部分",
    "支出明细（按经济科目） › 合计 › 基本支出：经济分类基本支出合计"
    "（人员经费2,143,350.00元＋公用经费195,450.00元）应等于收支表中一般公共预算财政拨款基本支出："
    "应为102,338,799.00元，实为2,338,800.00元，少填99,999,999.00元",
    "情况说明缺少：收入、支出总计与上年相比增减的主要原因",
    "情况说明缺少：一般公共预算财政拨款支出与上年相比增减的主要原因",
]
RAW = re.compile(r"[A-Za-z_]")  # a field key, a reason key or a rule id


def test_blockers_are_structured_and_say_where_in_chinese(blocked: Report) -> None:
    blockers = publishing_blockers(blocked)
    assert all(isinstance(b, Blocker) for b in blockers)
    assert [str(b) for b in blockers] == EXPECTED_LINES
    assert not any(RAW.search(str(b)) for b in blockers)

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


def test_a_missing_text_names_what_is_asked_for() -> None:
    assert str(Blocker.missing_text("sangong:vehicle_operation")) == (
        "情况说明缺少：公务用车运行维护费与上年相比增减的主要原因"
    )
    assert str(Blocker.missing_text("overview:duties")) == "概况缺少：本单位职责"
    class_reason = Blocker.missing_text("general_class:201")
    assert str(class_reason) == (
        "情况说明缺少：201 一般公共服务支出：一般公共预算财政拨款支出与上年相比增减的主要原因"
    )
    # the report's own 科目 are named as the report names them
    own = Report(custom_codes=(CustomCode("299", "本单位自定义类"),))
    assert Blocker.missing_text("budget_use:299").line(Names.of(own)) == (
        "情况说明缺少：299 本单位自定义类：支出的主要用途"
    )


def test_a_blocker_is_a_frozen_value() -> None:
    b = Blocker("应为0元", Location(Form.LEDGER, "2010301", "spending.basic"))
    assert str(b) == "收入支出（按功能科目） › 2010301 行政运行 › 基本支出：应为0元"
    assert b == Blocker("应为0元", Location(Form.LEDGER, "2010301", "spending.basic"))
    assert len({b, Blocker("应为0元", Location(Form.LEDGER, "2010301", "spending.basic"))}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        b.message = "x"  # type: ignore[misc]


def test_the_clean_samples_have_no_blockers() -> None:
    for name in ("datong-2024", "jincheng-2022"):
        assert publishing_blockers(samples.load(name)) == []


def test_the_refusal_lists_the_lines(blocked: Report, tmp_path: Path) -> None:
    with pytest.raises(PublishingBlocked) as err:
        build_outputs(blocked, tmp_path, formats=["pdf"], stem="x")
    assert err.value.blockers == publishing_blockers(blocked)
    lines = "\n".join(f"  - {line}" for line in EXPECTED_LINES)
    assert str(err.value) == f"尚不能生成正式版（可先生成草稿），以下问题需要先处理：\n{lines}"


@pytest.mark.slow  # juesuan in a new process
def test_the_cli_prints_the_same_lines(blocked: Report, tmp_path: Path) -> None:
    path = tmp_path / f"blocked{project_file.SUFFIX}"
    project_file.save(blocked, path)
    r = juesuan("build", str(path), "--out", str(tmp_path / "out"), "--format", "pdf")
    assert r.returncode == 2
    printed = [line[4:] for line in r.stderr.splitlines() if line.startswith("  - ")]
    assert printed == EXPECTED_LINES
