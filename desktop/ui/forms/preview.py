"""预览: the report as it will be published — each 公开 table and 附件 from the same `Grid`
the workbook prints, and the generated text (概况, 情况说明, 名词解释) from the same `Document`
the PDF sets, in the order and under the part headings of the same plan the PDF follows.

    Report ──text.build_text──> Document ──structure.plan──> ReportPlan.items
             PartHeading ── a bold line of the outline (the part's 目录 line)
             TextItem    ── Document part ──TextView (HTML)──> placeholders as links
                                              └─ jump_requested(Location) ──> the form
             TableItem / AttachmentItem ── Grid ──GridModel + setSpan──> read-only QTableView
                                          (an 附件's grid made when it is chosen)

The list on the left is the PDF's outline: 第一部分 概况, 第二部分 …决算表 and its tables,
第三部分 情况说明, 第四部分 名词解释, 第五部分 附件 and its attachments — as the edition
words them. Everything is rebuilt a moment after each edit while the page is shown (a few
milliseconds), and when the page is shown again after edits elsewhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checks import Location
from desktop.core.edits import Change
from desktop.core.errors import JuesuanError
from desktop.core.grid import Grid
from desktop.core.structure import AttachmentItem, PartHeading, ReportPlan, TableItem, TextItem
from desktop.core.structure import plan as report_plan
from desktop.core.tables import build_tables
from desktop.core.text import Document, Part, build_text, placeholders
from desktop.core.vocabulary import Names, ReasonKey, describe_reason
from desktop.ui.checker import LiveChecker
from desktop.ui.document import ProjectDocument
from desktop.ui.forms.base import FormPage
from desktop.ui.models.grid import GridModel
from desktop.ui.widgets.text_view import PLACEHOLDER_BG, TextView

# ("part", heading), ("text", part title), ("table", number) or ("attachment", title)
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def _text_item(p: Part) -> tuple[tuple[str, str], str]:
    owed = sum(1 for b in p.blocks for r in getattr(b, "runs", ()) if r.placeholder)
    return ("text", p.title), p.title + (f"（{owed} 处待填写）" if owed else "")


def location_of(key: str) -> Location:
    """Where the officer writes what a placeholder stands for."""
    return ReasonKey.parse(key).location


class PreviewPage(FormPage):
    title = "预览"
    form = None

    jump_requested = Signal(object)  # Location of a placeholder's form field

    def __init__(self, document: ProjectDocument, checker: LiveChecker) -> None:
        super().__init__(document, checker)
        self.grids: list[Grid] = []
        self.text: Document | None = None
        self.plan: ReportPlan | None = None
        self._attachments: dict[str, AttachmentItem] = {}
        self._dirty = True
        self.model = GridModel(parent=self)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.currentRowChanged.connect(self._show_current)

        self.title_label = QLabel()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number_label = QLabel()
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.org_label = QLabel()
        self.year_label = QLabel()
        self.year_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unit_label = QLabel()
        self.unit_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().hide()
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setShowGrid(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setStyleSheet("QTableView { gridline-color: #8a8f98; }")

        meta = QHBoxLayout()
        meta.addWidget(self.org_label, 2)
        meta.addWidget(self.year_label, 1)
        meta.addWidget(self.unit_label, 1)
        sheet = QWidget()
        sl = QVBoxLayout(sheet)
        sl.setContentsMargins(8, 0, 8, 0)
        sl.addWidget(self.number_label)
        sl.addWidget(self.title_label)
        sl.addLayout(meta)
        sl.addWidget(self.table, 1)
        sl.addWidget(self.note_label)
        sl.addWidget(self.error_label)

        self.text_view = TextView()
        self.text_view.placeholder_activated.connect(self.jump_to)
        self.text_note = QLabel()
        self.text_note.setWordWrap(True)
        self.text_note.setStyleSheet(
            f"QLabel {{ background: {PLACEHOLDER_BG}; border: 1px solid #e0b400; padding: 5px; }}"
        )
        self.text_note.hide()
        text_page = QWidget()
        tl = QVBoxLayout(text_page)
        tl.setContentsMargins(8, 0, 8, 0)
        tl.addWidget(self.text_note)
        tl.addWidget(self.text_view, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(sheet)
        self.stack.addWidget(text_page)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.rebuild)
        document.changed.connect(self._on_changed)

    def _on_changed(self, _change: Change) -> None:
        self._dirty = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.rebuild()

    def rebuild(self) -> None:
        """Build the tables and the text again and show the chosen item."""
        self._timer.stop()
        self._dirty = False
        report = self.document.report
        papers = self.document.papers
        problems = []
        try:
            self.text = build_text(report, papers=papers)
        except JuesuanError as exc:
            self.text = None
            problems.append(f"无法生成文字部分：{exc}")
        self.plan = None
        if self.text is not None:
            try:
                self.plan = report_plan(report, text=self.text, papers=papers)
            except JuesuanError as exc:
                problems.append(f"无法按版式排列报告：{exc}")
        try:
            if self.plan is not None:
                self.grids = [t.grid() for t in self.plan.tables()]
            else:
                self.grids = build_tables(report, papers=papers)
        except JuesuanError as exc:
            self.grids = []
            problems.append(f"无法生成表格预览：{exc}")
        self.error_label.setText("\n".join(problems))
        self.error_label.setVisible(bool(problems))

        items = self._items()
        current = self.list.currentItem()
        chosen = current.data(ITEM_ROLE) if current is not None else None
        if [k for k, _ in items] != [
            self.list.item(i).data(ITEM_ROLE) for i in range(self.list.count())
        ]:
            self.list.blockSignals(True)
            self.list.clear()
            for key, name in items:
                item = QListWidgetItem(name)
                item.setData(ITEM_ROLE, key)
                if key[0] in ("text", "part"):
                    font = QFont(self.list.font())
                    font.setBold(True)
                    item.setFont(font)
                if key[0] == "attachment":
                    item.setToolTip(name)
                self.list.addItem(item)
            self.list.blockSignals(False)
        else:
            for i, (_, name) in enumerate(items):
                if self.list.item(i).text() != name:
                    self.list.item(i).setText(name)  # 「（n 处待填写）」 changed
        keys = [k for k, _ in items]
        row = keys.index(chosen) if chosen in keys else self._first_table_row(keys)
        if row >= 0:
            self.list.blockSignals(True)
            self.list.setCurrentRow(row)
            self.list.blockSignals(False)
            self._show_current(row)
        else:
            self.model.set_grid(None)

    def _items(self) -> list[tuple[tuple[str, str], str]]:
        """(key, name) of every list item: the plan's items, as the PDF prints them."""
        if self.plan is None:
            return self._unplanned_items()
        grids = {g.number: g for g in self.grids}
        self._attachments = {}
        out: list[tuple[tuple[str, str], str]] = []
        items = self.plan.items
        for i, item in enumerate(items):
            if isinstance(item, PartHeading):
                following = items[i + 1] if i + 1 < len(items) else None
                if not isinstance(following, TextItem):  # a text part shows under its own
                    out.append((("part", item.title), item.title))
            elif isinstance(item, TextItem):
                out.append(_text_item(item.part))
            elif isinstance(item, TableItem):
                grid = grids.get(item.number)
                name = f"{grid.label or grid.number + '表'}　{grid.title}" if grid else item.title
                out.append((("table", item.number), name))
            elif isinstance(item, AttachmentItem):
                self._attachments[item.title] = item
                out.append((("attachment", item.title), item.title))
        return out

    def _unplanned_items(self) -> list[tuple[tuple[str, str], str]]:
        """The outline when the edition's plan cannot be made: the tables between the
        text's first part and the rest (and the error above says why)."""
        parts = list(self.text.parts) if self.text is not None else []
        first = [p for p in parts if p.title.startswith("第一部分")]
        later = [p for p in parts if p not in first]
        tables = [
            (("table", g.number), f"{g.label or g.number + '表'}　{g.title}") for g in self.grids
        ]
        return [*map(_text_item, first), *tables, *map(_text_item, later)]

    @staticmethod
    def _first_table_row(keys: list[tuple[str, str]]) -> int:
        for i, k in enumerate(keys):
            if k[0] == "table":
                return i
        return 0 if keys else -1

    # ------------------------------------------------------------ choosing what to show

    def select(self, kind: str, name: str) -> bool:
        """Show the table numbered `name` ("公开01") or the text part whose title contains it."""
        if self._dirty:
            self.rebuild()
        for i in range(self.list.count()):
            k, n = self.list.item(i).data(ITEM_ROLE)
            if k == kind and (n == name or (kind == "text" and name in n)):
                self.list.setCurrentRow(i)
                return True
        return False

    def current_part(self) -> Part | None:
        item = self.list.currentItem()
        key = item.data(ITEM_ROLE) if item is not None else None
        if key is None or key[0] != "text" or self.text is None:
            return None
        return next((p for p in self.text.parts if p.title == key[1]), None)

    def _show_current(self, row: int) -> None:
        item = self.list.item(row) if 0 <= row < self.list.count() else None
        if item is None:
            return
        kind, name = item.data(ITEM_ROLE)
        if kind == "part":  # a part's heading: what it holds starts below it
            if row + 1 < self.list.count():
                self.list.setCurrentRow(row + 1)
            return
        if kind == "text":
            self._show_part(name)
            return
        if kind == "attachment":
            attachment = self._attachments.get(name)
            if attachment is not None:
                self.stack.setCurrentIndex(0)
                self._show_grid(attachment.grid())  # made now: there may be thousands
            return
        grid = next((g for g in self.grids if g.number == name), None)
        if grid is not None:
            self.stack.setCurrentIndex(0)
            self._show_grid(grid)

    def _show_part(self, title: str) -> None:
        part = next((p for p in self.text.parts if p.title == title), None) if self.text else None
        if part is None:
            return
        self.stack.setCurrentIndex(1)
        self.text_view.show_part(part)
        owed = len(self.text_view.keys)
        if owed:
            self.text_note.setText(
                f"本部分有 {owed} 处黄色标记的内容尚待填写（正式版需填写完整）。"
                "点击标记（或按 Tab 选中后回车）即可转到填写的位置。"
            )
        self.text_note.setVisible(bool(owed))

    def _show_grid(self, grid: Grid) -> None:
        old = self.model.grid
        self.model.set_grid(grid)
        self.title_label.setText(grid.title)
        self.number_label.setText(grid.label or f"{grid.number}表")
        self.org_label.setText(grid.org_label)
        self.year_label.setText(grid.year_label)
        self.unit_label.setText(grid.unit_label)
        notes = [grid.note] if grid.note else []
        if grid.no_data:
            notes.append(grid.empty_note)
        self.note_label.setText("\n".join(notes))
        self.note_label.setVisible(bool(notes))
        if old is None or old.merges != grid.merges or len(old.cells) != len(grid.cells):
            self.table.clearSpans()
            for m in grid.merges:
                self.table.setSpan(m.row, m.col, m.rows, m.cols)
        unit = self.fontMetrics().horizontalAdvance("0")
        for col, width in enumerate(grid.widths):
            self.table.setColumnWidth(col, int(width * unit) + 6)
        line = self.fontMetrics().height()
        for r in range(len(grid.cells)):
            self.table.setRowHeight(r, line + 10 if r >= grid.header_rows else line * 2 + 10)

    # ------------------------------------------------------------ placeholders

    def owed(self) -> list[str]:
        """The keys the text still needs, in its order."""
        return placeholders(self.text) if self.text is not None else []

    def jump_to(self, key: str) -> None:
        """Ask the window to show where the text of placeholder `key` is written."""
        self.message.emit(f"请填写：{describe_reason(key, Names.of(self.document.report))}")
        self.jump_requested.emit(location_of(key))
