"""Every figure the text states, computed once and formatted for the templates.

    Report ──derive()──> Derived ─┐
    Report ──self_eval.summary()──┴──facts()──> mapping of strings and flags ──> templates

The templates only place what this module computes: an amount is a string already in
the report's publishing unit (``584.83万元``, or ``9,361,502.66元`` with thousands
separators as the 2022 reference prints them), a percentage is ``31.37%``, a count is
``1``, and a comparison with last year comes with its direction words chosen from the
sign (「增加…，增长…」, 「减少…，下降…」, 「与上年持平」). Flags (``empty``, ``known``,
``flat``…) let a template word an empty case naturally instead of printing zeros.

Every percentage is computed from the published figures that stand beside it in the
text (each rounded half-up to the publishing unit on its own, as the tables print
them), so a reader recomputing it from the text gets the same number. Shares of a
whole go through `shares`, which makes them add up to exactly 100.00%.

Officer text (reasons, 职责, names) is escaped for the markup here; where a reason the
text needs is empty, the value is a placeholder that the document marks and
`placeholders()` lists.

``facts(report, probe=True)`` stands in for every officer reason a template may print —
the ones it demands and the optional notes (``notes.get("other_matters")``, a class's
用途) — with a placeholder carrying its key, whether or not the officer wrote it, so
that rendering shows which `Reason` keys the templates read (`text.reason_keys`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from desktop.core import catalog, self_eval
from desktop.core.derive import Derived, derive
from desktop.core.editions import EditionError, TextFormat, load_edition
from desktop.core.errors import JuesuanError
from desktop.core.model import VEHICLE_CATEGORIES, FundKind, Income, Report, Spending
from desktop.core.money import (
    CENT,
    ZERO,
    AmountUnit,
    Money,
    format_amount,
    nz,
    ratio,
    to_unit,
    total,
)
from desktop.core.text.markup import escape, placeholder
from desktop.core.vocabulary import (
    LABELS,
    SANGONG_GROUP_NAMES,
    SANGONG_NAMES,
    SOURCE_NAMES,
    ReasonKind,
    reason_key,
)

Facts = dict[str, Any]

REASON_PLACEHOLDER = "【请填写原因】"
DUTIES_PLACEHOLDER = "【请填写本单位职责】"
ORGANIZATION_PLACEHOLDER = "【请填写机构设置情况】"
NOTE_PLACEHOLDER = "【可填写说明】"  # an optional note, only while probing (never published)
HUNDRED = Decimal("100.00")

# the sources the text lists: the three 财政拨款 sources as one, then the others
INCOME_SOURCES = (
    ("财政拨款收入", "income.fiscal"),
    *((name, f"income.{k}") for k, name in LABELS[Income].items() if k not in SOURCE_NAMES),
)
SPENDING_NATURES = tuple((name, f"spending.{k}") for k, name in LABELS[Spending].items())
SANGONG_ITEMS = tuple(SANGONG_NAMES.items())
SANGONG_GROUPS = {  # SANGONG_GROUP_NAMES → the `SangongAmounts` fields each adds up
    "abroad": ("abroad",),
    "vehicle": ("vehicle_purchase", "vehicle_operation"),
    "reception": ("reception",),
}
# 资金性质 as the text names a budget: 「一般公共预算项目支出」, 「政府性基金预算项目支出」
FUND_KIND_WORDS = {
    FundKind.GENERAL: "一般公共预算",
    FundKind.GOV_FUND: "政府性基金预算",
    FundKind.STATE_CAPITAL: "国有资本经营预算",
    FundKind.OTHER: "其他资金",
}


def shares(parts: Sequence[Decimal], *, to_100: bool = True, places: int = 2) -> list[Decimal]:
    """Each part's share of their sum in %, rounded half-up to `places` decimals.

    With `to_100` what the rounding leaves over (a few hundredths at most) goes to the
    largest part, so the list totals exactly 100.00%; without it each share is the
    correctly rounded ratio of its own figures and a list may total 99.99% (a 尾差, as the
    published reports print it: 514.54/584.54 = 88.02%). The parts are the figures as
    published. Nothing to share: all 0.00.
    """
    whole = sum(parts, ZERO)
    if whole == 0:
        return [ZERO.quantize(_step(places)) for _ in parts]
    out = [nz(ratio_at(p, whole, places)) for p in parts]
    if to_100:
        largest = max(range(len(parts)), key=lambda i: parts[i])
        out[largest] += HUNDRED - sum(out, ZERO)
    return out


def _step(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def ratio_at(part: Money, whole: Money, places: int = 2) -> Decimal | None:
    """part/whole in %, rounded half-up to `places` decimals; None if undefined."""
    if places == 2:
        return ratio(part, whole)
    if part is None or whole is None or whole == 0:
        return None
    return (part * 100 / whole).quantize(_step(places), rounding=ROUND_HALF_UP)


def percent(value: Decimal, places: int = 2) -> str:
    return f"{value.quantize(_step(places) if places != 2 else CENT)}%"


def _clean(text: str) -> str:
    """Officer text as it continues a sentence: trimmed, without its own final stop
    (the template closes the sentence, and 「。。」 is a common published slip)."""
    return text.strip().rstrip("。.；;，,、 \n")


def _count(value: int | None) -> str:
    return str(value or 0)


class _ProbeNotes(dict[str, str]):
    """`notes` while probing: any key a template looks up is there, as a placeholder
    carrying the key."""

    def __init__(self, make: Callable[[str], str]) -> None:
        super().__init__()
        self._make = make

    def __getitem__(self, key: str) -> str:
        return self._make(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str)

    def get(self, key: str, default: Any = None) -> str:
        return self._make(key)


class _Facts:
    def __init__(self, report: Report, derived: Derived, *, probe: bool = False) -> None:
        self.r = report
        self.d = derived
        self.probe = probe
        self.unit: AmountUnit = "元" if report.unit.amount_unit == "元" else "万元"
        self.year = report.unit.year
        self.fmt = _text_format(report)

    # ---------------------------------------------------------------- formatting

    def pub(self, value: Money) -> Decimal:
        """A figure as the tables publish it (rounded to the unit); no figure is 0."""
        return nz(to_unit(value, self.unit))

    def amount(self, value: Decimal) -> str:
        """A published figure with its unit, as the edition prints numbers in text."""
        if value == 0 and self.fmt.zero == "0":
            return f"0{self.unit}"
        grouping = {"yuan": self.unit == "元", "always": True, "never": False}[self.fmt.thousands]
        return f"{format_amount(value, grouping=grouping)}{self.unit}"

    def pct(self, value: Decimal) -> str:
        """A percentage with the edition's decimals."""
        return percent(value, self.fmt.percent_decimals)

    def rate(self, part: Decimal, whole: Decimal) -> str:
        """part/whole as the edition prints a percentage; 0.00% where whole is 0."""
        return self.pct(nz(ratio_at(part, whole, self.fmt.percent_decimals)))

    def shares(self, parts: Sequence[Decimal]) -> list[Decimal]:
        """Each part's share as the edition rounds shares (`TextFormat.shares`)."""
        places = self.fmt.percent_decimals
        return shares(parts, to_100=self.fmt.shares == "total_100", places=places)

    def share_text(self, part: Decimal, whole: Decimal) -> str:
        """part/whole as a percentage; '' when there is no whole to be a share of."""
        share = ratio_at(part, whole, self.fmt.percent_decimals)
        return "" if share is None else self.pct(share)

    def money(self, value: Money) -> str:
        return self.amount(self.pub(value))

    def reason(self, key: ReasonKind | str, *, needed: bool) -> str:
        """The officer's reason for `key` where the text explains something (a change, a
        grade): a placeholder if it is empty; nothing where there is nothing to explain
        (「持平。主要原因是……」 would contradict itself)."""
        if not needed:
            return ""
        key = str(key)
        text = "" if self.probe else _clean(self.r.reason(key))
        return escape(text) if text else placeholder(REASON_PLACEHOLDER, key)

    def template_reason(self, key: str) -> str:
        """``{{ reason("key") }}`` in a template: the officer's reason for `key`, or a
        placeholder — a template's own demand, in a place its conditions say needs one."""
        return self.reason(str(key), needed=True)

    def note(self, text: str) -> str:
        return escape(_clean(text))

    def keyed_note(self, key: str) -> str:
        """The officer's optional text for the `Reason` key `key` ('' when none)."""
        if self.probe:
            return placeholder(NOTE_PLACEHOLDER, key)
        return self.note(self.r.reason(key))

    def notes(self) -> dict[str, str]:
        if self.probe:
            return _ProbeNotes(lambda key: placeholder(NOTE_PLACEHOLDER, str(key)))
        return {x.key: self.note(x.text) for x in self.r.reasons if _clean(x.text)}

    def compare(self, current: Money, prior: Money) -> Facts:
        """This year's figure against last year's, both as published."""
        cur = self.pub(current)
        if prior is None:
            return {
                "known": False,
                "changed": False,
                "flat": False,
                "rise": False,
                "fall": False,
                "current": self.amount(cur),
                "prior": "",
                "amount": "",
                "rate": "",
                "phrase": "",
            }
        pri = self.pub(prior)
        diff = cur - pri
        rate = ratio_at(abs(diff), pri, self.fmt.percent_decimals) if pri != 0 else None
        amount, rate_text = self.amount(abs(diff)), self.pct(rate) if rate is not None else ""
        if diff > 0:
            phrase = f"增加{amount}" + (f"，增长{rate_text}" if rate_text else "")
        elif diff < 0:
            phrase = f"减少{amount}" + (f"，下降{rate_text}" if rate_text else "")
        else:
            phrase = "与上年持平"
        return {
            "known": True,
            "changed": diff != 0,
            "flat": diff == 0,
            "rise": diff > 0,
            "fall": diff < 0,
            "current": self.amount(cur),
            "prior": self.amount(pri),
            "amount": amount,
            "rate": rate_text,
            "phrase": phrase,
        }

    def listing(self, items: Sequence[tuple[str, Money]]) -> list[Facts]:
        """Labelled parts of a whole, each with its amount and share."""
        parts = [self.pub(v) for _, v in items]
        return [
            {"label": label, "amount": self.amount(p), "share": self.pct(s), "nonzero": p != 0}
            for (label, _), p, s in zip(items, parts, self.shares(parts), strict=True)
        ]

    # ---------------------------------------------------------------- the parts

    def build(self) -> Facts:
        r = self.r
        return {
            "u": self.unit,
            "unit": {
                "name": escape(r.unit.name),
                "year": str(self.year),
                "prior_year": str(self.year - 1),
                "kind": r.unit.kind.value,
                "has_admin_cost": r.unit.kind.has_admin_cost,
            },
            "overview": self.overview(),
            "totals": self.totals(),
            "income": self.income(),
            "spending": self.spending(),
            "fiscal": self.fiscal(),
            "general": self.general(),
            "basic": self.basic(),
            "fund": self.fund(),
            "capital": self.capital(),
            "sangong": self.sangong(),
            "admin_cost": self.admin_cost(),
            "procurement": self.procurement(),
            "assets": self.assets(),
            "performance": self.performance(),
            "notes": self.notes(),
            "reason": self.template_reason,
            "basic_items": self.basic_items,
        }

    def overview(self) -> Facts:
        def paragraphs(text: str, key: str, missing: str) -> list[str]:
            lines = [escape(line.strip()) for line in text.splitlines() if line.strip()]
            return lines or [placeholder(missing, key)]

        o, unit = self.r.overview, self.r.unit
        members = [m.strip() for m in unit.member_units if m.strip()]
        # An empty 机构设置 of a consolidated report: the template lists its members.
        # Whatever the officer typed is kept as typed.
        organization = o.organization
        return {
            "duties": paragraphs(
                o.duties, reason_key(ReasonKind.OVERVIEW, "duties"), DUTIES_PLACEHOLDER
            ),
            "organization": paragraphs(
                organization,
                reason_key(ReasonKind.OVERVIEW, "organization"),
                ORGANIZATION_PLACEHOLDER,
            ),
            "organization_typed": bool(organization.strip()),
            # 汇总 report: the units within its 决算编制范围, in the order consolidated
            "members": [escape(m) for m in members],
        }

    def totals(self) -> Facts:
        b, p = self.d.balances, self.r.prior
        income = self.compare(b.grand_total_in, p.income_total)
        spending = self.compare(b.grand_total_out, p.spending_total)
        return {
            "income_total": self.money(b.grand_total_in),
            "spending_total": self.money(b.grand_total_out),
            "income_change": income,
            "spending_change": spending,
            "reason": self.reason(
                ReasonKind.TOTAL, needed=income["changed"] or spending["changed"]
            ),
        }

    def income(self) -> Facts:
        t = self.d.totals
        sources = self.listing([(label, t[key]) for label, key in INCOME_SOURCES])
        return {
            "total": self.money(t["income.total"]),
            "empty": self.pub(t["income.total"]) == 0,
            "itemized": any(s["nonzero"] for s in sources),
            "sources": sources,
        }

    def spending(self) -> Facts:
        t = self.d.totals
        natures = self.listing([(label, t[key]) for label, key in SPENDING_NATURES])
        return {
            "total": self.money(t["spending.total"]),
            "empty": self.pub(t["spending.total"]) == 0,
            "itemized": any(s["nonzero"] for s in natures),
            "natures": natures,
        }

    def fiscal(self) -> Facts:
        ft, p = self.d.fiscal["total"], self.r.prior
        # 公开04 总计: 收入总计 (年初 + 本年收入) = 支出总计 (本年支出 + 年末), by definition
        grand_total = ft.grand_total
        income = self.compare(grand_total, p.fiscal_income_total)
        spending = self.compare(grand_total, p.fiscal_spending_total)
        return {
            "income_total": self.money(grand_total),
            "spending_total": self.money(grand_total),
            "empty": self.pub(grand_total) == 0,
            "income_change": income,
            "spending_change": spending,
            "reason": self.reason(
                ReasonKind.FISCAL, needed=income["changed"] or spending["changed"]
            ),
        }

    def general(self) -> Facts:
        d, r = self.d, self.r
        spent = d.fiscal["general_budget"].spending
        gpb = self.pub(spent)
        change = self.compare(spent, r.prior.general_spending)
        personnel, public = self.pub(d.econ.personnel_basic), self.pub(d.econ.public_basic)

        codes = [c for c in d.class_codes() if self.pub(d.line(c)["fiscal.general"]) != 0]
        amounts = [self.pub(d.line(c)["fiscal.general"]) for c in codes]
        prior_by_class = {c.code: c.amount for c in r.prior.general_by_class}
        classes = []
        for code, amount, share in zip(codes, amounts, self.shares(amounts), strict=True):
            budget = self.pub(d.budget(code))
            vs_prior = self.compare(d.line(code)["fiscal.general"], prior_by_class.get(code))
            classes.append(
                {
                    "code": code,
                    "name": escape(d.name(code) or code),
                    "amount": self.amount(amount),
                    "share": self.pct(share),
                    "has_budget": budget != 0,
                    "budget": self.amount(budget),
                    "completion": self.rate(amount, budget) if budget else "",
                    "change": vs_prior,
                    "reason": self.reason(
                        reason_key(ReasonKind.GENERAL_CLASS, code), needed=vs_prior["changed"]
                    ),
                    "use": self.keyed_note(reason_key(ReasonKind.BUDGET_USE, code)),
                    # a difference to explain only where 决算 and 年初预算 differ as published
                    "budget_reason": self.keyed_note(reason_key(ReasonKind.BUDGET_CLASS, code))
                    if amount != budget
                    else "",
                }
            )
        budget_total = self.pub(d.budget(""))
        return {
            "by_item": self._budget_items(),
            "amount": self.amount(gpb),
            "empty": gpb == 0,
            # '' when there is no 本年支出合计 to be a share of; the templates then omit it
            "share_of_spending": self.share_text(gpb, self.pub(d.totals["spending.total"])),
            "change": change,
            "reason": self.reason(ReasonKind.GENERAL, needed=change["changed"]),
            "personnel": self.amount(personnel),
            "personnel_share": self.rate(personnel, gpb),
            "public": self.amount(public),
            "public_share": self.rate(public, gpb),
            "classes": classes,
            "itemized": bool(classes),
            "has_budget": budget_total != 0,
            "budget": self.amount(budget_total),
            "completion": self.rate(gpb, budget_total) if budget_total else "",
            "has_class_budgets": any(c["has_budget"] for c in classes),
        }

    def basic_items(self, kind: str, groups: Sequence[Sequence[str]] = ()) -> list[Facts]:
        """``{{ basic_items("personnel", [["社保缴费及住房公积金", "30108", …], …]) }}``: the
        基本支出 of 人员经费 (``personnel``) or 公用经费 (``public``) as an edition lists it —
        each group (a name, then its codes; a 类 code stands for all its 款) summed under
        that name, every other 款 under its own name, all in code order (a group where its
        first code falls), those with a figure only. A template's grouping is data; no 款
        is left out of the list for want of a group."""
        if kind not in ("personnel", "public"):
            raise FactsError(f"正文模板：basic_items 应为 personnel 或 public，而不是「{kind}」")
        econ = catalog.economic()
        lines = {
            code: self.pub(basic)
            for code, (basic, _) in self.d.econ.lines.items()
            if len(code) == 5 and (code[:3] in catalog.PERSONNEL_CLASSES) == (kind == "personnel")
        }
        entries: list[tuple[str, str, Decimal]] = []  # (first code, name, amount)
        covered: set[str] = set()
        for group in groups:
            name, *codes = group
            for code in codes:
                if code not in econ:
                    raise FactsError(f"正文模板：basic_items 中「{code}」不是经济分类科目编码")
            members = [c for c in lines if any(c.startswith(code) for code in codes)]
            covered.update(members)
            entries.append((min(codes), escape(name), sum((lines[c] for c in members), ZERO)))
        for code, value in lines.items():
            if code not in covered:
                entries.append((code, escape(econ.name(code, self.year) or code), value))
        return [
            {"name": name, "amount": self.amount(value)}
            for _, name, value in sorted(entries)
            if value != 0
        ]

    def _budget_items(self) -> list[Facts]:
        """一般公共预算财政拨款 by 项, code order: each 项 spent or budgeted, named with its
        类 and 款 (「一般公共服务支出（类）…（款）事业运行（项）」), 决算 against 年初预算,
        and the reason the officer owes where the two differ as published."""
        d = self.d
        out = []
        for code in d.order:
            if len(code) != 7:
                continue
            amount, budget = self.pub(d.line(code)["fiscal.general"]), self.pub(d.budget(code))
            if amount == 0 and budget == 0:
                continue
            chain = "".join(
                f"{escape(d.name(c) or c)}（{level}）"
                for c, level in ((code[:3], "类"), (code[:5], "款"), (code, "项"))
            )
            out.append(
                {
                    "code": code,
                    "chain": chain,
                    "amount": self.amount(amount),
                    "budget": self.amount(budget),
                    "has_budget": budget != 0,
                    "completion": self.rate(amount, budget) if budget else "",
                    "differs": amount != budget,
                    "reason": self.reason(
                        reason_key(ReasonKind.BUDGET_CLASS, code), needed=amount != budget
                    ),
                }
            )
        return out

    def basic(self) -> Facts:
        d = self.d
        econ = catalog.economic()
        lines = d.econ.lines

        def components(personnel: bool, length: int) -> list[Facts]:
            found = []
            for code, (basic, _) in lines.items():
                if len(code) != length or (code[:3] in catalog.PERSONNEL_CLASSES) != personnel:
                    continue
                value = self.pub(basic)
                if value != 0:
                    found.append((value, code))
            # Largest first, as a reader asks "where did the money go"; ties by code.
            found.sort(key=lambda vc: (-vc[0], vc[1]))
            return [
                {
                    "code": code,
                    "name": escape(econ.name(code, self.year) or code),
                    "amount": self.amount(value),
                }
                for value, code in found
            ]

        def in_code_order(personnel: bool) -> list[Facts]:
            return sorted(components(personnel, 5), key=lambda c: c["code"])

        whole = self.pub(d.fiscal["general_budget"].basic)
        return {
            "total": self.amount(whole),
            # the 款 by code, as an edition lists them without amounts
            "personnel_by_code": in_code_order(True),
            "public_by_code": in_code_order(False),
            "empty": whole == 0,
            "personnel": {
                "amount": self.money(d.econ.personnel_basic),
                "lines": components(True, 5),
                "classes": components(True, 3),
            },
            "public": {
                "amount": self.money(d.econ.public_basic),
                "lines": components(False, 5),
                "classes": components(False, 3),
            },
        }

    def _classes_of(self, key: str) -> list[Facts]:
        d = self.d
        return [
            {"code": c, "name": escape(d.name(c) or c), "amount": self.money(d.line(c)[key])}
            for c in d.class_codes()
            if self.pub(d.line(c)[key]) != 0
        ]

    def fund(self) -> Facts:
        f = self.d.fiscal["gov_fund"]
        figures = (f.opening, f.income, f.spending, f.closing)
        return {
            "empty": all(self.pub(v) == 0 for v in figures),
            "opening": self.money(f.opening),
            "income": self.money(f.income),
            "spending": self.money(f.spending),
            "basic": self.money(f.basic),
            "project": self.money(f.project),
            "closing": self.money(f.closing),
            "has_closing": self.pub(f.closing) != 0,
            "classes": self._classes_of("fiscal.fund"),
        }

    def capital(self) -> Facts:
        f = self.d.fiscal["state_capital"]
        return {
            "empty": self.pub(f.spending) == 0,
            "spending": self.money(f.spending),
            "basic": self.money(f.basic),
            "project": self.money(f.project),
            "classes": self._classes_of("fiscal.capital"),
        }

    def sangong(self) -> Facts:
        s, sf, p = self.r.sangong, self.d.sangong, self.r.prior.sangong
        uses = {
            "abroad": s.abroad_use,
            "vehicle_purchase": s.vehicle_purchase_use,
            "vehicle_operation": s.vehicle_operation_use,
            "reception": s.reception_use,
        }
        parts: Facts = {}
        for key, label in SANGONG_ITEMS:
            actual_raw: Money = getattr(s.actual, key)
            prior: Money = getattr(p, key)
            actual, budget = self.pub(actual_raw), self.pub(getattr(s.budget, key))
            change = self.compare(actual_raw, prior)
            parts[key] = {
                "label": label,
                "actual": self.amount(actual),
                "budget": self.amount(budget),
                "has_budget": budget != 0,
                "completion": self.rate(actual, budget) if budget else "",
                "change": change,
                "empty": actual == 0 and budget == 0 and self.pub(prior) == 0,
                "reason": self.reason(
                    reason_key(ReasonKind.SANGONG, key), needed=change["changed"]
                ),
                "use": self.note(uses[key]),
            }
        prior_total = total(getattr(p, key) for key, _ in SANGONG_ITEMS)
        budget_total, actual_total = self.pub(sf.budget_total), self.pub(sf.actual_total)
        change = self.compare(sf.actual_total, prior_total)
        domestic_batches = nz_int(s.domestic_batches) + nz_int(s.overseas_batches)
        domestic_people = nz_int(s.domestic_people) + nz_int(s.overseas_people)
        main = []  # 因公出国（境）费, 公务用车购置及运行费, 公务接待费: as one edition states them
        three = tuple(
            (key, label, SANGONG_GROUPS[key]) for key, label in SANGONG_GROUP_NAMES.items()
        )
        actuals = [sum((self.pub(getattr(s.actual, k)) for k in keys), ZERO) for *_, keys in three]
        for (key, label, keys), actual, share in zip(
            three, actuals, self.shares(actuals), strict=True
        ):
            budget = sum((self.pub(getattr(s.budget, k)) for k in keys), ZERO)
            main.append(
                {
                    "key": key,
                    "label": label,
                    "actual": self.amount(actual),
                    "budget": self.amount(budget),
                    "completion": self.rate(actual, budget),
                    "share": self.pct(share),
                    "differs": actual != budget,
                    "reason": self.reason(
                        reason_key(ReasonKind.SANGONG_BUDGET, key), needed=actual != budget
                    ),
                }
            )
        return {
            "main": main,
            "budget_reason": self.reason(
                ReasonKind.SANGONG_BUDGET, needed=budget_total != actual_total
            ),
            "completion_or_zero": self.rate(actual_total, budget_total),
            # 外宾接待 (外事接待 within 国内接待, and 国（境）外接待) and the other 国内接待:
            # together the 公务接待费, as an edition that splits it so states them
            "foreign_guests": {
                "amount": self.money(total((s.foreign_affairs_reception, s.overseas_reception))),
                "batches": str(nz_int(s.foreign_affairs_batches) + nz_int(s.overseas_batches)),
                "people": str(nz_int(s.foreign_affairs_people) + nz_int(s.overseas_people)),
            },
            "other_domestic": {
                "amount": self.money(
                    total((s.domestic_reception, -nz(s.foreign_affairs_reception)))
                ),
                "batches": str(nz_int(s.domestic_batches) - nz_int(s.foreign_affairs_batches)),
                "people": str(nz_int(s.domestic_people) - nz_int(s.foreign_affairs_people)),
            },
            "empty": all(part["empty"] for part in parts.values()),
            "budget": self.amount(budget_total),
            "actual": self.amount(actual_total),
            "has_budget": budget_total != 0,
            "completion": self.rate(actual_total, budget_total) if budget_total else "",
            "change": change,
            "reason": self.reason(ReasonKind.SANGONG, needed=change["changed"]),
            "parts": parts,
            "abroad_groups": _count(s.abroad_groups),
            "abroad_people": _count(s.abroad_people),
            "vehicles_bought": _count(s.vehicles_bought),
            "vehicles_held": _count(s.vehicles_held),
            "has_vehicles": bool(s.vehicles_held),
            "reception_batches": str(domestic_batches),
            "reception_people": str(domestic_people),
            "domestic_reception": self.money(s.domestic_reception),
            "domestic_batches": _count(s.domestic_batches),
            "domestic_people": _count(s.domestic_people),
            "foreign_affairs_reception": self.money(s.foreign_affairs_reception),
            "foreign_affairs_batches": _count(s.foreign_affairs_batches),
            "foreign_affairs_people": _count(s.foreign_affairs_people),
            "overseas_reception": self.money(s.overseas_reception),
            "overseas_batches": _count(s.overseas_batches),
            "overseas_people": _count(s.overseas_people),
            "has_foreign_affairs": self.pub(s.foreign_affairs_reception) != 0
            or bool(s.foreign_affairs_batches),
            "has_overseas": self.pub(s.overseas_reception) != 0 or bool(s.overseas_batches),
            "vehicle_operation_items": [
                {"label": escape(i.label), "amount": self.money(i.amount)}
                for i in s.vehicle_operation_items
                if self.pub(i.amount) != 0
            ],
        }

    def admin_cost(self) -> Facts:
        r = self.r
        cost = r.stats.admin_cost
        change = self.compare(cost, r.prior.admin_cost)
        applies = r.unit.kind.has_admin_cost
        return {
            "applies": applies,
            "amount": self.money(cost),
            "empty": self.pub(cost) == 0,
            "change": change,
            "reason": self.reason(ReasonKind.ADMIN_COST, needed=applies and change["changed"]),
        }

    def procurement(self) -> Facts:
        p = self.r.stats.procurement
        whole = self.pub(self.d.procurement_total)
        sme, small = self.pub(p.sme), self.pub(p.small_micro)
        return {
            "empty": whole == 0,
            "total": self.amount(whole),
            "goods": self.money(p.goods),
            "works": self.money(p.works),
            "services": self.money(p.services),
            "sme": self.amount(sme),
            "sme_share": self.rate(sme, whole),
            "small_micro": self.amount(small),
            "small_micro_share": self.rate(small, whole),
            "small_micro_share_of_sme": self.rate(small, sme),
        }

    def assets(self) -> Facts:
        a = self.r.stats.assets
        counts = {k: nz_int(getattr(a.vehicles, k)) for k in VEHICLE_CATEGORIES}
        held = self.d.vehicle_total or 0
        return {
            "vehicles": str(held),
            "has_vehicles": held != 0,
            "categories": {k: str(v) for k, v in counts.items()},
            "listed": [{"key": k, "count": str(v)} for k, v in counts.items() if v],
            "other": str(counts["other"]),
            "other_note": self.note(a.other_vehicle_note),
            "equipment": _count(a.equipment_over_1m),
            "has_equipment": bool(a.equipment_over_1m),
        }

    def performance(self) -> Facts:
        """十(四) 预算绩效: the projects together, one by one, and the unit as a whole.

        Every share is of one base and of the figures printed beside it: the projects'
        执行数 of the unit's 项目支出 (both actual spending); a budget is never set against
        what was spent (the 晋城 2022 report printed 「涉及资金8406200元（budgets），占项目
        支出总额的106%」). A share above 100% is the true ratio: `checks` reports why."""
        r, d = self.r, self.d
        evaluations = self_eval.evaluate_all(r, papers=d.papers)
        summary = self_eval.summary(r, d)
        spending, executed = self.pub(summary.project_spending), self.pub(summary.executed)
        g = summary.grades
        counts = {
            "excellent": g[self_eval.Grade.EXCELLENT],
            "good": g[self_eval.Grade.GOOD],
            "fair": g[self_eval.Grade.FAIR],
            "poor": g[self_eval.Grade.POOR],
        }
        # The 2022 wording splits the funds by budget (一般公共预算, 政府性基金, …): from the
        # projects' 资金性质 when every one states it; without them it is only certain when
        # every 项目支出 (or every 支出, for the unit as a whole) was 一般公共预算财政拨款.
        t = d.totals
        projects_general = self.pub(t["spending.project"]) == self.pub(t["fiscal.general_project"])
        all_general = self.pub(t["spending.total"]) == self.pub(t["fiscal.general"])
        kinds = [(k.kind, k) for k in summary.by_kind if k.kind is not None]
        return {
            "projects": str(summary.projects),
            "has_projects": summary.projects > 0,
            "level1": str(summary.level1),
            "level2": str(summary.projects - summary.level1),
            "has_level1": summary.level1 > 0,
            "first_project": escape(evaluations[0].name) if evaluations else "",
            # 涉及资金: Σ 全年预算数; the 2022 wording 「年初预算安排的项目资金」 counts 年初预算数
            "funds": self.money(summary.funds),
            "initial_funds": self.money(summary.initial),
            "executed": self.amount(executed),
            "project_spending": self.amount(spending),
            "executed_share": self.rate(executed, spending) if spending else "",
            "kinds_known": bool(kinds) and len(kinds) == len(summary.by_kind),
            "kinds": [
                {
                    "label": FUND_KIND_WORDS[kind],
                    "projects": str(k.projects),
                    "funds": self.money(k.full_year),
                    "initial": self.money(k.initial),
                    "executed": self.money(k.executed),
                }
                for kind, k in kinds
            ],
            "of_kind": {
                "general": self._kind_share(summary, FundKind.GENERAL, "fiscal.general_project"),
                "gov_fund": self._kind_share(summary, FundKind.GOV_FUND, "fiscal.fund_project"),
            },
            "mean_score": self._mean_score(evaluations),
            "executed_completion": self.rate(self.pub(summary.executed), total_full)
            if (total_full := self.pub(summary.funds))
            else "0.00%",
            "projects_general_only": projects_general,
            "all_general_only": all_general,
            "list": [self.project(n, e) for n, e in enumerate(evaluations, start=1)],
            "counts": {k: str(v) for k, v in counts.items()},
            "grades": [
                {"grade": grade.value, "count": str(g[grade])}
                for grade in self_eval.Grade
                if g[grade]
            ],
            "ungraded": str(summary.ungraded),
            "has_ungraded": summary.ungraded > 0,
            "unscored": str(summary.unscored),
            "has_unscored": summary.unscored > 0,
            "improve_good": self.reason(ReasonKind.PERFORMANCE_GOOD, needed=counts["good"] > 0),
            "improve_fair": self.reason(ReasonKind.PERFORMANCE_FAIR, needed=counts["fair"] > 0),
            "improve_poor": self.reason(ReasonKind.PERFORMANCE_POOR, needed=counts["poor"] > 0),
            "improve_fair_poor": self.reason(
                ReasonKind.PERFORMANCE_POOR, needed=counts["fair"] + counts["poor"] > 0
            ),
            "has_fair_poor": counts["fair"] + counts["poor"] > 0,
            "unit": self.unit_evaluation(),
        }

    def _kind_share(
        self, summary: self_eval.PerformanceSummary, kind: FundKind, base_key: str
    ) -> Facts:
        """The projects of one 资金性质: how many, 涉及资金 (Σ 全年预算数) and its share of
        the unit's 项目支出 paid from that budget (the Henan wording's base)."""
        found = next((k for k in summary.by_kind if k.kind is kind), None)
        funds = self.pub(found.full_year) if found is not None else ZERO
        base = self.pub(self.d.totals[base_key])
        return {
            "projects": str(found.projects if found is not None else 0),
            "funds": self.amount(funds),
            "share": self.rate(funds, base),
        }

    def _mean_score(self, evaluations: Sequence[self_eval.Evaluation]) -> str:
        """The projects' 自评得分 weighted by 全年预算数 (of the scored projects), one decimal
        as a 自评得分 prints; '' when none is scored."""
        scored = [(e.total, nz(e.full_year)) for e in evaluations if e.total is not None]
        weight = sum((w for _, w in scored), ZERO)
        if not scored:
            return ""
        if weight == 0:
            mean = sum((t for t, _ in scored), ZERO) / len(scored)
        else:
            mean = sum((t * w for t, w in scored), ZERO) / weight
        return self_eval.format_points(mean)

    def project(self, number: int, e: self_eval.Evaluation) -> Facts:
        """One project's paragraph: its budgets and 执行数 as published, the 执行率 its
        自评表 prints (from the exact figures), 完成预算 (执行数 ÷ 年初预算数, of the two
        figures printed), 总分 and 等级 — or that it is 未评分."""
        initial, executed = self.pub(e.budgeted), self.pub(e.executed)
        project = self.r.self_evals[number - 1]
        return {
            "number": str(number),
            "name": escape(e.name),
            "initial": self.amount(initial),
            "full_year": self.money(e.full_year),
            "executed": self.amount(executed),
            "rate": self.pct(e.rate) if e.rate is not None else "",
            "completion": self.rate(executed, initial) if initial else "",
            "score": self_eval.format_points(e.total) if e.total is not None else "",
            "grade": e.grade.value if e.grade is not None else "",
            "unscored": e.unscored,
            # the officer's texts of the project's 自评 ('' where none was written)
            "achieved": self.note(project.achieved),
            "problems": self.note(project.texts.problems),
            "improvements": self.note(project.texts.improvements),
        }

    def unit_evaluation(self) -> Facts:
        """部门（单位）整体支出绩效自评: its 预算数 (全年 and 年初), the report's own spending
        as 执行数, 执行率 and 预算调整率 of those printed figures, 总分 and 等级."""
        unit = self.r.unit_self_eval
        scored = self_eval.evaluate_unit(self.r, self.d)
        if unit is None or scored is None:
            return {"present": False}
        budget, initial = self.pub(scored.full_year), self.pub(scored.initial)
        done = self.pub(scored.executed)
        return {
            "present": True,
            "score": self_eval.format_points(scored.total) if scored.total is not None else "",
            "grade": scored.grade.value if scored.grade is not None else "",
            "budget": self.amount(budget),
            "initial": self.amount(initial),
            "has_initial": scored.initial is not None,
            "executed": self.amount(done),
            "rate": self.rate(done, budget) if budget else "",
            "adjustment": self.rate(budget - initial, initial) if initial else "",
            "summary": self.note(unit.summary),
        }


def nz_int(value: int | None) -> int:
    return value or 0


def facts(report: Report, derived: Derived | None = None, *, probe: bool = False) -> Facts:
    """Every figure and flag the text templates of `report`'s edition may place.

    `probe`: every reason and note the templates may print is a placeholder carrying its
    key (see the module's note); for finding the keys, never for publishing."""
    d = derived if derived is not None else derive(report)
    return _Facts(report, d, probe=probe).build()


__all__ = [
    "NOTE_PLACEHOLDER",
    "REASON_PLACEHOLDER",
    "Facts",
    "facts",
    "percent",
    "shares",
]


class FactsError(JuesuanError):
    """A text template asks the facts for something that cannot be (a wrong code)."""


def _text_format(report: Report) -> TextFormat:
    """The edition's number formats for the text (the defaults for an unknown edition:
    rendering it fails on its templates, with the message that says why)."""
    try:
        return load_edition(report.unit.edition).text
    except EditionError:
        return TextFormat()
