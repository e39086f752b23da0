"""A ledger sheet's header, found by its labels, and what each column's heading names.

    worksheet (openpyxl, merged cells known)
      ──find_header──> header rows found by their labels (科目编码 / 功能分类科目编码 /
                       科目代码 …), merged and two-row headings combined into one title
                       per column: 「财政拨款收入：一般公共预算财政拨款」
      ──classify──> a model field per column (income.*, spending.*, fiscal.*,
                    fiscal_opening.*) or a check column (本年收入合计, 本年支出合计 …)

`classify` reads `HEADING_RULES`, a keyword table: the first rule a heading meets names
its column. A new way of wording a heading is a new line there. `tolerant` reads the
rows below the header.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.importers import cells
from desktop.core.importers.cells import CellError
from desktop.core.money import AmountUnit

HEADER_SEARCH_ROWS = 40  # the header is near the top; a title block is a few rows
MAX_HEADER_ROWS = 4
CODE_LABELS = (
    "科目编码",
    "功能分类科目编码",
    "支出功能分类科目编码",
    "功能科目编码",
    "科目代码",
    "功能分类科目代码",
    "科目编号",
    "编码",
)
NAME_LABELS = ("科目名称", "功能分类科目名称", "名称", "科目")
TOTAL_LABELS = ("合计", "总计", "本年合计", "合 计", "总 计")

_SOURCES = (  # keyword in the heading → (Income field, FiscalSpending prefix)
    ("一般公共预算", "general_budget", "general"),
    ("政府性基金", "gov_fund", "fund"),
    ("国有资本经营", "state_capital", "capital"),
)
_SPENDING = (
    ("基本支出", "spending.basic"),
    ("项目支出", "spending.project"),
    ("上缴上级", "spending.remit_superior"),
    ("经营支出", "spending.operating"),
    ("对附属单位补助", "spending.affiliate_grant"),
)
_INCOME = (
    ("上级补助", "income.superior_grant"),
    ("经营收入", "income.operating"),  # before 事业: 「事业单位经营收入」 is 经营
    ("事业收入", "income.business"),
    ("附属单位上缴", "income.affiliate_remit"),
    ("其他收入", "income.other"),
)
_TOTALS = ("合计", "小计")


@dataclass(frozen=True)
class HeadingRule:
    """One line of the keyword table: the key a heading gets when every condition holds.

    `words` are groups of keywords, each group met when one of its words is somewhere in
    the heading; `leaf_*` look at the lowest part only. `context` is 收入 or 支出 as the
    nearest part that says so; `source` asks for one of the three 财政拨款 sources,
    whose field names fill ``{income}`` (general_budget …) and ``{short}`` (general …)
    in the key. A key of None means: a heading of this kind is not imported."""

    key: str | None
    words: tuple[tuple[str, ...], ...] = ()
    leaf_has: tuple[str, ...] = ()
    leaf_is: tuple[str, ...] = ()
    leaf_ends: tuple[str, ...] = ()
    context: str = ""
    source: bool = False

    def matches(self, h: _Heading) -> bool:
        return self._fits(h) and self._says(h)

    def _fits(self, h: _Heading) -> bool:
        return self.context in ("", h.context) and (h.source is not None or not self.source)

    def _says(self, h: _Heading) -> bool:
        leaf = h.leaf
        return (
            all(any(w in h.whole for w in group) for group in self.words)
            and (not self.leaf_has or any(w in leaf for w in self.leaf_has))
            and (not self.leaf_is or leaf in self.leaf_is)
            and (not self.leaf_ends or leaf.endswith(self.leaf_ends))
        )


# First match wins: the order is part of the table (a 年初结转 heading names a source but
# is an opening balance; 「事业单位经营收入」 is 经营, not 事业).
HEADING_RULES: tuple[HeadingRule, ...] = (
    HeadingRule("code", leaf_is=CODE_LABELS),
    HeadingRule("code", leaf_ends=("科目编码", "科目代码")),
    HeadingRule("name", leaf_is=NAME_LABELS),
    HeadingRule("name", leaf_ends=("科目名称",)),
    HeadingRule(None, words=(("栏次", "行次"),)),
    HeadingRule("fiscal_opening.{income}", words=(("年初",), ("结转", "结余")), source=True),
    HeadingRule(None, words=(("年初",), ("结转", "结余"))),
    HeadingRule(None, words=(("年末", "结余分配", "使用非财政拨款"),)),
    HeadingRule("fiscal.{short}_basic", words=(("基本",),), context="支出", source=True),
    HeadingRule("fiscal.{short}_project", words=(("项目",),), context="支出", source=True),
    HeadingRule("check.fiscal_{short}", context="支出", source=True),
    *(HeadingRule(key, leaf_has=(word,), context="支出") for word, key in _SPENDING),
    HeadingRule("check.spending_total", leaf_is=_TOTALS, context="支出"),
    HeadingRule("check.spending_total", leaf_ends=("支出合计",), context="支出"),
    HeadingRule(None, context="支出"),
    HeadingRule("income.{income}", source=True),
    *(HeadingRule(key, words=((word,),)) for word, key in _INCOME),
    HeadingRule("check.income_fiscal", words=(("财政拨款",),)),
    HeadingRule("check.income_total", leaf_is=_TOTALS, context="收入"),
    HeadingRule("check.income_total", words=(("收入合计",),), context="收入"),
)


def normalize(text: str) -> str:
    """A heading without spaces, line breaks, width differences or unit suffixes."""
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"[(（](万?元)[)）]$", "", s)
    return s


def _is_code_label(text: str) -> bool:
    return text in CODE_LABELS or text.endswith(("科目编码", "科目代码"))


@dataclass(frozen=True)
class _Heading:
    leaf: str
    whole: str  # the parts joined by "/"
    context: str  # 收入, 支出 or ""
    source: tuple[str, str, str] | None  # an entry of _SOURCES


def _context(parts: list[str]) -> str:
    """收入 or 支出, as the nearest part that names one says (支出 first within a part)."""
    for p in reversed(parts):
        for word in ("支出", "收入"):
            if word in p:
                return word
    return ""


def classify(parts: list[str]) -> str | None:
    """The model field (or check column) a column heading names; None if none.

    `parts` are the normalized heading texts from the top header row down, e.g.
    ``["财政拨款支出", "一般公共预算财政拨款", "基本支出"]``. The nearest part that says
    收入 or 支出 decides whether a source (一般公共预算 …) means income or spending; the
    first rule of `HEADING_RULES` the heading meets gives its key.
    """
    if not parts:
        return None
    whole = "/".join(parts)
    source = next((s for s in _SOURCES if s[0] in whole), None)
    heading = _Heading(parts[-1], whole, _context(parts), source)
    rule = next((r for r in HEADING_RULES if r.matches(heading)), None)
    if rule is None or rule.key is None:
        return None
    if source is None:
        return rule.key
    return rule.key.format(income=source[1], short=source[2])


# ---------------------------------------------------------------- the header


@dataclass(frozen=True)
class Header:
    first_row: int
    last_row: int
    code_col: int
    titles: dict[int, list[str]]  # column → heading parts, top down
    unit: AmountUnit

    @property
    def data_row(self) -> int:
        return self.last_row + 1


class _Sheet:
    """Cell values with merged ranges resolved to their top-left value (header zone)."""

    def __init__(self, ws: Worksheet, rows: int) -> None:
        self.ws = ws
        self.rows = rows
        self.width = ws.max_column or 1
        self.grid: list[tuple[Any, ...]] = [
            tuple(r) for r in ws.iter_rows(min_row=1, max_row=rows, values_only=True)
        ]
        self.merged: dict[tuple[int, int], tuple[int, int]] = {}
        for rng in ws.merged_cells.ranges:
            if rng.min_row > rows:
                continue
            for r in range(rng.min_row, min(rng.max_row, rows) + 1):
                for c in range(rng.min_col, min(rng.max_col, self.width) + 1):
                    self.merged[(r, c)] = (rng.min_row, rng.min_col)

    def raw(self, r: int, c: int) -> Any:
        if r > len(self.grid):
            return None
        row = self.grid[r - 1]
        return row[c - 1] if c <= len(row) else None

    def value(self, r: int, c: int) -> Any:
        top = self.merged.get((r, c))
        return self.raw(*top) if top else self.raw(r, c)

    def text(self, r: int, c: int) -> str:
        return normalize(cells.text_of(self.value(r, c)))

    def merged_from_above(self, r: int, c: int) -> bool:
        top = self.merged.get((r, c))
        return top is not None and top[0] < r


def _amount_like(value: Any) -> bool:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    try:
        return cells.money_of(value) is not None
    except CellError:
        return False


def find_header(ws: Worksheet) -> Header | None:
    """The header block of a ledger sheet, found by its code column's label."""
    limit = min(ws.max_row or 0, HEADER_SEARCH_ROWS + MAX_HEADER_ROWS)
    if limit == 0:
        return None
    sheet = _Sheet(ws, limit)
    found = _code_label(sheet, min(limit, HEADER_SEARCH_ROWS))
    if found is None:
        return None
    k, code_col = found
    first = _top_row(sheet, k)
    last = k
    while last < min(limit, first + MAX_HEADER_ROWS - 1) and _header_like(
        sheet, last + 1, code_col, first
    ):
        last += 1
    titles = {c: _title(sheet, first, last, c) for c in range(1, sheet.width + 1)}
    unit = _unit(sheet, first, titles)
    return Header(first, last, code_col, {c: t for c, t in titles.items() if t}, unit)


