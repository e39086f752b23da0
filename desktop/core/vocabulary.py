"""The officer's words: the one place the app's Chinese names live.

    model field ──LABELS──────────────> template headers, form rows, grid headers
    Location ─────describe_location───> 「收入支出（按功能科目） › 2010301 行政运行 › 基本支出」
    reason key ───ReasonKey.describe──> 「201 一般公共服务支出：一般公共预算财政拨款支出与上年…」
    edition ──────table_number────────> 「公开09」 (the 三公 table of the 2024 layout)

The GUI, `juesuan check`/`build`, the fill-in template, the checks' messages, the text
and the publishing blockers all name things through this module, so a figure is called
the same wherever an officer meets it. Names of 科目 come from the catalogs (plus the
report's own 科目) through `Names`.

Reason keys (``total``, ``general_class:201``, ``sangong:abroad`` …) are stored as
strings in the project file; `ReasonKey` is their typed form: ``ReasonKey.parse(text)``
takes one apart, ``str(key)`` gives the stored string back unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from desktop.core import catalog
from desktop.core.locations import Form, Location
from desktop.core.model import (
    Assets,
    Balances,
    BudgetLine,
    CodeAmount,
    CustomCode,
    EconRow,
    FiscalAmounts,
    FiscalSpending,
    FundingLine,
    Income,
    Indicator,
    LedgerRow,
    NamedAmount,
    NamedText,
    Overview,
    PriorYear,
    Procurement,
    Reason,
    Report,
    Sangong,
    SangongAmounts,
    SelfEval,
    SelfEvalTexts,
    Spending,
    Staff,
    Statistics,
    Task,
    UnitInfo,
    UnitSelfEval,
    Vehicles,
)

if TYPE_CHECKING:
    from desktop.core.editions import Edition

# ---------------------------------------------------------------- funding sources, 三公

SOURCE_NAMES: dict[str, str] = {
    "general_budget": "一般公共预算财政拨款",
    "gov_fund": "政府性基金预算财政拨款",
    "state_capital": "国有资本经营预算财政拨款",
}
"""The three 财政拨款 sources (`FiscalAmounts` fields), as the tables name them."""

SOURCE_SHORT: dict[str, str] = {
    "general_budget": "一般公共预算",
    "gov_fund": "政府性基金",
    "state_capital": "国有资本经营",
}
"""The same sources where 财政拨款 is already said (a column group, a bracket)."""

# the three items of 三公 as an edition states them against 预算 (购置 and 运行 together)
SANGONG_GROUP_NAMES: dict[str, str] = {
    "abroad": "因公出国（境）费",
    "vehicle": "公务用车购置及运行费",
    "reception": "公务接待费",
}
SANGONG_NAMES: dict[str, str] = {
    "abroad": "因公出国（境）费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行维护费",
    "reception": "公务接待费",
}
"""The four “三公” items (`SangongAmounts` fields), in the order the tables print them."""

SANGONG_ITEMS: tuple[str, ...] = tuple(SANGONG_NAMES)

_SPENDING_NATURES = {
    "basic": "基本支出",
    "project": "项目支出",
    "remit_superior": "上缴上级支出",
    "operating": "经营支出",
    "affiliate_grant": "对附属单位补助支出",
}
FISCAL_PREFIXES = {"general_budget": "general", "gov_fund": "fund", "state_capital": "capital"}
"""Each source's prefix in the `FiscalSpending` fields (``general_basic``, ``fund_project``)."""

# ---------------------------------------------------------------- the model's fields

