"""部门整体自评: the unit's overall performance self-evaluation (部门整体支出绩效自评).

    Report.unit_self_eval (None: the unit did not evaluate itself as a whole)
        funding          ── a row per 资金来源: 年初预算数, 全年预算数, the typed 全年执行数
                            (kept only to be checked), 偏差原因
        rate_weight      ── the 预算执行 分值, in the figures row beside what is computed:
                            年初/全年预算数 (Σ rows), 全年执行数 (the report's spending the
                            edition names), 执行率, 执行得分, 指标得分, 总分, 等级
        duties_goal / duties_achieved, tasks, summary ── 年度目标, 年度主要任务 rows, 综述
        texts            ── the prose slots of the edition's 部门整体绩效评价报告
                            (`self_eval_tables.report_slots`), one box each, those still
                            unwritten listed above them (each a publishing blocker)
        indicators       ── a grid like a project's, the scoring rules' proposal beside 得分
        declared_score   ── the 总分 typed by hand: only while there are no indicators

    self_eval.evaluate_unit(report, derived) ──> every computed figure of the page

Its findings point at Location(Form.UNIT_EVAL, "整体支出", field); the text's 预算绩效
情况说明 and the workbook's 部门整体支出绩效自评表 read the same record and the same engine.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checks import Form, Location
from desktop.core.checks.self_eval import UNIT_ROW
from desktop.core.editions import EditionError
from desktop.core.edits import Change, set_unit_text, set_value
from desktop.core.errors import JuesuanError
from desktop.core.model import FundingLine, Indicator, Report, Task, UnitSelfEval
from desktop.core.self_eval import UnitEvaluation, evaluate_unit, propose
from desktop.core.self_eval_forms import Slot
from desktop.core.self_eval_tables import report_slots
from desktop.ui.checker import Key, LiveChecker
from desktop.ui.dialogs import ConfirmDialog
from desktop.ui.document import ProjectDocument
from desktop.ui.forms.base import (
    FormPage,
    group,
    hint,
    list_page,
    remove_button,
    reveal,
    scrolled,
)
from desktop.ui.forms.self_eval import indicator_columns
from desktop.ui.models.fields import Computed, Field, FieldRow, FieldTableModel
from desktop.ui.models.records import Column, RecordListModel
from desktop.ui.models.sheet import Kind
from desktop.ui.widgets.bound import CommitTextEdit

ROW = UNIT_ROW  # the row key of this form's findings
PATH = ("unit_self_eval",)
SCORE_COL = 8  # 总分: typed while there are no indicators, computed once there are


class FiguresModel(FieldTableModel):
    """The one row of figures; empty and read-only while there is no evaluation. 总分 is
    the officer's cell only while no indicator is entered."""

    def __init__(self, document: ProjectDocument, checker: LiveChecker) -> None:
        self._memo: tuple[Report, UnitEvaluation | None] | None = None

        def figure(read: Callable[[UnitEvaluation], Any]) -> Callable[[Report], Any]:
            def value(report: Report) -> Any:
                ev = self.evaluation(report)
                return None if ev is None else read(ev)

            return value

        funding: tuple[Key, ...] = ((ROW, "funding"),)
        self._declared = Field(
            (*PATH, "declared_score"),
            Kind.POINTS,
            ((ROW, "declared_score"), ("自评得分", "declared_score")),
        )
        self._computed = Computed(
            figure(lambda ev: ev.total), Kind.POINTS, ((ROW, "declared_score"),)
        )
        super().__init__(
            document,
            checker,
            Form.UNIT_EVAL,
            (
                "",
                "年初预算数",
                "全年预算数",
                "全年执行数",
                "执行率",
                "预算执行\n分值",
                "执行得分",
                "指标得分",
                "总分",
                "等级",
            ),
            (
                FieldRow(
                    "部门整体支出",
                    (
                        Computed(figure(lambda ev: ev.initial), Kind.MONEY),
                        Computed(figure(lambda ev: ev.full_year), Kind.MONEY, funding),
                        Computed(figure(lambda ev: ev.executed), Kind.MONEY, funding),
                        Computed(figure(lambda ev: ev.rate), Kind.PERCENT),
                        Field((*PATH, "rate_weight"), Kind.WEIGHT, ((ROW, "rate_weight"),)),
                        Computed(figure(lambda ev: ev.rate_score), Kind.POINTS),
                        # the indicators as a whole: their weights, or none entered yet
                        Computed(
                            figure(lambda ev: ev.indicator_total),
                            Kind.POINTS,
                            ((ROW, "indicators"),),
                        ),
                        self._declared,
                        Computed(
                            figure(lambda ev: ev.grade.value if ev.grade else None), Kind.TEXT
                        ),
                    ),
                ),
            ),
            (12, 15, 15, 15, 9, 8, 8, 8, 8, 6),
        )
        self.header_tips = (
            "",
            "各资金来源年初预算数之和",
            "各资金来源全年预算数之和",
            "本报告收入支出表的支出（报表版式规定取本年支出合计或项目支出），不需填写",
            "全年执行数 ÷ 全年预算数",
            "预算执行率的分值，与各项指标分值合计应为100分",
            "预算执行分值 × 执行率（最多100%）",
            "各项指标得分之和（每项不超过其分值）",
            "执行得分 + 指标得分；没有填写绩效指标时，在这里填写自评得分",
            "总分 ≥90 优、≥80 良、≥60 中，其余为差",
        )

    def evaluation(self, report: Report) -> UnitEvaluation | None:
        """The engine's figures for `report`, kept until the report changes."""
        if self._memo is None or self._memo[0] is not report:
            self._memo = (report, evaluate_unit(report, self.document.derived(report)))
        return self._memo[1]

    def cell(self, row: int, col: int) -> Field | Computed | None:
        if col == SCORE_COL:
            u = self.document.report.unit_self_eval
            return self._computed if u is not None and u.indicators else self._declared
        return super().cell(row, col)

    def value(self, row: int, col: int) -> Any:
        if col > 0 and self.document.report.unit_self_eval is None:
            return None
        return super().value(row, col)

    def editable(self, row: int, col: int) -> bool:
        return self.document.report.unit_self_eval is not None and super().editable(row, col)


