"""Table builder: (report, edition, unit) → one `Grid` per 公开 table.

Figures come only from `derive()`; the edition says where each goes. Bindings name
a figure in a small vocabulary resolved here and nowhere else:

    line:<code>:<key>            a derived line figure (code '' = 合计),
                                 e.g. line:201:spending.total
    bal:<field>                  公开01 bottom rows (income_total, closing, grand_total_in, …)
    fiscal:<source>:<field>      公开04 by 财政拨款 source
                                 (general_budget / gov_fund / state_capital / total)
    sangong:<budget|actual>:<item>   abroad, vehicle_purchase, vehicle_operation,
                                     reception, vehicle, total
    stat:procurement:<goods|works|services|total>
    stat:admin_cost:<行政单位|参公事业单位>   shown only in the row of the unit's own kind
    econ:<personnel|public>:<basic|total>
    count:vehicles:<category|total>, count:equipment_over_1m
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.core import catalog
from desktop.core.derive import Derived, derive
from desktop.core.editions import (
    EconBody,
    Edition,
    ListingBody,
    RowsBody,
    Span,
    TableSpec,
    load_edition,
)
from desktop.core.errors import JuesuanError
from desktop.core.grid import Align, Cell, Grid, Merge, Style
from desktop.core.model import VEHICLE_CATEGORIES, Report
from desktop.core.money import AmountUnit, Money, to_unit
from desktop.core.workpapers import Workpapers

Figure = Money | int


class BindingError(JuesuanError):
    """An edition names a figure that does not exist."""


def _attr(obj: object, name: str, binding: str) -> object:
    if not hasattr(obj, name):
        raise BindingError(f"版式引用了不存在的数字「{binding}」")
    return getattr(obj, name)


def _money(value: object, binding: str) -> Money:
    if value is None or isinstance(value, Decimal):
        return value
    raise BindingError(f"「{binding}」不是金额")


def resolve(binding: str, d: Derived) -> Figure:
    """The figure a binding names (金额 in 元, or a count)."""
    kind, _, rest = binding.partition(":")
    resolver = _RESOLVERS.get(kind)
    if resolver is None:
        raise BindingError(f"版式引用了不认识的数字类型「{binding}」")
    return resolver(rest, d, binding)


def _line(rest: str, d: Derived, b: str) -> Figure:
    code, _, key = rest.partition(":")
    line = d.line(code)
    if key not in line:
        raise BindingError(f"版式引用了不存在的数字「{b}」")
    return line[key]


def _bal(rest: str, d: Derived, b: str) -> Figure:
    return _money(_attr(d.balances, rest, b), b)


def _fiscal(rest: str, d: Derived, b: str) -> Figure:
    source, _, name = rest.partition(":")
    if source not in d.fiscal:
        raise BindingError(f"版式引用了不存在的数字「{b}」")
    return _money(_attr(d.fiscal[source], name, b), b)


def _sangong(rest: str, d: Derived, b: str) -> Figure:
    side, _, item = rest.partition(":")
    if side not in ("budget", "actual"):
        raise BindingError(f"版式引用了不存在的数字「{b}」")
    if item in ("vehicle", "total"):
        return _money(_attr(d.sangong, f"{side}_{item}", b), b)
    return _money(_attr(getattr(d.sangong, side), item, b), b)


def _stat(rest: str, d: Derived, b: str) -> Figure:
    what, _, arg = rest.partition(":")
    stats = d.report.stats
    if what == "procurement":
        if arg == "total":
            return d.procurement_total
        return _money(_attr(stats.procurement, arg, b), b)
    if what == "admin_cost":
        return stats.admin_cost if d.report.unit.kind.value == arg else None
    raise BindingError(f"版式引用了不存在的数字「{b}」")


def _econ(rest: str, d: Derived, b: str) -> Figure:
    group, _, col = rest.partition(":")
    return _money(_attr(d.econ, f"{group}_{col}", b), b)


def _count(rest: str, d: Derived, b: str) -> Figure:
    what, _, arg = rest.partition(":")
    assets = d.report.stats.assets
    if what == "vehicles":
        if arg == "total":
            return d.vehicle_total
        if arg in VEHICLE_CATEGORIES:
            value: int | None = getattr(assets.vehicles, arg)
            return value
    if what == "equipment_over_1m":
        return assets.equipment_over_1m
    raise BindingError(f"版式引用了不存在的数字「{b}」")


_RESOLVERS: dict[str, Callable[[str, Derived, str], Figure]] = {
    "line": _line,
    "bal": _bal,
    "fiscal": _fiscal,
    "sangong": _sangong,
    "stat": _stat,
    "econ": _econ,
    "count": _count,
}


# ---------------------------------------------------------------- grid assembly


@dataclass
class _Sheet:
    """Places cells left to right into the first free slot, like an HTML table."""

    n_cols: int
    cells: list[list[Cell]] = field(default_factory=list)
    taken: list[list[bool]] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    cursor: int = 0  # the row the next add_row fills

    def _ensure(self, rows: int) -> None:
        while len(self.cells) < rows:
            self.cells.append([Cell() for _ in range(self.n_cols)])
            self.taken.append([False] * self.n_cols)

    def add_row(self, items: Sequence[tuple[Cell, int, int]]) -> None:
        r = self.cursor
        self.cursor += 1
        self._ensure(r + 1)
        col = 0
        for cell, cols, rows in items:
            while col < self.n_cols and self.taken[r][col]:
                col += 1  # slots taken by a cell spanning down from above
            if col + cols > self.n_cols:
                raise BindingError(f"版式第 {r + 1} 行的单元格超出了 {self.n_cols} 列")
            self._ensure(r + rows)
            for rr in range(r, r + rows):
                for cc in range(col, col + cols):
                    self.taken[rr][cc] = True
                    self.cells[rr][cc] = Cell(None, cell.style, cell.align)
            self.cells[r][col] = cell
            if cols > 1 or rows > 1:
                self.merges.append(Merge(r, col, rows, cols))
            col += cols


@dataclass(frozen=True)
class _Context:
    derived: Derived
    unit: AmountUnit
    year: int

    def money(self, value: Figure) -> Decimal | None:
        if isinstance(value, int):
            raise BindingError("金额单元格绑定了计数")
        if value is None or value == 0:
            return None  # a zero figure prints blank, as in the published tables
        return to_unit(value, self.unit)


def _header(spec: TableSpec, sheet: _Sheet) -> None:
    for row in spec.header:
        sheet.add_row([(Cell(s.text, Style.HEADER, Align.CENTER), s.cols, s.rows) for s in row])


def _rows_body(body: RowsBody, sheet: _Sheet, ctx: _Context) -> None:
    for row in body.rows:
        style = Style(row.style)
        items: list[tuple[Cell, int, int]] = []
        for c in row.cells:
            if isinstance(c, Span):
                centred = style is Style.HEADER or c.text.isdigit()  # headings and 行次
                align = Align.CENTER if centred else Align.LEFT
                items.append((Cell(c.text, style, align), c.cols, c.rows))
            elif c.count:
                value = resolve(c.binding, ctx.derived)
                if value is not None and not isinstance(value, int):
                    raise BindingError(f"「{c.binding}」不是计数")
                items.append((Cell(value or None, style, Align.RIGHT), c.cols, 1))
            else:
                amount = ctx.money(resolve(c.binding, ctx.derived))
                items.append((Cell(amount, style, Align.RIGHT), c.cols, 1))
        sheet.add_row(items)


def _listing_body(body: ListingBody, sheet: _Sheet, ctx: _Context) -> None:
    d = ctx.derived

    def values(code: str, style: Style) -> list[tuple[Cell, int, int]]:
        line = d.line(code)
        return [(Cell(ctx.money(line[k]), style, Align.RIGHT), 1, 1) for k in body.columns]

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


def _econ_body(body: EconBody, sheet: _Sheet, ctx: _Context) -> None:
    econ, year = catalog.economic(), ctx.year
    per = 2 + len(body.columns)
    depth = max(len(g) for g in body.groups)
    for i in range(depth):
        items: list[tuple[Cell, int, int]] = []
        for group in body.groups:
            if i >= len(group):
                items += [(Cell(), 1, 1)] * per
                continue
            code = group[i]
            entry = econ.get(code)
            if entry is not None and entry.first_year and year < entry.first_year:
                items += [(Cell(), 1, 1)] * per
                continue
            style = Style.CLASS if len(code) == 3 else Style.BODY
            items += [(Cell(code, style), 1, 1), (Cell(econ.name(code, year), style), 1, 1)]
            basic, amount = ctx.derived.econ.lines.get(code, (None, None))
            for col in body.columns:
                if col == "basic" and code in body.dash:
                    items.append((Cell("——", style, Align.CENTER), 1, 1))
                else:
                    value = basic if col == "basic" else amount
                    items.append((Cell(ctx.money(value), style, Align.RIGHT), 1, 1))
        sheet.add_row(items)
    _econ_footer(body, sheet, ctx, per)


def _econ_footer(body: EconBody, sheet: _Sheet, ctx: _Context, per: int) -> None:
    """人员经费合计 under the first group; 公用经费合计 across the others, figures at the end."""
    n_values = len(body.columns)
    items: list[tuple[Cell, int, int]] = []
    spans = [2, sheet.n_cols - per - n_values]
    for (label, binding), span in zip(body.footer, spans, strict=True):
        items.append((Cell(label, Style.TOTAL, Align.CENTER), span, 1))
        for col in body.columns:
            value = resolve(f"econ:{binding}:{col}", ctx.derived)
            items.append((Cell(ctx.money(value), Style.TOTAL, Align.RIGHT), 1, 1))
    sheet.add_row(items)


def build_grid(spec: TableSpec, edition: Edition, d: Derived, unit: AmountUnit) -> Grid:
    report = d.report
    ctx = _Context(d, unit, report.unit.year)
    sheet = _Sheet(len(spec.widths))
    _header(spec, sheet)
    header_rows = sheet.cursor
    body = spec.body
    if isinstance(body, RowsBody):
        _rows_body(body, sheet, ctx)
    elif isinstance(body, ListingBody):
        _listing_body(body, sheet, ctx)
    else:
        _econ_body(body, sheet, ctx)
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
        widths=_fit_widths(spec.widths, sheet.cells),
        note=spec.note,
        no_data=no_data,
        landscape=spec.landscape,
    )


def _fit_widths(widths: tuple[float, ...], rows: list[list[Cell]]) -> tuple[float, ...]:
    """Widen amount columns so the longest figure fits (元 figures are longer than 万元)."""
    out = list(widths)
    for row in rows:
        for c, cell in enumerate(row):
            if cell.is_amount:
                out[c] = max(out[c], len(cell.text) * 1.15 + 1.5)
    return tuple(out)


def build_tables(
    report: Report, unit: AmountUnit | None = None, *, papers: Workpapers | None = None
) -> list[Grid]:
    """Every table of the report's edition, in edition order, in `unit` (default: the report's)."""
    edition = load_edition(report.unit.edition)
    chosen: AmountUnit = unit or ("元" if report.unit.amount_unit == "元" else "万元")
    d = derive(report, papers=papers)
    return [build_grid(spec, edition, d, chosen) for spec in edition.tables]
