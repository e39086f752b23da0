"""The 一般公共预算财政拨款 spending by 经济分类 款 as a grid (→ 公开06).

Every 款 of the economic catalog that exists in the report's year is a row, like the
printed table; 类 rows, 人员经费合计 / 公用经费合计 and 合计 come from `derive`.
Typing into a 款 creates its `EconRow`; clearing both figures removes it again.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Any

from desktop.core import catalog
from desktop.core.checks import Form
from desktop.core.edits import NOTHING, Edit, set_econ
from desktop.core.model import Report
from desktop.core.money import Money, nz
from desktop.ui.checker import Key
from desktop.ui.models.sheet import Cell, Emphasis, Kind, SheetModel

CODE, NAME, BASIC, PROJECT, TOTAL = range(5)
FIELDS = {BASIC: "basic", PROJECT: "project"}
FOOTER = {
    "personnel": "人员经费合计（301+303）",
    "public": "公用经费合计（其他各类）",
    "total": "合计",
}


class EconModel(SheetModel):
    form = Form.ECON
    headers = ("经济分类\n科目代码", "科目名称", "基本支出", "项目支出", "合计")
    header_tips = (
        "部门预算支出经济分类科目代码",
        "",
        "一般公共预算财政拨款基本支出",
        "一般公共预算财政拨款项目支出（山西2022年版式的明细表列示）",
        "基本支出与项目支出之和（自动计算）",
    )
    widths = (10, 30, 16, 16, 16)

    only_filled = False  # show only the 款 with a figure

    def set_only_filled(self, on: bool) -> None:
        self.only_filled = on
        self.refresh()

    def build_rows(self, report: Report) -> list[Hashable]:
        econ = catalog.economic()
        year = report.unit.year
        typed = {r.code for r in report.econ}
        filled = set(self.document.derived(report).econ.lines)
        rows: list[Hashable] = []
        for entry in econ:
            if entry.first_year and year < entry.first_year and entry.code not in typed:
                continue
            if self.only_filled and entry.code not in filled:
                continue
            rows.append(("sum" if len(entry.code) == 3 else "item", entry.code))
        rows += [("item", code) for code in sorted(typed) if code not in econ]
        rows += [("footer", key) for key in FOOTER]
        return rows

    def touched_rows(self, before: Report, after: Report) -> Iterable[int] | None:
        if after.econ is before.econ and after.unit is before.unit:
            return ()  # the economic detail and its sums are as they were
        return None

    def _row(self, row: int) -> tuple[str, str]:
        r = self._rows[row]
        assert isinstance(r, tuple)
        return r

    def row_of(self, code: str) -> int:
        for n, r in enumerate(self._rows):
            if isinstance(r, tuple) and r[1] == code:
                return n
        return -1

    def _typed(self, code: str, name: str) -> Money:
        for r in self.document.report.econ:
            if r.code == code:
                value: Money = getattr(r, name)
                return value
        return None

    def value(self, row: int, col: int) -> Any:
        kind, code = self._row(row)
        report = self.document.report
        d = self.document.derived(report)
        if kind == "footer":
            if col == NAME:
                return FOOTER[code]
            if col == CODE:
                return ""
            e = d.econ
            basic, whole = {
                "personnel": (e.personnel_basic, e.personnel_total),
                "public": (e.public_basic, e.public_total),
                "total": (e.basic_total, e.grand_total),
            }[code]
            return _split(col, basic, whole)
        if col == CODE:
            return code
        if col == NAME:
            return catalog.economic().name(code, report.unit.year) or "（目录外科目）"
        if kind == "item" and col in FIELDS:
            return self._typed(code, FIELDS[col])
        basic, whole = d.econ.lines.get(code, (None, None))
        return _split(col, basic, whole)

    def kind(self, row: int, col: int) -> Kind:
        return Kind.LABEL if col in (CODE, NAME) else Kind.MONEY

    def editable(self, row: int, col: int) -> bool:
        return self._row(row)[0] == "item" and col in FIELDS

    def emphasis(self, row: int) -> Emphasis:
        kind = self._row(row)[0]
        if kind == "footer":
            return Emphasis.TOTAL
        return Emphasis.SUBTOTAL if kind == "sum" else Emphasis.NONE

    def keys(self, row: int, col: int) -> tuple[Key, ...]:
        kind, code = self._row(row)
        if kind == "footer":
            return (("合计", FIELDS[col]),) if code == "total" and col in FIELDS else ()
        if col in FIELDS:
            return ((code, FIELDS[col]),)
        return ((code, "code"),)

    def cell_name(self, row: int, col: int) -> str:
        return f"{self._row(row)[1]} {self.headers[col]}"

    def assign(self, report: Report, cells: Sequence[Cell]) -> Edit:
        out, change = report, NOTHING
        for row, col, value in cells:
            kind, code = self._row(row)
            if kind == "item" and col in FIELDS:
                out, step = set_econ(out, code, FIELDS[col], value)
                change |= step
        return out, change


def _split(col: int, basic: Money, whole: Money) -> Money:
    if col == BASIC:
        return basic
    if col == TOTAL:
        return whole
    if whole is None:
        return None
    project = whole - nz(basic)
    return project if project != 0 else None
