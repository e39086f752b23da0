"""概况: the officer's own text for 职责 and 机构设置, and the staff figures."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QVBoxLayout, QWidget

from desktop.core.checks import Form
from desktop.core.edits import parse_count
from desktop.ui.checker import LiveChecker
from desktop.ui.document import ProjectDocument
from desktop.ui.forms.base import FormPage, group


def _count_text(value: object) -> str:
    return "" if value is None else str(value)


class OverviewPage(FormPage):
    form = Form.OVERVIEW
    title = form.value

    def __init__(self, document: ProjectDocument, checker: LiveChecker) -> None:
        super().__init__(document, checker)
        b = self.binder
        assert b is not None
        duties = b.text(
            ("overview", "duties"),
            "职责",
            placeholder="按编号分段填写，如：\n1. 负责……\n2. 负责……",
        )
        organization = b.text(
            ("overview", "organization"),
            "机构设置",
            placeholder="如：本单位内设办公室、综合业务科……，下属单位……",
        )
        staff = QWidget()
        row = QHBoxLayout(staff)
        for field, label in (
            ("authorized", "编制数"),
            ("in_service", "在职实有人数"),
            ("retired", "离退休人员"),
        ):
            form = QFormLayout()
            edit = b.line(
                ("overview", "staff", field),
                label,
                parse=parse_count,
                show=_count_text,
                placeholder="人",
            )
            edit.setMaximumWidth(120)
            form.addRow(label, edit)
            row.addLayout(form)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(group("一、主要职责", duties), 3)
        layout.addWidget(group("二、机构设置", organization), 2)
        layout.addWidget(group("人员情况", staff))
