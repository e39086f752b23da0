"""The one parser of typed/pasted amounts, and 元→万元 rounding."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.errors import AmountError
from desktop.core.money import amount, format_amount, parse_amount, ratio, to_unit, total


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234.56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("12,345,678.9", "12345678.90"),
        ("１２３４.５６", "1234.56"),  # full-width digits and point
        ("１，２３４．５６", "1234.56"),  # full-width comma and point
        ("  1234.5  ", "1234.50"),
        ("\t1234\u3000", "1234.00"),  # tab and ideographic space from WPS
        ("1234元", "1234.00"),
        ("1,234.56 元", "1234.56"),
        ("17.284万元", "172840.00"),
        ("-12.30", "-12.30"),
        ("0", "0.00"),
        (".5", "0.50"),
        ("¥99", "99.00"),
    ],
)
def test_parses_what_officers_paste(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "   ", "-", "—", "——", "－", "–", None])
def test_no_figure_is_none_never_zero(text: str | None) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("1,23", "千分位"),
        ("12,34.5", "千分位"),
        ("1.2.3", "不是数字"),
        ("abc", "不是数字"),
        ("12a", "不是数字"),
        ("1.234", "两位小数"),
        ("元", "没有数字"),
        ("1e5", "不是数字"),
        ("NaN", "不是数字"),
    ],
)
def test_rejects_ambiguous_input_with_the_input_quoted(text: str, why: str) -> None:
    with pytest.raises(AmountError) as err:
        parse_amount(text)
    assert f"「{text}」" in str(err.value)
    assert why in str(err.value)


def test_refuses_floats() -> None:
    with pytest.raises(TypeError):
        parse_amount(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        amount(1.5)  # type: ignore[arg-type]


def test_wan_rounding_is_half_up_per_cell() -> None:
    assert to_unit(Decimal("5845450.00"), "万元") == Decimal("584.55")
    assert to_unit(Decimal("5845449.99"), "万元") == Decimal("584.54")
    assert to_unit(Decimal("-50.00"), "万元") == Decimal("-0.01")  # half away from zero
    assert to_unit(None, "万元") is None
    assert to_unit(Decimal("12.30"), "元") == Decimal("12.30")


def test_total_keeps_no_figure_apart_from_zero() -> None:
    assert total([None, None]) is None
    assert total([None, Decimal("0.00")]) == Decimal("0.00")
    assert total([Decimal("1.10"), None, Decimal("2.20")]) == Decimal("3.30")


def test_format_and_ratio() -> None:
    assert format_amount(Decimal("1234567.5")) == "1,234,567.50"
    assert format_amount(None) == ""
    assert format_amount(Decimal("0"), blank_zero=True) == ""
    assert ratio(Decimal("1"), Decimal("3")) == Decimal("33.33")
    assert ratio(Decimal("2"), Decimal("3")) == Decimal("66.67")
    assert ratio(Decimal("1"), Decimal("0")) is None


cents = st.integers(min_value=-(10**14), max_value=10**14)


@given(cents)
def test_plain_and_grouped_forms_parse_to_the_same_cents(n: int) -> None:
    value = Decimal(n) / 100
    assert parse_amount(f"{value:.2f}") == value
    assert parse_amount(f"{value:,.2f}") == value
    assert parse_amount(f" {value:,.2f}元 ") == value


@given(cents)
def test_full_width_forms_parse_like_ascii(n: int) -> None:
    value = Decimal(n) / 100
    text = f"{value:,.2f}"
    wide = text.translate(str.maketrans("0123456789,.-", "０１２３４５６７８９，．－"))
    assert parse_amount(wide) == value


@given(st.text(max_size=12))
def test_any_text_parses_or_raises_a_chinese_error(text: str) -> None:
    try:
        value = parse_amount(text)
    except AmountError as err:
        assert "无法识别" in str(err)
    else:
        assert value is None or value == value.quantize(Decimal("0.01"))


@given(cents)
def test_wan_rounding_is_within_half_a_cent_of_wan(n: int) -> None:
    yuan = Decimal(n) / 100
    wan = to_unit(yuan, "万元")
    assert wan is not None
    assert abs(wan * 10000 - yuan) <= 50
    # half-up: exactly half a 分 of 万元 (50元) rounds away from zero
    if abs(yuan) % 100 == 50:
        assert abs(wan * 10000) > abs(yuan)


@given(st.lists(cents, min_size=1, max_size=20))
def test_sum_of_rounded_cells_differs_by_at_most_half_a_cent_each(ns: list[int]) -> None:
    # 本套报表金额单位转换时可能存在尾数误差: bounded by the number of cells.
    values = [Decimal(n) / 100 for n in ns]
    exact = to_unit(sum(values, Decimal(0)), "万元")
    cells = sum((to_unit(v, "万元") or Decimal(0) for v in values), Decimal(0))
    assert exact is not None
    assert abs(exact - cells) <= Decimal("0.01") * (len(values) + 1) / 2


def test_absurd_magnitudes_are_refused() -> None:
    with pytest.raises(AmountError, match="金额过大"):
        parse_amount("1000000000000000")
    assert parse_amount("999999999999999.99") == Decimal("999999999999999.99")