LABELS: dict[type, dict[str, str]] = {
    UnitInfo: {
        "name": "单位名称",
        "code": "单位编码",
        "department": "主管部门",
        "department_code": "主管部门编码",
        "year": "决算年度",
        "kind": "单位性质",
        "consolidated": "是否汇总（部门）决算",
        "member_units": "汇总范围内的单位",
        "amount_unit": "公开表金额单位",
        "edition": "公开表版式",
        "compiled_on": "编制日期",
    },
    Overview: {"duties": "职责", "organization": "机构设置", "staff": "人员情况"},
    Staff: {"authorized": "编制数", "in_service": "在职实有人数", "retired": "离退休人员"},
    Income: {
        **{source: f"{name}收入" for source, name in SOURCE_NAMES.items()},
        "superior_grant": "上级补助收入",
        "business": "事业收入",
        "operating": "经营收入",
        "affiliate_remit": "附属单位上缴收入",
        "other": "其他收入",
    },
    Spending: _SPENDING_NATURES,
    FiscalSpending: {
        f"{short}_{nature}": f"{SOURCE_NAMES[source]}{_SPENDING_NATURES[nature]}"
        for source, short in FISCAL_PREFIXES.items()
        for nature in ("basic", "project")
    },
    FiscalAmounts: SOURCE_NAMES,
    LedgerRow: {
        "code": "科目代码",
        "income": "本年收入",
        "spending": "本年支出",
        "fiscal": "其中：财政拨款支出",
        "fiscal_opening": "年初财政拨款结转和结余",
    },
    BudgetLine: {"code": "科目代码", "amount": "年初预算数"},
    Balances: {
        "opening": "年初结转和结余",
        "use_nonfiscal": "使用非财政拨款结余（含专用结余）",
        "distribution": "结余分配",
        "declared_closing": "年末结转和结余（填报数，用于核对）",
        "declared_fiscal_closing": "年末财政拨款结转和结余（填报数，用于核对）",
    },
    EconRow: {"code": "经济分类科目代码", "basic": "基本支出", "project": "项目支出"},
    SangongAmounts: SANGONG_NAMES,
    NamedAmount: {"label": "用途", "amount": "金额"},
    Sangong: {
        "budget": "预算数",
        "actual": "决算数",
        "abroad_groups": "因公出国（境）团组数",
        "abroad_people": "因公出国（境）人次",
        "vehicles_bought": "购置公务用车（辆）",
        "vehicles_held": "财政拨款开支的公务用车保有量（辆）",
        "domestic_reception": "国内公务接待费",
        "domestic_batches": "国内公务接待批次",
        "domestic_people": "国内公务接待人次",
        "foreign_affairs_reception": "其中：外事接待费",
        "foreign_affairs_batches": "外事接待批次",
        "foreign_affairs_people": "外事接待人次",
        "overseas_reception": "国（境）外公务接待费",
        "overseas_batches": "国（境）外公务接待批次",
        "overseas_people": "国（境）外公务接待人次",
        "vehicle_operation_items": "公务用车运行维护费明细",
        **{f"{item}_use": f"{name}主要用途" for item, name in SANGONG_NAMES.items()},
    },
    Procurement: {
        "goods": "政府采购货物支出",
        "works": "政府采购工程支出",
        "services": "政府采购服务支出",
        "sme": "授予中小企业合同金额",
        "small_micro": "其中：授予小微企业合同金额",
    },
    Vehicles: {
        "ministerial": "副部（省）级及以上领导用车",
        "principal": "主要负责人用车",
        "confidential": "机要通信用车",
        "emergency": "应急保障用车",
        "law_enforcement": "执法执勤用车",
        "special": "特种专业技术用车",
        "retiree": "离退休干部服务用车",
        "other": "其他用车",
    },
    Assets: {
        "vehicles": "车辆数",
        "declared_vehicle_total": "车辆合计（填报数，用于核对）",
        "equipment_over_1m": "单价100万元（含）以上设备（不含车辆）",
        "other_vehicle_note": "其他用车主要是",
    },
    Statistics: {"procurement": "政府采购", "admin_cost": "机关运行经费", "assets": "国有资产"},
    PriorYear: {
        "income_total": "收入总计",
        "spending_total": "支出总计",
        "fiscal_income_total": "财政拨款收入总计",
        "fiscal_spending_total": "财政拨款支出总计",
        "general_spending": "一般公共预算财政拨款支出",
        "general_by_class": "一般公共预算财政拨款支出（按类）",
        "sangong": "“三公”经费决算数",
        "admin_cost": "机关运行经费",
    },
    CodeAmount: {"code": "类级编码", "amount": "金额"},  # 上年数 by 类: rows of the 上年数 form
    Reason: {"key": "原因编号", "text": "原因说明"},
    FundingLine: {
        "source": "资金来源",
        "declared": "年初预算数：目标申报数",
        "budgeted": "年初预算数：预算编制数",
        "full_year": "全年预算数",
        "executed": "全年执行数",
        "note": "偏差原因",
    },
    Indicator: {
        "level1": "一级指标",
        "level2": "二级指标",
        "level3": "三级指标",
        "weight": "分值",
        "initial_value": "年初指标值",
        "target": "调整后指标值",
        "actual": "实际完成值",
        "qualitative_note": "定性指标情况说明",
        "score": "得分",
        "deviation": "偏差原因分析及改进措施",
    },
    SelfEvalTexts: {
        "implementation": "项目实施和预算执行情况及分析",
        "output": "产出情况及分析",
        "benefit": "效益情况及分析",
        "satisfaction": "满意度情况及分析",
        "experience": "主要经验做法",
        "problems": "存在的主要问题及原因分析",
        "improvements": "下一步改进措施及管理建议",
        "basic_info": "项目基本信息（自评分析报告）",
    },
    SelfEval: {
        "name": "项目名称",
        "department": "主管部门及代码",
        "unit": "预算单位",
        "code": "功能分类科目编码",
        "fund_kind": "资金性质",
        "program": "所属一级项目",
        "level1": "是否一级项目",
        "project_type": "项目类型",
        "funding_office": "资金归口处室",
        "system_executed": "系统查询全年执行数",
        "funding": "资金",
        "goal": "年度目标",
        "achieved": "实际完成情况",
        "indicators": "绩效指标",
        "texts": "分析",
    },
    UnitSelfEval: {
        "funding": "资金来源",
        "rate_weight": "预算执行分值",
        "duties_goal": "年度履职目标",
        "duties_achieved": "年度履职目标实际完成情况",
        "tasks": "年度主要任务",
        "indicators": "绩效指标",
        "declared_score": "自评得分（未填指标时）",
        "summary": "自评综述",
        "texts": "评价报告文字",
    },
    Task: {"name": "任务名称", "content": "主要内容", "achieved": "实际完成情况"},
    NamedText: {"key": "段落", "text": "文字"},
    CustomCode: {"code": "科目代码", "name": "科目名称"},
}
"""Chinese labels of every field, by record class (the fill-in template's headers; a
nested record's label becomes the group: a form row's prefix, a table's upper header)."""

