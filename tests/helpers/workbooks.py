"""Reading back the workbooks the exporters write (openpyxl)."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet


def fit_to_height(ws: Worksheet) -> int:
    """Pages tall a sheet fits to (0: as many as it needs); an absent fitToHeight is 1."""
    height = ws.page_setup.fitToHeight
    return 1 if height is None else int(height)


def fit_to_width(ws: Worksheet) -> int:
    """Pages wide a sheet fits to: an absent fitToWidth is 1 (ECMA-376, CT_PageSetup)."""
    width = ws.page_setup.fitToWidth
    return 1 if width is None else int(width)


def front_sheets(tables: list[str]) -> list[str]:
    """The sheets before the 附件 of a Shanxi edition's workbook, in the reference reports'
    order: the cover, the 目录, 概况, the 公开 tables (`tables`, their tab names), then
    情况说明 and 名词解释."""
    return ["封面", "目录", "第一部分 概况", *tables, "第三部分 情况说明", "第四部分 名词解释"]
