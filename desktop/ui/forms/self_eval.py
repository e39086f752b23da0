"""项目绩效自评: per project its funding lines, indicators and analysis texts, with the
scoring engine's proposal, 总分 and 等级 shown beside what the officer typed.

    Report.self_evals[i] ──self_eval.evaluate──> 执行率, 执行得分, proposed scores, 总分, 等级

The engine proposes, the officer decides: an empty 得分 takes the proposal.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
)
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core import catalog
from desktop.core.checks import Form, Location
from desktop.core.edits import Change, InputError, add_project, parse_money, remove_records
from desktop.core.model import FundingLine, FundKind, Indicator, Report
from desktop.core.money import Money, format_amount
from desktop.core.self_eval import Evaluation, evaluate, format_points
from desktop.ui.checker import Key, LiveChecker, worst
from desktop.ui.dialogs import ConfirmDialog, TextDialog
from desktop.ui.document import ProjectDocument
from desktop.ui.forms.base import FormPage, group, list_page, remove_button, reveal, scrolled
from desktop.ui.models.records import Column, RecordListModel
from desktop.ui.models.sheet import TINT, Kind

Index = QModelIndex | QPersistentModelIndex

TEXTS = (
    ("implementation", "项目实施和预算执行情况及分析"),
    ("output", "产出情况及分析"),
    ("benefit", "效益情况及分析"),
    ("satisfaction", "满意度情况及分析"),
    ("experience", "主要经验做法"),
    ("problems", "存在的主要问题及原因分析"),
    ("improvements", "下一步改进措施及管理建议"),
    ("basic_info", "项目基本信息（自评分析报告用）"),
)


class ProjectsModel(QAbstractListModel):
    """The projects' names, with how many 错误/警告 each has."""

    def __init__(self, document: ProjectDocument, checker: LiveChecker) -> None:
        super().__init__(document)
        self._document = document
        self._checker = checker
        self._names = [p.name for p in document.report.self_evals]
        document.changed.connect(self._reload)
        checker.updated.connect(self._recount)

    def _reload(self, _change: object = None) -> None:
        names = [p.name for p in self._document.report.self_evals]
        if names != self._names:
            self.beginResetModel()
            self._names = names
            self.endResetModel()

    def _recount(self) -> None:
        if self._names:
            self.dataChanged.emit(self.index(0), self.index(len(self._names) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._names)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._names):
            return None
        name = self._names[index.row()]
        found = self._checker.index.on_row(Form.SELF_EVAL, name)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{name}（{len(found)}）" if found else name
        if role == Qt.ItemDataRole.BackgroundRole:
            top = worst(found)
            return TINT[top.severity] if top is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f.message for f in found) or name
        return None


def _points(value: Any) -> str:
    return "—" if value is None else format_points(value)


def indicator_columns(proposed: Callable[[Report, int, Any], Any]) -> tuple[Column, ...]:
    """The columns of an indicators grid — a project's, and the unit's, which are exactly
    like a project's — with the scoring rules' proposal read by `proposed`."""
    return (
        Column("level1", "一级指标", Kind.TEXT, 8),
        Column("level2", "二级指标", Kind.TEXT, 8),
        Column("level3", "三级指标", Kind.TEXT, 18),
        Column("weight", "分值", Kind.WEIGHT, 5),
        Column("target", "调整后指标值", Kind.TEXT, 11),
        Column("actual", "实际完成值", Kind.TEXT, 11),
        Column(
            "",
            "建议得分",
            Kind.POINTS,
            8,
            read=proposed,
            tip="按评分规则算出的得分（定量指标按完成比例，定性指标按达成程度）",
        ),
        Column("score", "得分", Kind.POINTS, 5, tip="不填则采用建议得分"),
        Column("deviation", "偏差原因分析及改进措施", Kind.TEXT, 24),
        Column("initial_value", "年初指标值", Kind.TEXT, 11),
        Column("qualitative_note", "定性指标情况说明", Kind.TEXT, 16),
    )


FUND_KINDS: tuple[tuple[str, FundKind | None], ...] = (
    ("（未选择）", None),
    *((k.value, k) for k in FundKind),
)


def _money_text(value: Money) -> str:
    return format_amount(value) if value is not None else ""