class ReportTexts(QWidget):
    """评价报告: a box for each prose slot of the edition's 部门整体绩效评价报告, and above
    them the slots still unwritten — a final report is refused while any remain."""

    message = Signal(str)

    def __init__(self, document: ProjectDocument) -> None:
        super().__init__()
        self.document = document
        self.slots: tuple[Slot, ...] = ()
        self.boxes: dict[str, CommitTextEdit] = {}
        self.missing_note = QLabel()
        self.missing_note.setWordWrap(True)
        self.missing_note.setStyleSheet("color: #c62828;")
        self._inner = QWidget()
        self._rows = QFormLayout(self._inner)
        holder = QWidget()
        scrolled(holder, self._inner)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint("部门整体绩效评价报告中由单位撰写的段落；报告中的数字由软件按自评表和公开表生成。")
        )
        layout.addWidget(self.missing_note)
        layout.addWidget(holder, 1)

    def refresh(self, origin: object = None) -> None:
        report = self.document.report
        try:
            slots = report_slots(report) if report.unit_self_eval is not None else ()
        except EditionError:  # an unknown edition: 预览 and 生成 say so
            slots = ()
        if slots != self.slots:
            self._build(slots)
        unit = report.unit_self_eval
        missing = []
        for slot in self.slots:
            text = unit.text(slot.key) if unit is not None else ""
            box = self.boxes[slot.key]
            if box is not origin:
                box.load(text)
            if not text.strip():
                missing.append(slot.label)
        self.missing_note.setText(
            f"尚未填写 {len(missing)} 段：{'、'.join(missing)}（正式版需全部填写）"
            if missing
            else ""
        )
        self.missing_note.setVisible(bool(missing))

    def missing(self) -> list[str]:
        unit = self.document.report.unit_self_eval
        return [s.key for s in self.slots if unit is None or not unit.text(s.key).strip()]

    def _build(self, slots: tuple[Slot, ...]) -> None:
        while self._rows.rowCount():
            self._rows.removeRow(0)
        self.boxes = {}
        self.slots = slots
        for slot in slots:
            box = CommitTextEdit()
            box.setPlaceholderText(f"【请填写{slot.label}】")
            box.setMinimumHeight(box.fontMetrics().lineSpacing() * 4)
            box.commit.connect(lambda key=slot.key: self.commit(key))
            box.refused.connect(self.message)
            self._rows.addRow(slot.label, box)
            self.boxes[slot.key] = box

    def commit(self, key: str) -> bool:
        box = self.boxes[key]
        label = next(s.label for s in self.slots if s.key == key)
        try:
            edit = set_unit_text(self.document.report, key, box.toPlainText())
        except JuesuanError as exc:
            self.message.emit(f"{label}：{exc}")
            return False
        return self.document.apply(
            edit,
            f"修改 评价报告：{label}",
            origin=box,
            merge_key=f"unit_eval:texts:{key}",
            where=Location(Form.UNIT_EVAL, key, "texts"),
        )

    def commit_pending(self) -> None:
        for box in self.boxes.values():
            if box.pending():
                box.commit.emit()

    def focus(self, key: str) -> bool:
        box = self.boxes.get(key)
        if box is None:
            return False
        box.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


