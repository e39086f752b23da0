"""Last year's report → this year's 上年数 and proposed 年初结转和结余, with notes.

    (this year's Report, last year's Report) ──carry_over──> (Report, [notes in Chinese])

上年数 (`PriorYear`) are computed from last year's figures through `derive` — the
totals, 财政拨款 totals, 一般公共预算 by 类, 三公 and 机关运行经费 as last year's
tables printed them — so they never depend on what someone retyped. 年初结转和结余
is proposed from last year's computed 年末 figures: the unit-level 年初结转和结余 and,
per 项 and 财政拨款 source, each row's 年初财政拨款结转和结余. A figure the officer
already typed this year is kept, and a note says where it differs. This year's
reasons stay as they are; last year's explained last year's changes. 概况 text and
empty unit fields are taken from last year when this year's are empty. The notes
also say what changed in the catalogs between the years.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from desktop.core import catalog
from desktop.core.derive import FISCAL_SOURCES, Derived, derive
from desktop.core.errors import JuesuanError
from desktop.core.model import (
    Balances,
    CodeAmount,
    CustomCode,
    FiscalAmounts,
    LedgerRow,
    Overview,
    PriorYear,
    Report,
    SangongAmounts,
    UnitInfo,
)
from desktop.core.money import Money, format_amount, nz
from desktop.core.vocabulary import FISCAL_PREFIXES, LABELS, SANGONG_NAMES, SOURCE_NAMES

_SHORT = FISCAL_PREFIXES
_R = TypeVar("_R", Overview, UnitInfo)  # the records whose blank texts last year's fill
# the 上年数 carried one by one (by 类 and 三公 go their own way below)
_PRIOR_NAMES = {
    k: v for k, v in LABELS[PriorYear].items() if k not in ("general_by_class", "sangong")
}


class CarryOverError(JuesuanError):
    """Last year's file is not last year's report of this unit."""


def _yuan(value: Money) -> str:
    return f"{format_amount(value)}元" if value is not None else "（未填）"


def prior_from(last: Report, d: Derived | None = None) -> PriorYear:
    """Last year's published figures, as this year's text compares against them."""
    d = d or derive(last)
    ft = d.fiscal["total"]
    fiscal_present = any(v is not None for v in (ft.opening, ft.income, ft.spending, ft.closing))
    # 公开04 总计: 收入总计 (年初 + 本年收入) = 支出总计 (本年支出 + 年末), by definition
    fiscal_total = nz(ft.grand_total) if fiscal_present else None
    by_class = tuple(
        CodeAmount(code, d.line(code)["fiscal.general"])
        for code in d.class_codes()
        if d.line(code)["fiscal.general"] is not None
    )
    return PriorYear(
        income_total=d.balances.grand_total_in,
        spending_total=d.balances.grand_total_out,
        fiscal_income_total=fiscal_total,
        fiscal_spending_total=fiscal_total,
        general_spending=d.fiscal["general_budget"].spending,
        general_by_class=by_class,
        sangong=last.sangong.actual,
        admin_cost=last.stats.admin_cost,
    )


def closing_by_item(d: Derived) -> dict[str, FiscalAmounts]:
    """Last year's 年末财政拨款结转和结余 per 项: opening + income − spending, by source."""
    out: dict[str, FiscalAmounts] = {}
    for code in d.order:
        if len(code) != 7:
            continue
        line = d.line(code)
        values: dict[str, Money] = {}
        for source in FISCAL_SOURCES:
            short = _SHORT[source]
            parts = (line[f"opening.{source}"], line[f"income.{source}"], line[f"fiscal.{short}"])
            if all(v is None for v in parts):
                continue
            closing = nz(parts[0]) + nz(parts[1]) - nz(parts[2])
            if closing != 0:
                values[source] = closing
        if values:
            out[code] = FiscalAmounts(**values)
    return out


class OtherUnitError(CarryOverError):
    """Last year's file is of another unit (its name or code differ from this year's)."""


def carry_over(
    this_year: Report, last_year: Report, *, other_unit: bool = False
) -> tuple[Report, list[str]]:
    """This year's report with 上年数 and 年初 figures from last year, and what was done.

    Raises `CarryOverError` unless `last_year` is the year before `this_year`, and
    `OtherUnitError` when it is another unit's (the name or the code differ, where both
    years have one) unless `other_unit` says so knowingly (a unit renamed); then the
    first note says it.
    """
    this_y, last_y = this_year.unit.year, last_year.unit.year
    if last_y != this_y - 1:
        raise CarryOverError(
            f"上年项目文件是{last_y}年度的，本年是{this_y}年度，应选择{this_y - 1}年度的项目文件"
        )
    notes: list[str] = []
    differ = unit_differences(this_year.unit, last_year.unit)
    if differ and not other_unit:
        raise OtherUnitError(f"上年项目文件不是本单位的：{differ}")
    if differ:
        notes.append(f"注意：上年项目文件不是同一个单位（{differ}），已按要求带入上年数，请核对")
    d = derive(last_year)
    report = this_year

    prior = _merge_prior(this_year.prior, prior_from(last_year, d), notes)
    report = dataclasses.replace(report, prior=prior)
    report = _carry_opening(report, last_year, d, notes)
    report = _carry_texts(report, last_year, notes)
    notes += catalog_changes(this_year, last_year)
    return report, notes


