"""Chinese names of the model's fields, for column headers and finding locations.

The model and the findings name fields in English (``income.general_budget``); the
officer reads 「一般公共预算财政拨款收入」. This is the one table of those names.
"""

from __future__ import annotations

import re

from desktop.core.catalog import economic, functional
from desktop.core.checks import Form, Location
from desktop.core.checks.balance import SOURCE_NAMES
from desktop.core.checks.cross import SANGONG_NAMES
from desktop.core.labels import LABELS
from desktop.core.model import (
    FiscalSpending,
    FundingLine,
    Income,
    Indicator,
    Report,
    Spending,
    UnitSelfEval,
    Vehicles,
)

INCOME = LABELS[Income]
SPENDING = LABELS[Spending]
FISCAL = LABELS[FiscalSpending]
OPENING = {
    "general_budget": "年初财政拨款结转和结余（一般公共预算）",
    "gov_fund": "年初财政拨款结转和结余（政府性基金）",
    "state_capital": "年初财政拨款结转和结余（国有资本经营）",
}
BALANCES = {
    "opening": "年初结转和结余",
    "use_nonfiscal": "使用非财政拨款结余",
    "distribution": "结余分配",
    "declared_closing": "年末结转和结余",
}

LEDGER_FIELDS: dict[str, str] = {
    **{f"income.{k}": v for k, v in INCOME.items()},
    **{f"spending.{k}": v for k, v in SPENDING.items()},
    **{f"fiscal.{k}": v for k, v in FISCAL.items()},
    **{f"opening.{k}": v for k, v in OPENING.items()},
    "budget.amount": "年初预算",
    "code": "科目编码",
    **BALANCES,
    **{
        f"declared_fiscal_closing.{k}": f"年末财政拨款结转和结余（{v}）"
        for k, v in SOURCE_NAMES.items()
    },
    **{k: f"年末财政拨款结转和结余（{v}）" for k, v in SOURCE_NAMES.items()},
}

SANGONG_COUNTS = {
    "abroad_groups": "因公出国（境）团组数",
    "abroad_people": "因公出国（境）人次",
    "vehicles_bought": "购置公务用车（辆）",
    "vehicles_held": "公务用车保有量（辆）",
    "domestic_batches": "国内公务接待批次",
    "domestic_people": "国内公务接待人次",
    "foreign_affairs_batches": "外事接待批次",
    "foreign_affairs_people": "外事接待人次",
    "overseas_batches": "国（境）外接待批次",
    "overseas_people": "国（境）外接待人次",
}
SANGONG_FIELDS: dict[str, str] = {
    **{f"budget.{k}": f"{v}预算数" for k, v in SANGONG_NAMES.items()},
    **{f"actual.{k}": f"{v}决算数" for k, v in SANGONG_NAMES.items()},
    **SANGONG_COUNTS,
    "domestic_reception": "国内接待费",
    "foreign_affairs_reception": "其中：外事接待费",
    "overseas_reception": "国（境）外接待费",
    "vehicle_operation_items": "公务用车运行维护费明细",
}
SANGONG_ROWS = {**SANGONG_NAMES, "reception": "公务接待费"}

VEHICLES = LABELS[Vehicles]
STATS_FIELDS: dict[str, str] = {
    "goods": "政府采购货物",
    "works": "政府采购工程",
    "services": "政府采购服务",
    "sme": "授予中小企业合同金额",
    "small_micro": "其中：授予小微企业合同金额",
    "admin_cost": "机关运行经费",
    "declared_vehicle_total": "车辆数合计",
    "equipment_over_1m": "单价100万元（含）以上设备",
    **VEHICLES,
}

PRIOR_FIELDS: dict[str, str] = {
    "income_total": "上年收入总计",
    "spending_total": "上年支出总计",
    "fiscal_income_total": "上年财政拨款收入总计",
    "fiscal_spending_total": "上年财政拨款支出总计",
    "general_spending": "上年一般公共预算财政拨款支出",
    "general_by_class": "上年一般公共预算财政拨款支出（按类）",
    "admin_cost": "上年机关运行经费",
    "reasons": "原因说明",
    **{f"sangong.{k}": f"上年{v}" for k, v in SANGONG_NAMES.items()},
}

FUNDING = LABELS[FundingLine]
INDICATOR = LABELS[Indicator]

