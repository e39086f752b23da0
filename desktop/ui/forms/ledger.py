"""收入支出（按功能科目）: the working ledger from which 公开01–05, 07 and 08 derive.

One row per 项 typed by the officer; 类/款 rows and 合计 computed. Beside the grid:
adding a 科目 by code or name (completer over the functional catalog), removing rows,
finding a 科目 (Ctrl+F), showing or hiding column groups; below it the unit-level
结转和结余 of 公开01/04, folded to one line (with the 年末结转和结余) until opened.
科目代码 and 科目名称 are frozen at the left while the figures scroll.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from desktop.core import catalog
from desktop.core.checks import Form
from desktop.core.derive import FISCAL_SOURCES
from desktop.core.editions import EditionError, load_edition
from desktop.core.edits import Change, add_ledger_row, remove_ledger_rows
from desktop.core.model import Report
from desktop.core.money import format_amount
from desktop.core.vocabulary import FISCAL_CLOSING_NAMES, SOURCE_NAMES, TableRole, table_numbers
from desktop.ui.checker import LiveChecker
from desktop.ui.dialogs import NewCodeDialog
from desktop.ui.document import ProjectDocument
from desktop.ui.forms.base import FormPage, reveal
from desktop.ui.models.fields import Computed, Field, FieldRow, FieldTableModel
from desktop.ui.models.ledger import COLUMNS, GROUPS, LedgerModel
from desktop.ui.models.sheet import Emphasis
from desktop.ui.widgets.collapsible import Collapsible
from desktop.ui.widgets.frozen import FrozenColumns

FIRST_AMOUNT = 3  # the first typed column (一般公共预算财政拨款收入)
FROZEN = 2  # 科目代码, 科目名称


def _closing_title(report: Report) -> str:
    """「结转和结余（公开01、04）」: the tables of the report's edition these rows feed."""
    try:
        numbers = table_numbers(
            load_edition(report.unit.edition), (TableRole.TOTALS, TableRole.FISCAL_TOTALS)
        )
    except EditionError:  # an unknown edition: 预览 and 生成 say so
        numbers = ""
    return f"结转和结余（{numbers}）" if numbers else "结转和结余"


def _closing_rows(document: ProjectDocument) -> tuple[FieldRow, ...]:
    def opening(source: str) -> Computed:
        return Computed(lambda r: document.derived(r).totals[f"opening.{source}"])

    def fiscal_closing(source: str) -> Computed:
        return Computed(lambda r: document.derived(r).fiscal[source].closing)

    def declared(source: str) -> Field:
        label = FISCAL_CLOSING_NAMES[source]
        return Field(
            ("balances", "declared_fiscal_closing", source),
            keys=((None, f"declared_fiscal_closing.{source}"), (label, source)),
        )

    return (
        FieldRow(
            "年初结转和结余",
            (Field(("balances", "opening")), *(opening(s) for s in FISCAL_SOURCES)),
            tip="全部来源填在这里；财政拨款部分按科目填在上表“年初结转结余”各列，这里自动汇总",
        ),
        FieldRow("使用非财政拨款结余（含专用结余）", (Field(("balances", "use_nonfiscal")),)),
        FieldRow("结余分配", (Field(("balances", "distribution")),)),
        FieldRow(
            "年末结转和结余（填报数）",
            (Field(("balances", "declared_closing")), *(declared(s) for s in FISCAL_SOURCES)),
            tip="可不填；填了就与计算数核对",
        ),
        FieldRow(
            "年末结转和结余（计算数）",
            (
                Computed(lambda r: document.derived(r).balances.closing),
                *(fiscal_closing(s) for s in FISCAL_SOURCES),
            ),
            Emphasis.SUBTOTAL,
            tip="年初结转和结余 + 本年收入 + 使用非财政拨款结余 − 本年支出 − 结余分配",
        ),
    )


