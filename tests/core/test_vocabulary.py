"""The vocabulary: every place a finding can point at, every reason the text can ask for
and every table role has its Chinese name; reason keys round-trip to the stored string."""

from __future__ import annotations

import dataclasses
import re
import typing
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core import samples
from desktop.core.checks import RULES, Form, Location, run_checks, values
from desktop.core.derive import derive
from desktop.core.editions import edition_ids, load_edition
from desktop.core.model import (
    Balances,
    CodeAmount,
    CustomCode,
    EconRow,
    LedgerRow,
    Overview,
    PriorYear,
    Reason,
    Report,
    Sangong,
    SelfEval,
    Statistics,
    UnitKind,
    UnitSelfEval,
)
from desktop.core.text import reason_keys
from desktop.core.vocabulary import (
    FIELD_NAMES,
    LABELS,
    SANGONG_NAMES,
    SOURCE_NAMES,
    Names,
    ReasonKey,
    ReasonKind,
    TableRole,
    describe_location,
    describe_reason,
    field_name,
    missing_text,
    row_name,
    table_number,
    table_numbers,
    table_reference,
    table_span,
    table_title,
)
from tests.core.text.test_properties import reports
from tests.helpers.strategies import inconsistent_reports

LATIN = re.compile(r"[A-Za-z_]")  # what a field key, a reason key or a row key is made of
SAMPLES = ("datong-2024", "jincheng-2022")


# ---------------------------------------------------------------- a report with everything


def _filled(cls: type, *, code: str = "") -> Any:
    """A record with every field given: amounts and counts −1 (so `values.negative` names
    every place one can be typed), texts in Chinese, one row in every list."""
    hints = typing.get_type_hints(cls)
    given: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        text = str(hint)
        if f.name == "code":
            given[f.name] = code
        elif hint in (Decimal | None, Decimal) and f.name not in ("weight", "score"):
            given[f.name] = Decimal("-1.00")
        elif f.name in ("weight", "score", "declared_score"):
            given[f.name] = Decimal("5")
        elif hint in (int | None,):
            given[f.name] = -1
        elif hint is str:
            given[f.name] = "甲"
        elif dataclasses.is_dataclass(hint):
            given[f.name] = _filled(hint, code=code)  # type: ignore[arg-type]
        elif text.startswith("tuple[") and "str" not in text:
            (inner,) = {a for a in typing.get_args(hint) if a is not Ellipsis}
            given[f.name] = (_filled(inner, code=code),)
    return cls(**{k: v for k, v in given.items() if k in {f.name for f in dataclasses.fields(cls)}})


def everything() -> Report:
    r = samples.load("datong-2024")
    row = dataclasses.replace(_filled(LedgerRow, code="2010301"), code="2010301")
    return dataclasses.replace(
        r,
        ledger=(row,),
        econ=(dataclasses.replace(_filled(EconRow), code="30201"),),
        sangong=_filled(Sangong),
        stats=_filled(Statistics),
        balances=_filled(Balances),
        prior=dataclasses.replace(
            _filled(PriorYear), general_by_class=(CodeAmount("201", Decimal("-1.00")),)
        ),
        self_evals=(dataclasses.replace(_filled(SelfEval), name="甲项目"),),
        unit_self_eval=_filled(UnitSelfEval),
        overview=_filled(Overview),
        unit=dataclasses.replace(r.unit, kind=UnitKind.ADMIN),
    )


def test_every_place_an_amount_or_count_is_typed_has_a_chinese_name() -> None:
    report = everything()
    places = {(f, r, x) for f, r, x, _ in values.typed_amounts(report)}
    places |= {(f, r, x) for f, r, x, _ in values.typed_counts(report)}
    assert len(places) > 90  # every field of every form, not a handful
    names = Names.of(report)
    for form, row, field in places:
        where = describe_location(Location(form, row, field), names)
        assert not LATIN.search(where), (form, row, field, where)
    found = run_checks(report)
    assert {f.rule for f in found} >= {"values.negative"}
    for f in found:
        where = describe_location(f.location, names)
        assert not LATIN.search(where), (f.rule, f.location, where)
        assert not LATIN.search(f.message.replace(f.location.row, "")), f.message


def _named(location: Location) -> None:
    """A location's keys all have names; what is left is the officer's own text (a
    project's name, a 科目 code as typed)."""
    if location.field:
        assert field_name(location.form, location.field) != location.field, location
    if location.form is Form.PRIOR and location.row:
        assert ReasonKey.parse(location.row).known, location
    if location.form is Form.SANGONG and location.row:
        assert not LATIN.search(row_name(location)), location


