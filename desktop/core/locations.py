"""The app's forms and a place within one: where a finding, a blocker or a reason lives.

    Location(form, row, field) ──vocabulary.describe_location──> 「收入支出（按功能科目） ›
        2010301 行政运行 › 基本支出」 (the officer's words) ── the UI jumps to the cell

Kept apart from the checks so the vocabulary (which names forms and fields) and the
checks (which use the vocabulary in their messages) can both import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Form(StrEnum):
    """The forms of the app, by the names the navigation shows."""

    UNIT = "单位信息"
    OVERVIEW = "概况"
    LEDGER = "收入支出（按功能科目）"
    ECON = "支出明细（按经济科目）"
    SANGONG = "“三公”经费"
    STATS = "政府采购与资产"
    PRIOR = "上年数与原因说明"
    SELF_EVAL = "项目绩效自评"
    UNIT_EVAL = "部门整体自评"


@dataclass(frozen=True)
class Location:
    form: Form
    row: str = ""  # 科目 code, project name, a reason key, or a row key of the form
    field: str = ""  # model field name within the row

    def __str__(self) -> str:
        """The raw location (codes and field names), for logs and ``--json``; the
        officer reads `vocabulary.describe_location`."""
        parts = [self.form.value, self.row, self.field]
        return " / ".join(p for p in parts if p)


__all__ = ["Form", "Location"]