OPENING_NAMES = {s: f"年初财政拨款结转和结余（{n}）" for s, n in SOURCE_SHORT.items()}
FISCAL_CLOSING_NAMES = {s: f"年末财政拨款结转和结余（{n}）" for s, n in SOURCE_NAMES.items()}

# ---------------------------------------------------------------- fields as findings name them


def _prefixed(prefix: str, names: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}.{k}": v for k, v in names.items()}


_LEDGER_FIELDS: dict[str, str] = {
    **_prefixed("income", LABELS[Income]),
    **_prefixed("spending", LABELS[Spending]),
    **_prefixed("fiscal", LABELS[FiscalSpending]),
    **_prefixed("opening", OPENING_NAMES),
    "budget.amount": "年初预算数",
    "code": "科目代码",
    **{k: v for k, v in LABELS[Balances].items() if k != "declared_fiscal_closing"},
    **_prefixed("declared_fiscal_closing", FISCAL_CLOSING_NAMES),
    **FISCAL_CLOSING_NAMES,
}
_SANGONG_FIELDS: dict[str, str] = {
    **{f"budget.{k}": f"{v}预算数" for k, v in SANGONG_NAMES.items()},
    **{f"actual.{k}": f"{v}决算数" for k, v in SANGONG_NAMES.items()},
    **{k: v for k, v in LABELS[Sangong].items() if k not in ("budget", "actual")},
}
_STATS_FIELDS: dict[str, str] = {
    **LABELS[Procurement],
    "admin_cost": LABELS[Statistics]["admin_cost"],
    **{k: v for k, v in LABELS[Assets].items() if k != "vehicles"},
    **_prefixed("vehicles", LABELS[Vehicles]),
    **LABELS[Vehicles],
}
_PRIOR_FIELDS: dict[str, str] = {
    **{k: f"上年{v}" for k, v in LABELS[PriorYear].items() if k != "sangong"},
    **{f"sangong.{k}": f"上年{v}" for k, v in SANGONG_NAMES.items()},
    "reasons": LABELS[Reason]["text"],
}