@pytest.mark.parametrize("name", SAMPLES)
def test_the_samples_findings_are_named(name: str) -> None:
    for f in run_checks(samples.load(name)):
        _named(f.location)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inconsistent_reports())
def test_every_finding_of_a_broken_report_is_named(report: Report) -> None:
    for f in run_checks(report):
        _named(f.location)


def test_every_rule_reads_forms_the_vocabulary_names() -> None:
    assert set(FIELD_NAMES) == set(Form)
    for r in RULES:
        assert r.reads <= set(FIELD_NAMES), r.id


def test_locations_read_as_the_forms_show_them() -> None:
    names = Names.of(samples.load("datong-2024"))
    cases = {
        Location(Form.LEDGER, "2010301", "spending.basic"): (
            "收入支出（按功能科目） › 2010301 行政运行 › 基本支出"
        ),
        Location(Form.LEDGER, "2010301", "opening.gov_fund"): (
            "收入支出（按功能科目） › 2010301 行政运行 › 年初财政拨款结转和结余（政府性基金）"
        ),
        Location(Form.ECON, "30201", "basic"): "支出明细（按经济科目） › 30201 办公费 › 基本支出",
        Location(Form.SANGONG, "abroad", "actual.abroad"): (
            "“三公”经费 › 因公出国（境）费 › 因公出国（境）费决算数"
        ),
        Location(Form.PRIOR, "general_class:201", "general_by_class"): (
            "上年数与原因说明 › 201 一般公共服务支出：一般公共预算财政拨款支出"
            " › 上年一般公共预算财政拨款支出（按类）"
        ),
        Location(
            Form.SELF_EVAL, "甲项目", "indicators[2].score"
        ): "项目绩效自评 › 甲项目 › 第3个指标 得分",
        Location(Form.SELF_EVAL, "甲项目", "funding[0].executed"): (
            "项目绩效自评 › 甲项目 › 第1个资金来源 全年执行数"
        ),
        Location(
            Form.STATS, "车辆数", "vehicles.law_enforcement"
        ): "政府采购与资产 › 车辆数 › 执法执勤用车",
    }
    for location, expected in cases.items():
        assert describe_location(location, names) == expected
    assert describe_location(
        Location(Form.LEDGER, "2010301", "spending.basic"), names, with_form=False
    ) == ("2010301 行政运行 › 基本支出")


# ---------------------------------------------------------------- one name per thing


def test_sources_and_sangong_items_are_named_once() -> None:
    from desktop.core.model import FiscalAmounts, Income, SangongAmounts

    assert LABELS[SangongAmounts] is SANGONG_NAMES
    assert LABELS[FiscalAmounts] is SOURCE_NAMES
    assert list(SANGONG_NAMES) == [f.name for f in dataclasses.fields(SangongAmounts)]
    assert LABELS[Income]["gov_fund"] == "政府性基金预算财政拨款收入"
    # the fill-in template's 说明 column and the reasons form say the same
    from desktop.core.importers import template

    assert template.COMMON_REASONS[0] == "total"
    assert describe_reason("total") == "收入、支出总计与上年相比增减的主要原因"


# ---------------------------------------------------------------- reason keys


@pytest.mark.parametrize("name", SAMPLES)
def test_every_reason_the_samples_text_reads_is_described(name: str) -> None:
    report = samples.load(name)
    names = Names.of(report)
    keys = reason_keys(report)
    assert keys
    for key in keys:
        parsed = ReasonKey.parse(key)
        assert parsed.known and parsed.is_reason, key
        assert not LATIN.search(parsed.describe(names)), key
        assert not LATIN.search(missing_text(key, names)), key


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_every_reason_any_text_reads_is_described(report: Report) -> None:
    names = Names.of(report)
    for key in reason_keys(report):
        described = ReasonKey.parse(key).describe(names)
        assert described != key and not LATIN.search(described), key


def test_every_kind_has_words() -> None:
    coded = {
        ReasonKind.GENERAL_CLASS: "201",
        ReasonKind.BUDGET_CLASS: "201",
        ReasonKind.BUDGET_USE: "201",
        ReasonKind.SANGONG: "abroad",
        ReasonKind.OVERVIEW: "duties",
    }
    for kind in ReasonKind:
        key = ReasonKey(kind, coded.get(kind))
        assert key.known and not LATIN.search(key.describe()), kind
    assert ReasonKey(ReasonKind.OVERVIEW, "organization").describe() == "机构设置"


