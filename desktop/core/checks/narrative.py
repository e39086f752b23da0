"""Narrative inputs: what the 情况说明 must compare with last year, and why it changed.

    Report.prior ──┐
                   ├─ comparisons() ── each figure the text sets against last year
    Derived ───────┘        │
                            ├─ a figure without last year's number  → prior_missing
                            ├─ a change whose reason is empty      → reason_missing
                            └─ a reason that says the wrong way     → reason_direction

A comparison carries the `Reason` key the text reads its 「主要原因是……」 from
(``total``, ``fiscal``, ``general``, ``general_class:201``, ``sangong``,
``sangong:vehicle_operation``, ``admin_cost``) as a `ReasonKey`. Whether a figure changed
is decided in the unit the report publishes in: a change that rounds away prints
「与上年持平」. `comparison_text` says what the 上年数与原因说明 form shows beside a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from desktop.core.checks.findings import Finding, Form, Location, Severity, rule, yuan
from desktop.core.derive import Change, Derived, change
from desktop.core.model import PriorYear, Report
from desktop.core.money import AmountUnit, Money, format_amount, nz, ratio, to_unit, total
from desktop.core.vocabulary import LABELS, SANGONG_ITEMS, SANGONG_NAMES, ReasonKey, ReasonKind

TOTAL = ReasonKey(ReasonKind.TOTAL)
FISCAL = ReasonKey(ReasonKind.FISCAL)
GENERAL = ReasonKey(ReasonKind.GENERAL)
SANGONG = ReasonKey(ReasonKind.SANGONG)
ADMIN_COST = ReasonKey(ReasonKind.ADMIN_COST)

PRIOR_ROWS = {
    "income_total": str(TOTAL),
    "spending_total": str(TOTAL),
    "fiscal_income_total": str(FISCAL),
    "fiscal_spending_total": str(FISCAL),
    "general_spending": str(GENERAL),
    "admin_cost": str(ADMIN_COST),
}
"""PriorYear field → the row (reason key) of the 上年数与原因说明 form it sits on."""


def prior_row(prior_field: str) -> str:
    """The row (reason key) of the 上年数与原因说明 form where `prior_field` is typed:
    ``sangong.abroad`` → ``sangong:abroad``."""
    head, dot, item = prior_field.partition(".")
    if dot and head == "sangong":
        return str(ReasonKey(ReasonKind.SANGONG, item))
    return PRIOR_ROWS.get(prior_field, prior_field)


@dataclass(frozen=True)
class Comparison:
    key: ReasonKey  # the Reason the text reads
    label: str  # the figure, as the text names it
    current: Money
    prior: Money
    prior_field: str  # where last year's figure is typed (PriorYear field path)


def comparisons(report: Report, d: Derived) -> list[Comparison]:
    """Every figure the 情况说明 compares with last year, in the order of the text."""
    p = report.prior
    ft = d.fiscal["total"]
    named = LABELS[PriorYear]
    out = [
        Comparison(
            TOTAL, named["income_total"], d.balances.grand_total_in, p.income_total, "income_total"
        ),
        Comparison(
            TOTAL,
            named["spending_total"],
            d.balances.grand_total_out,
            p.spending_total,
            "spending_total",
        ),
        Comparison(
            FISCAL,
            named["fiscal_income_total"],
            ft.grand_total,  # 公开04 收入总计: 年初 + 本年收入
            p.fiscal_income_total,
            "fiscal_income_total",
        ),
        Comparison(
            FISCAL,
            named["fiscal_spending_total"],
            total((ft.spending, ft.closing)),
            p.fiscal_spending_total,
            "fiscal_spending_total",
        ),
        Comparison(
            GENERAL,
            named["general_spending"],
            d.fiscal["general_budget"].spending,
            p.general_spending,
            "general_spending",
        ),
    ]
    prior_by_class = {c.code: c.amount for c in p.general_by_class}
    current_classes = [c for c in d.class_codes() if d.line(c)["fiscal.general"] is not None]
    for code in sorted({*current_classes, *prior_by_class}):
        out.append(
            Comparison(
                ReasonKey(ReasonKind.GENERAL_CLASS, code),
                f"{d.name(code) or code}（{code}）一般公共预算财政拨款支出",
                d.line(code)["fiscal.general"],
                prior_by_class.get(code),
                "general_by_class",
            )
        )
    prior_sangong = total(getattr(p.sangong, i) for i in SANGONG_ITEMS)
    out.append(Comparison(SANGONG, "“三公”经费", d.sangong.actual_total, prior_sangong, "sangong"))
    for item in SANGONG_ITEMS:
        out.append(
            Comparison(
                ReasonKey(ReasonKind.SANGONG, item),
                SANGONG_NAMES[item],
                getattr(report.sangong.actual, item),
                getattr(p.sangong, item),
                f"sangong.{item}",
            )
        )
    if report.unit.kind.has_admin_cost or report.stats.admin_cost is not None:
        out.append(
            Comparison(
                ADMIN_COST, named["admin_cost"], report.stats.admin_cost, p.admin_cost, "admin_cost"
            )
        )
    return out


def comparison_text(
    report: Report, d: Derived, key: ReasonKey, listed: Sequence[Comparison] | None = None
) -> str:
    """What a reason explains, in figures: 「增加1,234.00元（增长5.00%）」, 「本年…元，上年未填」,
    or for a 类's 决算 against its 年初预算 「年初预算…元，决算…元，完成95.00%」 ('' when
    the key compares nothing). `listed` is `comparisons(report, d)` where already at hand."""
    if key.kind == ReasonKind.BUDGET_CLASS and key.code is not None:
        budget, actual = d.budget(key.code), d.line(key.code)["fiscal.general"]
        completion = ratio(nz(actual), budget)
        done = f"，完成{completion}%" if completion is not None else ""
        return f"年初预算{yuan(budget)}，决算{yuan(actual)}{done}"
    found = [c for c in (listed if listed is not None else comparisons(report, d)) if c.key == key]
    if not found:
        return ""
    c = found[0]
    if c.prior is None:
        return f"本年{yuan(nz(c.current))}，上年未填"
    ch = change(nz(c.current), c.prior)
    amount = nz(ch.amount)
    if amount == 0:
        return f"本年{yuan(nz(c.current))}，与上年持平"
    way, rate_way = ("增加", "增长") if amount > 0 else ("减少", "下降")
    rate = f"（{rate_way}{abs(ch.rate)}%）" if ch.rate is not None else ""
    return f"{way}{yuan(abs(amount))}{rate}"


def _published(report: Report, value: Money) -> Decimal:
    unit: AmountUnit = "元" if report.unit.amount_unit == "元" else "万元"
    return nz(to_unit(nz(value), unit))


def _changed(report: Report, c: Comparison) -> bool:
    if c.prior is None:
        return False
    return _published(report, c.current) != _published(report, c.prior)


def _describe(c: Comparison) -> str:
    ch: Change = change(nz(c.current), c.prior)
    amount = nz(ch.amount)
    way, rate_way = ("增加", "增长") if amount > 0 else ("减少", "下降")
    rate = f"，{rate_way}{format_amount(abs(ch.rate))}%" if ch.rate is not None else ""
    return (
        f"{c.label}本年{yuan(nz(c.current))}，上年{yuan(c.prior)}，"
        f"{way}{format_amount(abs(amount))}元{rate}"
    )


@rule(
    "narrative.reason_missing",
    Severity.WARNING,
    "与上年相比有增减的数字（收支总计、财政拨款、一般公共预算、各类、“三公”经费、机关运行经费）应填写原因",
    Form.LEDGER,
    Form.SANGONG,
    Form.STATS,
    Form.PRIOR,
    Form.UNIT,
)
def reason_missing(report: Report, d: Derived) -> Iterator[Finding]:
    seen: set[ReasonKey] = set()
    for c in comparisons(report, d):
        if c.key in seen or not _changed(report, c) or report.reason(str(c.key)).strip():
            continue
        seen.add(c.key)
        yield reason_missing.finding(
            Location(Form.PRIOR, str(c.key), "reasons"),
            f"{_describe(c)}；情况说明需要写明变动的主要原因，但原因未填写",
        )


_RISE = re.compile(r"(?<![未没不无])(?<!没有)(增加|增长|提高|上升|新增|增多|扩大)")
_FALL = re.compile(r"(?<![未没不无])(?<!没有)(减少|下降|降低|压减|缩减|削减|减小|下调)")


def stated_direction(text: str) -> int:
    """+1 if the text speaks only of rises, -1 only of falls, 0 if neither or both."""
    rise, fall = bool(_RISE.search(text)), bool(_FALL.search(text))
    return 0 if rise == fall else (1 if rise else -1)


@rule(
    "narrative.reason_direction",
    Severity.WARNING,
    "原因说明的增减方向应与数字的变动方向一致（数字增加却写“减少”等）",
    Form.LEDGER,
    Form.SANGONG,
    Form.STATS,
    Form.PRIOR,
    Form.UNIT,
)
def reason_direction(report: Report, d: Derived) -> Iterator[Finding]:
    by_key: dict[ReasonKey, list[Comparison]] = {}
    for c in comparisons(report, d):
        if _changed(report, c):
            by_key.setdefault(c.key, []).append(c)
    for key, changed in by_key.items():
        text = report.reason(str(key)).strip()
        stated = stated_direction(text)
        if not stated:
            continue
        ways = {1 if nz(c.current) > nz(c.prior) else -1 for c in changed}
        if len(ways) != 1 or stated in ways:
            continue
        said = "增加" if stated > 0 else "减少"
        yield reason_direction.finding(
            Location(Form.PRIOR, str(key), "reasons"),
            f"{_describe(changed[0])}，但原因说明讲的是“{said}”：「{text}」；请核对增减方向",
        )


@rule(
    "narrative.prior_missing",
    Severity.WARNING,
    "情况说明与上年比较的数字（收支总计、财政拨款、一般公共预算、“三公”经费、机关运行经费）应填写上年数",
    Form.LEDGER,
    Form.SANGONG,
    Form.STATS,
    Form.PRIOR,
    Form.UNIT,
)
def prior_missing(report: Report, d: Derived) -> Iterator[Finding]:
    for c in comparisons(report, d):
        if c.prior is not None or c.current is None:
            continue
        if c.key == SANGONG or c.key.kind == ReasonKind.GENERAL_CLASS:
            continue  # the 三公 total adds up its items; 类 are prior_class_missing's
        yield prior_missing.finding(
            Location(Form.PRIOR, str(c.key), c.prior_field),
            f"{c.label}本年为{yuan(c.current)}，情况说明要与上年比较，但上年数未填写",
        )


@rule(
    "narrative.prior_class_missing",
    Severity.HINT,
    "一般公共预算财政拨款支出按类与上年比较时，各类的上年数应填写",
    Form.LEDGER,
    Form.PRIOR,
)
def prior_class_missing(report: Report, d: Derived) -> Iterator[Finding]:
    known = {c.code for c in report.prior.general_by_class}
    # A 类 that is no code (「abc」 of a mistyped 项 「abcdefg」) has no 上年数 row to fill:
    # the codes rules report the 项 itself.
    current = [
        c for c in d.class_codes() if c.isdigit() and d.line(c)["fiscal.general"] is not None
    ]
    if not known:
        if current:
            yield prior_class_missing.finding(
                Location(Form.PRIOR, str(ReasonKind.GENERAL_CLASS), "general_by_class"),
                f"本年一般公共预算财政拨款支出涉及{len(current)}个类"
                f"（{'、'.join(current)}），未填写各类的上年数，情况说明将无法按类与上年比较",
            )
        return
    for code in current:
        if code not in known:
            yield prior_class_missing.finding(
                Location(
                    Form.PRIOR, str(ReasonKey(ReasonKind.GENERAL_CLASS, code)), "general_by_class"
                ),
                f"{d.name(code) or code}（{code}）本年一般公共预算财政拨款支出"
                f"{yuan(d.line(code)['fiscal.general'])}，上年数未填写（上年没有时填0）",
            )


RULES = (reason_missing, reason_direction, prior_missing, prior_class_missing)