def unit_differences(this: UnitInfo, last: UnitInfo) -> str:
    """How last year's unit differs from this year's by name or code ('' if it does not);
    a field empty in either year is no difference (it is filled from last year)."""
    out = []
    for field, label in (("name", "单位名称"), ("code", "单位编码")):
        mine, theirs = getattr(this, field).strip(), getattr(last, field).strip()
        if mine and theirs and mine != theirs:
            out.append(f"{label}上年为「{theirs}」，本年为「{mine}」")
    return "；".join(out)


def _merge_prior(mine: PriorYear, computed: PriorYear, notes: list[str]) -> PriorYear:
    filled: list[str] = []
    changes: dict[str, object] = {}
    for field, label in _PRIOR_NAMES.items():
        _take(field, label, getattr(mine, field), getattr(computed, field), changes, filled, notes)
    sangong: dict[str, Money] = {}
    for field, label in SANGONG_NAMES.items():
        mine_v, new_v = getattr(mine.sangong, field), getattr(computed.sangong, field)
        picked: dict[str, object] = {}
        _take(field, f"“三公”{label}", mine_v, new_v, picked, filled, notes)
        sangong[field] = picked.get(field, mine_v)  # type: ignore[assignment]
    changes["sangong"] = SangongAmounts(**sangong)
    if computed.general_by_class:
        if mine.general_by_class and mine.general_by_class != computed.general_by_class:
            notes.append(
                "上年一般公共预算财政拨款支出（按类）已按上年项目文件的计算数替换原来填写的数"
            )
        changes["general_by_class"] = computed.general_by_class
        filled.append(f"一般公共预算财政拨款支出按类（{len(computed.general_by_class)}类）")
    if filled:
        notes.append(f"已按上年项目文件填写上年数：{'；'.join(filled)}")
    return dataclasses.replace(mine, **changes)  # type: ignore[arg-type]


def _take(
    field: str,
    label: str,
    mine: Money,
    computed: Money,
    changes: dict[str, object],
    filled: list[str],
    notes: list[str],
) -> None:
    if computed is None:
        return  # last year has no such figure: keep what was typed
    if mine is not None and mine != computed:
        notes.append(
            f"上年{label}原填 {_yuan(mine)}，按上年项目文件计算为 {_yuan(computed)}，已改用计算数"
        )
    changes[field] = computed
    filled.append(f"{label} {_yuan(computed)}")


def _carry_opening(report: Report, last: Report, d: Derived, notes: list[str]) -> Report:
    balances = _carry_balance(report.balances, last, d, notes)
    rows = _carry_item_openings(report.ledger, d, notes)
    custom = _custom_for_new_rows(report, last, [r.code for r in rows[len(report.ledger) :]])
    if custom:
        notes.append(
            "上年的自定义科目已带到本年：" + "、".join(f"{c.code} {c.name}" for c in custom)
        )
    return dataclasses.replace(
        report,
        balances=balances,
        ledger=tuple(rows),
        custom_codes=report.custom_codes + custom,
    )


def _carry_balance(balances: Balances, last: Report, d: Derived, notes: list[str]) -> Balances:
    """年初结转和结余 from last year's computed 年末 (an amount already typed stays)."""
    closing = d.balances.closing
    declared = last.balances.declared_closing
    if declared is not None and closing is not None and declared != closing:
        notes.append(
            f"上年填报的年末结转和结余 {_yuan(declared)} 与上年计算数 {_yuan(closing)} 不一致，"
            "按计算数结转"
        )
    if closing is None or closing == 0:
        return balances
    if balances.opening is None:
        notes.append(f"年初结转和结余按上年年末数填为 {_yuan(closing)}")
        return dataclasses.replace(balances, opening=closing)
    if balances.opening != closing:
        notes.append(
            f"年初结转和结余已填 {_yuan(balances.opening)}，上年年末计算数为 {_yuan(closing)}，"
            "保留已填的数，请核对"
        )
    return balances


def _carry_item_openings(
    ledger: tuple[LedgerRow, ...], d: Derived, notes: list[str]
) -> list[LedgerRow]:
    """The ledger with each 项's 年初财政拨款结转和结余 from last year's 年末 (an amount
    already typed stays), and a row added for a 项 with no figures this year."""
    rows = list(ledger)
    index = {row.code: i for i, row in enumerate(rows)}
    filled = added = 0
    for code, amounts in closing_by_item(d).items():
        if code in index:
            row, n = _merged_opening(rows[index[code]], amounts, notes)
            rows[index[code]] = row
            filled += n
        else:
            rows.append(LedgerRow(code, fiscal_opening=amounts))
            added += 1
            filled += sum(1 for s in FISCAL_SOURCES if getattr(amounts, s) is not None)
    if filled:
        extra = f"，其中 {added} 个科目本年没有收支，已新增一行" if added else ""
        notes.append(f"已按上年年末数填写年初财政拨款结转和结余 {filled} 处{extra}")
    return rows


