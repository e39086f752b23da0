"""上年数与原因说明: last year's figures the text compares with, and the officer's
「主要原因是……」 for each change.

The figures compared and their keys come from the checks' own list
(`checks.narrative.comparisons`), the other reasons from what the text templates read
(`text.reason_keys`), so this form asks for exactly what the text and the checks read —
a template that starts reading a new reason gets its row here without a change in Python.
"""

from __future__ import annotations

import contextlib
from collections.abc import Hashable, Sequence
from dataclasses import fields
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from desktop.core.checks import Form
from desktop.core.checks.narrative import Comparison, comparison_text, comparisons, prior_row
from desktop.core.derive import change, derive
from desktop.core.edits import NOTHING, Edit, fill_prior_classes, set_reason
from desktop.core.errors import JuesuanError
from desktop.core.model import CodeAmount, PriorYear, Report
from desktop.core.money import nz
from desktop.core.text import reason_keys
from desktop.core.vocabulary import (
    LABELS,
    SANGONG_ITEMS,
    SANGONG_NAMES,
    ReasonKey,
    ReasonKind,
    describe_reason,
    reason_key,
)
from desktop.core.workpapers import Workpapers
from desktop.ui.checker import Key, LiveChecker
from desktop.ui.document import ProjectDocument
from desktop.ui.forms.base import FormPage, group, list_page, remove_button, reveal
from desktop.ui.models.fields import Computed, Field, FieldRow, FieldTableModel
from desktop.ui.models.records import Column, RecordListModel
from desktop.ui.models.sheet import Cell, Emphasis, Kind, SheetModel


class Comparisons:
    """`comparisons()` of the last report asked about (views ask once per cell and role)."""

    def __init__(self, papers: Workpapers) -> None:
        self._papers = papers
        self._report: Report | None = None
        self._list: list[Comparison] = []

    def of(self, report: Report) -> list[Comparison]:
        if self._report is not report:
            self._list = comparisons(report, derive(report, papers=self._papers))
            self._report = report
        return self._list

    def by_field(self, report: Report, prior_field: str) -> Comparison | None:
        return next((c for c in self.of(report) if c.prior_field == prior_field), None)


def _figure_rows(memo: Comparisons) -> tuple[FieldRow, ...]:
    def row(
        label: str, prior_field: str, path: tuple[str, ...], emphasis: Emphasis = Emphasis.NONE
    ) -> FieldRow:
        reason_row = prior_row(prior_field)

        def current(r: Report) -> Any:
            c = memo.by_field(r, prior_field)
            return c.current if c else None

        def amount(r: Report) -> Any:
            c = memo.by_field(r, prior_field)
            if c is None or c.prior is None:
                return None
            return change(nz(c.current), c.prior).amount

        def rate(r: Report) -> Any:
            c = memo.by_field(r, prior_field)
            if c is None or c.prior is None:
                return None
            return change(nz(c.current), c.prior).rate

        return FieldRow(
            label,
            (
                Computed(current),
                Field(("prior", *path), keys=((reason_row, prior_field), (None, prior_field))),
                Computed(amount),
                Computed(rate, Kind.PERCENT),
            ),
            emphasis,
        )

    named = LABELS[PriorYear]

    def plain(field: str) -> FieldRow:
        return row(named[field], field, (field,))

    return (
        plain("income_total"),
        plain("spending_total"),
        plain("fiscal_income_total"),
        plain("fiscal_spending_total"),
        plain("general_spending"),
        *(row(SANGONG_NAMES[item], f"sangong.{item}", ("sangong", item)) for item in SANGONG_ITEMS),
        plain("admin_cost"),
    )


_NOT_REASONS = tuple(f.name for f in fields(Report) if f.name != "reasons")


