"""Table builder: (report, edition, unit) → one `Grid` per 公开 table.

    Report ──derive()──> Derived ─┐
    Edition (TableSpec per table) ─┴─build_grid──> Grid ──> Excel · PDF · preview

Figures come only from `derive()`; the edition says where each goes, with bindings
resolved by `table_vocabulary` (``line:201:spending.total`` …). Header rows and fixed-row
bodies are filled by the layout language's filler (`layouts.fill`), the same one that fills
the self-evaluation forms; the 类/款/项 listing and the 经济分类 column groups are generated
here from the derived lines and the catalog. Cells are placed by `layouts.sheet.Sheet`.
"""

from __future__ import annotations

from desktop.core import catalog
from desktop.core.derive import Derived, derive
from desktop.core.editions import (
    EconBody,
    Edition,
    ListingBody,
    RowsBody,
    TableSpec,
    load_edition,
)
from desktop.core.errors import BindingError
from desktop.core.grid import Align, Cell, Grid, Style
from desktop.core.layouts.fill import Filler
from desktop.core.layouts.sheet import Item, Sheet, fit_widths
from desktop.core.model import Report
from desktop.core.money import AmountUnit
from desktop.core.table_vocabulary import TableScope, resolve
from desktop.core.workpapers import Workpapers


def _listing_body(body: ListingBody, sheet: Sheet, scope: TableScope) -> None:
    d = scope.derived

    def values(code: str, style: Style) -> list[Item]:
        line = d.line(code)
        return [(Cell(scope.money(line[k]), style, Align.RIGHT), 1, 1) for k in body.columns]

    total = Cell(body.total_label, Style.TOTAL, Align.CENTER)
    sheet.add_row([(total, 2, 1), *values("", Style.TOTAL)])
    for code in d.order:
        if len(code) not in body.levels:
            continue
        line = d.line(code)
        if not any(line[k] for k in body.show_if):
            continue
        style = Style.CLASS if len(code) == 3 else Style.BODY
        name = d.name(code) or "（未知科目）"
        sheet.add_row([(Cell(code, style), 1, 1), (Cell(name, style), 1, 1), *values(code, style)])


def _econ_body(body: EconBody, sheet: Sheet, scope: TableScope) -> None:
    per = 2 + len(body.columns)
    depth = max(len(g) for g in body.groups)
    for i in range(depth):
        items: list[Item] = []
        for group in body.groups:
            items += _econ_code(body, scope, group[i] if i < len(group) else None, per)
        sheet.add_row(items)
    _econ_footer(body, sheet, scope, per)


def _econ_code(body: EconBody, scope: TableScope, code: str | None, per: int) -> list[Item]:
    """One code's cells in its group: code, name, a figure per column; blank past the
    group's end and for a code the report's year does not have yet."""
    econ, year = catalog.economic(), scope.derived.report.unit.year
    entry = econ.get(code) if code else None
    if code is None or (entry is not None and entry.first_year and year < entry.first_year):
        return [(Cell(), 1, 1)] * per
    style = Style.CLASS if len(code) == 3 else Style.BODY
    items: list[Item] = [(Cell(code, style), 1, 1), (Cell(econ.name(code, year), style), 1, 1)]
    basic, amount = scope.derived.econ.lines.get(code, (None, None))
    for col in body.columns:
        if col == "basic" and code in body.dash:
            items.append((Cell("——", style, Align.CENTER), 1, 1))
        else:
            value = basic if col == "basic" else amount
            items.append((Cell(scope.money(value), style, Align.RIGHT), 1, 1))
    return items


def _econ_footer(body: EconBody, sheet: Sheet, scope: TableScope, per: int) -> None:
    """人员经费合计 under the first group; 公用经费合计 across the others, figures at the end."""
    n_values = len(body.columns)
    items: list[Item] = []
    spans = [2, sheet.n_cols - per - n_values]
    for (label, binding), span in zip(body.footer, spans, strict=True):
        items.append((Cell(label, Style.TOTAL, Align.CENTER), span, 1))
        for col in body.columns:
            value = resolve(f"econ:{binding}:{col}", scope.derived)
            items.append((Cell(scope.money(value), Style.TOTAL, Align.RIGHT), 1, 1))
    sheet.add_row(items)


def build_grid(spec: TableSpec, edition: Edition, d: Derived, unit: AmountUnit) -> Grid:
    report = d.report
    n_cols = len(spec.widths)
    sheet = Sheet(n_cols)
    header_rows = _place(spec, TableScope(d, unit, zero=edition.zero_of(spec)), sheet)
    unfilled = sheet.unfilled_row()
    if unfilled is not None:
        raise BindingError(f"版式「{spec.number}」第 {unfilled + 1} 行没有填满 {n_cols} 列")
    body_cells = [c for row in sheet.cells[header_rows:] for c in row]
    no_data = not any(c.value for c in body_cells if c.is_amount or isinstance(c.value, int))
    return Grid(
        number=spec.number,
        title=spec.title,
        org_label=f"{spec.org_label or edition.org_label}：{report.unit.name}",
        year_label=f"{report.unit.year}年度",
        unit_label=f"{spec.unit_label or edition.unit_label}：{unit}",
        cells=tuple(tuple(r) for r in sheet.cells),
        merges=tuple(sheet.merges),
        header_rows=header_rows,
        widths=fit_widths(spec.widths, sheet),
        note=spec.note_in(edition, unit),
        no_data=no_data,
        landscape=spec.landscape,
        empty_note=edition.empty_note_of(spec),
    )


def _place(spec: TableSpec, scope: TableScope, sheet: Sheet) -> int:
    """The header rows, then the body, into `sheet`; how many rows the header took."""
    filler = Filler(sheet.n_cols)
    for items in filler.rows(spec.header, scope):
        sheet.add_row(items)
    header_rows = sheet.cursor
    body = spec.body
    if isinstance(body, RowsBody):
        for items in filler.rows(body.rows, scope):
            sheet.add_row(items)
    elif isinstance(body, ListingBody):
        _listing_body(body, sheet, scope)
    else:
        _econ_body(body, sheet, scope)
    return header_rows


def build_tables(
    report: Report, unit: AmountUnit | None = None, *, papers: Workpapers | None = None
) -> list[Grid]:
    """Every table of the report's edition, in edition order, in `unit` (default: the report's)."""
    edition = load_edition(report.unit.edition)
    chosen: AmountUnit = unit or ("元" if report.unit.amount_unit == "元" else "万元")
    d = derive(report, papers=papers)
    return [build_grid(spec, edition, d, chosen) for spec in edition.tables]
