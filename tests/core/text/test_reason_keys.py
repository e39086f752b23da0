"""`reason_keys`: the reasons the text reads, taken from the templates themselves.

Both ways: every placeholder the text shows for a report without any reason is a key
`reason_keys` lists (as required), and every key it lists is one whose text, once the
officer writes it, the document prints.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from desktop.core import samples
from desktop.core.derive import derive
from desktop.core.model import BudgetLine, Reason, Report
from desktop.core.text import (
    TextTemplateError,
    build_text,
    placeholders,
    plain_text,
    reason_keys,
)
from desktop.core.vocabulary import ReasonKey
from tests.core.text.test_properties import reports

SAMPLES = ("datong-2024", "jincheng-2022")


def without_reasons(report: Report) -> Report:
    return dataclasses.replace(report, reasons=())


def owed_reasons(report: Report) -> list[str]:
    """The reason placeholders of the document (the 概况 texts are not reasons)."""
    return [k for k in placeholders(build_text(report)) if ReasonKey.parse(k).is_reason]


def marker(key: str) -> str:
    return f"〔{key}〕"  # officer text no template prints by itself


def both_ways(report: Report) -> None:
    bare = without_reasons(report)
    required = reason_keys(bare, required_only=True)
    listed = reason_keys(bare)
    # the text → the keys: every placeholder has its key, listed as required
    assert owed_reasons(bare) == required
    assert set(required) <= set(listed)
    # the keys → the text: every key listed is printed once the officer writes it
    filled = dataclasses.replace(bare, reasons=tuple(Reason(k, marker(k)) for k in listed))
    text = plain_text(build_text(filled))
    for key in listed:
        assert marker(key) in text, key
    assert owed_reasons(filled) == []
    # and nothing else the officer might write is printed
    extra = dataclasses.replace(filled, reasons=(*filled.reasons, Reason("nobody_reads", "丙丁")))
    assert "丙丁" not in plain_text(build_text(extra))
    # the keys do not depend on which reasons are written
    assert reason_keys(report) == listed
    assert reason_keys(filled) == listed


@pytest.mark.parametrize("name", SAMPLES)
def test_the_samples_reasons_both_ways(name: str) -> None:
    both_ways(samples.load(name))


@pytest.mark.slow  # 60 random reports' text
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_every_report_reasons_both_ways(report: Report) -> None:
    both_ways(report)


def test_optional_notes_are_listed_where_the_templates_read_them() -> None:
    datong, jincheng = samples.load("datong-2024"), samples.load("jincheng-2022")
    # 2024 五(三): each class's 用途; 十: 其他重要事项; 四 名词解释: the custom codes' note
    for key in ("budget_use:201", "other_matters", "custom_codes_note"):
        assert key in reason_keys(datong) and key not in reason_keys(datong, required_only=True)
    # the 2022 wording reads notes the 2024 one does not
    for key in ("performance_evaluation", "performance_other"):
        assert key in reason_keys(jincheng) and key not in reason_keys(datong)


def test_a_difference_from_the_budget_is_asked_for_only_where_there_is_one() -> None:
    report = samples.load("datong-2024")  # budgets by 类
    assert "budget_class:201" in reason_keys(report)
    actual = derive(report).line("201")["fiscal.general"]
    met = dataclasses.replace(
        report,
        budget=tuple(BudgetLine(b.code, actual) if b.code == "201" else b for b in report.budget),
        reasons=(*report.reasons, Reason("budget_class:201", "戊己")),
    )
    assert "budget_class:201" not in reason_keys(met)
    text = plain_text(build_text(met))
    assert "完成年初预算的100.00%" in text
    assert "戊己" not in text  # no 「存在差异的主要原因」 where 决算 meets 年初预算


def test_a_new_template_reason_is_listed_without_python(tmp_path: Path) -> None:
    report = samples.load("datong-2024")
    folder = tmp_path / "province-2024"
    folder.mkdir()
    (folder / "document.md.j2").write_text(
        "= 第三部分 情况说明\n"
        "# 一、新增事项\n"
        "{% if totals.income_change.changed %}"
        "新增事项的主要原因是{{ reason('new_matter') }}。{% endif %}\n"
        "{{ notes.get('new_note') or '无' }}\n",
        encoding="utf-8",
    )
    assert reason_keys(report, folder=folder) == ["new_matter", "new_note"]
    assert reason_keys(report, folder=folder, required_only=True) == ["new_matter"]
    assert placeholders(build_text(report, folder=folder)) == ["new_matter"]
    written = dataclasses.replace(report, reasons=(Reason("new_matter", "庚辛"),))
    assert "新增事项的主要原因是庚辛。" in plain_text(build_text(written, folder=folder))


def test_a_broken_template_is_reported_as_for_the_text(tmp_path: Path) -> None:
    (tmp_path / "document.md.j2").write_text("= 第一部分\n{{ nothing.here }}\n", "utf-8")
    with pytest.raises(TextTemplateError):
        reason_keys(samples.load("datong-2024"), folder=tmp_path)