def _code_label(sheet: _Sheet, rows: int) -> tuple[int, int] | None:
    """The first cell, row by row, whose text is a code column's label (科目编码 …)."""
    for r in range(1, rows + 1):
        for c in range(1, sheet.width + 1):
            if sheet.merged.get((r, c), (r, c)) == (r, c) and _is_code_label(sheet.text(r, c)):
                return r, c
    return None


def _top_row(sheet: _Sheet, label_row: int) -> int:
    """Up from the label's row while a heading merged down into it starts just above."""
    first = label_row
    while first > 1 and any(
        sheet.merged_from_above(first, c) and sheet.merged[(first, c)][0] == first - 1
        for c in range(1, sheet.width + 1)
    ):
        first -= 1
    return first


def _unit(sheet: _Sheet, first: int, titles: dict[int, list[str]]) -> AmountUnit:
    """万元 when the title rows or a heading say so."""
    above = " ".join(sheet.text(r, c) for r in range(1, first) for c in range(1, sheet.width + 1))
    heads = " ".join("/".join(t) for t in titles.values())
    return "万元" if "万元" in above or "(万元)" in heads or "（万元）" in heads else "元"


def _header_like(sheet: _Sheet, r: int, code_col: int, first: int) -> bool:
    if sheet.merged_from_above(r, code_col):
        return sheet.merged[(r, code_col)][0] >= first
    if sheet.raw(r, code_col) is not None:
        return False
    texts = [sheet.raw(r, c) for c in range(1, sheet.width + 1)]
    present = [v for v in texts if v is not None and cells.text_of(v).strip()]
    if not present:
        return False
    for v in present:
        t = normalize(cells.text_of(v))
        if t in TOTAL_LABELS or t == "栏次" or _amount_like(v):
            return False
    return True


def _title(sheet: _Sheet, first: int, last: int, c: int) -> list[str]:
    parts: list[str] = []
    for r in range(first, last + 1):
        text = sheet.text(r, c)
        if not text and (r, c) not in sheet.merged and r < last:
            text = _group_to_left(sheet, r, c)
        if text and (not parts or parts[-1] != text):
            parts.append(text)
    return parts


def _group_to_left(sheet: _Sheet, r: int, c: int) -> str:
    """An unmerged group heading written once above several sub-columns."""
    if not sheet.text(r + 1, c):
        return ""
    j = c - 1
    while j >= 1 and not sheet.text(r, j) and (r, j) not in sheet.merged and sheet.text(r + 1, j):
        j -= 1
    if j >= 1 and sheet.text(r, j) and sheet.text(r + 1, j) and (r, j) not in sheet.merged:
        return sheet.text(r, j)
    return ""
