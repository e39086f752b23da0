"""The base of every editable grid: a thin Qt table model over part of the report.

    SheetModel ── reads document.report when Qt asks (no copy of the figures)
               ── setData / paste / clear: parse the text (money.parse_amount for amounts)
                  → one edit of the report (core/edits.py) → document.apply (one undo step)
               ── tints a cell whose (form, row, field) has a finding; the message is its tooltip
               ── a refused text stays in its cell, tinted, with the reason as its tooltip,
                  until it is corrected or Esc (`discard_refused`) brings the value back

A subclass says what its rows are (`build_rows`), what each cell holds (`value`, `kind`,
`editable`, `keys`) and which edit stores typed values (`assign`, returning what the
edit returned: the new report and what changed). After an edit the model tells its views
what changed and nothing more, so a view keeps its current cell, its selection and the
editor the officer is typing in:

    edit ──> touched_rows(before, after) ──> dataChanged on those rows only   (a figure)
         └─> None: rows built again ──> rows removed / inserted where they differ, and
                                         dataChanged on the rest                (a row)
    another project opened ──> reset

A model over a large part of the report (the ledger) says which rows an edit touched by
comparing the records before and after (frozen records: an untouched one is the same
object); the others are small and let every row be asked again.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Hashable, Iterable, Sequence
from decimal import Decimal
from enum import StrEnum
from itertools import compress, count, islice
from operator import ne
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.core.checks import Finding, Form, Location, Severity
from desktop.core.edits import NOTHING, Change, Edit, parse_count, parse_money, parse_points
from desktop.core.errors import JuesuanError
from desktop.core.model import Report
from desktop.core.money import format_amount
from desktop.core.self_eval import format_points
from desktop.ui.checker import Key, LiveChecker, worst
from desktop.ui.document import ProjectDocument

Index = QModelIndex | QPersistentModelIndex
Cell = tuple[int, int, Any]  # row, column, parsed value

TINT = {
    Severity.ERROR: QColor("#f9d2d4"),
    Severity.WARNING: QColor("#fff0b3"),
    Severity.HINT: QColor("#dcebfa"),
}
COMPUTED_BG = QColor("#f2f4f7")
TOTAL_BG = QColor("#e6ebf2")
COMPUTED_FG = QColor("#44546a")
REFUSED_FG = QColor("#b71c1c")


class Kind(StrEnum):
    MONEY = "money"  # Decimal 元, parse_amount
    COUNT = "count"  # int
    POINTS = "points"  # Decimal score or weight
    WEIGHT = "weight"  # Decimal, required
    PERCENT = "percent"  # Decimal percentage, computed only
    TEXT = "text"
    LABEL = "label"  # read-only text (codes, names, row labels)


class Emphasis(StrEnum):
    NONE = ""
    SUBTOTAL = "subtotal"  # computed 类/款 rows: bold, read-only
    TOTAL = "total"  # 合计 rows


NUMERIC = (Kind.MONEY, Kind.COUNT, Kind.POINTS, Kind.WEIGHT, Kind.PERCENT)


def display_text(kind: Kind, value: Any) -> str:
    if value is None:
        return ""
    if kind is Kind.MONEY and isinstance(value, Decimal):
        return format_amount(value)
    if kind in (Kind.POINTS, Kind.WEIGHT) and isinstance(value, Decimal):
        return format_points(value)
    if kind is Kind.PERCENT and isinstance(value, Decimal):
        return f"{value:.2f}%"
    return str(value)


def edit_text(kind: Kind, value: Any) -> str:
    """The text an editor starts with, and what 复制 puts on the clipboard: no separators."""
    if value is None:
        return ""
    if kind is Kind.MONEY and isinstance(value, Decimal):
        return format_amount(value, grouping=False)
    return display_text(kind, value)


def parse(kind: Kind, text: str) -> Any:
    """Typed text → the value to store; raises a `JuesuanError` with the Chinese reason."""
    if kind is Kind.MONEY:
        return parse_money(text)
    if kind is Kind.COUNT:
        return parse_count(text)
    if kind is Kind.POINTS:
        return parse_points(text)
    if kind is Kind.WEIGHT:
        return parse_points(text, required=True)
    return text.strip() if "\n" not in text else text


class SheetModel(QAbstractTableModel):
    """A grid over part of the report; subclasses fill in the hooks below."""

    refused = Signal(str)  # a typed or pasted value was refused: the message

    form: Form
    headers: Sequence[str] = ()
    header_tips: Sequence[str] = ()
    widths: Sequence[int] = ()  # column widths in characters of the body font
    show_row_numbers = False
    grows = False  # a paste past the last row adds rows (lists of records)

    def __init__(self, document: ProjectDocument, checker: LiveChecker) -> None:
        super().__init__(document)
        self.document = document
        self.checker = checker
        self._shown = document.report  # the report the rows and figures are from
        self._hidden: Callable[[], bool] | None = None  # see defer_while
        self._stale = False
        self._rows: list[Hashable] = self.build_rows(document.report)
        # typed texts that could not be stored, by (row key, column): (text, reason)
        self._refused: dict[tuple[Hashable, int], tuple[str, str]] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        document.changed.connect(self._on_changed)
        checker.updated.connect(self._on_findings)

    # ------------------------------------------------------------ hooks

    def build_rows(self, report: Report) -> list[Hashable]:
        raise NotImplementedError

    def value(self, row: int, col: int) -> Any:
        raise NotImplementedError

    def kind(self, row: int, col: int) -> Kind:
        raise NotImplementedError

    def editable(self, row: int, col: int) -> bool:
        return False

    def keys(self, row: int, col: int) -> tuple[Key, ...]:
        """Where findings about this cell point: (row key, field) pairs."""
        return ()

    def emphasis(self, row: int) -> Emphasis:
        return Emphasis.NONE

    def assign(self, report: Report, cells: Sequence[Cell]) -> Edit:
        """The edit storing the parsed values of `cells` in `report`."""
        raise NotImplementedError

    def cell_name(self, row: int, col: int) -> str:
        """The cell as the undo menu and messages name it."""
        return self.headers[col].replace("\n", "") if col < len(self.headers) else ""

    def why_locked(self, row: int, col: int) -> str:
        """Why a cell takes no typing, said the moment the officer tries."""
        if self.kind(row, col) in NUMERIC:
            return f"{self.cell_name(row, col)}：自动计算，不能直接填写"
        return f"{self.cell_name(row, col)}：不能在这里修改"

    def grow(self, report: Report, rows: int) -> Edit:
        """The edit appending `rows` empty rows (for `grows` models)."""
        return report, NOTHING

    def touched_rows(self, before: Report, after: Report) -> Iterable[int] | None:
        """The rows whose cells may show something else after `before` became `after`,
        when the rows themselves are the same; None when they may not be (the default:
        the rows are built again and compared)."""
        return None

    def row_keys(self, rows: list[Hashable]) -> list[Hashable]:
        """What identifies each of `rows` across a change of the rows (to keep the current
        cell on it when rows are inserted or removed above it): the rows themselves."""
        return rows

    # ------------------------------------------------------------ Qt model

    @property
    def rows(self) -> list[Hashable]:
        self.catch_up()
        return self._rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.headers):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return self.headers[section]
            if role == Qt.ItemDataRole.ToolTipRole and section < len(self.header_tips):
                return self.header_tips[section] or None
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable(index.row(), index.column()):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def findings_at(self, row: int, col: int) -> list[Finding]:
        keys = self.keys(row, col)
        return self.checker.index.at(self.form, keys) if keys else []

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= col < len(self.headers)):
            return None
        if self._refused:
            shown = self._refused_at(row, col, role)
            if shown is not None:
                return shown
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(self.kind(row, col), self.value(row, col))
        if role == Qt.ItemDataRole.EditRole:
            return edit_text(self.kind(row, col), self.value(row, col))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self.kind(row, col) in NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if self.emphasis(row) is not Emphasis.NONE else None
        if role == Qt.ItemDataRole.BackgroundRole:
            found = worst(self.findings_at(row, col))
            if found is not None:
                return QBrush(TINT[found.severity])
            emphasis = self.emphasis(row)
            if emphasis is Emphasis.TOTAL:
                return QBrush(TOTAL_BG)
            if emphasis is Emphasis.SUBTOTAL or (
                not self.editable(row, col) and self.kind(row, col) in NUMERIC
            ):
                return QBrush(COMPUTED_BG)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.kind(row, col) in NUMERIC and not self.editable(row, col):
                return QBrush(COMPUTED_FG)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            here = self.findings_at(row, col)
            if here:
                return "\n".join(f"【{f.severity.value}】{f.message}" for f in here)
            if self.kind(row, col) is Kind.TEXT:
                text = display_text(Kind.TEXT, self.value(row, col))
                return text if len(text) > 12 else None
            if self.kind(row, col) in NUMERIC and not self.editable(row, col):
                return "自动计算，不能直接修改"
            return None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, col = index.row(), index.column()
        if not self.editable(row, col):
            self.refused.emit(self.why_locked(row, col))
            return False
        text = "" if value is None else str(value)
        try:
            parsed = parse(self.kind(row, col), text)
        except JuesuanError as exc:
            return self._refuse(row, col, text, str(exc))
        self._forget(row, col)
        if parsed == self.value(row, col) and type(parsed) is type(self.value(row, col)):
            return True
        try:  # the edit may refuse the value too (a text longer than its field holds)
            edit = self.assign(self.document.report, [(row, col, parsed)])
        except JuesuanError as exc:
            return self._refuse(row, col, text, str(exc))
        self.document.apply(edit, f"修改 {self.cell_name(row, col)}", where=self.where(row, col))
        return True

    # ------------------------------------------------------------ refused input

    def _refuse(self, row: int, col: int, text: str, reason: str) -> bool:
        """Keep `text` in the cell, marked, and say why it was not stored."""
        self._refused[(self._row_key(row), col)] = (text, reason)
        index = self.index(row, col)
        self.dataChanged.emit(index, index)
        self.refused.emit(
            f"{self.cell_name(row, col)}：{reason}（未存入；请改正，或按 Esc 恢复原值）"
        )
        return False

    def _row_key(self, row: int) -> Hashable:
        return self.row_keys([self._rows[row]])[0]

    def _forget(self, row: int, col: int) -> bool:
        if not self._refused or not 0 <= row < len(self._rows):
            return False
        if self._refused.pop((self._row_key(row), col), None) is None:
            return False
        index = self.index(row, col)
        self.dataChanged.emit(index, index)
        return True

    def refused_text(self, row: int, col: int) -> tuple[str, str] | None:
        """The text typed into a cell and refused, and why; None when there is none."""
        if not self._refused or not 0 <= row < len(self._rows):
            return None
        return self._refused.get((self._row_key(row), col))

    def discard_refused(self, indexes: Sequence[Index]) -> bool:
        """Esc: the refused texts among `indexes` go, and their cells show their value."""
        return any([self._forget(i.row(), i.column()) for i in indexes if i.isValid()])

    def _refused_at(self, row: int, col: int, role: int) -> Any:
        found = self.refused_text(row, col)
        if found is None:
            return None
        text, reason = found
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(TINT[Severity.ERROR])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(REFUSED_FG)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"未存入「{text}」：{reason}\n请改正，或按 Esc 恢复原值"
        return None

    # ------------------------------------------------------------ block edits

    def paste(self, top: int, left: int, block: Sequence[Sequence[str]]) -> bool:
        """Store a tab-separated block from Excel/WPS starting at (top, left), as one edit.

        Computed cells inside the block are skipped; any text that cannot be read
        refuses the whole paste with the cell named, so nothing is half-pasted.
        """
        block = [list(r) for r in block if r is not None]
        if not block:
            return False
        report, grown = self.document.report, NOTHING
        extra = top + len(block) - len(self._rows)
        if extra > 0 and self.grows:
            report, grown = self.grow(report, extra)
            rows_after = self.build_rows(report)
        else:
            rows_after = self._rows
        cells: list[Cell] = []
        skipped = dropped = 0
        for dr, texts in enumerate(block):
            r = top + dr
            if r >= len(rows_after):
                dropped += 1
                continue
            for dc, text in enumerate(texts):
                c = left + dc
                if c >= len(self.headers):
                    continue
                if not self._editable_after(report, rows_after, r, c):
                    if text.strip():
                        skipped += 1
                    continue
                try:
                    cells.append((r, c, parse(self.kind(r, c), text)))
                except JuesuanError as exc:
                    where = f"粘贴区域第{dr + 1}行第{dc + 1}列（{self.cell_name(r, c)}）"
                    self.refused.emit(f"{where}：{exc}。整块粘贴未执行。")
                    return False
        if not cells and report is self.document.report:
            self.refused.emit("粘贴区域内没有可填写的单元格")
            return False
        try:
            new, change = self.assign(report, cells)
        except JuesuanError as exc:
            self.refused.emit(f"{exc}。整块粘贴未执行。")
            return False
        n_rows, n_cols = len(block), max(len(r) for r in block)
        for r, c, _value in cells:
            self._forget(r, c)
        self.document.apply(
            (new, grown | change),
            f"粘贴 {n_rows}×{n_cols} 个单元格",
            where=self.where(cells[0][0], cells[0][1]) if cells else None,
        )
        notes = []
        if skipped:
            notes.append(f"{skipped}个自动计算的单元格未改动")
        if dropped:
            notes.append(f"超出表格的{dropped}行未粘贴")
        if notes:
            self.refused.emit("已粘贴；" + "，".join(notes))
        return True

    def _editable_after(self, report: Report, rows: list[Hashable], r: int, c: int) -> bool:
        if rows is self._rows:
            return self.editable(r, c)
        saved = self._rows
        self._rows = rows  # ask about the rows a growing paste creates
        try:
            return self.editable(r, c)
        finally:
            self._rows = saved

    def clear(self, indexes: Sequence[Index]) -> bool:
        """Empty every editable cell among `indexes` (the Delete key), as one edit."""
        cells: list[Cell] = []
        for i in indexes:
            r, c = i.row(), i.column()
            if self.editable(r, c) and self.value(r, c) not in (None, ""):
                cells.append((r, c, "" if self.kind(r, c) is Kind.TEXT else None))
        forgotten = self.discard_refused(indexes)
        if not cells:
            return forgotten
        edit = self.assign(self.document.report, cells)
        where = self.where(cells[0][0], cells[0][1])
        return self.document.apply(edit, f"清除 {len(cells)} 个单元格", where=where)

    def copy_text(self, indexes: Sequence[Index]) -> str:
        """The selection as tab-separated text (its bounding rectangle), as Excel copies."""
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        lines = []
        for r in range(rows[0], rows[-1] + 1):
            line = []
            for c in range(cols[0], cols[-1] + 1):
                line.append(
                    edit_text(self.kind(r, c), self.value(r, c)) if (r, c) in chosen else ""
                )
            lines.append("\t".join(t.replace("\t", " ").replace("\n", " ") for t in line))
        return "\n".join(lines)

    def where(self, row: int, col: int) -> Location | None:
        """The cell as a finding would point to it (what undo and redo show again)."""
        keys = self.keys(row, col)
        if not keys:
            return None
        row_key, field = keys[0]
        return Location(self.form, row_key or "", field)

    def locate(self, row_key: str, field: str, *, exact: bool = True) -> QModelIndex:
        """The first cell a finding at (row_key, field) tints; with `exact` False, the
        first cell of that row; invalid when none."""
        for r in range(len(self.rows)):
            for c in range(len(self.headers)):
                for kr, kf in self.keys(r, c):
                    if exact and kf == field and (kr is None or kr == row_key):
                        return self.index(r, c)
                    if not exact and kr == row_key:
                        return self.index(r, c)
        return QModelIndex()

    # ------------------------------------------------------------ refresh

    def defer_while(self, hidden: Callable[[], bool]) -> None:
        """For a model whose rows take time to make: while `hidden()` holds (its page is
        not shown), an edit only notes that the rows are stale; they are made again when
        the page calls `catch_up` (when shown) or when `rows` is asked for."""
        self._hidden = hidden

    def catch_up(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh()

    def _on_changed(self, change: Change) -> None:
        hidden = self._hidden is not None and self._hidden()
        if change.forms is None:  # another project: nothing to keep
            self.reset(later=hidden)
        elif hidden:
            self._stale = True
        else:
            self.refresh()

    def reset(self, *, later: bool = False) -> None:
        """Rows and figures from the report again, forgetting the views' current cells;
        `later`: no rows until `catch_up` (a deferred model out of sight)."""
        self.beginResetModel()
        self._refused.clear()
        self._shown = self.document.report
        self._rows = [] if later else self.build_rows(self._shown)
        self._stale = later
        self.endResetModel()

    def refresh(self) -> None:
        """Show the report as it is now: the touched rows' figures, or the rows again."""
        before, after = self._shown, self.document.report
        self._shown = after
        touched = self.touched_rows(before, after) if before is not after else None
        if touched is not None:
            self._rows_changed(touched)
            return
        rows = self.build_rows(after)
        if rows != self._rows:
            self._restructure(rows)
        self._all_changed()

    def _rows_changed(self, rows: Iterable[int]) -> None:
        """dataChanged for `rows`, one signal per run of consecutive rows."""
        last_col = len(self.headers) - 1
        ordered = sorted(set(rows))
        if last_col < 0 or not ordered:
            return
        start = prev = ordered[0]
        for r in [*ordered[1:], None]:
            if r is not None and r == prev + 1:
                prev = r
                continue
            self.dataChanged.emit(self.index(start, 0), self.index(prev, last_col))
            if r is not None:
                start = prev = r

    def _restructure(self, rows: list[Hashable]) -> None:
        """Go over to `rows` by removing and inserting the rows that differ, so the views
        keep the current cell and the selection on the rows that stay."""
        self._rows = list(self._rows)  # changed in place below: not the list indexes were of
        steps = _differences(self.row_keys(self._rows), self.row_keys(rows))
        # Removals from the bottom up leave the positions above them as they were; the
        # insertions then go top down, at their positions in the new rows.
        for tag, i1, i2, _j1, _j2 in reversed(steps):
            if tag in ("delete", "replace"):
                self.beginRemoveRows(QModelIndex(), i1, i2 - 1)
                del self._rows[i1:i2]
                self.endRemoveRows()
        for tag, _i1, _i2, j1, j2 in steps:
            if tag in ("insert", "replace"):
                self.beginInsertRows(QModelIndex(), j1, j2 - 1)
                self._rows[j1:j1] = rows[j1:j2]
                self.endInsertRows()
        self._rows = rows  # the same keys now; the rows' own values may differ

    def rows_at(self, row_keys: set[str]) -> Iterable[int] | None:
        """The rows with a cell whose findings point at one of `row_keys` (the `row` of a
        finding's location); None: possibly any (the default, for small models)."""
        return None

    def _on_findings(self) -> None:
        roles = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole]
        touched = self.checker.touched(self.form)
        if touched is not None and not touched:
            return  # no finding of this form came or went
        rows = self.rows_at(touched) if touched is not None else None
        if rows is None:
            self._all_changed(roles)
            return
        last_col = len(self.headers) - 1
        for r in sorted(set(rows)):
            self.dataChanged.emit(self.index(r, 0), self.index(r, last_col), roles)

    def _all_changed(self, roles: list[Qt.ItemDataRole] | None = None) -> None:
        if self._rows and self.headers:
            tl = self.index(0, 0)
            br = self.index(len(self._rows) - 1, len(self.headers) - 1)
            if roles is None:
                self.dataChanged.emit(tl, br)
            else:
                self.dataChanged.emit(tl, br, roles)


Step = tuple[str, int, int, int, int]  # difflib's opcode: tag, old i1:i2, new j1:j2


def _differences(old: list[Hashable], new: list[Hashable]) -> list[Step]:
    """Where `new` differs from `old` (difflib's opcodes, "equal" left out). An edit
    changes a few rows among thousands: the common head and tail are passed over first,
    so difflib only looks at the stretch between."""
    short = min(len(old), len(new))
    # C-speed walks from both ends: no Python per row passed over
    head = next(compress(count(), map(ne, old, new)), short)
    ends = short - head
    tail = next(
        compress(count(), map(ne, islice(reversed(old), ends), islice(reversed(new), ends))), ends
    )
    matcher = difflib.SequenceMatcher(
        None, old[head : len(old) - tail], new[head : len(new) - tail], autojunk=False
    )
    return [
        (tag, i1 + head, i2 + head, j1 + head, j2 + head)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
