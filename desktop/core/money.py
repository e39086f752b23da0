"""Exact money: the one home of `Decimal` amounts in 元.

Everything a person types or pastes goes through `parse_amount`; everything the app
publishes goes through `to_unit` / `format_amount`. An empty field is `None` ("no
figure"), never 0; floats are refused outright so none can slip onto a money path.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

from desktop.core.errors import AmountError

Money = Decimal | None
"""An amount in 元 with 2 decimals, or None for "no figure"."""

AmountUnit = Literal["元", "万元"]
UNITS: tuple[AmountUnit, ...] = ("元", "万元")

CENT = Decimal("0.01")
LIMIT = Decimal(10) ** 15  # 1000万亿元: beyond any unit's accounts; keeps rounding exact
WAN = Decimal(10000)
_WAN_CENT = Decimal("0.000001")  # one 分 in 万元
ZERO = Decimal("0.00")

# Dashes officers use for "no figure" in Excel/WPS: ASCII hyphen, en/em dash, the
# doubled em dash of the published tables, full-width hyphen-minus, horizontal bar.
_NO_FIGURE = {"", "-", "--", "—", "——", "–", "－", "―", "/"}
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
# A space inside the number ("12 34", "1 234.56"): a figure split by a paste or a typo,
# never a separator officers use — read as 1234 it would be a silent guess.
_INNER_SPACE = re.compile(r"[\d.,]\s+[\d.,]")


def inner_space(text: str) -> bool:
    """True when white space separates two parts of a number (after NFKC)."""
    return _INNER_SPACE.search(text) is not None


def parse_amount(text: str | None, *, unit: AmountUnit = "元") -> Money:
    """Read an amount as typed or pasted; return 元 (2 decimals) or None for no figure.

    Accepts thousands separators in their proper places, full-width digits and
    punctuation, surrounding spaces, a trailing 元 (or 万元, converted), and the
    dashes used for "no figure". Rejects everything else with `AmountError`,
    including more than 2 decimals in 元 (a cent cannot be split) and ambiguous
    separators such as ``1,23``.
    """
    if text is None:
        return None
    if isinstance(text, float):  # type: ignore[unreachable]
        raise TypeError("float amounts are refused: pass the text or a Decimal")
    original = str(text)
    s = unicodedata.normalize("NFKC", original).strip()
    # NFKC keeps the ideographic comma and full stop; officers paste both.
    s = s.replace("、", ",").replace("。", ".").replace("，", ",")
    if inner_space(s):
        raise AmountError(original, "数字中间有空格，请检查是否粘贴错了")
    s = "".join(s.split())  # spaces around 元, ¥ or a sign
    if s in _NO_FIGURE:
        return None
    if s.endswith("万元"):
        s, unit = s[:-2], "万元"
    elif s.endswith("元"):
        s = s[:-1]
    if s.startswith("¥") or s.startswith("￥"):
        s = s[1:]
    if not s:
        raise AmountError(original, "只有单位，没有数字")
    if "," in s:
        if not _GROUPED.match(s):
            raise AmountError(original, "千分位逗号的位置不对")
        s = s.replace(",", "")
    if not _PLAIN.match(s):
        raise AmountError(original, "含有不是数字的字符")
    value = Decimal(s)
    if abs(value) >= LIMIT:
        raise AmountError(original, "金额过大，请检查单位或位数")
    if unit == "万元":
        # Cents of 元 are 6 decimals of 万元; checked first so that the product is exact
        # (a longer fraction would be rounded by the context, not refused).
        if value != value.quantize(_WAN_CENT):
            raise AmountError(original, "金额最多保留两位小数（分）")
        value = value * WAN
        if abs(value) >= LIMIT:  # the limit is in 元: a project file refuses more
            raise AmountError(original, "金额过大，请检查单位或位数")
    if value != value.quantize(CENT):
        raise AmountError(original, "金额最多保留两位小数（分）")
    return _unsigned_zero(value.quantize(CENT))


def _unsigned_zero(value: Decimal) -> Decimal:
    """−0.00 (typed "-0", or a small negative rounded away) as 0.00: never print "-0.00"."""
    return value if value or not value.is_signed() else value.copy_abs()


def amount(text: str | int | Decimal) -> Decimal:
    """A literal amount in code and tests: ``amount("1234.50")``; never None."""
    if isinstance(text, float):
        raise TypeError("float amounts are refused")
    value = parse_amount(str(text))
    if value is None:
        raise AmountError(str(text), "需要一个金额")
    return value


def to_unit(value: Money, unit: AmountUnit) -> Money:
    """An amount in the publishing unit: 万元 is 元/10000 rounded half-up per cell."""
    if value is None:
        return None
    if unit == "元":
        return _unsigned_zero(value.quantize(CENT, rounding=ROUND_HALF_UP))
    return _unsigned_zero((value / WAN).quantize(CENT, rounding=ROUND_HALF_UP))


def total(values: Iterable[Money]) -> Money:
    """Sum of the figures present; None when no figure is present at all."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return sum(present, ZERO)


def nz(value: Money) -> Decimal:
    """A figure for arithmetic: no figure counts as zero *only* where a sum needs it."""
    return ZERO if value is None else value


def format_amount(value: Money, *, grouping: bool = True, blank_zero: bool = False) -> str:
    """`1,234.50`; empty string for no figure (and for zero when `blank_zero`)."""
    if value is None or (blank_zero and value == 0):
        return ""
    q = _unsigned_zero(value.quantize(CENT, rounding=ROUND_HALF_UP))
    return f"{q:,.2f}" if grouping else f"{q:.2f}"


def ratio(part: Money, whole: Money) -> Decimal | None:
    """part/whole as a percentage rounded half-up to 2 decimals; None if undefined."""
    if part is None or whole is None or whole == 0:
        return None
    return (part * 100 / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def parse_decimal(text: str) -> Decimal:
    """A non-money decimal as stored in a project file (e.g. a score)."""
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise AmountError(text, "不是数字") from exc