class UnitEvalPage(FormPage):
    form = Form.UNIT_EVAL
    title = form.value

    def __init__(self, document: ProjectDocument, checker: LiveChecker) -> None:
        super().__init__(document, checker)
        b = self.binder
        assert b is not None

        self.enabled = QCheckBox("本单位开展了部门（单位）整体支出绩效自评(&Z)")
        self.enabled.setToolTip(
            "勾选后填写整体自评；情况说明“预算绩效情况说明”和附件的整体自评表引用这里的内容"
        )
        self.enabled.toggled.connect(self.set_enabled)

        self.figures = FiguresModel(document, checker)
        figures_view = self.sheet(self.figures, fit=True)
        figures_view.setMaximumWidth(figures_view.minimumWidth())  # one short row: no stretch

        def row_keys(name: str) -> Callable[[Report, int, Any, str], tuple[Key, ...]]:
            def keys(_r: Report, i: int, _x: Any, field: str) -> tuple[Key, ...]:
                out: tuple[Key, ...] = ((ROW, f"{name}[{i}].{field or 'score'}"),)
                if name == "funding" and field in ("full_year", "executed"):
                    out += ((ROW, "funding"),)
                return out

            return keys

        self.funding = RecordListModel(
            document,
            checker,
            Form.UNIT_EVAL,
            self._path("funding"),
            (
                Column("source", "资金来源", Kind.TEXT, 16),
                Column("budgeted", "年初预算数", Kind.MONEY, 14),
                Column("full_year", "全年预算数", Kind.MONEY, 14),
                Column(
                    "executed",
                    "全年执行数\n（核对用）",
                    Kind.MONEY,
                    14,
                    tip="整体自评的执行数取本报告的支出；这里填写的执行数只用于核对",
                ),
                Column("note", "偏差原因", Kind.TEXT, 22),
            ),
            lambda: FundingLine(""),
            row_keys("funding"),
            noun="行资金",
        )
        funding_view = self.sheet(self.funding)
        funding_view.setMinimumHeight(90)
        funding_view.setMaximumHeight(150)  # a few 资金来源: the tabs below need the room
        add_line = QPushButton("添加资金来源(&F)")
        add_line.clicked.connect(self.funding.append)
        remove_line = remove_button(self.funding, funding_view)

        goal = b.text(
            (*PATH, "duties_goal"),
            "年度目标",
            placeholder="如：围绕本单位职责，全面完成年度各项工作任务……",
        )
        achieved = b.text(
            (*PATH, "duties_achieved"),
            "年度目标实际完成情况",
            placeholder="对照年度目标逐项说明完成情况",
        )
        summary = b.text(
            (*PATH, "summary"),
            "自评综述",
            placeholder="年度绩效目标完成情况；发现的主要问题及原因；下一步改进措施。",
        )

        self.tasks = RecordListModel(
            document,
            checker,
            Form.UNIT_EVAL,
            self._path("tasks"),
            (
                Column("name", "任务名称", Kind.TEXT, 16),
                Column("content", "主要内容", Kind.TEXT, 30),
                Column("achieved", "实际完成情况", Kind.TEXT, 30),
            ),
            Task,
            row_keys("tasks"),
            noun="项任务",
        )
        tasks_view = self.sheet(self.tasks)
        add_task = QPushButton("添加任务(&T)")
        add_task.clicked.connect(self.tasks.append)
        remove_task = remove_button(self.tasks, tasks_view, "删除所选任务")

        def proposed(_r: Report, _i: int, x: Indicator) -> Any:
            return propose(x)

        self.indicators = RecordListModel(
            document,
            checker,
            Form.UNIT_EVAL,
            self._path("indicators"),
            indicator_columns(proposed),
            lambda: Indicator("", "", "", Decimal(0)),
            row_keys("indicators"),
            noun="个指标",
        )
        self.indicators_view = self.sheet(self.indicators)
        add = QPushButton("添加指标(&A)")
        add.clicked.connect(self.indicators.append)
        remove = remove_button(self.indicators, self.indicators_view, "删除所选指标(&D)")

        goals_tab = QWidget()
        gl = QHBoxLayout(goals_tab)
        gl.addWidget(group("预期目标", goal), 1)
        gl.addWidget(group("实际完成情况", achieved), 1)

        tasks_tab = list_page(
            tasks_view,
            add_task,
            remove_task,
            note="年度主要任务：每项任务一行，写明主要内容和实际完成情况。",
        )
        indicators_tab = list_page(
            self.indicators_view,
            add,
            remove,
            note="整体绩效指标可按“产出、效益、满意度”填写，分值与预算执行分值合计100分；"
            "“建议得分”由评分规则计算，“得分”不填即采用建议得分，改动得分需填写偏差原因。"
            "填写了指标，总分即按指标计算；没有分项指标的单位在上方“总分”中填写自评得分。",
        )
        summary_tab = QWidget()
        sl = QVBoxLayout(summary_tab)
        sl.addWidget(
            hint("情况说明的“预算绩效情况说明”引用这里的文字，附件整体自评表也打印这段综述。")
        )
        sl.addWidget(summary, 1)

        self.report_texts = ReportTexts(document)
        self.report_texts.message.connect(self.message)

        self.tabs = QTabWidget()
        self.tabs.addTab(goals_tab, "年度目标")
        self.tabs.addTab(tasks_tab, "年度主要任务")
        self.tabs.addTab(indicators_tab, "绩效指标")
        self.tabs.addTab(summary_tab, "自评综述")
        self.texts_tab = self.tabs.addTab(self.report_texts, "评价报告")

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(
            group(
                "预算执行与得分",
                figures_view,
                list_page(funding_view, add_line, remove_line, margins=False),
                note="金额单位：元。灰底为自动计算：全年执行数取本报告收入支出表的支出，"
                "执行率、执行得分、总分和等级由评分规则计算。下表按资金来源填写预算数；"
                "填写的执行数只用于核对。",
            )
        )
        body.addWidget(self.tabs, 1)
        self.off_note = hint(
            "本单位未开展部门整体支出绩效自评时不必填写此页：情况说明中不写整体自评的内容，"
            "附件也不附整体自评表。开展了的，请勾选上方选项后填写。"
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled)
        layout.addWidget(self.off_note)
        layout.addWidget(self.body, 1)
        layout.addStretch(0)

        document.changed.connect(self._on_changed)
        self._show_state()

    # ------------------------------------------------------------ present or not

    def _path(self, field: str) -> tuple[str, ...] | None:
        return (*PATH, field) if self.document.report.unit_self_eval is not None else None

    def _on_changed(self, change: Change) -> None:
        if change.touches(Form.UNIT_EVAL) or change.touches(Form.UNIT):
            self._show_state(change.origin)

    def _show_state(self, origin: object = None) -> None:
        present = self.document.report.unit_self_eval is not None
        self.report_texts.refresh(origin)
        owed = len(self.report_texts.missing())
        self.tabs.setTabVisible(self.texts_tab, bool(self.report_texts.slots))
        self.tabs.setTabText(self.texts_tab, f"评价报告（缺{owed}段）" if owed else "评价报告")
        self.enabled.blockSignals(True)
        self.enabled.setChecked(present)
        self.enabled.blockSignals(False)
        self.body.setVisible(present)
        self.off_note.setVisible(not present)
        for model, field in (
            (self.funding, "funding"),
            (self.tasks, "tasks"),
            (self.indicators, "indicators"),
        ):
            path = self._path(field)
            if path != model.path:
                model.set_path(path)

    def set_enabled(self, on: bool) -> bool:
        """Start an (empty) evaluation, or remove it after asking when it has content."""
        report = self.document.report
        current = report.unit_self_eval
        if on == (current is not None):
            return False
        if on:
            edit = set_value(report, PATH, UnitSelfEval())
            text = "开始填写部门整体自评"
        else:
            assert current is not None
            if current != UnitSelfEval() and not ConfirmDialog.ask(
                self, "删除部门整体自评", "删除已填写的部门整体自评全部内容？（可撤销）"
            ):
                self._show_state()
                return False
            edit = set_value(report, PATH, None)
            text = "删除部门整体自评"
        done = self.document.apply(edit, text)
        self._show_state()
        return done

    # ------------------------------------------------------------ findings

    def commit_pending(self) -> None:
        super().commit_pending()
        self.report_texts.commit_pending()

    def focus_location(self, location: Location) -> bool:
        field = location.field
        if location.form is Form.UNIT_EVAL and (field == "texts" or field.startswith("texts.")):
            # a prose slot of the 评价报告: 「texts」 at row <slot>, or 「texts.<slot>」
            key = location.row if field == "texts" else field.split(".", 1)[1]
            if key in self.report_texts.boxes:
                self.tabs.setCurrentWidget(self.report_texts)
                return self.report_texts.focus(key)
        if location.form is Form.UNIT_EVAL and location.field == "indicators":
            # the indicators as a whole (their weights, or none yet): the grid
            if self.indicators.rowCount():
                reveal(self.indicators_view, self.indicators.index(0, 0))
            else:
                self.tabs.setCurrentIndex(2)
                self.indicators_view.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().focus_location(location)
