"""Small hand-made table grids for the renderers' tests."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.grid import Cell, Grid, Merge


def make_grid(
    rows: Sequence[Sequence[Cell]],
    merges: tuple[Merge, ...] = (),
    *,
    header_rows: int = 1,
    widths: tuple[float, ...] | None = None,
    note: str = "",
    sheet: str = "",
) -> Grid:
    """A 公开99 测试表 of `rows`; widths default to 20 then 12 a column."""
    n = len(rows[0]) if rows else 1
    return Grid(
        number="公开99",
        title="测试表",
        org_label="部门名称：测试单位",
        year_label="2024年度",
        unit_label="金额单位：元",
        cells=tuple(tuple(r) for r in rows),
        merges=merges,
        header_rows=header_rows,
        widths=widths or (20.0,) + (12.0,) * (n - 1),
        note=note,
        no_data=False,
        landscape=False,
        sheet=sheet,
    )
