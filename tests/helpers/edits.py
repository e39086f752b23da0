"""Hypothesis strategies for the edits of `desktop.core.edits`, as the forms make them.

edits_of(report) ── one edit of `report` by any function of `edits` (its name in a
    `note`): a typed value anywhere, a paste, rows added and removed, a 年初预算,
    an economic figure, a reason, 上年数 rows, a project — or one that changes nothing
    (the value already there). Gives what the edit returns: (Report, Change).
EDITS ── the strategy per edit function; `edit_functions()` lists every function that
    returns an `Edit`, so a new edit without a strategy fails a test.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from typing import Any

from hypothesis import note
from hypothesis import strategies as st

from desktop.core import edits
from desktop.core.derive import derive
from desktop.core.edits import (
    NOTHING,
    Edit,
    InputError,
    Path,
    add_ledger_row,
    add_project,
    append_records,
    fill_prior_classes,
    get_path,
    remove_ledger_rows,
    remove_records,
    set_budget,
    set_econ,
    set_reason,
    set_unit_text,
    set_value,
    set_values,
)
from desktop.core.model import Report, UnitKind, UnitSelfEval
from tests.helpers.strategies import ECON_KUAN, ITEM_CODES, cents

_TEXT = st.text("报告原因 abc123", max_size=6)


def _leaves(report: Report) -> list[tuple[Path, str, Any]]:
    """(path, field type, value) of every field an officer types into, and the whole
    部门整体自评 (started or removed at once)."""
    out: list[tuple[Path, str, Any]] = [
        (("unit_self_eval",), "UnitSelfEval | None", report.unit_self_eval)
    ]

    def walk(obj: Any, path: Path) -> None:
        for f in dataclasses.fields(obj):
            v = getattr(obj, f.name)
            if dataclasses.is_dataclass(v):
                walk(v, (*path, f.name))
            elif isinstance(v, tuple):
                for i, item in enumerate(v):
                    if dataclasses.is_dataclass(item):
                        walk(item, (*path, f.name, i))
            else:
                out.append(((*path, f.name), str(f.type), v))

    walk(report, ())
    return out


def _record_lists(report: Report) -> list[Path]:
    """Paths of the tuples of records the forms grow and shrink."""
    out: list[Path] = []

    def walk(obj: Any, path: Path) -> None:
        for f in dataclasses.fields(obj):
            v = getattr(obj, f.name)
            if dataclasses.is_dataclass(v):
                walk(v, (*path, f.name))
            elif isinstance(v, tuple) and "tuple[str" not in str(f.type):
                out.append((*path, f.name))
                for i, item in enumerate(v):
                    walk(item, (*path, f.name, i))

    walk(report, ())
    return out


def _values_for(kind: str, current: Any) -> st.SearchStrategy[Any]:
    """Values of a field's type, the current one among them (an edit that changes nothing)."""
    same = st.just(current)
    if "UnitSelfEval" in kind:
        return st.sampled_from([None, UnitSelfEval(), current])
    if isinstance(current, UnitKind) or "UnitKind" in kind:
        return st.sampled_from(list(UnitKind))
    if isinstance(current, bool) or kind == "bool":
        return st.booleans()
    # None only where the field may hold it (Money is `Decimal | None`): a 分值 (`weight:
    # Decimal`) is required, its cell refuses to be emptied (`parse_points(required=True)`)
    empty = (st.none(),) if "None" in kind or "Money" in kind else ()
    if "Money" in kind or "Decimal" in kind:
        return st.one_of(same, *empty, cents(0, 10**6))
    if "int" in kind:
        return st.one_of(same, *empty, st.integers(0, 3000))
    if "str" in kind:
        return st.one_of(same, _TEXT)
    return same


EditOf = Callable[[Report], st.SearchStrategy[Edit]]