class LedgerPage(FormPage):
    form = Form.LEDGER
    title = form.value

    def __init__(self, document: ProjectDocument, checker: LiveChecker) -> None:
        super().__init__(document, checker)
        self.model = LedgerModel(document, checker)
        self.view = self.sheet(self.model)
        self.view.horizontalHeader().setMinimumHeight(self.fontMetrics().height() * 2 + 12)
        self.frozen = FrozenColumns(self.view, FROZEN)  # 科目代码 and 科目名称 stay in view

        self.add_edit = QLineEdit()
        self.add_edit.setPlaceholderText("输入科目代码或名称，如 2010301 或 行政运行")
        self.add_edit.setClearButtonEnabled(True)
        self._add_model = QStringListModel(self)
        completer = QCompleter(self._add_model, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(15)
        self.add_edit.setCompleter(completer)
        self.add_edit.returnPressed.connect(self._add_from_edit)
        add_button = QPushButton("添加科目(&A)")
        add_button.clicked.connect(self._add_from_edit)
        remove_button = QPushButton("删除所选科目(&D)")
        remove_button.setToolTip("删除选中的“项”级科目行（可撤销）")
        remove_button.clicked.connect(self.remove_selected)

        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText("查找科目（Ctrl+F）")
        self.find_edit.setClearButtonEnabled(True)
        self._find_model = QStringListModel(self)
        finder = QCompleter(self._find_model, self)
        finder.setFilterMode(Qt.MatchFlag.MatchContains)
        finder.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.find_edit.setCompleter(finder)
        finder.activated.connect(self.find_next)
        self.find_edit.returnPressed.connect(lambda: self.find_next(self.find_edit.text()))

        tools = QHBoxLayout()
        tools.addWidget(QLabel("添加科目："))
        tools.addWidget(self.add_edit, 3)
        tools.addWidget(add_button)
        tools.addWidget(remove_button)
        tools.addSpacing(16)
        tools.addWidget(self.find_edit, 2)

        toggles = QHBoxLayout()
        toggles.addWidget(QLabel("显示列："))
        self.toggles: dict[str, QToolButton] = {}
        for key, label in GROUPS.items():
            button = QToolButton()
            button.setText(label)
            button.setCheckable(True)
            button.setChecked(True)
            button.toggled.connect(lambda on, k=key: self.show_group(k, on))
            toggles.addWidget(button)
            self.toggles[key] = button
        toggles.addStretch(1)
        toggles.addWidget(QLabel("金额单位：元　　灰底为自动计算"))

        self.closing_model = FieldTableModel(
            document,
            checker,
            Form.LEDGER,
            ("结转和结余", "全部资金来源", *(f"{SOURCE_NAMES[s]}" for s in FISCAL_SOURCES)),
            _closing_rows(document),
            widths=(30, 16, 22, 22, 22),
        )
        closing_view = self.sheet(self.closing_model, fit=True)

        # folded by default: on a 1366×768 screen the grid needs the rows
        self.closing_box = Collapsible("结转和结余", closing_view, name="ledger.closing")
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addLayout(toggles)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.closing_box)

        # What the lists were made from: the unit (edition, year) and the catalog with
        # the officer's 科目 (derive keeps one object while custom_codes stay the same).
        self._unit: object = None
        self._listed: object = None  # (catalog, year) of the add list
        self._find_stale = True
        self.find_edit.installEventFilter(self)
        self.add_edit.installEventFilter(self)
        document.changed.connect(self._refresh_lists)
        self._refresh_lists(Change())

    # ------------------------------------------------------------ columns

    def show_group(self, key: str, on: bool) -> None:
        for col, column in enumerate(COLUMNS):
            if column.group == key:
                self.view.setColumnHidden(col, not on)

    # ------------------------------------------------------------ completers

    def _refresh_lists(self, change: Change) -> None:
        """After an edit: what the lists show is made again only when what they show
        changed (an edit of a figure changes neither the catalog nor the codes)."""
        if not (change.touches(Form.LEDGER) or change.touches(Form.UNIT)):
            return
        report = self.document.report
        if report.unit is not self._unit:
            self._unit = report.unit
            self.closing_box.set_title(_closing_title(report))
        closing = self.document.derived().balances.closing
        shown = "（未填）" if closing is None else f"{format_amount(closing)} 元"
        self.closing_box.set_summary(f"年末结转和结余（计算数）：{shown}")
        self._find_stale = True  # the lists are made when the officer goes to them

    def _fill_add_list(self) -> None:
        """Every 项 of the catalog and the officer's 科目, for the add box's completer;
        made again only when the catalog or the year changed."""
        cat = self.document.derived().functional
        year = self.document.report.unit.year
        if (cat, year) == self._listed:
            return
        self._listed = (cat, year)
        entries = [f"{e.code} {e.name_for(year)}" for e in cat if len(e.code) == 7]
        if entries != self._add_model.stringList():
            self._add_model.setStringList(entries)

    def _fill_find_list(self) -> None:
        """The 科目 in the grid, for the find box's completer."""
        if not self._find_stale:
            return
        self._find_stale = False
        d = self.document.derived()
        present = [
            f"{code} {d.name(code)}".strip()
            for code in (self.model.code_of(r) for r in range(1, self.model.rowCount()))
        ]
        if present != self._find_model.stringList():
            self._find_model.setStringList(present)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            if watched is self.find_edit:
                self._fill_find_list()
            elif watched is self.add_edit:
                self._fill_add_list()
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ rows

    def _add_from_edit(self) -> None:
        if self.add_code(self.add_edit.text()):
            self.add_edit.clear()

    def add_code(self, text: str) -> bool:
        """Add the 项 typed as a code or a name (one undo step); select its first cell."""
        report = self.document.report
        cat = self.document.derived().functional
        try:
            code = catalog.find_item(text, cat, report.unit.year)
        except catalog.CodeLookupError as exc:
            self.message.emit(str(exc))
            return False
        existing = self.model.row_of(code)
        if existing >= 0 and self.model.row(existing)[0] == "item":
            self.message.emit(f"科目 {code} 已在表中")
            reveal(self.view, self.model.index(existing, FIRST_AMOUNT))
            return False
        name = ""
        if code not in cat:
            asked = NewCodeDialog.ask(self, code)
            if asked is None:
                return False
            name = asked
        self.document.apply(add_ledger_row(report, code, name), f"添加科目 {code}")
        row = self.model.row_of(code)
        if row >= 0:
            reveal(self.view, self.model.index(row, FIRST_AMOUNT))
        self.message.emit(f"已添加科目 {code} {self.document.derived().name(code)}")
        return True

    def remove_selected(self) -> bool:
        rows = {i.row() for i in self.view.selected()}
        indices = sorted(self.model.ledger_index(r) for r in rows if self.model.row(r)[0] == "item")
        if not indices:
            self.message.emit("请先选中要删除的“项”级科目行（类、款行由下级汇总，不能删除）")
            return False
        codes = "、".join(self.document.report.ledger[i].code for i in indices[:5])
        edit = remove_ledger_rows(self.document.report, indices)
        self.document.apply(edit, f"删除科目 {codes}")
        self.message.emit(f"已删除科目 {codes}（可按 Ctrl+Z 撤销）")
        return True

    # ------------------------------------------------------------ find

    def focus_find(self) -> None:
        self._fill_find_list()
        self.find_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_edit.selectAll()

    def find_next(self, text: str) -> bool:
        """Select the next row (after the current one) whose code or name matches."""
        needle = text.strip().split()[0] if text.strip() else ""
        if not needle:
            return False
        d = self.document.derived()
        n = self.model.rowCount()
        start = self.view.currentIndex().row() + 1 if self.view.currentIndex().isValid() else 0
        for step in range(n):
            r = (start + step) % n
            code = self.model.code_of(r)
            if not code:
                continue
            if code.startswith(needle) or needle in d.name(code):
                col = self.view.currentIndex().column()
                reveal(self.view, self.model.index(r, col if col >= 0 else 1))
                return True
        self.message.emit(f"表中没有与「{needle}」匹配的科目")
        return False