FIELD_NAMES: dict[Form, dict[str, str]] = {
    Form.UNIT: LABELS[UnitInfo],
    Form.OVERVIEW: {**LABELS[Overview], **LABELS[Staff]},
    Form.LEDGER: _LEDGER_FIELDS,
    Form.ECON: LABELS[EconRow],
    Form.SANGONG: _SANGONG_FIELDS,
    Form.STATS: _STATS_FIELDS,
    Form.PRIOR: _PRIOR_FIELDS,
    # a project's `funding` as a finding names it: its totals and 执行率
    Form.SELF_EVAL: {
        **LABELS[SelfEval],
        "funding": "预算执行",
        **{f"texts.{k}": v for k, v in LABELS[SelfEvalTexts].items()},
    },
    Form.UNIT_EVAL: {**LABELS[UnitSelfEval], "funding": "预算执行"},
}
"""Each form's fields as `Location.field` names them (``spending.basic``, ``actual.abroad``)."""

# Rows that are keys rather than words (`Location.row`), per form.
_ROW_NAMES: dict[Form, dict[str, str]] = {
    Form.SANGONG: {
        **SANGONG_NAMES,
        "domestic_reception": "国内公务接待",
        "foreign_affairs_reception": "外事接待",
        "overseas_reception": "国（境）外公务接待",
        "counts": "数量",
    },
}

_INDEXED = {
    "funding": ("第{n}个资金来源", LABELS[FundingLine]),
    "indicators": ("第{n}个指标", LABELS[Indicator]),
    "vehicle_operation_items": ("运行维护费明细第{n}行", LABELS[NamedAmount]),
    "tasks": ("第{n}项主要任务", LABELS[Task]),
}


def field_name(form: Form, field: str) -> str:
    """A `Location.field` of `form` in the officer's words (the key itself if unknown)."""
    known = FIELD_NAMES.get(form, {}).get(field)
    if known:
        return known
    head, bracket, rest = field.partition("[")
    if bracket and head in _INDEXED:
        index, _, name = rest.partition("]")
        if index.isdigit():
            where, names = _INDEXED[head]
            inner = name.removeprefix(".")
            return f"{where.format(n=int(index) + 1)} {names.get(inner, inner)}".rstrip()
    return field


# ---------------------------------------------------------------- names of 科目


@lru_cache(maxsize=8)
def _functional(custom: tuple[CustomCode, ...]) -> catalog.Catalog:
    # keyed by the (frozen) custom codes: a pure function of its argument, cached because
    # the findings panel names a location on every repaint
    return catalog.functional().with_custom((c.code, c.name) for c in custom)


@dataclass(frozen=True)
class Names:
    """The names of 科目 as a report knows them: the catalogs of its year, plus the 科目
    the officer added."""

    functional: catalog.Catalog
    year: int = 2024

    @classmethod
    def of(cls, report: Report | None = None) -> Names:
        if report is None:
            return cls(catalog.functional())
        return cls(_functional(report.custom_codes), report.unit.year)

    def code(self, code: str) -> str:
        """「2010301 行政运行」; the code alone where the catalog does not know it."""
        return f"{code} {self.functional.name(code, self.year)}".strip()

    def econ(self, code: str) -> str:
        return f"{code} {catalog.economic().name(code, self.year)}".strip()


# ---------------------------------------------------------------- reason keys


