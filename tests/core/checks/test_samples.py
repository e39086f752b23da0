"""The bundled samples, entered from the published tables, against every check rule.

What the checks find in them must be exactly what the published reports really get
wrong (tests/data/published/*.py KNOWN_ERRORS) plus advice, and never an 错误: the
published tables balance. Most KNOWN_ERRORS are in text or 万元 cells the app computes
itself (shares adding to 99.99, 尾数 of rounded cells), so no input rule can see them;
the ones that live in what the officer types are listed below with the finding that
names them. The self-evaluation rules' findings on the samples are pinned by
tests/core/test_self_eval.py, the prose audit's by tests/core/checks/test_prose.py; both are
left out here.
"""

from __future__ import annotations

import pytest

from desktop.core import samples
from desktop.core.checks import Finding, Severity, run_checks
from tests.helpers.synthetic import large_report

EXPECTED: dict[str, list[tuple[str, Severity, str, str]]] = {
    # 大同 2024: every input agrees with every other. Its KNOWN_ERRORS are 万元 尾数
    # (the app rounds each cell itself) and 五(二) shares adding to 99.99 (generated text).
    "datong-2024": [],
    "jincheng-2022": [
        # KNOWN_ERRORS 「第三部分 五(一) reason」: the 一般公共预算财政拨款支出 rose by
        # 274,136.07元 but the reason typed for it says 「人员及项目的减少」.
        ("narrative.reason_direction", Severity.WARNING, "general", "reasons"),
        # The 2022 text compares only totals with 2021, never 类 by 类, so the report
        # gives no 上年数 per 类; advice for an officer who wants the 2024 wording.
        ("narrative.prior_class_missing", Severity.HINT, "general_class", "general_by_class"),
    ],
}


def _findings(name: str) -> list[Finding]:
    return [
        f for f in run_checks(samples.load(name)) if not f.rule.startswith(("self_eval.", "prose."))
    ]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_has_no_error(name: str) -> None:
    errors = [f for f in _findings(name) if f.severity is Severity.ERROR]
    assert errors == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_findings_are_the_known_ones(name: str) -> None:
    found = [(f.rule, f.severity, f.location.row, f.location.field) for f in _findings(name)]
    assert found == EXPECTED[name]


def test_the_synthetic_large_report_is_consistent() -> None:
    # tests/helpers/synthetic.py promises a report every rule accepts (benchmarks rely on it).
    assert run_checks(large_report()) == []
