"""Consolidation (汇总): the reports of a department's units → the department's report.

    [Report of 本级, Report of 所属单位 …] ──consolidate(units, name)──> Report (consolidated)

Figures are summed record by record, field by field: ledgers per 项 code, economic
detail per 款, 年初预算 per 科目, balances, 三公 amounts and counts, statistics
(vehicles by category); a figure no unit has stays None. 上年数 are summed only where
every unit has them (a partial sum would make a false comparison). Text is kept only
where every unit wrote the same (reasons, 三公 uses), otherwise left empty so the
checks and the text ask for it again. Project self-evaluations are collected, a
project name used by more than one unit prefixed with its unit's name. The units
are recorded in `unit.member_units`; 机构设置 is left for the department to write, and
until it does the text lists the members (desktop.core.text, 概况).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from desktop.core import project_file
from desktop.core.errors import JuesuanError, ProjectFileError
from desktop.core.model import (
    BudgetLine,
    Overview,
    PriorYear,
    Reason,
    Report,
    SelfEval,
    UnitInfo,
    UnitSelfEval,
)
from desktop.core.money import total

R = TypeVar("R")


class ConsolidationError(JuesuanError):
    """Units that cannot be consolidated together (different years or editions …)."""


def _agreed(values: Iterable[str]) -> str:
    """The text every unit wrote, or '' when they differ."""
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else ""


def _int_total(values: Iterable[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _all_or_none(values: Sequence[Decimal | None]) -> Decimal | None:
    """The sum when every unit has the figure; None as soon as one lacks it."""
    if any(v is None for v in values):
        return None
    return total(values)


def merge(records: Sequence[R], *, money: Callable[[Sequence[Any]], Any] = total) -> R:
    """One record from several of the same class: amounts and counts summed, text agreed.

    Nested records are merged the same way; tuple fields must be handled by the
    caller (they are collections, not figures) and are taken from the first record.
    """
    first = records[0]
    assert dataclasses.is_dataclass(first) and not isinstance(first, type)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(first):
        values = [getattr(r, f.name) for r in records]
        annotation = str(f.type)
        if annotation in ("Money", "Decimal | None"):
            kwargs[f.name] = money(values)
        elif annotation == "int | None":
            kwargs[f.name] = _int_total(values)
        elif annotation == "str":
            kwargs[f.name] = _agreed(values)
        elif dataclasses.is_dataclass(values[0]):
            kwargs[f.name] = merge(values, money=money)
        else:
            kwargs[f.name] = values[0]
    merged: R = type(first)(**kwargs)
    return merged


def _by_code(rows: Iterable[R], code: Callable[[R], str]) -> list[R]:
    groups: dict[str, list[R]] = {}
    for row in rows:
        groups.setdefault(code(row), []).append(row)
    return [merge(groups[c]) for c in sorted(groups)]


def _check(units: Sequence[Report], name: str) -> None:
    if not name.strip():
        raise ConsolidationError("请给出汇总后的部门名称")
    if not units:
        raise ConsolidationError("没有要汇总的单位")
    names = [u.unit.name.strip() for u in units]
    for i, n in enumerate(names, start=1):
        if not n:
            raise ConsolidationError(f"第{i}个单位没有填写单位名称，无法汇总")
    seen: set[str] = set()
    for n in names:
        if n in seen:
            raise ConsolidationError(f"单位「{n}」出现了不止一次，汇总会重复计算，请去掉重复的文件")
        seen.add(n)
    years = {u.unit.year for u in units}
    if len(years) > 1:
        listed = "、".join(f"{u.unit.name}（{u.unit.year}年度）" for u in units)
        raise ConsolidationError(f"各单位的决算年度不同，不能汇总：{listed}")
    _refuse_contained(units)
    editions = {u.unit.edition for u in units}
    if len(editions) > 1:
        listed = "、".join(f"{u.unit.name}（{u.unit.edition}）" for u in units)
        raise ConsolidationError(f"各单位的公开表版式不同，不能汇总：{listed}")


def _refuse_contained(units: Sequence[Report]) -> None:
    """A 汇总 report given together with one of its own members (or two 汇总 reports
    sharing a member) would count that member twice."""
    for u in units:
        if not u.unit.consolidated:
            continue
        members = {m.strip() for m in u.unit.member_units if m.strip()}
        for v in units:
            if v is u:
                continue
            name = v.unit.name.strip()
            if name in members:
                raise ConsolidationError(
                    f"「{u.unit.name.strip()}」是汇总报表，已经包含「{name}」，"
                    f"不能再与「{name}」一起汇总（会重复计算），请去掉其中一个"
                )
            shared = sorted(members & {m.strip() for m in v.unit.member_units})
            if v.unit.consolidated and shared:
                raise ConsolidationError(
                    f"「{u.unit.name.strip()}」和「{name}」都是汇总报表，都包含「{shared[0]}」，"
                    "一起汇总会重复计算"
                )


def consolidate(units: Sequence[Report], name: str) -> Report:
    """The department's report (本级 + 所属单位) from its units' reports.

    Raises `ConsolidationError` for units of different years or editions, a unit
    given twice or together with a 汇总 report that contains it, a missing name, or a
    result the project file could not hold (a sum beyond its range): the result is
    validated as the loader validates a file before anyone writes it. Kind and
    publishing unit are the first unit's (by convention the 本级).
    """
    _check(units, name)
    name = name.strip()
    first = units[0].unit
    members = tuple(u.unit.name.strip() for u in units)
    department_code = _agreed(u.unit.department_code for u in units)
    unit = UnitInfo(
        name=name,
        code=department_code,
        department=_agreed(u.unit.department for u in units),
        department_code=department_code,
        year=first.year,
        kind=first.kind,
        consolidated=True,
        member_units=members,
        amount_unit=first.amount_unit,
        edition=first.edition,
    )
    overview = Overview(
        duties=_agreed(u.overview.duties for u in units),
        organization="",  # each unit's describes that unit; the text lists the members
        staff=merge([u.overview.staff for u in units]),
    )
    sangong_parts = [dataclasses.replace(u.sangong, vehicle_operation_items=()) for u in units]
    sangong = dataclasses.replace(
        merge(sangong_parts),
        vehicle_operation_items=tuple(
            _by_label(item for u in units for item in u.sangong.vehicle_operation_items)
        ),
    )
    report = Report(
        unit=unit,
        overview=overview,
        ledger=tuple(_by_code((r for u in units for r in u.ledger), lambda r: r.code)),
        budget=tuple(_by_code((b for u in units for b in u.budget), _budget_code)),
        balances=merge([u.balances for u in units]),
        econ=tuple(_by_code((e for u in units for e in u.econ), lambda e: e.code)),
        sangong=sangong,
        stats=merge([u.stats for u in units]),
        prior=_prior(units),
        reasons=_reasons(units),
        self_evals=_self_evals(units),
        unit_self_eval=_unit_self_eval(units),
        custom_codes=_custom_codes(units),
    )
    try:
        project_file.to_json(report)  # what the loader would refuse is refused here
    except ProjectFileError as exc:
        raise ConsolidationError(f"汇总的结果不能保存为项目文件：{exc}") from None
    return report


def _budget_code(line: BudgetLine) -> str:
    return line.code


def _by_label(items: Iterable[Any]) -> list[Any]:
    """运行维护费 items summed by what they paid for, in order of first appearance."""
    groups: dict[str, list[Any]] = {}
    for item in items:
        groups.setdefault(item.label, []).append(item)
    return [merge(g) for g in groups.values()]


def _prior(units: Sequence[Report]) -> PriorYear:
    scalar = merge(
        [dataclasses.replace(u.prior, general_by_class=()) for u in units], money=_all_or_none
    )
    by_class: tuple[Any, ...] = ()
    if all(u.prior.general_by_class for u in units):
        # A unit lists only the 类 it spent on: a 类 it does not list is zero for it.
        by_class = tuple(
            _by_code((c for u in units for c in u.prior.general_by_class), lambda c: c.code)
        )
    return dataclasses.replace(scalar, general_by_class=by_class)


def _reasons(units: Sequence[Report]) -> tuple[Reason, ...]:
    """Reasons every unit gave in the same words; the rest the checks will ask for."""
    keys: list[str] = []
    for u in units:
        keys += [r.key for r in u.reasons if r.key not in keys]
    out = []
    for key in keys:
        texts = [u.reason(key) for u in units]
        text = _agreed(texts)
        if text and all(any(r.key == key for r in u.reasons) for u in units):
            out.append(Reason(key, text))
    return tuple(out)


def _self_evals(units: Sequence[Report]) -> tuple[SelfEval, ...]:
    owners: dict[str, set[str]] = {}
    for u in units:
        for se in u.self_evals:
            owners.setdefault(se.name, set()).add(u.unit.name.strip())
    out = []
    for u in units:
        for se in u.self_evals:
            if len(owners[se.name]) > 1:
                se = dataclasses.replace(se, name=f"{u.unit.name.strip()}：{se.name}")
            if not se.unit:
                se = dataclasses.replace(se, unit=u.unit.name.strip())
            out.append(se)
    return tuple(out)


def _unit_self_eval(units: Sequence[Report]) -> UnitSelfEval | None:
    """The overall self-evaluation is the department's own exercise: amounts are summed
    when every unit has one, texts and indicators kept where identical, the score left
    for the department to state."""
    evaluations = [u.unit_self_eval for u in units]
    present = [e for e in evaluations if e is not None]
    if len(present) != len(evaluations) or not present:
        return None
    merged = merge(
        [dataclasses.replace(e, indicators=(), declared_score=None) for e in present],
        money=_all_or_none,
    )
    # 资金来源 rows summed source by source (a source some unit lacks stays unsummed: None)
    sources: dict[str, list[Any]] = {}
    for e in present:
        for line in e.funding:
            sources.setdefault(line.source, []).append(line)
    funding = tuple(merge(lines, money=_all_or_none) for lines in sources.values())
    score = present[0].declared_score if len(present) == 1 else None
    return dataclasses.replace(
        merged,
        funding=funding,
        indicators=_same(e.indicators for e in present),
        tasks=_same(e.tasks for e in present),
        texts=_same(e.texts for e in present),
        declared_score=score,
    )


def _same(values: Iterable[tuple[R, ...]]) -> tuple[R, ...]:
    """The rows every unit has alike, or none (each unit's own rows are not the department's)."""
    distinct = list(values)
    return distinct[0] if all(v == distinct[0] for v in distinct) else ()


def _custom_codes(units: Sequence[Report]) -> tuple[Any, ...]:
    seen: dict[str, Any] = {}
    for u in units:
        for c in u.custom_codes:
            seen.setdefault(c.code, c)
    return tuple(seen[c] for c in sorted(seen))


__all__ = ["ConsolidationError", "consolidate", "merge"]
