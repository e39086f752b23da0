"""The working ledger as a grid: one row per 项 as typed, with derived 类/款 rows and 合计.

    Report.ledger ──derive──> Derived.order / lines ──LedgerModel──> QTableView

Rows are the 合计 (top, as the published tables print it), then each 类, its 款 and
their 项 in code order. 项 rows show the typed figures and accept typing; 类/款/合计
rows show `derive`'s sums, bold and read-only. 年初预算 can be typed at any level.

After an edit of figures only the rows it touched are refreshed: the edited 项 (found by
comparing the ledger's rows before and after: an untouched row is the same object), its
款 and 类 and the 合计 — a few rows of thousands. After a 科目 added or removed the rows
are derive's listing order again (a code a row, no record made per row), and the model
removes and inserts the rows that differ.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import count
from operator import attrgetter
from typing import Any, cast

from desktop.core import catalog
from desktop.core.checks import Form
from desktop.core.edits import NOTHING, Edit, get_path, ledger_path, set_budget, set_value
from desktop.core.model import FiscalSpending, Income, LedgerRow, Report, Spending
from desktop.core.vocabulary import (
    FISCAL_PREFIXES,
    LABELS,
    OPENING_NAMES,
    SOURCE_NAMES,
    SOURCE_SHORT,
)
from desktop.ui.checker import Key
from desktop.ui.models.sheet import Cell, Emphasis, Kind, SheetModel


@dataclass(frozen=True)
class LedgerColumn:
    key: str  # a derive line key, or "code" / "name"
    header: str
    tip: str
    group: str  # which toggle shows it: income / spending / fiscal / opening / budget
    width: int
    typed: bool = True  # False: computed for every row


def _columns() -> tuple[LedgerColumn, ...]:
    out = [
        LedgerColumn("code", "科目代码", "支出功能分类科目代码", "", 9, typed=False),
        LedgerColumn("name", "科目名称", "支出功能分类科目名称", "", 30, typed=False),
        LedgerColumn(
            "income.total", "本年收入\n合计", "本年收入合计（自动计算）", "income", 12, False
        ),
    ]
    short = {
        **{k: f"{v.removesuffix('财政拨款')}\n财政拨款收入" for k, v in SOURCE_NAMES.items()},
        "superior_grant": "上级补助\n收入",
        "business": "事业\n收入",
        "operating": "经营\n收入",
        "affiliate_remit": "附属单位\n上缴收入",
        "other": "其他\n收入",
    }
    out += [
        LedgerColumn(f"income.{k}", short[k], f"本年收入：{v}", "income", 12)
        for k, v in LABELS[Income].items()
    ]
    out.append(
        LedgerColumn(
            "spending.total", "本年支出\n合计", "本年支出合计（自动计算）", "spending", 12, False
        )
    )
    short = {
        "basic": "基本\n支出",
        "project": "项目\n支出",
        "remit_superior": "上缴上级\n支出",
        "operating": "经营\n支出",
        "affiliate_grant": "对附属单位\n补助支出",
    }
    out += [
        LedgerColumn(f"spending.{k}", short[k], f"本年支出：{v}", "spending", 12)
        for k, v in LABELS[Spending].items()
    ]
    short = {
        f"{prefix}_{nature}": f"{SOURCE_SHORT[source]}\n财政拨款·{word}"
        for source, prefix in FISCAL_PREFIXES.items()
        for nature, word in (("basic", "基本"), ("project", "项目"))
    }
    out += [
        LedgerColumn(
            f"fiscal.{k}",
            short[k],
            f"{v}（其中由财政拨款支付的部分）",
            "fiscal",
            13,
        )
        for k, v in LABELS[FiscalSpending].items()
    ]
    short = {k: f"年初结转结余\n{v}" for k, v in SOURCE_SHORT.items()}
    out += [
        LedgerColumn(f"opening.{k}", short[k], v, "opening", 13) for k, v in OPENING_NAMES.items()
    ]
    out.append(
        LedgerColumn(
            "budget.amount",
            "年初预算\n（一般公共预算）",
            "年初预算数（一般公共预算财政拨款）：可在类、款或项任一级填写，未填的上级自动汇总",
            "budget",
            13,
        )
    )
    return tuple(out)


COLUMNS = _columns()
GROUPS = {
    "income": "本年收入",
    "spending": "本年支出",
    "fiscal": "财政拨款支出",
    "opening": "年初财政拨款结转",
    "budget": "年初预算",
}
CODE, NAME = 0, 1
BUDGET = len(COLUMNS) - 1

Row = tuple[
    str, str, int
]  # (kind, code, ledger index): ("total", "", -1) / ("sum", code, -1) / ("item", code, i)

# The grid's rows as the model holds them: the 合计 as "", a 科目 typed once (or summed) as
# its code, and each row of a code typed more than once as (code, ledger index). A code
# string is no new object: after a 科目 added or removed the rows of a 10,000-row ledger
# are derive's listing order again, without a tuple a row (`row` makes the tuple asked for).
Shown = str | tuple[str, int]

_LEDGER_CODE = attrgetter("code")


def _listed(row: Hashable) -> tuple[str, str, str]:
    """Where a row stands in the listing order (`derive`'s: each 类, its 款, their 项), by
    its code; the 合计 ("") before all."""
    code = row if isinstance(row, str) else cast(Shown, row)[0]
    return (code[:3], code[:5], code)


class LedgerModel(SheetModel):
    form = Form.LEDGER
    headers = tuple(c.header for c in COLUMNS)
    header_tips = tuple(c.tip for c in COLUMNS)
    widths = tuple(c.width for c in COLUMNS)

    def row(self, row: int) -> Row:
        r = cast(Shown, self._rows[row])
        if not isinstance(r, str):
            return ("item", r[0], r[1])
        if not r:
            return ("total", "", -1)
        index = self._ledger_at().get(r)
        return ("sum", r, -1) if index is None else ("item", r, index)

    def code_of(self, row: int) -> str:
        r = cast(Shown, self._rows[row])
        return r if isinstance(r, str) else r[0]

    def ledger_index(self, row: int) -> int:
        """The report.ledger index of a 项 row, -1 for computed rows."""
        return self.row(row)[2]

    def _ledger_at(self, ledger: tuple[LedgerRow, ...] | None = None) -> dict[str, int]:
        """Where each code stands in the ledger the rows are of (for a code typed twice:
        its last row; those rows carry their index themselves). Made when first asked
        after the codes moved (a 科目 added or removed), kept across edits of figures."""
        if ledger is None:
            ledger = self._shown.ledger
        kept = getattr(self, "_at", None)
        if kept is None or kept[0] is not ledger:
            kept = self._at = (ledger, dict(zip(map(_LEDGER_CODE, ledger), count())))
        return kept[1]

    def rows_of(self, code: str) -> range:
        """The grid rows of `code` ("" the 合计): none, one, or one for each time a code
        was typed twice. The rows are in listing order, so they are found by bisection:
        no index to make again after a 科目 added or removed."""
        if not code:
            return range(1 if self._rows else 0)
        rows, where = self._rows, _listed(code)
        first = bisect.bisect_left(rows, where, 1, key=_listed)
        return range(first, bisect.bisect_right(rows, where, first, key=_listed))

    def row_of(self, code: str) -> int:
        found = self.rows_of(code) if code else range(0)
        return found[0] if found else -1

    def build_rows(self, report: Report) -> list[Hashable]:
        d = self.document.derived(report)
        at = self._ledger_at(report.ledger)
        if len(at) == len(report.ledger):  # each code once, as it should be
            return ["", *d.order]
        by_code: dict[str, list[int]] = {}
        for i, r in enumerate(report.ledger):
            by_code.setdefault(r.code, []).append(i)
        twice = {code for code, places in by_code.items() if len(places) > 1}
        rows: list[Hashable] = [""]
        for code in d.order:
            if code in twice:
                rows += [(code, i) for i in by_code[code]]
            else:
                rows.append(code)
        return rows

    def rows_at(self, row_keys: set[str]) -> Iterable[int] | None:
        # a finding's row is a 科目 code, or 合计 (the top row); the others (结转和结余)
        # point at the closing rows below the grid
        return [n for key in row_keys for n in self.rows_of("" if key == "合计" else key)]

    def touched_rows(self, before: Report, after: Report) -> Iterable[int] | None:
        if after.unit is not before.unit or after.custom_codes is not before.custom_codes:
            return None  # the names of 科目 may read otherwise
        codes: set[str] = set()
        if after.ledger is not before.ledger:
            edited = self.document.papers.changed_rows(before.ledger, after.ledger)
            if edited is None:
                return None  # rows added or removed
            for i in edited:
                if before.ledger[i].code != after.ledger[i].code:
                    return None
                codes.add(after.ledger[i].code)
            kept = getattr(self, "_at", None)
            if kept is not None and kept[0] is before.ledger:  # the codes stay where they were
                self._at = (after.ledger, kept[1])
        if after.budget is not before.budget:
            codes.update(b.code for b in set(before.budget).symmetric_difference(after.budget))
        if not codes:
            return ()
        rows = {0}  # the 合计 sums every row
        for code in codes:
            for c in (code, *catalog.ancestors(code)):
                rows.update(self.rows_of(c))
        return rows

    # ------------------------------------------------------------ cells

    def value(self, row: int, col: int) -> Any:
        kind, code, index = self.row(row)
        report = self.document.report
        key = COLUMNS[col].key
        if key == "code":
            return code
        if key == "name":
            if kind == "total":
                return "合计"
            return self.document.derived().name(code) or "（目录外科目）"
        if key == "budget.amount":
            return self.document.derived().budget(code)
        if kind == "item" and COLUMNS[col].typed:
            return get_path(report, ledger_path(index, key))
        return self.document.derived().line(code)[key]

    def kind(self, row: int, col: int) -> Kind:
        return Kind.LABEL if col in (CODE, NAME) else Kind.MONEY

    def editable(self, row: int, col: int) -> bool:
        if col == BUDGET:
            return True
        return self.row(row)[0] == "item" and COLUMNS[col].typed

    def emphasis(self, row: int) -> Emphasis:
        kind = self.row(row)[0]
        if kind == "total":
            return Emphasis.TOTAL
        return Emphasis.SUBTOTAL if kind == "sum" else Emphasis.NONE

    def keys(self, row: int, col: int) -> tuple[Key, ...]:
        kind, code, _ = self.row(row)
        key = COLUMNS[col].key
        if kind == "total":
            return (("合计", key),) if col == BUDGET else ()
        if key in ("code", "name"):
            return ((code, "code"),)
        return ((code, key),)

    def cell_name(self, row: int, col: int) -> str:
        kind, code, _ = self.row(row)
        where = "合计" if kind == "total" else code
        return f"{where} {COLUMNS[col].tip.split('（')[0]}"

    def why_locked(self, row: int, col: int) -> str:
        kind, code, _ = self.row(row)
        key = COLUMNS[col].key
        if key in ("code", "name"):
            return "科目代码和名称不能在表中修改；换科目请删除该行，再在“添加科目”中添加"
        if kind == "total":
            return "合计行由各科目自动汇总，不能直接填写"
        if kind == "sum":
            level = "类" if len(code) == 3 else "款"
            return (
                f"{code} {self.document.derived().name(code)}是“{level}”级科目，"
                f"由其下各“项”自动汇总，不能直接填写；请在其下的“项”级科目中填写"
                "（没有合适的项，可在上方“添加科目”中添加）"
            )
        return f"{COLUMNS[col].tip.split('（')[0]}：自动计算，不能直接填写"

    def assign(self, report: Report, cells: Sequence[Cell]) -> Edit:
        out, change = report, NOTHING
        for row, col, value in cells:
            kind, code, index = self.row(row)
            if col == BUDGET:
                out, step = set_budget(out, code, value)
            elif kind == "item":
                out, step = set_value(out, ledger_path(index, COLUMNS[col].key), value)
            else:
                continue
            change |= step
        return out, change
