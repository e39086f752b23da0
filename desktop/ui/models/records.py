"""A grid over a tuple of records in the report: one row per record, one column per field.

Used for lists the officer grows and shrinks: a project's 资金来源 and 绩效指标, the
公务用车运行维护费 items, last year's figures by 类. Pasting past the last row adds
rows, as in Excel; `append` and `remove` are single undo steps.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.core.checks import Form
from desktop.core.edits import (
    NOTHING,
    Edit,
    Path,
    append_records,
    get_path,
    remove_records,
    set_values,
)
from desktop.core.model import Report
from desktop.ui.checker import Key, LiveChecker
from desktop.ui.document import ProjectDocument
from desktop.ui.models.sheet import Cell, Kind, SheetModel

KeysOf = Callable[[Report, int, Any, str], tuple[Key, ...]]


@dataclass(frozen=True)
class Column:
    field: str  # the record's attribute ("" for a computed column)
    header: str
    kind: Kind = Kind.TEXT
    width: int = 12
    read: Callable[[Report, int, Any], Any] | None = None  # a computed column
    tip: str = ""


class RecordListModel(SheetModel):
    show_row_numbers = True
    grows = True

    def __init__(
        self,
        document: ProjectDocument,
        checker: LiveChecker,
        form: Form,
        path: Path | None,
        columns: Sequence[Column],
        make: Callable[[], Any],
        keys: KeysOf,
        noun: str = "行",
    ) -> None:
        self.form = form
        self.columns = tuple(columns)
        self.headers = tuple(c.header for c in columns)
        self.header_tips = tuple(c.tip for c in columns)
        self.widths = tuple(c.width for c in columns)
        self.path = path
        self._make = make
        self._keys = keys
        self.noun = noun
        super().__init__(document, checker)

    def set_path(self, path: Path | None) -> None:
        """Point at another tuple (another project's indicators)."""
        self.path = path
        self.reset()

    def records(self, report: Report) -> tuple[Any, ...]:
        if self.path is None:
            return ()
        try:
            items = get_path(report, self.path)
        except (IndexError, AttributeError):
            return ()
        return tuple(items)

    def build_rows(self, report: Report) -> list[Hashable]:
        return list(range(len(self.records(report))))

    def value(self, row: int, col: int) -> Any:
        report = self.document.report
        record = self.records(report)[row]
        column = self.columns[col]
        if column.read is not None:
            return column.read(report, row, record)
        return getattr(record, column.field)

    def kind(self, row: int, col: int) -> Kind:
        column = self.columns[col]
        return Kind.LABEL if column.read is not None and column.kind is Kind.TEXT else column.kind

    def editable(self, row: int, col: int) -> bool:
        return self.columns[col].read is None and self.path is not None

    def keys(self, row: int, col: int) -> tuple[Key, ...]:
        report = self.document.report
        records = self.records(report)
        if row >= len(records):
            return ()
        return self._keys(report, row, records[row], self.columns[col].field)

    def cell_name(self, row: int, col: int) -> str:
        return f"第{row + 1}{self.noun} {self.headers[col]}"

    def assign(self, report: Report, cells: Sequence[Cell]) -> Edit:
        path = self.path
        if path is None:
            return report, NOTHING
        count = len(get_path(report, path))
        return set_values(
            report,
            (
                ((*path, row, self.columns[col].field), value)
                for row, col, value in cells
                if self.columns[col].field and row < count
            ),
        )

    def grow(self, report: Report, rows: int) -> Edit:
        if self.path is None:
            return report, NOTHING
        return append_records(report, self.path, (self._make() for _ in range(rows)))

    # ------------------------------------------------------------ rows

    def append(self) -> int:
        """Add an empty record at the end (one undo step); its row."""
        if self.path is None:
            return -1
        self.document.apply(self.grow(self.document.report, 1), f"添加一{self.noun}")
        return len(self._rows) - 1

    def remove(self, rows: Sequence[int]) -> bool:
        if self.path is None or not rows:
            return False
        edit = remove_records(self.document.report, self.path, rows)
        return self.document.apply(edit, f"删除 {len(set(rows))} {self.noun}")