class SelfEvalPage(FormPage):
    form = Form.SELF_EVAL
    title = form.value

    def __init__(self, document: ProjectDocument, checker: LiveChecker) -> None:
        super().__init__(document, checker)
        self.current = 0 if document.report.self_evals else -1
        b = self.binder
        assert b is not None

        self.projects = ProjectsModel(document, checker)
        self.list = QListView()
        self.list.setModel(self.projects)
        self.list.selectionModel().currentChanged.connect(
            lambda cur, _prev: self.select_project(cur.row())
        )
        add = QPushButton("添加项目(&P)")
        add.clicked.connect(self.add_project)
        remove = QPushButton("删除项目(&R)")
        remove.clicked.connect(self.remove_project)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("二级项目"))
        left_layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        left_layout.addLayout(row)

        def at(*fields: str | int) -> Callable[[], Any]:
            return lambda: ("self_evals", self.current, *fields) if self.current >= 0 else None

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(
            "QLabel { background: #f2f4f7; border: 1px solid #d5dae1; padding: 6px; }"
        )

        def project_name(report: Report) -> str:
            evals = report.self_evals
            return evals[self.current].name if 0 <= self.current < len(evals) else ""

        def on_project(field: str) -> Callable[[], tuple[Key, ...]]:
            """Findings of the project shown at `field` tint the widget (and lead to it)."""
            return lambda: ((project_name(self.document.report), field),)

        info = QWidget()
        info_form = QFormLayout(info)
        info_form.addRow(
            "项目名称", b.line(at("name"), "项目名称", keys=(), parse=self._parse_name)
        )
        info_form.addRow("主管部门及代码", b.line(at("department"), "主管部门及代码"))
        info_form.addRow("预算单位", b.line(at("unit"), "预算单位"))

        self.code = b.line(
            at("code"),
            "功能分类科目",
            keys=on_project("code"),
            parse=self._parse_code,
            show=self._show_code,
            placeholder="项目支出所在的“项”级科目，输入编码或名称，如 2010350 或 事业运行",
        )
        self._codes = QStringListModel(self)
        completer = QCompleter(self._codes, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(15)
        self.code.setCompleter(completer)
        # The completer's list is made when the officer goes to the field, and again only
        # when the ledger's 科目 or the catalog changed: on a 10,000-row ledger it takes a
        # few hundredths of a second, too long for every edit of a figure.
        self._codes_stale = True
        self._codes_from: object = None
        self.code.installEventFilter(self)
        self.fund_kind = b.combo(
            at("fund_kind"), "资金性质", FUND_KINDS, keys=on_project("fund_kind")
        )
        self.fund_kind.setToolTip("项目资金来自哪一本预算：按资金性质核对项目支出的覆盖情况")
        self.program = b.line(
            at("program"),
            "所属一级项目",
            keys=on_project("program"),
            placeholder="本二级项目所属的一级项目名称",
        )
        self.level1 = b.check(at("level1"), "本项目是一级项目", keys=on_project("level1"))
        program_row = QHBoxLayout()
        program_row.addWidget(self.program, 1)
        program_row.addWidget(self.level1)
        classification = QHBoxLayout()
        classification.addWidget(self.code, 3)
        classification.addWidget(QLabel("资金性质"))
        classification.addWidget(self.fund_kind, 1)
        info_form.addRow("功能分类科目", classification)
        info_form.addRow("一级项目", program_row)
        self.project_type = b.line(
            at("project_type"),
            "项目类型",
            keys=on_project("project_type"),
            placeholder="如：可执行项目（项目单位自评汇总表用）",
        )
        self.funding_office = b.line(
            at("funding_office"), "资金归口处室", keys=on_project("funding_office")
        )
        self.system_executed = b.line(
            at("system_executed"),
            "系统查询全年执行数",
            keys=on_project("system_executed"),
            parse=parse_money,
            show=_money_text,
            placeholder="预算管理系统中查询到的全年执行数（元），用于核对",
        )
        office_row = QHBoxLayout()
        office_row.addWidget(self.project_type, 1)
        office_row.addWidget(QLabel("资金归口处室"))
        office_row.addWidget(self.funding_office, 1)
        info_form.addRow("项目类型", office_row)
        info_form.addRow("系统查询全年执行数", self.system_executed)
        goal = b.text(at("goal"), "年度目标", keys=on_project("goal"))
        goal.setMaximumHeight(90)
        achieved = b.text(at("achieved"), "实际完成情况", keys=on_project("achieved"))
        achieved.setMaximumHeight(90)
        info_form.addRow("年度目标", goal)
        info_form.addRow("实际完成情况", achieved)

        def funding_keys(report: Report, i: int, _x: Any, field: str) -> tuple[Key, ...]:
            name = project_name(report)
            keys: tuple[Key, ...] = ((name, f"funding[{i}].{field}"),)
            if field in ("full_year", "executed"):
                keys += ((name, "funding"),)
            return keys

        self.funding = RecordListModel(
            document,
            checker,
            Form.SELF_EVAL,
            self._path("funding"),
            (
                Column("source", "资金来源", Kind.TEXT, 16),
                Column("declared", "年初预算数：\n目标申报数", Kind.MONEY, 13),
                Column("budgeted", "年初预算数：\n预算编制数", Kind.MONEY, 13),
                Column("full_year", "全年预算数", Kind.MONEY, 13),
                Column("executed", "全年执行数", Kind.MONEY, 13),
                Column("note", "偏差原因", Kind.TEXT, 18),
            ),
            lambda: FundingLine(""),
            funding_keys,
            noun="行资金",
        )
        funding_view = self.sheet(self.funding)
        funding_view.setMinimumHeight(120)

        def indicator_keys(report: Report, i: int, _x: Any, field: str) -> tuple[Key, ...]:
            name = project_name(report)
            if not field:
                field = "score"
            return ((name, f"indicators[{i}].{field}"),)

        def proposed(report: Report, i: int, _x: Any) -> Any:
            evals = report.self_evals
            if not 0 <= self.current < len(evals):
                return None
            results = evaluate(evals[self.current], papers=document.papers).indicators
            return results[i].proposed if i < len(results) else None

        self.indicators = RecordListModel(
            document,
            checker,
            Form.SELF_EVAL,
            self._path("indicators"),
            indicator_columns(proposed),
            lambda: Indicator("", "", "", Decimal(0)),
            indicator_keys,
            noun="个指标",
        )
        indicators_view = self.indicators_view = self.sheet(self.indicators)

        add_line = QPushButton("添加资金来源(&F)")
        add_line.clicked.connect(self.funding.append)
        remove_line = remove_button(self.funding, funding_view)
        add_ind = QPushButton("添加指标(&A)")
        add_ind.clicked.connect(self.indicators.append)
        remove_ind = remove_button(self.indicators, indicators_view, "删除所选指标(&D)")

        basic_inner = QWidget()
        basic_layout = QVBoxLayout(basic_inner)
        basic_layout.addWidget(info)
        funding_box = list_page(funding_view, add_line, remove_line, margins=False)
        funding_view.setMinimumHeight(funding_view.verticalHeader().defaultSectionSize() * 6)
        basic_layout.addWidget(group("预算安排及执行情况（元）", funding_box), 1)
        basic_tab = QWidget()  # scrolls on a 1366×768 screen rather than grow the window
        scrolled(basic_tab, basic_inner)

        indicators_tab = list_page(
            indicators_view,
            add_ind,
            remove_ind,
            note="“建议得分”由评分规则计算：定量指标按实际值与指标值之比，“≤”类成本指标不超过即满分；"
            "定性指标“达成预期指标”得满分。“得分”不填即采用建议得分；改动得分需填写偏差原因。",
        )

        texts_inner = QWidget()
        tl = QFormLayout(texts_inner)
        for field, label in TEXTS:
            edit = b.text(at("texts", field), label, keys=on_project(f"texts.{field}"))
            edit.setMinimumHeight(70)
            edit.setMaximumHeight(110)
            tl.addRow(label, edit)
        texts_tab = QScrollArea()
        texts_tab.setWidgetResizable(True)
        texts_tab.setWidget(texts_inner)

        self.tabs = QTabWidget()
        self.tabs.addTab(basic_tab, "基本信息与资金")
        self.tabs.addTab(indicators_tab, "绩效指标")
        self.tabs.addTab(texts_tab, "分析说明")

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.summary)
        rl.addWidget(self.tabs, 1)
        self.empty = QLabel("还没有项目。点击左下角“添加项目”开始填写项目支出绩效自评。")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        rl.addWidget(self.empty)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        document.changed.connect(self._on_changed)
        checker.updated.connect(self._show_summary)
        self.select_project(self.current)

    # ------------------------------------------------------------ projects

    def _path(self, field: str) -> tuple[str | int, ...] | None:
        return ("self_evals", self.current, field) if self.current >= 0 else None

    def _parse_code(self, text: str) -> str:
        """「2010350 事业运行」, a code or a name → the 项 code; empty clears it."""
        if not text.strip():
            return ""
        names = self.document.names()
        return catalog.find_item(text, names.functional, names.year)

    def _show_code(self, code: Any) -> str:
        return self.document.names().code(code) if code else ""

    def fill_codes(self) -> None:
        """The completer offers the ledger's 项 first (where projects are paid), then the rest
        of the catalog of the report's year."""
        if not self._codes_stale:
            return
        self._codes_stale = False
        names = self.document.names()
        ledger = tuple(row.code for row in self.document.report.ledger if len(row.code) == 7)
        made_from = (ledger, names)
        if made_from == self._codes_from:
            return
        self._codes_from = made_from
        rest = [e.code for e in names.functional if len(e.code) == 7]
        entries = [names.code(c) for c in dict.fromkeys([*ledger, *rest])]
        if entries != self._codes.stringList():
            self._codes.setStringList(entries)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.code and event.type() == QEvent.Type.FocusIn:
            self.fill_codes()
        return super().eventFilter(watched, event)

    def _parse_name(self, text: str) -> str:
        name = text.strip()
        if not name:
            raise InputError("项目名称不能为空")
        others = [
            p.name for i, p in enumerate(self.document.report.self_evals) if i != self.current
        ]
        if name in others:
            raise InputError(f"已有名为「{name}」的项目")
        return name

    def select_project(self, row: int) -> None:
        count = len(self.document.report.self_evals)
        self.current = row if 0 <= row < count else (0 if count else -1)
        self.funding.set_path(self._path("funding"))
        self.indicators.set_path(self._path("indicators"))
        if self.binder is not None:
            self.binder.refresh()
        if self.current >= 0:
            index = self.projects.index(self.current)
            if self.list.currentIndex() != index:
                self.list.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
        has = self.current >= 0
        self.tabs.setVisible(has)
        self.summary.setVisible(has)
        self.empty.setVisible(not has)
        self._show_summary()

    def _on_changed(self, change: Change) -> None:
        if change.touches(Form.LEDGER) or change.touches(Form.UNIT):
            self._codes_stale = True
        count = len(self.document.report.self_evals)
        if self.current >= count or (self.current < 0 and count):
            self.select_project(min(self.current, count - 1) if count else -1)
        elif change.forms is None:
            self.select_project(self.current)
        else:
            self._show_summary()

    def add_project(self) -> bool:
        name = TextDialog.ask(self, "添加项目", "二级项目名称：")
        if name is None:
            return False
        try:
            new, change = add_project(self.document.report, name)
        except InputError as exc:
            self.message.emit(str(exc))
            return False
        self.document.apply((new, change), f"添加项目 {name}")
        self.select_project(len(new.self_evals) - 1)
        return True

    def remove_project(self) -> bool:
        report = self.document.report
        if not 0 <= self.current < len(report.self_evals):
            return False
        name = report.self_evals[self.current].name
        if not ConfirmDialog.ask(
            self, "删除项目", f"删除项目「{name}」及其全部自评内容？（可撤销）"
        ):
            return False
        new, change = remove_records(report, ("self_evals",), [self.current])
        self.document.apply((new, change), f"删除项目 {name}")
        self.select_project(min(self.current, len(new.self_evals) - 1))
        return True

    # ------------------------------------------------------------ summary

    def evaluation(self) -> Evaluation | None:
        evals = self.document.report.self_evals
        if not 0 <= self.current < len(evals):
            return None
        return evaluate(evals[self.current], papers=self.document.papers)

    def _show_summary(self) -> None:
        e = self.evaluation()
        if e is None:
            self.summary.setText("")
            return
        name = e.name
        found = self.checker.index.at(Form.SELF_EVAL, ((name, "funding"),))
        rate = "—" if e.rate is None else f"{e.rate:.2f}%"
        warn = f"<br><span style='color:#b26a00'>⚠ {found[0].message}</span>" if found else ""
        grade = e.grade.value if e.grade else "—"
        self.summary.setText(
            f"<b>{name}</b>　全年预算数 {format_amount(e.full_year) or '—'} 元　"
            f"全年执行数 {format_amount(e.executed) or '—'} 元　"
            f"预算执行率 <b>{rate}</b>　执行得分 <b>{_points(e.rate_score)}</b>　"
            f"指标得分 <b>{_points(e.indicator_total)}</b>　"
            f"总分 <b>{_points(e.total)}</b>　等级 <b>{grade}</b>"
            f"<span style='color:#5a6270'>（自动计算）</span>{warn}"
        )

    # ------------------------------------------------------------ findings

    def focus_location(self, location: Location) -> bool:
        names = [p.name for p in self.document.report.self_evals]
        if location.row in names:
            self.select_project(names.index(location.row))
        if location.field == "funding" or location.field.startswith("funding"):
            self.tabs.setCurrentIndex(0)
        elif location.field.startswith("indicators"):
            self.tabs.setCurrentIndex(1)
        if location.field == "indicators" and location.row in names:
            # the indicators as a whole (their weights, or none yet): the grid, not a cell
            # of another list of the project
            if self.indicators.rowCount():
                reveal(self.indicators_view, self.indicators.index(0, 0))
            else:
                self.indicators_view.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().focus_location(location)