def _merged_opening(
    row: LedgerRow, amounts: FiscalAmounts, notes: list[str]
) -> tuple[LedgerRow, int]:
    """`row` with the openings `amounts` proposes where none is typed, and how many."""
    merged: dict[str, Money] = {}
    for source in FISCAL_SOURCES:
        proposed = getattr(amounts, source)
        current = getattr(row.fiscal_opening, source)
        if proposed is None:
            continue
        if current is None:
            merged[source] = proposed
        elif current != proposed:
            notes.append(
                f"{row.code} 年初{SOURCE_NAMES[source]}结转和结余已填 {_yuan(current)}，"
                f"上年年末计算数为 {_yuan(proposed)}，保留已填的数，请核对"
            )
    if not merged:
        return row, 0
    opening = dataclasses.replace(row.fiscal_opening, **merged)
    return dataclasses.replace(row, fiscal_opening=opening), len(merged)


def _custom_for_new_rows(report: Report, last: Report, codes: list[str]) -> tuple[CustomCode, ...]:
    """Last year's officer-added 科目 that rows carried into this year need."""
    known = catalog.functional().with_custom((c.code, c.name) for c in report.custom_codes)
    wanted = {a for code in codes for a in (*catalog.ancestors(code), code) if a not in known}
    return tuple(c for c in last.custom_codes if c.code in wanted)


def _carry_texts(report: Report, last: Report, notes: list[str]) -> Report:
    taken: list[str] = []
    overview = _blanks_filled(report.overview, last.overview, ("duties", "organization"), taken)
    unit = _blanks_filled(
        report.unit, last.unit, ("name", "code", "department", "department_code"), taken
    )
    if taken:
        notes.append(f"本年未填写的{'、'.join(taken)}已按上年填写，请核对是否有变化")
    return dataclasses.replace(report, overview=overview, unit=unit)


def _blanks_filled(record: _R, last: _R, names: tuple[str, ...], taken: list[str]) -> _R:
    """`record` with each text of `names` it leaves blank taken from `last` (its label
    added to `taken`)."""
    changes: dict[str, Any] = {}
    for field in names:
        if not getattr(record, field).strip() and getattr(last, field).strip():
            changes[field] = getattr(last, field)
            taken.append(LABELS[type(record)][field])
    return dataclasses.replace(record, **changes) if changes else record


def catalog_changes(this_year: Report, last_year: Report) -> list[str]:
    """What last year used that this year's catalogs do not know or name differently."""
    return [*_functional_changes(this_year, last_year), *_economic_changes(this_year, last_year)]


def _functional_changes(this_year: Report, last_year: Report) -> list[str]:
    known = catalog.functional().with_custom((c.code, c.name) for c in this_year.custom_codes)
    used = sorted(
        {r.code for r in last_year.ledger}
        | {b.code for b in last_year.budget if b.code}
        | {c.code for c in last_year.prior.general_by_class}
    )
    unknown = [c for c in used if c not in known]
    if not unknown:
        return []
    last_names = {c.code: c.name for c in last_year.custom_codes}
    listed = "、".join(f"{c} {last_names.get(c, '')}".strip() for c in unknown)
    return [f"上年使用的功能分类科目不在本年科目表中（请核对是否调整了科目）：{listed}"]


def _economic_changes(this_year: Report, last_year: Report) -> list[str]:
    notes: list[str] = []
    this_y, last_y = this_year.unit.year, last_year.unit.year
    econ = catalog.economic()
    renamed: list[str] = []
    missing: list[str] = []
    for code in sorted({r.code for r in last_year.econ}):
        entry = econ.get(code)
        if entry is None:
            missing.append(code)
        elif entry.name_for(last_y) != entry.name_for(this_y):
            renamed.append(f"{code}「{entry.name_for(last_y)}」改为「{entry.name_for(this_y)}」")
    if missing:
        notes.append(f"上年使用的经济分类科目不在本年科目表中：{'、'.join(missing)}")
    if renamed:
        notes.append(f"经济分类科目名称有调整：{'；'.join(renamed)}")
    new = [
        f"{e.code} {e.name}"
        for e in econ
        if e.first_year is not None and last_y < e.first_year <= this_y
    ]
    if new:
        notes.append(f"本年新增的经济分类科目：{'、'.join(new)}")
    return notes


__all__ = [
    "CarryOverError",
    "OtherUnitError",
    "carry_over",
    "catalog_changes",
    "closing_by_item",
    "prior_from",
    "unit_differences",
]