class ReasonKind(StrEnum):
    """What a reason (or a text the document owes) is about: the head of its key."""

    TOTAL = "total"  # 收入、支出总计 against last year
    FISCAL = "fiscal"  # 财政拨款收入、支出总计
    GENERAL = "general"  # 一般公共预算财政拨款支出
    GENERAL_CLASS = "general_class"  # … of one 类 (code)
    BUDGET_CLASS = "budget_class"  # a 类's 决算 against its 年初预算 (code)
    BUDGET_USE = "budget_use"  # what a 类's spending was used for (code)
    SANGONG = "sangong"  # the 三公 total, or one item (code: a `SangongAmounts` field)
    SANGONG_BUDGET = "sangong_budget"  # 三公 决算 against 预算: total, or abroad/vehicle/reception
    ADMIN_COST = "admin_cost"  # 机关运行经费
    PERFORMANCE_GOOD = "performance_good"  # measures for projects graded 良
    PERFORMANCE_FAIR = "performance_fair"  # … 中
    PERFORMANCE_POOR = "performance_poor"  # … 差 (the 2022 wording: 中 and 差)
    PERFORMANCE_EVALUATION = "performance_evaluation"  # 部门评价的结果
    PERFORMANCE_OTHER = "performance_other"  # 其他绩效管理情况
    PERFORMANCE_RESULTS = "performance_results"  # 项目绩效目标完成情况 (all projects)
    PERFORMANCE_PROBLEMS = "performance_problems"  # … 发现的主要问题及原因
    PERFORMANCE_NEXT = "performance_next"  # … 下一步改进措施
    OTHER_MATTERS = "other_matters"  # 其他需要说明的重要事项
    CUSTOM_CODES_NOTE = "custom_codes_note"  # 名词解释 of the officer's own 科目
    OVERVIEW = "overview"  # 概况 text (code: duties / organization) — not a reason


_CHANGE = "与上年相比增减的主要原因"
_MEASURES = "采取的改进措施"
# kind → (what it is about, what the officer is asked about it)
_ABOUT: dict[str, tuple[str, str]] = {
    ReasonKind.TOTAL: ("收入、支出总计", _CHANGE),
    ReasonKind.FISCAL: ("财政拨款收入、支出总计", _CHANGE),
    ReasonKind.GENERAL: ("一般公共预算财政拨款支出", _CHANGE),
    ReasonKind.GENERAL_CLASS: ("一般公共预算财政拨款支出（按类）", _CHANGE),
    ReasonKind.SANGONG: ("“三公”经费支出", _CHANGE),
    ReasonKind.ADMIN_COST: ("机关运行经费", _CHANGE),
    ReasonKind.PERFORMANCE_GOOD: ("自评结果为“良”的项目", _MEASURES),
    ReasonKind.PERFORMANCE_FAIR: ("自评结果为“中”的项目", _MEASURES),
    ReasonKind.PERFORMANCE_POOR: ("自评结果为“差”（或“中”和“差”）的项目", _MEASURES),
    ReasonKind.PERFORMANCE_EVALUATION: ("部门评价的结果", ""),
    ReasonKind.PERFORMANCE_OTHER: ("其他绩效管理情况", ""),
    ReasonKind.PERFORMANCE_RESULTS: ("项目绩效自评：", "项目绩效目标完成情况"),
    ReasonKind.PERFORMANCE_PROBLEMS: ("项目绩效自评：", "发现的主要问题及原因"),
    ReasonKind.PERFORMANCE_NEXT: ("项目绩效自评：", "下一步改进措施"),
    ReasonKind.SANGONG_BUDGET: ("“三公”经费支出决算数与预算数", "存在差异的主要原因"),
    ReasonKind.OTHER_MATTERS: ("其他需要说明的重要事项", ""),
    ReasonKind.CUSTOM_CODES_NOTE: ("自定义科目", "在名词解释中的说明"),
}
# kinds whose code is a 功能分类 类: (the figure of that 类, what is asked)
_OF_CLASS: dict[str, tuple[str, str]] = {
    ReasonKind.GENERAL_CLASS: ("一般公共预算财政拨款支出", _CHANGE),
    ReasonKind.BUDGET_CLASS: ("决算数与年初预算数差异", "的主要原因"),
    ReasonKind.BUDGET_USE: ("支出的主要用途", ""),
}
OVERVIEW_NAMES = {"duties": "本单位职责", "organization": "机构设置"}


