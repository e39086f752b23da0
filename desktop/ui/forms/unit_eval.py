"""部门整体自评: the unit's overall performance self-evaluation (部门整体支出绩效自评).

    Report.unit_self_eval (None: the unit did not evaluate itself as a whole)
        budget_total, executed_total, declared_score ── one-row grid, 执行率 computed
        duties_goal, main_tasks, summary           ── text boxes
        indicators                                 ── grid like a project's, with the
                                                      scoring rules' proposal beside 得分

Its findings point at Location(Form.UNIT_EVAL, "整体支出", field); the text's 预算绩效
情况说明 and the workbook's 部门整体支出绩效自评表 read the same record.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checks import Form
from desktop.core.edits import Change, set_value
from desktop.core.model import Indicator, Report, UnitSelfEval
from desktop.core.money import ratio
from desktop.core.self_eval import propose
from desktop.ui.checker import Key, LiveChecker
from desktop.ui.dialogs import ConfirmDialog
from desktop.ui.document import ProjectDocument
from desktop.ui.forms.base import FormPage, group, hint, list_page, remove_button
from desktop.ui.models.fields import Computed, Field, FieldRow, FieldTableModel
from desktop.ui.models.records import Column, RecordListModel
from desktop.ui.models.sheet import Kind

ROW = "整体支出"  # the row key of this form's findings
PATH = ("unit_self_eval",)


def _rate(report: Report) -> Decimal | None:
    u = report.unit_self_eval
    return None if u is None else ratio(u.executed_total, u.budget_total)


class FiguresModel(FieldTableModel):
    """The one-row grid of figures; empty and read-only while there is no evaluation."""

    def value(self, row: int, col: int) -> Any:
        if col > 0 and self.document.report.unit_self_eval is None:
            return None
        return super().value(row, col)

    def editable(self, row: int, col: int) -> bool:
        return self.document.report.unit_self_eval is not None and super().editable(row, col)


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

        self.figures = FiguresModel(
            document,
            checker,
            Form.UNIT_EVAL,
            ("", "全年预算数（元）", "全年执行数（元）", "预算执行率", "自评得分"),
            (
                FieldRow(
                    "部门整体支出",
                    (
                        Field((*PATH, "budget_total")),
                        Field((*PATH, "executed_total")),
                        Computed(_rate, Kind.PERCENT),
                        Field((*PATH, "declared_score"), Kind.POINTS),
                    ),
                ),
            ),
            (14, 18, 18, 11, 10),
        )
        figures_view = self.sheet(self.figures, fit=True)
        figures_view.setMaximumWidth(figures_view.minimumWidth())  # one short row: no stretch

        goal = b.text(
            (*PATH, "duties_goal"),
            "年度履职目标",
            placeholder="如：围绕本单位职责，全面完成年度各项工作任务……",
        )
        tasks = b.text(
            (*PATH, "main_tasks"),
            "年度主要任务",
            placeholder="按编号分项填写，如：\n1. ……\n2. ……",
        )
        summary = b.text(
            (*PATH, "summary"),
            "自评结论",
            placeholder="年度绩效目标完成情况；发现的主要问题及原因；下一步改进措施。",
        )

        def indicator_keys(_r: Report, i: int, _x: Any, field: str) -> tuple[Key, ...]:
            return ((ROW, f"indicators[{i}].{field or 'score'}"),)

        def proposed(_r: Report, _i: int, x: Indicator) -> Any:
            return propose(x)

        self.indicators = RecordListModel(
            document,
            checker,
            Form.UNIT_EVAL,
            self._indicators_path(),
            (
                Column("level1", "一级指标", Kind.TEXT, 8),
                Column("level2", "二级指标", Kind.TEXT, 8),
                Column("level3", "三级指标", Kind.TEXT, 18),
                Column("weight", "分值", Kind.WEIGHT, 5),
                Column("initial_value", "年初指标值", Kind.TEXT, 11),
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
                Column("score", "得分", Kind.POINTS, 5),
                Column("deviation", "偏差原因分析及改进措施", Kind.TEXT, 24),
            ),
            lambda: Indicator("", "", "", Decimal(0)),
            indicator_keys,
            noun="个指标",
        )
        indicators_view = self.sheet(self.indicators)
        add = QPushButton("添加指标(&A)")
        add.clicked.connect(self.indicators.append)
        remove = remove_button(self.indicators, indicators_view, "删除所选指标(&D)")

        goals_tab = QWidget()
        gl = QHBoxLayout(goals_tab)
        gl.addWidget(group("年度履职目标", goal), 1)
        gl.addWidget(group("年度主要任务", tasks), 1)

        indicators_tab = list_page(
            indicators_view,
            add,
            remove,
            note="整体绩效指标可按“产出、效益、满意度”填写；“建议得分”由评分规则计算，"
            "“得分”按实际评价结果填写。没有分项指标的单位可以不填。",
        )

        summary_tab = QWidget()
        sl = QVBoxLayout(summary_tab)
        sl.addWidget(
            hint("情况说明的“预算绩效情况说明”引用这里的文字，附件整体自评表也打印这段结论。")
        )
        sl.addWidget(summary, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(goals_tab, "履职目标与主要任务")
        self.tabs.addTab(indicators_tab, "绩效指标")
        self.tabs.addTab(summary_tab, "自评结论")

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(
            group(
                "预算执行与自评得分",
                figures_view,
                note="金额单位：元。预算执行率自动计算；自评得分填写部门整体支出绩效自评的总分。",
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

    def _indicators_path(self) -> tuple[str, ...] | None:
        return (*PATH, "indicators") if self.document.report.unit_self_eval is not None else None

    def _on_changed(self, change: Change) -> None:
        if change.touches(Form.UNIT_EVAL):
            self._show_state()

    def _show_state(self) -> None:
        present = self.document.report.unit_self_eval is not None
        self.enabled.blockSignals(True)
        self.enabled.setChecked(present)
        self.enabled.blockSignals(False)
        self.body.setVisible(present)
        self.off_note.setVisible(not present)
        path = self._indicators_path()
        if path != self.indicators.path:
            self.indicators.set_path(path)

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