def test_the_descriptions_say_what_is_asked() -> None:
    assert describe_reason("general_class:201") == (
        "201 一般公共服务支出：一般公共预算财政拨款支出与上年相比增减的主要原因"
    )
    assert describe_reason("budget_class:208") == (
        "208 社会保障和就业支出：决算数与年初预算数差异的主要原因"
    )
    assert describe_reason("sangong:reception") == "公务接待费与上年相比增减的主要原因"
    assert describe_reason("performance_good") == "自评结果为“良”的项目采取的改进措施"
    assert missing_text("overview:duties") == "概况缺少：本单位职责"
    own = Names.of(Report(custom_codes=(CustomCode("2019998", "本单位的项"),)))
    assert ReasonKey.parse("general_class:2019998").subject(own).startswith("2019998 本单位的项")


def test_a_key_knows_where_it_is_written() -> None:
    assert ReasonKey.parse("overview:duties").location == Location(Form.OVERVIEW, "", "duties")
    assert ReasonKey.parse("sangong:abroad").location == Location(
        Form.PRIOR, "sangong:abroad", "reasons"
    )


@given(st.text())
def test_any_stored_key_parses_back_to_itself(text: str) -> None:
    key = ReasonKey.parse(text)
    assert str(key) == text
    assert ReasonKey.parse(str(key)) == key


@given(
    st.one_of(st.sampled_from(list(ReasonKind)), st.text().filter(lambda s: ":" not in s)),
    st.one_of(st.none(), st.text()),
)
def test_any_key_formats_to_a_string_that_parses_back(kind: str, code: str | None) -> None:
    key = ReasonKey(kind, code)
    assert ReasonKey.parse(str(key)) == key


def test_unknown_keys_are_shown_as_they_are_not_dropped() -> None:
    odd = ReasonKey.parse("nobody_reads:x")
    assert not odd.known and odd.describe() == "nobody_reads:x"


# ---------------------------------------------------------------- tables


@pytest.mark.parametrize("edition_id", edition_ids())
def test_every_table_is_found_by_its_role(edition_id: str) -> None:
    edition = load_edition(edition_id)
    numbers = [n for role in TableRole if (n := table_number(edition, role)) is not None]
    assert sorted(numbers) == sorted(t.number for t in edition.tables)
    # a role the edition has no table for (Henan: no 公开10) is named by its title
    for role in TableRole:
        if table_number(edition, role) is None:
            assert table_reference(edition, role) == f"「{role.usual_title}」"


def test_henan_has_no_statistics_table_and_its_own_sangong_title() -> None:
    henan = load_edition("henan-2024")
    assert table_number(henan, TableRole.STATISTICS) is None
    assert table_number(henan, TableRole.SANGONG) == "公开09"
    assert table_title(henan, TableRole.SANGONG) == "一般公共预算财政拨款“三公”经费支出决算表"
    assert table_span(henan) == "公开01–09表"


def test_table_numbers_follow_the_edition() -> None:
    y2022, y2024 = load_edition("shanxi-2022"), load_edition("shanxi-2024")
    assert table_number(y2022, TableRole.SANGONG) == "公开07"
    assert table_number(y2024, TableRole.SANGONG) == "公开09"
    assert table_numbers(y2024, (TableRole.TOTALS, TableRole.FISCAL_TOTALS)) == "公开01、04"
    assert table_span(y2024) == "公开01–10表"


def test_names_follow_the_reports_year() -> None:
    report = samples.load("jincheng-2022")
    assert Names.of(report).year == 2022
    assert Names.of(report).code("2010301") == f"2010301 {derive(report).name('2010301')}"


def test_reasons_of_a_report_are_named_in_the_template(tmp_path: Any) -> None:
    from openpyxl import load_workbook

    from desktop.core.importers import write_template
    from desktop.core.importers.layout import INFO_ABOUT, REASONS

    report = dataclasses.replace(
        samples.load("datong-2024"),
        reasons=(Reason("sangong:abroad", "甲"), Reason("nobody_reads", "乙")),
    )
    path = write_template(tmp_path / "t.xlsx", report)
    sheet = load_workbook(path)[REASONS.name]
    header = [c.value for c in sheet[1]]
    key, info = header.index(LABELS[Reason]["key"]), header.index(INFO_ABOUT)
    about = {row[key]: row[info] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert about["sangong:abroad"] == describe_reason("sangong:abroad")
    assert not about.get("nobody_reads")  # an unknown key: nothing to say about it