@dataclass(frozen=True, order=True)
class ReasonKey:
    """A reason key, taken apart: ``general_class:201`` is ``ReasonKey("general_class",
    "201")``. `code` is None when the key has no ``:`` part; ``str()`` gives back exactly
    the string it was parsed from (the project file stores that string)."""

    kind: str
    code: str | None = None

    @classmethod
    def parse(cls, text: str) -> ReasonKey:
        head, colon, code = text.partition(":")
        kind: str = ReasonKind(head) if head in _KINDS else head
        return cls(kind, code if colon else None)

    def __str__(self) -> str:
        return self.kind if self.code is None else f"{self.kind}:{self.code}"

    @property
    def is_reason(self) -> bool:
        """A `Reason` the officer types on the 上年数与原因说明 form (概况 texts are not)."""
        return self.kind != ReasonKind.OVERVIEW

    @property
    def location(self) -> Location:
        """Where the officer writes the text this key stands for: a 概况 field, or the
        reason's row of the 上年数与原因说明 form."""
        if self.kind == ReasonKind.OVERVIEW:
            return Location(Form.OVERVIEW, "", self.code or "")
        return Location(Form.PRIOR, str(self), "reasons")

    @property
    def known(self) -> bool:
        """A key the app itself asks for (and so can name)."""
        return self._words(Names(catalog.functional())) is not None

    def subject(self, names: Names | None = None) -> str:
        """What the key is about: 「收入、支出总计」, 「201 一般公共服务支出：一般公共预算
        财政拨款支出」, 「因公出国（境）费」 — a row of the 上年数与原因说明 form."""
        words = self._words(names or Names.of())
        return words[0] if words is not None else str(self)

    def describe(self, names: Names | None = None) -> str:
        """What the officer is asked to write: 「收入、支出总计与上年相比增减的主要原因」."""
        words = self._words(names or Names.of())
        return "".join(words) if words is not None else str(self)

    def _words(self, names: Names) -> tuple[str, str] | None:
        kind, code = self.kind, self.code
        if kind == ReasonKind.OVERVIEW:
            return (OVERVIEW_NAMES[code], "") if code in OVERVIEW_NAMES else None
        if kind == ReasonKind.SANGONG and code is not None:
            return (SANGONG_NAMES[code], _CHANGE) if code in SANGONG_NAMES else None
        if kind == ReasonKind.SANGONG_BUDGET and code is not None:
            name = SANGONG_GROUP_NAMES.get(code)
            return (f"{name}决算数与预算数", "存在差异的主要原因") if name else None
        if kind in _OF_CLASS and code is not None:
            if not code.isdigit():
                return None
            figure, ask = _OF_CLASS[kind]
            return (f"{names.code(code)}：{figure}", ask)
        if code is None and kind in _ABOUT:
            return _ABOUT[kind]
        return None


_KINDS = frozenset(k.value for k in ReasonKind)


def reason_key(kind: ReasonKind, code: str | None = None) -> str:
    """The stored string of a key: ``reason_key(ReasonKind.GENERAL_CLASS, "201")``."""
    return str(ReasonKey(kind, code))


def describe_reason(key: str, names: Names | None = None) -> str:
    return ReasonKey.parse(key).describe(names)


def missing_text(key: str, names: Names | None = None) -> str:
    """What a placeholder of the document stands for, as a blocker says it:
    「情况说明缺少：收入、支出总计与上年相比增减的主要原因」, 「概况缺少：本单位职责」."""
    parsed = ReasonKey.parse(key)
    where = "情况说明" if parsed.is_reason else "概况"
    return f"{where}缺少：{parsed.describe(names)}"


# ---------------------------------------------------------------- locations


def row_name(location: Location, names: Names | None = None) -> str:
    row, form = location.row, location.form
    names = names or Names.of()
    if form is Form.LEDGER and row.isdigit():
        return names.code(row)
    if form is Form.ECON and row.isdigit():
        return names.econ(row)
    if form is Form.PRIOR and row:
        return ReasonKey.parse(row).subject(names)
    if form is Form.UNIT_EVAL and location.field == "texts":
        return ""  # a 评价报告 slot's key: the message names the slot in words
    return _ROW_NAMES.get(form, {}).get(row, row)


