"""The table grid: one published table as cells, merges and emphasis, renderer-neutral.

    (Report, Edition, unit) ──tables.build_tables──> [Grid] ──> Excel · PDF · GUI preview

A `Grid` carries everything a renderer needs and nothing it may decide on its own:
the title block (title, 公开NN表, 部门名称/年度/金额单位), the header and body cells
with their merges, column widths, the 注 line and the 「本表无数据」 flag. Renderers
only map styles to their own fonts and borders, so the three outputs cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Style(StrEnum):
    HEADER = "header"  # column headings and the 栏次 row: bold, centred, wrapped
    TOTAL = "total"  # 合计/总计 rows: bold
    CLASS = "class"  # 类 rows of a listing: bold
    BODY = "body"
    HEADING = "heading"  # a section heading of a long-form sheet: bold, no border
    TEXT = "text"  # a narrative paragraph of a long-form sheet: wrapped, no border


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell. `value` is text, an amount already in the table's unit, or a count.
    Slotted: a 300-unit department's workbook has 1.7 million of them."""

    value: str | Decimal | int | None = None
    style: Style = Style.BODY
    align: Align = Align.LEFT

    @property
    def is_amount(self) -> bool:
        return isinstance(self.value, Decimal)

    @property
    def text(self) -> str:
        """The cell as printed: amounts with thousands separators, blank for none."""
        v = self.value
        if v is None:
            return ""
        if isinstance(v, Decimal):
            return f"{v:,.{decimal_places(v)}f}"
        return str(v)


@dataclass(frozen=True, slots=True)
class Merge:
    row: int  # 0-based within the grid's cells
    col: int
    rows: int
    cols: int


NO_DATA_TEXT = "说明：本表无数据"  # the usual line under a table without figures


@dataclass(frozen=True)
class Grid:
    number: str  # 公开01
    title: str  # 收入支出决算总表
    org_label: str  # 部门名称：… or 单位名称：…
    year_label: str  # 2024年度
    unit_label: str  # 金额单位：万元
    cells: tuple[tuple[Cell, ...], ...]
    merges: tuple[Merge, ...]
    header_rows: int  # rows repeated on every printed page
    widths: tuple[float, ...]  # relative column widths (characters)
    note: str  # 注：… (may be empty)
    no_data: bool  # print 「说明：本表无数据」
    landscape: bool
    label: str = ""  # the label above the table's right edge; default f"{number}表"
    sheet: str = ""  # the workbook sheet's name; default the label
    empty_note: str = NO_DATA_TEXT  # printed under the table when `no_data`

    @property
    def n_cols(self) -> int:
        return len(self.widths)

    def find(self, text: str) -> list[tuple[int, int]]:
        """Positions of cells whose printed text equals `text` (for tests and search)."""
        return [
            (r, c)
            for r, row in enumerate(self.cells)
            for c, cell in enumerate(row)
            if cell.text == text
        ]


def decimal_places(value: Decimal) -> int:
    """Decimals an amount prints with: 2, or the third a 万元 figure such as 17.284 carries."""
    exponent = value.as_tuple().exponent
    return max(2, -exponent) if isinstance(exponent, int) else 2