def _cells(report: Report) -> st.SearchStrategy[tuple[Path, Any]]:
    """A field and a value for it; each part of the report (unit, ledger, 三公 …) is as
    likely as any other, however many fields it has."""
    by_part: dict[str, list[tuple[Path, str, Any]]] = {}
    for leaf in _leaves(report):
        by_part.setdefault(str(leaf[0][0]), []).append(leaf)
    leaves = st.sampled_from(sorted(by_part)).flatmap(lambda part: st.sampled_from(by_part[part]))
    return leaves.flatmap(lambda leaf: _values_for(leaf[1], leaf[2]).map(lambda v: (leaf[0], v)))


def _set_value(report: Report) -> st.SearchStrategy[Edit]:
    return _cells(report).map(lambda cell: set_value(report, *cell))


def _set_values(report: Report) -> st.SearchStrategy[Edit]:
    return st.lists(_cells(report), max_size=4).map(lambda cells: set_values(report, cells))


def _append_records(report: Report) -> st.SearchStrategy[Edit]:
    lists = [p for p in _record_lists(report) if get_path(report, p)]
    return st.sampled_from(lists).flatmap(
        lambda p: st.lists(st.sampled_from(get_path(report, p)), max_size=2).map(
            lambda records: append_records(report, p, records)
        )
    )


def _remove_records(report: Report) -> st.SearchStrategy[Edit]:
    return st.sampled_from(_record_lists(report)).flatmap(
        lambda p: st.sets(st.integers(0, len(get_path(report, p)))).map(
            lambda drop: remove_records(report, p, drop)
        )
    )


def _codes(report: Report) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from([r.code for r in report.ledger] or [""]), st.sampled_from(ITEM_CODES[:40])
    )


EDITS: dict[str, EditOf] = {
    "set_value": _set_value,
    "set_values": _set_values,
    "append_records": _append_records,
    "remove_records": _remove_records,
    "set_budget": lambda r: st.builds(
        set_budget,
        st.just(r),
        st.one_of(st.just(""), _codes(r)),
        st.one_of(st.none(), cents(0, 10**6)),
    ),
    "add_ledger_row": lambda r: st.builds(add_ledger_row, st.just(r), _codes(r), _TEXT),
    "remove_ledger_rows": lambda r: st.builds(
        remove_ledger_rows, st.just(r), st.sets(st.integers(0, len(r.ledger)), max_size=3)
    ),
    "set_econ": lambda r: st.builds(
        set_econ,
        st.just(r),
        st.one_of(
            st.sampled_from([e.code for e in r.econ] or ["30101"]), st.sampled_from(ECON_KUAN)
        ),
        st.sampled_from(("basic", "project")),
        st.one_of(st.none(), cents(0, 10**6)),
    ),
    "set_reason": lambda r: st.builds(
        set_reason,
        st.just(r),
        st.one_of(st.sampled_from([x.key for x in r.reasons] or ["total"]), st.just("admin_cost")),
        st.one_of(st.sampled_from([x.text for x in r.reasons] or [""]), st.just(" "), _TEXT),
    ),
    "set_unit_text": lambda r: st.builds(
        set_unit_text,
        st.just(r),
        st.sampled_from(
            [t.key for t in (r.unit_self_eval.texts if r.unit_self_eval else ())] or ["conclusion"]
        ),
        st.one_of(st.just(""), st.just(" "), _TEXT),
    ),
    "fill_prior_classes": lambda r: st.just(fill_prior_classes(r, derive(r))),
    "add_project": lambda r: st.builds(
        add_project,
        st.just(r),
        st.one_of(st.sampled_from([p.name for p in r.self_evals] or ["x"]), _TEXT),
    ),
}


def edit_functions() -> set[str]:
    """Every function of `desktop.core.edits` that returns an `Edit`."""
    return {
        name
        for name, fn in inspect.getmembers(edits, inspect.isfunction)
        if fn.__module__ == edits.__name__
        and not name.startswith("_")
        and inspect.signature(fn).return_annotation == "Edit"
    }


@st.composite
def edits_of(draw: st.DrawFn, report: Report) -> Edit:
    """One edit of `report` (see the module's note); a refused one changes nothing."""
    name = draw(st.sampled_from(sorted(EDITS)))
    note(f"edit: {name}")
    try:
        return draw(EDITS[name](report))
    except InputError:  # a project's name taken or empty: refused
        return report, NOTHING