class ReasonsModel(SheetModel):
    """One row per reason key the text reads; the officer types the reason text."""

    form = Form.PRIOR
    headers = ("说明事项", "本年与上年比较", "主要原因（情况说明引用）")
    widths = (40, 30, 60)

    @property
    def memo(self) -> Comparisons:
        if not hasattr(self, "_memo"):
            self._memo = Comparisons(self.document.papers)
        return self._memo

    def build_rows(self, report: Report) -> list[Hashable]:
        # the checks' comparisons (their findings point at these rows), then every other
        # reason the text reads, then whatever the officer wrote that neither asks for
        keys = [str(c.key) for c in self.memo.of(report)]
        keys += self._text_keys(report)
        keys += [r.key for r in report.reasons]
        return list(dict.fromkeys(keys))

    def _text_keys(self, report: Report) -> list[str]:
        """`reason_keys`: the text rendered with a placeholder for every reason, so it
        depends on every part of the report but the reasons — typing one renders nothing."""
        parts = tuple(getattr(report, name) for name in _NOT_REASONS)
        kept = getattr(self, "_text_keys_of", None)
        if kept is not None and all(a is b for a, b in zip(kept[0], parts, strict=True)):
            return list(kept[1])
        keys: list[str] = []
        with contextlib.suppress(JuesuanError):  # a broken template: 预览 and 生成 say so
            keys = reason_keys(report, papers=self.document.papers)
        self._text_keys_of = (parts, keys)
        return list(keys)

    def key(self, row: int) -> str:
        return str(self._rows[row])

    def value(self, row: int, col: int) -> Any:
        report = self.document.report
        key = self.key(row)
        if col == 0:
            return describe_reason(key, self.document.names())
        if col == 1:
            listed = self.memo.of(report)
            return comparison_text(
                report, self.document.derived(report), ReasonKey.parse(key), listed
            )
        return report.reason(key)

    def kind(self, row: int, col: int) -> Kind:
        return Kind.TEXT if col == 2 else Kind.LABEL

    def editable(self, row: int, col: int) -> bool:
        return col == 2

    def keys(self, row: int, col: int) -> tuple[Key, ...]:
        return ((self.key(row), "reasons"),)

    def cell_name(self, row: int, col: int) -> str:
        return describe_reason(self.key(row), self.document.names())

    def assign(self, report: Report, cells: Sequence[Cell]) -> Edit:
        out, change = report, NOTHING
        for row, col, value in cells:
            if col == 2:
                out, step = set_reason(out, self.key(row), str(value or ""))
                change |= step
        return out, change


class PriorPage(FormPage):
    form = Form.PRIOR
    title = form.value

    def __init__(self, document: ProjectDocument, checker: LiveChecker) -> None:
        super().__init__(document, checker)
        self.figures = figures = FieldTableModel(
            document,
            checker,
            Form.PRIOR,
            ("比较项目", "本年数", "上年数", "增减额", "增减率"),
            _figure_rows(Comparisons(document.papers)),
            (22, 14, 14, 14, 9),
        )
        self.classes = RecordListModel(
            document,
            checker,
            Form.PRIOR,
            ("prior", "general_by_class"),
            (
                Column("code", "类编码", Kind.TEXT, 6),
                Column(
                    "",
                    "科目名称",
                    Kind.TEXT,
                    13,
                    read=lambda r, _i, x: document.derived(r).name(x.code),
                ),
                Column(
                    "",
                    "本年数",
                    Kind.MONEY,
                    13,
                    read=lambda r, _i, x: document.derived(r).line(x.code)["fiscal.general"],
                ),
                Column("amount", "上年数", Kind.MONEY, 13),
            ),
            lambda: CodeAmount("", None),
            lambda _r, _i, x, _f: (
                (reason_key(ReasonKind.GENERAL_CLASS, x.code), "general_by_class"),
            ),
            noun="类",
        )
        classes_view = self.sheet(self.classes)
        classes_view.verticalHeader().hide()
        fill = QPushButton("补齐本年各类(&B)")
        fill.setToolTip("为本年有一般公共预算财政拨款支出、但还没有上年数的类各添加一行")
        fill.clicked.connect(self.add_current_classes)
        remove = remove_button(self.classes, classes_view)
        classes_box = list_page(classes_view, fill, remove, margins=False)

        self.reasons = ReasonsModel(document, checker)
        # the rows render the whole text (what reasons it reads): not while out of sight
        self.reasons.defer_while(lambda: not self.isVisible())
        self.reasons_view = reasons_view = self.sheet(self.reasons)
        reasons_view.horizontalHeader().setStretchLastSection(True)

        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(
            group("上年数（元，取上年公开的决算数）", self.sheet(figures, fit=True)), 0
        )
        top_layout.addWidget(group("一般公共预算财政拨款支出按类的上年数（元）", classes_box), 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(
            group(
                "原因说明",
                reasons_view,
                note="情况说明中每处“增加（减少）……主要原因是……”引用这里的文字；"
                "双击“主要原因”一栏填写，写明增减方向要与数字一致。",
            )
        )
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def showEvent(self, event: QShowEvent) -> None:
        self.reasons.catch_up()
        super().showEvent(event)

    def edit_reason(self, key: str) -> bool:
        """Select the reason text of `key` and open it for typing."""
        if key not in self.reasons.rows:
            return False
        index = self.reasons.index(self.reasons.rows.index(key), 2)
        reveal(self.reasons_view, index)
        self.reasons_view.horizontalScrollBar().setValue(0)  # keep 说明事项 in sight
        self.reasons_view.edit(index)
        return True

    def add_current_classes(self) -> bool:
        report = self.document.report
        new, change = fill_prior_classes(report, self.document.derived())
        added = len(new.prior.general_by_class) - len(report.prior.general_by_class)
        if not added:
            self.message.emit("本年各类都已有上年数的行")
            return False
        return self.document.apply((new, change), f"补齐 {added} 个类")
