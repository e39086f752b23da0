"""Malformed number strings: `parse_amount` answers every text with a cent amount, None
or a Chinese `AmountError` — quickly, and never with an amount a project file refuses.

Texts are built from what sits near an amount in real spreadsheets: digits of every
width and script, separators in right and wrong places, signs, units, currency marks,
exponents, NaN/Infinity, very long digit runs, control characters and anything else.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import project_file
from desktop.core.errors import AmountError, JuesuanError
from desktop.core.money import CENT, LIMIT, format_amount, parse_amount, to_unit
from tests.fuzz.limits import cpu_limit

PIECES = st.sampled_from(
    [
        *"0123456789",
        *"０１２３４５６７８９",
        "٣",  # Arabic-Indic three
        "१",  # Devanagari one
        "¹",
        ",",
        ".",
        "，",
        "．",
        "、",
        "。",
        "-",
        "+",
        "－",
        "—",
        "——",
        " ",
        "\u3000",
        "\t",
        "\n",
        "元",
        "万元",
        "万",
        "¥",
        "￥",
        "$",
        "e",
        "E5",
        "e-3",
        "NaN",
        "Infinity",
        "sNaN",
        "_",
        "(",
        ")",
        "%",
        "\x00",
        "\ufeff",
        "9" * 40,
        "0" * 40,
        ".000001",
        ",000",
    ]
)
AMOUNTISH = st.one_of(
    st.lists(PIECES, max_size=12).map("".join),
    st.text(max_size=30),
    st.from_regex(r"[+-]?\d{0,20}(,\d{3}){0,4}(\.\d{0,8})?(万?元)?", fullmatch=True),
)
FAST = settings(max_examples=400, deadline=None)


def _check(text: str, unit: str) -> None:
    try:
        # a cell's text parses in microseconds; a runaway (backtracking) parse trips this
        with cpu_limit(2):
            value = parse_amount(text, unit=unit)  # type: ignore[arg-type]
    except AmountError as err:
        assert isinstance(err, JuesuanError)  # the CLI and the GUI catch JuesuanError
        assert "无法识别" in str(err)
        return
    if value is None:
        return
    assert isinstance(value, Decimal)
    assert value.as_tuple().exponent == -2, value  # always cents, exactly
    assert value == value.quantize(CENT)
    assert abs(value) < LIMIT
    assert not (value.is_zero() and value.is_signed()), "no −0.00"
    # What was accepted can be saved and loaded again: the project file agrees on limits.
    assert project_file._decode(Decimal, str(value), "$") == value
    assert parse_amount(format_amount(value)) == value


@pytest.mark.slow  # 400 random texts
@FAST
@given(AMOUNTISH)
def test_any_text_in_yuan(text: str) -> None:
    _check(text, "元")


@pytest.mark.slow  # 400 random texts
@FAST
@given(AMOUNTISH)
def test_any_text_in_wan(text: str) -> None:
    _check(text, "万元")


def test_long_fractions_in_wan_are_refused_not_rounded() -> None:
    """1.0000000000000000000000000001万元 once became 10000.00: the product was rounded."""
    for text in ("1.0000000000000000000000000001万元", "12.3456789万元"):
        try:
            parse_amount(text)
        except AmountError as err:
            assert "两位小数" in str(err)
        else:
            raise AssertionError(text)


def test_wan_beyond_the_limit_in_yuan_is_refused() -> None:
    """100000000000万元 is 10^15 元, which a project file would refuse to load."""
    for text in ("100000000000万元", "100000000000.00万元", "1,000,000,000,000,000元"):
        try:
            parse_amount(text)
        except AmountError as err:
            assert "过大" in str(err)
        else:
            raise AssertionError(text)


@given(st.integers(-(10**6), 10**6))
def test_no_negative_zero_is_ever_printed(n: int) -> None:
    value = Decimal(n) / 100
    for unit in ("元", "万元"):
        shown = to_unit(value, unit)  # type: ignore[arg-type]
        assert shown is not None
        assert not (shown.is_zero() and shown.is_signed())
        assert format_amount(shown) != "-0.00"
    assert parse_amount("-0") == Decimal("0.00") and str(parse_amount("-0.00")) == "0.00"
