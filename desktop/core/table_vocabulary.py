"""What a 公开 table's bindings can name: the derived figures, and how a table prints them.

    "line:201:spending.total" ──resolve(binding, Derived)──> Money | int ──TableScope──> cell

Figures come only from `derive()`; an edition says where each goes. The namespaces:

    line:<code>:<key>            a derived line figure (code '' = 合计),
                                 e.g. line:201:spending.total
    bal:<field>                  公开01 bottom rows (income_total, closing, grand_total_in, …)
    fiscal:<source>:<field>      公开04 by 财政拨款 source
                                 (general_budget / gov_fund / state_capital / total)
    sangong:<budget|actual>:<item>   abroad, vehicle_purchase, vehicle_operation,
                                     reception, vehicle, total
    stat:procurement:<goods|works|services|total>
    stat:admin_cost:<行政单位|参公事业单位|事业单位>   shown only in the row of the unit's own kind
    econ:<personnel|public>:<basic|total>
    count:vehicles:<category|total>, count:equipment_over_1m     (counts, not money)

A table prints an amount in its unit rounded to 2 decimals and leaves zero (and a figure
that is not there) blank, as the Shanxi tables do, or prints it ``0.00`` where the edition
says so (``"zero": "0.00"``: the Henan tables). `table_language()` is the
`layouts.grammar.Language` the edition loader checks every binding with: a binding is
valid when it resolves against an empty report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from desktop.core.derive import Derived, derive
from desktop.core.errors import BindingError
from desktop.core.grid import Cell
from desktop.core.layouts.grammar import Kind, Language
from desktop.core.model import VEHICLE_CATEGORIES, Report, UnitKind
from desktop.core.money import AmountUnit, Money, to_unit

Figure = Money | int
ZERO_PRINTS = ("blank", "0.00")  # how a table prints a zero figure (an edition's "zero")
_CODE = re.compile(r"(\d{3}|\d{5}|\d{7})?")  # '' is the 合计 line


def _attr(obj: object, name: str, binding: str) -> object:
    if not name.isidentifier() or name.startswith("_") or not hasattr(obj, name):
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
    if not _CODE.fullmatch(code) or key not in line:
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
    if what == "admin_cost" and arg in tuple(UnitKind):
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
    if what == "equipment_over_1m" and not arg:
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
NAMESPACES = frozenset(_RESOLVERS)


def kind(namespace: str) -> Kind:
    return Kind.COUNT if namespace == "count" else Kind.MONEY


def table_language() -> Language:
    """The bindings a 公开 table can name: whatever resolves against an empty report."""
    empty = derive(Report())

    def kind_of(namespace: str, name: str) -> Kind | None:
        try:
            resolve(f"{namespace}:{name}", empty)
        except BindingError:
            return None
        return kind(namespace)

    return Language(NAMESPACES, kind_of)


@dataclass(frozen=True)
class TableScope:
    """The figures one 公开 table's bindings see, printed as the published tables print them."""

    derived: Derived
    unit: AmountUnit
    namespaces: frozenset[str] = NAMESPACES
    zero: str = "blank"  # one of ZERO_PRINTS: a zero amount (or none) blank, or 0.00

    def resolve(self, binding: str) -> tuple[Kind, object]:
        return kind(binding.partition(":")[0]), resolve(binding, self.derived)

    def each(self, what: str) -> Sequence[TableScope]:
        raise BindingError(f"公开表不能逐项列出「{what}」")

    def printed(self, kind: Kind, value: object) -> Decimal | int | None:
        if kind is Kind.COUNT:
            if value is not None and not isinstance(value, int):
                raise BindingError("计数单元格绑定了金额")
            return value or None
        return self.money(value)

    def money(self, value: object) -> Decimal | None:
        if isinstance(value, int):
            raise BindingError("金额单元格绑定了计数")
        if value is None or value == 0:
            # a zero figure prints blank, as in the Shanxi tables, or 0.00 where the edition
            # prints every bound cell (a figure not there is zero in a published table)
            return None if self.zero == "blank" else Decimal("0.00")
        assert isinstance(value, Decimal)
        return to_unit(value, self.unit)

    def prose(self, kind: Kind, value: object) -> str | None:
        printed = self.printed(kind, value)
        return None if printed is None else Cell(printed).text
