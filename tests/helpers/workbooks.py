"""Reading back the workbooks the exporters write (openpyxl)."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet


def fit_to_width(ws: Worksheet) -> int:
    """Pages wide a sheet fits to: an absent fitToWidth is 1 (ECMA-376, CT_PageSetup)."""
    width = ws.page_setup.fitToWidth
    return 1 if width is None else int(width)
