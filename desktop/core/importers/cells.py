"""Cell values as openpyxl hands them over (str, int, float, bool, datetime) → model values.

Every conversion either returns the typed value or raises `CellError` with a Chinese
reason quoting the cell; the readers turn that into an `ImportProblem` and go on.
Amounts always end in `money.parse_amount`: a float from a numeric cell is first
written back as the decimal Excel shows (15 significant digits), so a cell holding
``9.0299999999999994`` — how Excel stores 9.03 — reads as 9.03, while a genuine
``1234.567`` is refused rather than rounded.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from desktop.core.errors import AmountError
from desktop.core.model import UnitKind
from desktop.core.money import LIMIT, AmountUnit, Money, parse_amount


class CellError(Exception):
    """A cell that cannot be read as its column says; `str()` is the Chinese reason."""


def shown(value: object) -> str:
    """A cell's value as a message quotes it."""
    if isinstance(value, float):
        return float_text(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


def float_text(value: float) -> str:
    """The decimal an Excel user sees for a numeric cell (15 significant digits).

    Excel computes and displays with 15 significant digits but may store up to 17
    (9.03 becomes ``9.0299999999999994`` in the file); reading the stored binary
    value exactly would turn every such cell into a fraction of a cent.
    """
    if math.isnan(value) or math.isinf(value):
        raise CellError("不是有效的数值")
    text = format(Decimal(f"{value:.15g}"), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _not_a_value(value: object, what: str) -> CellError:
    if isinstance(value, bool):
        return CellError(f"「{shown(value)}」是逻辑值，不是{what}")
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        return CellError(f"「{value}」是日期或时间，不是{what}（请把单元格格式改为常规或数值）")
    return CellError(f"「{shown(value)}」不是{what}")


def money_of(value: object, unit: AmountUnit = "元") -> Money:
    """An amount in 元; None for an empty cell or a dash."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _not_a_value(value, "金额")
    if isinstance(value, float):
        text = float_text(value)
        if "." in text and len(text.split(".")[1]) > 2 and unit == "元":
            raise CellError(
                f"数值「{text}」超过两位小数，金额只能精确到分"
                "（如是公式计算的结果，请用 ROUND(…,2) 取整到分）"
            )
    else:
        text = str(value)
    try:
        return parse_amount(text, unit=unit)
    except AmountError as exc:
        raise CellError(str(exc)) from None


def text_of(value: object) -> str:
    """Text as typed; numbers as Excel shows them, dates as 2024-12-31."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return float_text(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


_COUNT_SUFFIXES = ("人次", "批次", "人", "辆", "个", "次", "台", "套", "项", "批", "家")


def count_of(value: object) -> int | None:
    """A whole number ≥ 0 (people, vehicles, batches); None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise _not_a_value(value, "整数")
    if isinstance(value, int):
        n = value
    elif isinstance(value, float):
        text = float_text(value)
        if not re.fullmatch(r"-?\d+", text):
            raise CellError(f"「{text}」不是整数")
        n = int(text)
    elif isinstance(value, str):
        s = unicodedata.normalize("NFKC", value).strip().replace(",", "")
        if s in ("", "-", "—", "——", "–", "/"):
            return None
        for suffix in _COUNT_SUFFIXES:
            if s.endswith(suffix):
                s = s[: -len(suffix)].strip()
                break
        if not re.fullmatch(r"-?\d+", s):
            raise CellError(f"「{value}」不是整数")
        n = int(s)
    else:
        raise _not_a_value(value, "整数")
    if n < 0:
        raise CellError(f"「{shown(value)}」是负数，这里应当是个数")
    if n >= 10**9:
        raise CellError(f"「{shown(value)}」过大，请检查")
    return n


def year_of(value: object) -> int:
    n = count_of(value)
    if n is None:
        raise CellError("不能为空，请填写四位年份")
    if not 1990 <= n <= 2100:
        raise CellError(f"「{shown(value)}」不是合理的年度")
    return n


def decimal_of(value: object) -> Decimal | None:
    """A non-money number (分值, 得分) kept exactly as shown; None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise _not_a_value(value, "数值")
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        text = float_text(value)
    elif isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().removesuffix("分").strip()
        if text in ("", "-", "—", "——"):
            return None
    else:
        raise _not_a_value(value, "数值")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        raise CellError(f"「{shown(value)}」不是数值")
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
        raise CellError(f"「{shown(value)}」不是数值") from None
    if abs(number) >= LIMIT:
        raise CellError(f"「{shown(value)}」过大，请检查")
    return number


_YES = {"是", "Y", "YES", "TRUE", "1", "√"}
_NO = {"否", "N", "NO", "FALSE", "0", "×", ""}


def bool_of(value: object) -> bool:
    if isinstance(value, bool):
        return value
    s = unicodedata.normalize("NFKC", text_of(value)).strip().upper()
    if s in _YES:
        return True
    if s in _NO:
        return False
    raise CellError(f"「{shown(value)}」应为「是」或「否」")


_UNIT_KINDS = {
    "行政": UnitKind.ADMIN,
    "参公": UnitKind.CIVIL_SERVICE_LIKE,
    "参公单位": UnitKind.CIVIL_SERVICE_LIKE,
    "参照公务员法管理的事业单位": UnitKind.CIVIL_SERVICE_LIKE,
    "事业": UnitKind.INSTITUTION,
}


def unit_kind_of(value: object) -> UnitKind | None:
    """The unit kind; None for an empty cell (the model's default applies)."""
    s = unicodedata.normalize("NFKC", text_of(value)).strip()
    if not s:
        return None
    for kind in UnitKind:
        if s == kind.value:
            return kind
    if s in _UNIT_KINDS:
        return _UNIT_KINDS[s]
    allowed = "、".join(k.value for k in UnitKind)
    raise CellError(f"「{s}」不是单位性质，应为{allowed}之一")


def choice_of(value: object, allowed: list[str], what: str) -> str | None:
    s = unicodedata.normalize("NFKC", text_of(value)).strip()
    if not s:
        return None
    if s not in allowed:
        raise CellError(f"「{s}」不是可选的{what}（可选：{'、'.join(allowed)}）")
    return s


def lines_of(value: object) -> tuple[str, ...]:
    """One item per line (or separated by ；/;)."""
    parts = re.split(r"[\n\r；;]+", text_of(value))
    return tuple(p.strip() for p in parts if p.strip())


def code_of(value: object) -> str:
    """A classification code as digits: 2010350.0 and ' 201 03 50 ' both give '2010350'.

    Whatever is not a plain run of digits comes back normalized but unvalidated, for
    the caller to judge (and quote) against the level it expects.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        raise _not_a_value(value, "科目编码")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = float_text(value)
        if not text.isdigit():
            raise CellError(f"「{text}」不是科目编码")
        return text
    s = unicodedata.normalize("NFKC", text_of(value))
    s = re.sub(r"\s+", "", s)
    if re.fullmatch(r"\d+\.0+", s):  # a number that went through text: 2010350.0
        s = s.split(".")[0]
    return s
