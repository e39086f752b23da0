"""Edits: pure functions that take a report and return the new report and what changed.

    Report ──edit(report, …)──> (Report, Change) ──document.apply──> QUndoStack

Nothing here imports Qt: every form's edit is a small function over the frozen
records (`dataclasses.replace`), so undo holds plain old/new values and the tests can
call the edits without a window. Each edit says what it changed as a `Change`: the
forms whose part of the report differs afterwards (`FORM_OF`), none when the edit
changed nothing (and then the report comes back as it was). The live checker re-runs
only the rules that read those forms; the UI attaches the widget that made the edit
(`Change.with_origin`) so views skip it.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import compress, count, repeat
from operator import attrgetter
from types import MappingProxyType
from typing import Any

from desktop.core import dates, limits
from desktop.core.checks import Form
from desktop.core.derive import Derived
from desktop.core.editions import fitting_editions
from desktop.core.errors import JuesuanError
from desktop.core.model import (
    BudgetLine,
    CodeAmount,
    CustomCode,
    EconRow,
    LedgerRow,
    NamedText,
    Reason,
    Report,
    SelfEval,
)
from desktop.core.money import Money, inner_space, parse_amount

# ---------------------------------------------------------------- what changed

# The form on which each part of the report is typed: an edit of the part changes the
# form's data, and the rules reading that form (`Rule.reads`) may find something new.
FORM_OF: Mapping[str, Form] = MappingProxyType(
    {
        "unit": Form.UNIT,
        "overview": Form.OVERVIEW,
        "ledger": Form.LEDGER,
        "budget": Form.LEDGER,  # 年初预算 is typed in the ledger's grid
        "balances": Form.LEDGER,  # 结转和结余 below it
        "custom_codes": Form.LEDGER,  # 科目 added to it
        "econ": Form.ECON,
        "sangong": Form.SANGONG,
        "stats": Form.STATS,
        "prior": Form.PRIOR,
        "reasons": Form.PRIOR,
        "self_evals": Form.SELF_EVAL,
        "unit_self_eval": Form.UNIT_EVAL,
    }
)


@dataclass(frozen=True)
class Change:
    """What an edit touched: the forms (None: everything, e.g. a project was opened)."""

    forms: frozenset[Form] | None = None
    origin: object = field(default=None, compare=False)  # the widget that made the edit

    @staticmethod
    def of(*forms: Form, origin: object = None) -> Change:
        return Change(frozenset(forms), origin)

    @property
    def empty(self) -> bool:
        """Nothing changed."""
        return self.forms is not None and not self.forms

    def touches(self, form: Form) -> bool:
        return self.forms is None or form in self.forms

    def __or__(self, other: Change) -> Change:
        """Both changes (one edit after the other); the origin of the first."""
        if self.forms is None or other.forms is None:
            return Change(None, self.origin)
        return Change(self.forms | other.forms, self.origin)

    def with_origin(self, origin: object) -> Change:
        return Change(self.forms, origin)

    def without_origin(self) -> Change:
        return Change(self.forms)


EVERYTHING = Change()
NOTHING = Change(frozenset())

Edit = tuple[Report, Change]
"""What every edit returns: the new report and what changed."""


def _edit(old: Report, new: Report, *parts: str) -> Edit:
    """`new` and the forms of those of `parts` it changed (an edit may undo its own step),
    or `old` and nothing when the two are equal."""
    stray = [p for p in FORM_OF if p not in parts and getattr(old, p) is not getattr(new, p)]
    if stray:  # a bug in an edit: its change would not name what it changed
        raise AssertionError(f"an edit of {parts} changed {stray}")
    changed = [p for p in parts if getattr(old, p) is not getattr(new, p)]
    changed = [p for p in changed if getattr(old, p) != getattr(new, p)]
    if not changed:
        return old, NOTHING
    return new, Change.of(*(FORM_OF[p] for p in changed))


class InputError(JuesuanError, ValueError):
    """Text typed into a cell that cannot be stored there; the message is shown as is."""


# ---------------------------------------------------------------- parsing typed text


def parse_money(text: str) -> Money:
    """An amount in 元 as typed or pasted (the core's parser; errors carry its message)."""
    return parse_amount(text)


def _clean(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).strip()
    if inner_space(s):
        raise InputError(f"「{text.strip()}」数字中间有空格，请检查是否粘贴错了")
    return "".join(s.split()).replace(",", "")


_NO_FIGURE = {"", "-", "--", "—", "——", "–", "－", "―", "/"}


def parse_count(text: str) -> int | None:
    """A count (人次, 辆, 个): a whole number, or None for an empty cell."""
    s = _clean(text)
    for suffix in ("辆", "人次", "人", "个", "次", "批次", "台", "套"):
        if s.endswith(suffix) and len(s) > len(suffix):
            s = s[: -len(suffix)]
            break
    if s in _NO_FIGURE:
        return None
    sign = -1 if s.startswith("-") else 1
    digits = s.lstrip("+-")
    if digits.endswith(".0"):
        digits = digits[:-2]
    if not digits.isdigit():
        raise InputError(f"「{text.strip()}」不是整数：这一栏填写数量（个、辆、人次）")
    return sign * int(digits)


def parse_points(text: str, *, required: bool = False) -> Decimal | None:
    """A score or weight (分值, 得分): a plain number such as ``10`` or ``9.69``."""
    s = _clean(text)
    if s.endswith("分"):
        s = s[:-1]
    if s in _NO_FIGURE:
        if required:
            raise InputError("分值不能为空")
        return None
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise InputError(f"「{text.strip()}」不是数字：这一栏填写分数，如 10 或 9.69") from None
    if not value.is_finite() or abs(value) > 1000:
        raise InputError(f"「{text.strip()}」不是合理的分数")
    return value


def parse_year(text: str) -> int:
    s = _clean(text).removesuffix("年度").removesuffix("年")
    if not (s.isdigit() and len(s) == 4 and 2000 <= int(s) <= 2100):
        raise InputError(f"「{text.strip()}」不是年度（应为四位年份，如 2024）")
    return int(s)


def parse_date(text: str) -> str:
    """A 编制日期 as stored: "YYYY-MM" or "YYYY-MM-DD", "" when cleared (then the day the
    report is made prints)."""
    value = dates.normalize(text)
    if value is None:
        raise InputError(f"「{text.strip()}」不是日期（应如 2025年3月 或 2025-03-15）")
    return value


# ---------------------------------------------------------------- paths into the report

Path = tuple[str | int, ...]
"""Steps from the report down to one value: ("sangong", "actual", "abroad")."""


def get_path(obj: Any, path: Path) -> Any:
    for step in path:
        obj = obj[step] if isinstance(step, int) else getattr(obj, step)
    return obj


def set_path(obj: Any, path: Path, value: Any) -> Any:
    """A copy of `obj` with the value at `path` replaced (records rebuilt on the way up).

    The building block of the edits below, for any record; on a report, use `set_value`,
    which also says what changed."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        items = list(obj)
        items[head] = set_path(items[head], rest, value)
        return tuple(items)
    return dataclasses.replace(obj, **{head: set_path(getattr(obj, head), rest, value)})


def set_value(report: Report, path: Path, value: Any) -> Edit:
    """The value at `path` (a field the officer typed into) replaced."""
    return set_values(report, [(path, value)])


def set_unit_text(report: Report, key: str, text: str) -> Edit:
    """The 部门整体绩效评价报告's prose slot `key` (`UnitSelfEval.texts`) written; an
    emptied slot is dropped (it reads as unwritten either way)."""
    unit = report.unit_self_eval
    if unit is None:
        return report, NOTHING
    if len(text) > limits.limit(NamedText, "text"):
        raise InputError(limits.too_long(text, limits.limit(NamedText, "text")))
    kept = tuple(t for t in unit.texts if t.key != key)
    at = next((i for i, t in enumerate(unit.texts) if t.key == key), len(kept))
    texts = (*kept[:at], NamedText(key, text), *kept[at:]) if text.strip() else kept
    if texts == unit.texts:
        return report, NOTHING
    return set_value(report, ("unit_self_eval", "texts"), texts)


def check_length(report: Report, path: Path, value: Any) -> None:
    """Refuse (`InputError`) a text longer than its field may hold (`desktop.core.limits`),
    or a list of names (汇总的单位) with one that is."""
    texts = [value] if isinstance(value, str) else value if isinstance(value, tuple) else ()
    if not texts or len(path) < 1 or not isinstance(path[-1], str):
        return
    if not any(map(isinstance, texts, repeat(str))):
        return  # records (a ledger of 10,000 rows set whole): no text of this field's
    parent = get_path(report, path[:-1])
    most = limits.limit(type(parent), path[-1])
    for text in texts:
        if isinstance(text, str) and len(text) > most:
            raise InputError(limits.too_long(text, most))


def set_values(report: Report, values: Iterable[tuple[Path, Any]]) -> Edit:
    """Several values replaced as one edit (a paste); those already in place are skipped.
    A text longer than its field may hold is refused (`InputError`), the report unchanged."""
    out = report
    parts: set[str] = set()
    for path, value in values:
        check_length(out, path, value)
        if path == ("unit", "edition") and value != out.unit.edition and out.unit.year:
            _check_edition_fits(value, out.unit.year)
        if get_path(out, path) != value:
            out = set_path(out, path, value)
            parts.add(str(path[0]))
            if path == ("unit", "year"):
                out = _edition_for_year(out)
    return _edit(report, out, *parts)


def _check_edition_fits(edition_id: str, year: int) -> None:
    """An edition chosen for the report must fit its year (the loader refuses it else)."""
    fitting = fitting_editions(year, edition_id)
    if fitting and edition_id not in {e.id for e in fitting}:
        raise InputError(
            f"版式「{edition_id}」与本项目的年度 {year} 不符，{year}年度可用「{fitting[0].id}」"
            "（如要换年度，请先改年度，版式会随之调整）"
        )


def _edition_for_year(report: Report) -> Report:
    """The report with its edition moved to one that fits a new year, if it no longer
    fits (2024 → 2022 moves 山西's 2024 layout to its 2022 one)."""
    unit = report.unit
    if not unit.year:
        return report  # the year cleared while being retyped: the edition waits for one
    fitting = fitting_editions(unit.year, unit.edition)
    if not fitting or unit.edition in {e.id for e in fitting}:
        return report
    return dataclasses.replace(report, unit=dataclasses.replace(unit, edition=fitting[0].id))


# ---------------------------------------------------------------- lists of records


def append_records(report: Report, path: Path, records: Iterable[Any]) -> Edit:
    """`records` added at the end of the tuple at `path` (资金来源, 指标, 运行维护费明细…)."""
    added = tuple(records)
    if not added:
        return report, NOTHING
    return set_value(report, path, (*get_path(report, path), *added))


def remove_records(report: Report, path: Path, indices: Iterable[int]) -> Edit:
    """The records at `indices` removed from the tuple at `path`."""
    items = get_path(report, path)
    keep = [True] * len(items)
    for i in set(indices):
        if 0 <= i < len(items):
            keep[i] = False
    return set_value(report, path, tuple(compress(items, keep)))  # C-speed: 10,000 rows


# ---------------------------------------------------------------- the ledger

# The ledger's typed figures under the field names findings use (derive's line keys).
LEDGER_PARTS = {
    "income": "income",
    "spending": "spending",
    "fiscal": "fiscal",
    "opening": "fiscal_opening",
}


_CODE = attrgetter("code")


def ledger_path(index: int, key: str) -> Path:
    """("ledger", i, "income", "general_budget") for the line key "income.general_budget"."""
    prefix, _, name = key.partition(".")
    return ("ledger", index, LEDGER_PARTS[prefix], name)


def set_budget(report: Report, code: str, value: Money) -> Edit:
    """年初预算 of one 科目 (any level; "" is the 合计): typed, replaced, or removed."""
    lines = list(report.budget)
    found = [i for i, b in enumerate(lines) if b.code == code]
    if value is None:
        lines = [b for b in lines if b.code != code]
    elif found:
        lines[found[-1]] = dataclasses.replace(lines[found[-1]], amount=value)
    else:
        lines.append(BudgetLine(code, value))
        lines.sort(key=lambda b: (b.code == "", b.code))
    return _edit(report, dataclasses.replace(report, budget=tuple(lines)), "budget")


def add_ledger_row(report: Report, code: str, name: str = "") -> Edit:
    """A new empty 项 row in code order (and the officer's name for an unknown code)."""
    if len(name) > limits.NAME:
        raise InputError(limits.too_long(name, limits.NAME))
    rows = list(report.ledger)
    # the first row with a greater code (C-speed: a ledger may have 10,000 rows)
    position = next(compress(count(), map(code.__lt__, map(_CODE, rows))), len(rows))
    rows.insert(position, LedgerRow(code))
    out = dataclasses.replace(report, ledger=tuple(rows))
    if name and code not in map(_CODE, report.custom_codes):  # (C-speed: thousands, merged)
        out = dataclasses.replace(out, custom_codes=(*report.custom_codes, CustomCode(code, name)))
    return _edit(report, out, "ledger", "custom_codes")


def remove_ledger_rows(report: Report, indices: Iterable[int]) -> Edit:
    return remove_records(report, ("ledger",), indices)


# ---------------------------------------------------------------- the economic detail


def set_econ(report: Report, code: str, name: str, value: Money) -> Edit:
    """基本 or 项目 of one 经济分类 款; a row left with no figure at all is dropped."""
    if name not in ("basic", "project"):
        raise ValueError(f"no economic figure {name!r}")
    rows = list(report.econ)
    found = [i for i, r in enumerate(rows) if r.code == code]
    if found:
        i = found[0]
        row = rows[i]
        rows[i] = (
            dataclasses.replace(row, basic=value)
            if name == "basic"
            else dataclasses.replace(row, project=value)
        )
        if rows[i].basic is None and rows[i].project is None:
            del rows[i]
    elif value is not None:
        rows.append(EconRow(code, basic=value) if name == "basic" else EconRow(code, project=value))
        rows.sort(key=lambda r: r.code)
    return _edit(report, dataclasses.replace(report, econ=tuple(rows)), "econ")


# ---------------------------------------------------------------- last year and reasons


def set_reason(report: Report, key: str, text: str) -> Edit:
    """The officer's reason text for `key`; an empty text removes the reason."""
    if len(text) > limits.TEXT:
        raise InputError(limits.too_long(text, limits.TEXT))
    reasons = [r for r in report.reasons if r.key != key]
    if text.strip():
        old = [i for i, r in enumerate(report.reasons) if r.key == key]
        position = old[0] if old else len(reasons)
        reasons.insert(position, Reason(key, text))
    return _edit(report, dataclasses.replace(report, reasons=tuple(reasons)), "reasons")


def fill_prior_classes(report: Report, derived: Derived) -> Edit:
    """A 上年数 row (amount still empty) for every 类 with 一般公共预算财政拨款 spending
    this year that has none yet, after the rows there are."""
    known = {c.code for c in report.prior.general_by_class}
    missing = [
        c
        for c in derived.class_codes()
        if derived.line(c)["fiscal.general"] is not None and c not in known
    ]
    return append_records(
        report, ("prior", "general_by_class"), (CodeAmount(c, None) for c in missing)
    )


# ---------------------------------------------------------------- self-evaluation


def add_project(report: Report, name: str) -> Edit:
    """A new project to evaluate, under the unit's 主管部门 and name; names are unique."""
    name = name.strip()
    if not name:
        raise InputError("项目名称不能为空")
    if len(name) > limits.NAME:
        raise InputError(limits.too_long(name, limits.NAME))
    if any(p.name == name for p in report.self_evals):
        raise InputError(f"已有名为「{name}」的项目")
    project = SelfEval(name, department=report.unit.department, unit=report.unit.name)
    return append_records(report, ("self_evals",), [project])
