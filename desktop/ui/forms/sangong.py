"""“三公”经费: budget and actual per item, the counts the text states, and what the
公务用车运行维护费 paid for."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checks import Form
from desktop.core.model import NamedAmount, Sangong
from desktop.core.vocabulary import LABELS, SANGONG_ITEMS, SANGONG_NAMES
from desktop.ui.checker import LiveChecker
from desktop.ui.document import ProjectDocument
from desktop.ui.forms.base import FormPage, group, hint, list_page, remove_button, scrolled
from desktop.ui.models.fields import Computed, Field, FieldRow, FieldTableModel
from desktop.ui.models.records import Column, RecordListModel
from desktop.ui.models.sheet import Emphasis, Kind

ITEMS = SANGONG_ITEMS


def _amount_rows(document: ProjectDocument) -> tuple[FieldRow, ...]:
    def item(name: str, label: str) -> FieldRow:
        return FieldRow(
            label,
            (
                Field(("sangong", "budget", name), keys=((name, f"budget.{name}"),)),
                Field(("sangong", "actual", name), keys=((name, f"actual.{name}"),)),
            ),
        )

    return (
        FieldRow(
            "合计",
            (
                Computed(lambda r: document.derived(r).sangong.budget_total),
                Computed(lambda r: document.derived(r).sangong.actual_total),
            ),
            Emphasis.TOTAL,
        ),
        item("abroad", SANGONG_NAMES["abroad"]),
        FieldRow(
            "公务用车购置及运行维护费",
            (
                Computed(lambda r: document.derived(r).sangong.budget_vehicle),
                Computed(lambda r: document.derived(r).sangong.actual_vehicle),
            ),
            Emphasis.SUBTOTAL,
        ),
        item("vehicle_purchase", "　其中：公务用车购置费"),
        item("vehicle_operation", "　　　　公务用车运行维护费"),
        item("reception", SANGONG_NAMES["reception"]),
    )


def _count(field: str, row: str) -> Field:
    return Field(("sangong", field), Kind.COUNT, keys=((row, field), (None, field)))


def _reception_rows() -> tuple[FieldRow, ...]:
    def line(label: str, amount: str, batches: str, people: str) -> FieldRow:
        return FieldRow(
            label,
            (
                Field(("sangong", amount), keys=((None, amount),)),
                _count(batches, amount),
                _count(people, amount),
            ),
        )

    return (
        line("国内公务接待", "domestic_reception", "domestic_batches", "domestic_people"),
        line(
            "　其中：外事接待",
            "foreign_affairs_reception",
            "foreign_affairs_batches",
            "foreign_affairs_people",
        ),
        line("国（境）外公务接待", "overseas_reception", "overseas_batches", "overseas_people"),
    )


def _count_rows() -> tuple[FieldRow, ...]:
    return (
        FieldRow(
            "因公出国（境）", (_count("abroad_groups", "abroad"), _count("abroad_people", "abroad"))
        ),
        FieldRow("公务用车购置（辆）", (_count("vehicles_bought", "vehicle_purchase"), None)),
        FieldRow("公务用车保有量（辆）", (_count("vehicles_held", "vehicle_operation"), None)),
    )


class SangongPage(FormPage):
    form = Form.SANGONG
    title = form.value

    def __init__(self, document: ProjectDocument, checker: LiveChecker) -> None:
        super().__init__(document, checker)
        b = self.binder
        assert b is not None
        self.amounts = amounts = FieldTableModel(
            document,
            checker,
            Form.SANGONG,
            ("项目", "预算数", "决算数"),
            _amount_rows(document),
            (30, 16, 16),
        )
        self.counts = counts = FieldTableModel(
            document,
            checker,
            Form.SANGONG,
            ("因公出国与公务用车", "团组数 / 辆数", "人次"),
            _count_rows(),
            (30, 16, 16),
        )
        self.reception = reception = FieldTableModel(
            document,
            checker,
            Form.SANGONG,
            ("公务接待", "金额（元）", "批次", "人次"),
            _reception_rows(),
            (30, 16, 10, 10),
        )
        self.items = RecordListModel(
            document,
            checker,
            Form.SANGONG,
            ("sangong", "vehicle_operation_items"),
            (
                Column("label", "用途", Kind.TEXT, 28),
                Column("amount", "金额（元）", Kind.MONEY, 16),
            ),
            lambda: NamedAmount("", None),
            lambda _r, i, _x, _f: (
                ("vehicle_operation", f"vehicle_operation_items[{i}].amount"),
                ("vehicle_operation", "vehicle_operation_items"),
            ),
            noun="项",
        )
        items_view = self.sheet(self.items)
        items_view.setMinimumHeight(150)
        add = QPushButton("添加一项(&A)")
        add.clicked.connect(self.items.append)
        items_box = list_page(items_view, add, remove_button(self.items, items_view), margins=False)

        uses = QWidget()
        grid = QGridLayout(uses)
        for row, name in enumerate(ITEMS):
            edit = b.line(
                ("sangong", f"{name}_use"),
                f"{SANGONG_NAMES[name]}主要用途",
                placeholder="如：本单位无此项支出 / 主要用于……",
            )
            grid.addWidget(QLabel(SANGONG_NAMES[name]), row, 0)
            grid.addWidget(edit, row, 1)

        left = QVBoxLayout()
        left.addWidget(
            group(
                "财政拨款“三公”经费（元）",
                self.sheet(amounts, fit=True),
                note="预算数为年初预算；决算数应与经济分类中的对应科目（30212、30231、31013、30217）一致。",
            )
        )
        left.addWidget(group("数量", self.sheet(counts, fit=True)))
        left.addWidget(group("公务接待明细", self.sheet(reception, fit=True)))
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(group("公务用车运行维护费主要用于（元）", items_box), 1)
        right.addWidget(group("各项经费的主要用途（情况说明用）", uses))
        right.addWidget(
            hint(
                f"提示：{LABELS[Sangong]['vehicle_operation_items']}之和应等于公务用车运行维护费决算数。"
            )
        )
        inner = QWidget()
        columns = QHBoxLayout(inner)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scrolled(self, inner)