def describe_location(
    location: Location, names: Names | None = None, *, with_form: bool = True
) -> str:
    """「收入支出（按功能科目） › 2010301 行政运行 › 基本支出」: where a finding is, in
    the officer's words (`with_form=False` where the form is shown beside it)."""
    parts = [location.form.value] if with_form else []
    parts += [row_name(location, names), field_name(location.form, location.field)]
    seen: list[str] = []
    for p in parts:
        if p and p not in seen:
            seen.append(p)
    return " › ".join(seen)


# ---------------------------------------------------------------- tables of an edition


class TableRole(StrEnum):
    """What a 公开 table is, whatever an edition numbers or titles it: an edition's tables
    each say their role (``"role": "sangong"``), and the app names a table through it."""

    TOTALS = "totals"
    INCOME = "income"
    SPENDING = "spending"
    FISCAL_TOTALS = "fiscal_totals"
    GENERAL = "general"
    ECON = "econ"
    SANGONG = "sangong"
    FUND = "fund"
    CAPITAL = "capital"
    STATISTICS = "statistics"

    @property
    def usual_title(self) -> str:
        """The table's usual title, where no edition is at hand."""
        return _ROLE_TITLES[self]


_ROLE_TITLES = {
    TableRole.TOTALS: "收入支出决算总表",
    TableRole.INCOME: "收入决算表",
    TableRole.SPENDING: "支出决算表",
    TableRole.FISCAL_TOTALS: "财政拨款收入支出决算总表",
    TableRole.GENERAL: "一般公共预算财政拨款支出决算表",
    TableRole.ECON: "一般公共预算财政拨款基本支出决算明细表",
    TableRole.SANGONG: "财政拨款“三公”经费支出决算表",
    TableRole.FUND: "政府性基金预算财政拨款收入支出决算表",
    TableRole.CAPITAL: "国有资本经营预算财政拨款支出决算表",
    TableRole.STATISTICS: "部门决算公开相关信息统计表",
}


def table_number(edition: Edition, role: TableRole) -> str | None:
    """The number (「公开09」) `edition` gives the table of `role`; None if it has none."""
    return next((t.number for t in edition.tables if t.role is role), None)


def table_title(edition: Edition | None, role: TableRole) -> str:
    """The title `edition` prints for the table of `role`, else the usual one."""
    found = next((t.title for t in edition.tables if t.role is role), None) if edition else None
    return found or role.usual_title


def table_reference(edition: Edition | None, role: TableRole) -> str:
    """How a message names the table of `role`: its number in `edition` (「公开05」), or
    its title in 「」 where there is no edition or the edition has no such table."""
    number = table_number(edition, role) if edition is not None else None
    return number or f"「{table_title(edition, role)}」"


def table_numbers(edition: Edition, roles: Iterable[TableRole]) -> str:
    """「公开01、04」: the numbers of the tables of `roles` that `edition` has."""
    numbers = [n for n in (table_number(edition, r) for r in roles) if n is not None]
    if not numbers:
        return ""
    return "、".join([numbers[0], *(n.removeprefix("公开") for n in numbers[1:])])


def table_span(edition: Edition) -> str:
    """「公开01–10表」: the tables `edition` prints, first to last."""
    if not edition.tables:
        return "公开表"
    first, last = edition.tables[0].number, edition.tables[-1].number
    if first == last:
        return f"{first}表"
    return f"{first}–{last.removeprefix('公开')}表"


__all__ = [
    "FIELD_NAMES",
    "FISCAL_CLOSING_NAMES",
    "FISCAL_PREFIXES",
    "LABELS",
    "OPENING_NAMES",
    "OVERVIEW_NAMES",
    "SANGONG_ITEMS",
    "SANGONG_NAMES",
    "SOURCE_NAMES",
    "SOURCE_SHORT",
    "Names",
    "ReasonKey",
    "ReasonKind",
    "TableRole",
    "describe_location",
    "describe_reason",
    "field_name",
    "missing_text",
    "reason_key",
    "row_name",
    "table_number",
    "table_numbers",
    "table_reference",
    "table_span",
    "table_title",
]
