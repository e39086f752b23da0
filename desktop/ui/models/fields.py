"""Fixed little tables of named figures (三公, 政府采购, 车辆, 上年数, 结转和结余).

    FieldTableModel(rows=[FieldRow("因公出国（境）费", (Field(("sangong","budget","abroad")), …))])

Each cell is either a `Field` — a path into the report, typed by the officer — or a
`Computed` figure read from the report (usually through `derive`). The rows never
change, so this model never resets; it only tells its view the figures changed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from desktop.core.checks import Form
from desktop.core.edits import Edit, Path, get_path, set_values
from desktop.core.model import Report
from desktop.ui.checker import Key, LiveChecker
from desktop.ui.document import ProjectDocument
from desktop.ui.models.sheet import Cell, Emphasis, Index, Kind, SheetModel


@dataclass(frozen=True)
class Field:
    path: Path
    kind: Kind = Kind.MONEY
    keys: tuple[Key, ...] = ()  # where findings about it point; default (None, last step)


@dataclass(frozen=True)
class Computed:
    read: Callable[[Report], Any]
    kind: Kind = Kind.MONEY
    keys: tuple[Key, ...] = ()


@dataclass(frozen=True)
class FieldRow:
    label: str
    cells: tuple[Field | Computed | None, ...]
    emphasis: Emphasis = Emphasis.NONE
    tip: str = ""


class FieldTableModel(SheetModel):
    """Column 0 is the row's label; columns 1… are the cells of each `FieldRow`."""

    def __init__(
        self,
        document: ProjectDocument,
        checker: LiveChecker,
        form: Form,
        headers: Sequence[str],
        rows: Sequence[FieldRow],
        widths: Sequence[int] = (),
    ) -> None:
        self.form = form
        self.headers = tuple(headers)
        self.widths = tuple(widths) or (24, *([16] * (len(headers) - 1)))
        self.spec = tuple(rows)
        super().__init__(document, checker)

    def build_rows(self, report: Report) -> list[Hashable]:
        return list(range(len(self.spec)))

    def cell(self, row: int, col: int) -> Field | Computed | None:
        cells = self.spec[row].cells
        return cells[col - 1] if 1 <= col <= len(cells) else None

    def value(self, row: int, col: int) -> Any:
        if col == 0:
            return self.spec[row].label
        cell = self.cell(row, col)
        if isinstance(cell, Field):
            return get_path(self.document.report, cell.path)
        if isinstance(cell, Computed):
            return cell.read(self.document.report)
        return None

    def kind(self, row: int, col: int) -> Kind:
        cell = self.cell(row, col)
        return cell.kind if cell is not None else Kind.LABEL

    def editable(self, row: int, col: int) -> bool:
        return isinstance(self.cell(row, col), Field)

    def emphasis(self, row: int) -> Emphasis:
        return self.spec[row].emphasis

    def keys(self, row: int, col: int) -> tuple[Key, ...]:
        cell = self.cell(row, col)
        if cell is None:
            return ()
        if cell.keys:
            return cell.keys
        if isinstance(cell, Field):
            return ((None, str(cell.path[-1])),)
        return ()

    def cell_name(self, row: int, col: int) -> str:
        header = self.headers[col].replace("\n", "")
        return f"{self.spec[row].label} {header}".strip()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and index.isValid()
            and index.column() == 0
            and 0 <= index.row() < len(self.spec)
        ):
            return self.spec[index.row()].tip or None
        return super().data(index, role)

    def assign(self, report: Report, cells: Sequence[Cell]) -> Edit:
        fields = ((self.cell(row, col), value) for row, col, value in cells)
        return set_values(report, ((c.path, v) for c, v in fields if isinstance(c, Field)))
