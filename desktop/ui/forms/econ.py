"""支出明细（按经济科目）: 一般公共预算财政拨款 spending per 经济分类 款, 基本 and 项目
(→ 公开06, which prints 基本支出 only in the 2024 layout and both in 2022)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout

from desktop.core.checks import Form
from desktop.ui.checker import LiveChecker
from desktop.ui.document import ProjectDocument
from desktop.ui.forms.base import FormPage
from desktop.ui.models.econ import EconModel


class EconPage(FormPage):
    form = Form.ECON
    title = form.value

    def __init__(self, document: ProjectDocument, checker: LiveChecker) -> None:
        super().__init__(document, checker)
        self.model = EconModel(document, checker)
        self.view = self.sheet(self.model)
        only = QCheckBox("只显示已填写的科目")
        only.toggled.connect(self.model.set_only_filled)
        tools = QHBoxLayout()
        tools.addWidget(
            QLabel(
                "按“款”填写一般公共预算财政拨款支出（金额单位：元）；"
                "类、人员经费合计、公用经费合计和合计自动计算。"
            ),
            1,
        )
        tools.addWidget(only)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.view)
