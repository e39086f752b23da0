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

from desktop.core import catalog, samples
from desktop.core.checks import Finding, Severity, run_checks, run_rules
from desktop.core.checks.registry import RULES
from desktop.core.consolidate import consolidate
from desktop.core.model import LedgerRow, Report
from tests.helpers.synthetic import code_space, department_units, functional_codes, large_report

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


@pytest.mark.parametrize("rows", [378, 9_600, 20_000])
def test_synthetic_codes_are_valid_well_past_the_catalog(rows: int) -> None:
    # The bench's large reports take their 项 from the catalog, then add 项 under its 款
    # and 款 under its 类, each named in custom_codes: no code is malformed or unknown.
    codes, custom = functional_codes(rows)
    assert len(set(codes)) == rows and codes == sorted(codes)
    report = Report(ledger=tuple(LedgerRow(c) for c in codes), custom_codes=tuple(custom))
    rules = [r for r in RULES if r.id in ("codes.functional_level", "codes.functional_unknown")]
    assert len(rules) == 2 and run_rules(report, rules) == []


def test_synthetic_codes_stop_at_the_code_space() -> None:
    # 99 款 of 99 项 under each 类 of the catalog: one more cannot be made.
    assert code_space() == 99 * 99 * len([e for e in catalog.functional() if e.level == "类"])
    with pytest.raises(ValueError):
        functional_codes(code_space() + 1)


def test_a_synthetic_department_consolidates_to_a_consistent_report() -> None:
    # Its units each check clean, and so does their consolidation (what the bench times).
    units = department_units(6)
    assert all(run_checks(u) == [] for u in units)
    dept = consolidate(units, "合成测试局")
    assert len(dept.ledger) == 6 * 32 and len(dept.self_evals) == 6 * 17
    assert run_checks(dept) == []