UNIT_FIELDS = {
    "name": "单位名称",
    "code": "单位编码",
    "department": "主管部门",
    "department_code": "主管部门编码",
    "year": "年度",
    "kind": "单位性质",
    "amount_unit": "公开金额单位",
    "edition": "报表版式",
    "member_units": "汇总的单位",
}
OVERVIEW_FIELDS = {
    "duties": "职责",
    "organization": "机构设置",
    "authorized": "编制数",
    "in_service": "在职实有人数",
    "retired": "离退休人员",
}

UNIT_EVAL_FIELDS = LABELS[UnitSelfEval]

_FIELDS: dict[Form, dict[str, str]] = {
    Form.UNIT: UNIT_FIELDS,
    Form.OVERVIEW: OVERVIEW_FIELDS,
    Form.LEDGER: LEDGER_FIELDS,
    Form.ECON: {"basic": "基本支出", "project": "项目支出", "code": "经济分类编码"},
    Form.SANGONG: SANGONG_FIELDS,
    Form.STATS: STATS_FIELDS,
    Form.PRIOR: PRIOR_FIELDS,
    Form.UNIT_EVAL: UNIT_EVAL_FIELDS,
}

_INDEXED = re.compile(r"^(funding|indicators|vehicle_operation_items)\[(\d+)\]\.?(\w*)$")


def field_label(form: Form, field: str) -> str:
    known = _FIELDS.get(form, {}).get(field)
    if known:
        return known
    m = _INDEXED.match(field)
    if m:
        what, i, name = m.group(1), int(m.group(2)) + 1, m.group(3)
        if what == "funding":
            return f"第{i}行资金 {FUNDING.get(name, name)}".rstrip()
        if what == "indicators":
            return f"第{i}个指标 {INDICATOR.get(name, name)}".rstrip()
        return f"运行维护费明细第{i}行"
    if field == "funding":
        return "预算执行"
    return field


def _code_name(report: Report, code: str) -> str:
    """A 功能分类 科目's name as `Derived.name` gives it (the catalog's, else the name the
    officer gave an added code), without deriving the report for each label."""
    if code in functional():
        return functional().name(code, report.unit.year)
    return next((c.name for c in report.custom_codes if c.code == code), "")


def reason_label(report: Report, key: str) -> str:
    """The figure a reason key explains, as the officer knows it."""
    fixed = {
        "total": "收入支出总计",
        "fiscal": "财政拨款收支总计",
        "general": "一般公共预算财政拨款支出",
        "general_class": "一般公共预算财政拨款支出（各类上年数）",
        "sangong": "“三公”经费合计",
        "admin_cost": "机关运行经费",
        "performance_good": "绩效自评结果较好的项目",
        "performance_fair": "绩效自评结果为“中”的项目",
        "performance_poor": "绩效自评结果较差的项目",
        "performance_evaluation": "部门评价的结果",
        "performance_other": "其他绩效管理情况",
        "other_matters": "其他需要说明的事项",
        "custom_codes_note": "名词解释：自定义科目的说明",
        "overview:duties": "概况：本单位职责",
        "overview:organization": "概况：机构设置",
    }
    if key in fixed:
        return fixed[key]
    kind, _, code = key.partition(":")
    if kind == "general_class":
        return f"{_code_name(report, code) or code}（{code}）一般公共预算财政拨款支出"
    if kind == "budget_class":
        return f"{_code_name(report, code) or code}（{code}）年初预算与决算的差异"
    if kind == "budget_use":
        return f"{_code_name(report, code) or code}（{code}）支出的主要用途"
    if kind == "sangong":
        return SANGONG_NAMES.get(code, code)
    return key


def row_label(report: Report, location: Location) -> str:
    row, form = location.row, location.form
    if form is Form.LEDGER and row.isdigit():
        return f"{row} {_code_name(report, row)}".strip()
    if form is Form.ECON and row.isdigit():
        return f"{row} {economic().name(row, report.unit.year)}".strip()
    if form is Form.SANGONG:
        return SANGONG_ROWS.get(row, row)
    if form is Form.PRIOR:
        return reason_label(report, row)
    return row


def describe(report: Report, location: Location) -> str:
    """「收入支出（按功能科目） › 2010301 行政运行 › 一般公共预算财政拨款收入」."""
    parts = [row_label(report, location), field_label(location.form, location.field)]
    seen: list[str] = []
    for p in parts:
        if p and p not in seen:
            seen.append(p)
    return " › ".join(seen)
