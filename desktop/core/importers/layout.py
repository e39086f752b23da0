"""The fill-in workbook's layout, generated from the model so the two cannot drift apart.

    model dataclasses ──leaves()──> Leaf (path, group, label, kind) ──> FormSheet / TableSheet
        ──template.write_template──> 填报模板.xlsx ──workbook.import_workbook──> Report

Every field of every record reaches the workbook through `leaves`, which walks the
dataclasses and looks each field up in `LABELS`; a field added to the model without a
Chinese label fails at import time of this module (and in the tests), so the template
never silently lacks a column. Two kinds of sheet exist:

* a *form* (单位信息, 三公 …): one row per field — label in A, value in B, a note in C;
* a *table* (收入支出, 经济分类 …): a marker column (「示例」 rows are skipped), two
  header rows (group, field), then one record per row.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any

from desktop.core import limits
from desktop.core.model import (
    Balances,
    BudgetLine,
    CustomCode,
    EconRow,
    FundingLine,
    Indicator,
    LedgerRow,
    NamedAmount,
    NamedText,
    Overview,
    PriorYear,
    Reason,
    Sangong,
    SelfEval,
    Statistics,
    Task,
    UnitInfo,
    UnitSelfEval,
)
from desktop.core.vocabulary import LABELS


class Kind(Enum):
    """How a cell is written and read back."""

    TEXT = "文字"
    KEY = "名称"  # text used to join rows across sheets (项目名称): spaces trimmed
    MONEY = "金额"
    COUNT = "整数"  # int | None, not negative
    YEAR = "年度"
    DECIMAL = "数值"  # Decimal | None (分值, 得分)
    DECIMAL_REQUIRED = "数值（必填）"
    BOOL = "是/否"
    UNIT_KIND = "单位性质"
    FUND_KIND = "资金性质"
    AMOUNT_UNIT = "金额单位"
    EDITION = "版式"
    LINES = "多行"  # tuple[str, ...], one item per line
    CODE_ITEM = "功能分类项级编码"  # 7 digits
    CODE_ANY = "功能分类编码"  # 3/5/7 digits, or 合计 for the whole (年初预算)
    CODE_CUSTOM = "自定义科目编码"  # 3/5/7 digits
    CODE_ECON = "经济分类编码"  # 3/5 digits


# Kinds by the field's annotation as written in model.py (the module uses
# `from __future__ import annotations`, so `Field.type` is that text).
_KIND_BY_ANNOTATION = {
    "Money": Kind.MONEY,
    "int | None": Kind.COUNT,
    "int": Kind.YEAR,
    "Decimal | None": Kind.DECIMAL,
    "Decimal": Kind.DECIMAL_REQUIRED,
    "str": Kind.TEXT,
    "bool": Kind.BOOL,
    "UnitKind": Kind.UNIT_KIND,
    "FundKind | None": Kind.FUND_KIND,
    "tuple[str, ...]": Kind.LINES,
}

_KIND_OVERRIDES: dict[tuple[type, str], Kind] = {
    (UnitInfo, "amount_unit"): Kind.AMOUNT_UNIT,
    (UnitInfo, "edition"): Kind.EDITION,
    (LedgerRow, "code"): Kind.CODE_ITEM,
    (BudgetLine, "code"): Kind.CODE_ANY,
    (EconRow, "code"): Kind.CODE_ECON,
    (CustomCode, "code"): Kind.CODE_CUSTOM,
    (SelfEval, "name"): Kind.KEY,
    (SelfEval, "code"): Kind.CODE_ITEM,
    (Reason, "key"): Kind.KEY,
    (NamedText, "key"): Kind.KEY,
}

# Notes (cell comments) beyond what the kind says.
NOTES: dict[str, str] = {
    "unit.member_units": "汇总决算时填写：本级和所属单位的名称，每行一个（也可用分号隔开）",
    "unit.consolidated": "部门汇总决算填「是」，单位决算填「否」",
    "unit.year": "决算所属年度，如 2024",
    "unit.amount_unit": "公开表格使用的金额单位；本模板中的金额一律以元填写",
    "unit.edition": "公开表格式（各年度、省份不同）",
    "overview.duties": "每段一行（单元格内按 Alt+Enter 换行）",
    "overview.organization": "每段一行（单元格内按 Alt+Enter 换行）",
    "balances.declared_closing": "软件会自行计算年末数，这里填的数只用于核对",
    "stats.admin_cost": "行政单位和参公事业单位填写；事业单位不填",
    "ledger.code": "7位“项”级编码，可从下拉列表选择；类、款由软件汇总",
    "budget.code": "类、款或项的编码；填「合计」表示年初预算总数",
    "econ.code": "5位经济分类“款”级编码，可从下拉列表选择",
    "reasons.key": "要说明原因的数字：total 收支总计，fiscal 财政拨款，general 一般公共预算，"
    "general_class:201 按类，sangong “三公”经费，sangong:reception 等单项，admin_cost 机关运行经费",
    "reasons.about": "说明这个编号指什么，导入时不读取",
    "self_evals.name": "项目名称在「项目资金」「项目指标」表中用来对应本项目，须一致",
    "self_evals.code": "项目支出所在的功能分类“项”级编码（7位），用于核对项目支出的覆盖情况",
    "self_evals.program": "本项目所属的一级项目名称（二级项目填写）",
    "self_evals.level1": "本行自评的是一级项目本身时填「是」",
    "self_evals.system_executed": "预算管理系统中查询到的全年执行数，用于核对，单位：元",
    "unit_self_eval.rate_weight": "预算执行率的分值，通常为10分；指标分值与它合计应为100分",
    "unit_self_eval.declared_score": "没有填写绩效指标时填写整体自评得分；有指标时由软件计算",
    "custom_codes.code": "科目表中没有的功能分类科目，补充后即可使用",
}

_KIND_NOTES = {
    Kind.TEXT: "文字",
    Kind.KEY: "名称，必填",
    Kind.MONEY: "金额，单位：元，最多两位小数；不填表示无此数（不等于0）",
    Kind.COUNT: "整数，不填表示无此数",
    Kind.YEAR: "四位年份",
    Kind.DECIMAL: "数值",
    Kind.DECIMAL_REQUIRED: "数值，必填",
    Kind.BOOL: "填「是」或「否」",
    Kind.UNIT_KIND: "行政单位、参公事业单位或事业单位",
    Kind.FUND_KIND: "一般公共预算、政府性基金、国有资本经营或其他",
    Kind.AMOUNT_UNIT: "元或万元",
    Kind.EDITION: "从下拉列表选择",
    Kind.LINES: "每行一项",
    Kind.CODE_ITEM: "7位“项”级编码",
    Kind.CODE_ANY: "类、款或项的编码",
    Kind.CODE_CUSTOM: "3、5或7位编码",
    Kind.CODE_ECON: "经济分类编码",
}


@dataclass(frozen=True)
class Leaf:
    """One scalar field of the model as the workbook shows it."""

    path: str  # dotted attribute path inside the sheet's record (or the Report, for forms)
    group: str  # labels of the enclosing records, "：" joined ('' at the top)
    label: str
    kind: Kind
    required: bool  # no default in the model: the cell may not be left empty
    note: str
    most: int = limits.TEXT  # the longest text the field may hold (`desktop.core.limits`)

    @property
    def title(self) -> str:
        """The field's full name: a form row's label."""
        return f"{self.group}：{self.label}" if self.group else self.label


def _dataclass_of(annotation: Any) -> type | None:
    """The record class of a field annotated `Record` or `Record | None`."""
    candidates = [annotation, *typing.get_args(annotation)]
    for c in candidates:
        if isinstance(c, type) and dataclasses.is_dataclass(c):
            return c
    return None


def leaves(
    cls: type,
    *,
    prefix: str = "",
    group: str = "",
    skip: frozenset[str] = frozenset(),
    note_scope: str = "",
) -> list[Leaf]:
    """Scalar fields of `cls`, nested records flattened, tuple fields left out.

    `skip` names fields (relative to `cls`) handled by a sheet of their own.
    `note_scope` prefixes field names when looking up `NOTES` (``budget.code``).
    """
    labels = LABELS[cls]
    hints = typing.get_type_hints(cls)
    out: list[Leaf] = []
    for f in dataclasses.fields(cls):
        if f.name in skip:
            continue
        label = labels[f.name]
        path = f"{prefix}{f.name}"
        nested = _dataclass_of(hints[f.name])
        if nested is not None:
            inner_skip = frozenset(
                s.removeprefix(f"{f.name}.") for s in skip if s.startswith(f"{f.name}.")
            )
            out += leaves(
                nested,
                prefix=f"{path}.",
                group=f"{group}：{label}" if group else label,
                skip=inner_skip,
                note_scope=note_scope,
            )
            continue
        if str(f.type).startswith("tuple[") and f.type != "tuple[str, ...]":
            continue  # a list of records: its own sheet
        kind = _KIND_OVERRIDES.get((cls, f.name)) or _KIND_BY_ANNOTATION[str(f.type)]
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        scoped = f"{note_scope}.{path}" if note_scope else path
        note = NOTES.get(scoped) or _KIND_NOTES[kind]
        # Only what the model cannot do without is required: a code, a key, a 分值.
        # A required text field (一级指标, 资金来源) may still be empty text.
        required = required and kind not in (Kind.MONEY, Kind.TEXT)
        out.append(Leaf(path, group, label, kind, required, note, limits.limit(cls, f.name)))
    return out


def build(cls: type, values: dict[str, Any]) -> Any:
    """A record of `cls` from dotted paths (``income.general_budget``) → values.

    Paths not given keep the model's defaults; a nested record is built from the
    paths under its field name.
    """
    direct: dict[str, Any] = {}
    nested: dict[str, dict[str, Any]] = {}
    for path, value in values.items():
        head, _, rest = path.partition(".")
        if rest:
            nested.setdefault(head, {})[rest] = value
        else:
            direct[head] = value
    hints = typing.get_type_hints(cls)
    for head, inner in nested.items():
        sub = _dataclass_of(hints[head])
        if sub is None:  # pragma: no cover - a path the layout never produces
            raise AssertionError(f"{cls.__name__}.{head} is not a record")
        direct[head] = build(sub, inner)
    for f in dataclasses.fields(cls):
        # Required fields an empty cell left out: an amount is "no figure", a text empty.
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        if f.name not in direct and required and f.type in ("Money", "str"):
            direct[f.name] = None if f.type == "Money" else ""
    return cls(**direct)


def _check_labels() -> None:
    """Every field of every labelled record has a label, and nothing else does."""
    for cls, labels in LABELS.items():
        names = {f.name for f in dataclasses.fields(cls)}
        if names != set(labels):
            raise AssertionError(
                f"LABELS[{cls.__name__}] out of step with the model: "
                f"missing {sorted(names - set(labels))}, extra {sorted(set(labels) - names)}"
            )


_check_labels()


# ---------------------------------------------------------------- the sheets

INFO_NAME = "科目名称"  # informational column next to a functional/economic code
INFO_ABOUT = "说明"  # informational column next to a reason key
PROJECT = "项目名称"  # the key column joining 项目资金/项目指标 rows to their project


@dataclass(frozen=True)
class Column:
    leaf: Leaf | None  # None for an informational column (written, not read)
    header: str  # upper header row: the group, or the label for ungrouped columns
    label: str  # lower header row ('' when the header spans both rows)
    note: str
    width: float = 14.0

    @property
    def key(self) -> tuple[str, str]:
        return (self.header, self.label)


@dataclass(frozen=True)
class TableSheet:
    name: str
    record: type
    columns: tuple[Column, ...]  # after the marker column A
    note: str  # what the sheet is for (comment on A1)

    @property
    def first_data_row(self) -> int:
        return 3


@dataclass(frozen=True)
class FormSheet:
    name: str
    leaves: tuple[Leaf, ...]
    note: str


MARKER = "标记"
EXAMPLE = "示例"
FORM_HEADERS = ("项目", "内容", "说明（不导入）")

# 上年数 by 类: one form row per 类 of the catalog, labelled with this prefix.
PRIOR_CLASS_PREFIX = "一般公共预算财政拨款支出（按类）："


def _columns(leaves_: list[Leaf], *, info_after: dict[str, Column] | None = None) -> list[Column]:
    out: list[Column] = []
    for leaf in leaves_:
        if leaf.group:
            out.append(Column(leaf, leaf.group, leaf.label, leaf.note, _width(leaf)))
        else:
            out.append(Column(leaf, leaf.label, "", leaf.note, _width(leaf)))
        if info_after and leaf.path in info_after:
            out.append(info_after[leaf.path])
    return out


def _width(leaf: Leaf) -> float:
    if leaf.kind in (Kind.TEXT, Kind.LINES):
        return 30.0
    if leaf.kind in (Kind.CODE_ITEM, Kind.CODE_ANY, Kind.CODE_ECON, Kind.CODE_CUSTOM):
        return 12.0
    return 16.0


def _project_key() -> Column:
    return Column(
        Leaf(PROJECT, "", PROJECT, Kind.KEY, True, NOTES["self_evals.name"]),
        PROJECT,
        "",
        NOTES["self_evals.name"],
        24.0,
    )


NAME_NOTE = (
    "由软件按科目表填写，导入时不读取；科目表中没有的编码，在这里写上名称即作为自定义科目导入"
)


def _name_column() -> Column:
    return Column(None, INFO_NAME, "", NAME_NOTE, 28.0)


def _plain_table(name: str, record: type, note: str) -> TableSheet:
    """A table sheet of one record a row, a column per field."""
    return TableSheet(name, record, tuple(_columns(leaves(record))), note)


LEDGER = TableSheet(
    "收入支出",
    LedgerRow,
    tuple(_columns(leaves(LedgerRow, note_scope="ledger"), info_after={"code": _name_column()})),
    "每个功能分类“项”一行，金额以元填写；类、款、合计由软件计算",
)
BUDGET = TableSheet(
    "年初预算",
    BudgetLine,
    tuple(_columns(leaves(BudgetLine, note_scope="budget"), info_after={"code": _name_column()})),
    "一般公共预算财政拨款年初预算数，按类、款或项填写",
)
ECON = TableSheet(
    "经济分类",
    EconRow,
    tuple(
        _columns(
            leaves(EconRow, note_scope="econ"),
            info_after={
                "code": Column(None, INFO_NAME, "", "由软件按科目表填写，导入时不读取", 24.0)
            },
        )
    ),
    "一般公共预算财政拨款支出按经济分类“款”填写，分基本支出、项目支出",
)
VEHICLE_ITEMS = _plain_table(
    "运行维护费明细",
    NamedAmount,
    "公务用车运行维护费主要用于哪些方面（燃油费、维修费、保险费……）及金额",
)
REASONS = TableSheet(
    "原因说明",
    Reason,
    tuple(
        _columns(
            leaves(Reason, note_scope="reasons"),
            info_after={"key": Column(None, INFO_ABOUT, "", NOTES["reasons.about"], 36.0)},
        )
    ),
    "情况说明中“主要原因是……”的文字，每个原因一行；没有写原因的行不导入",
)
SELF_EVALS = TableSheet(
    "项目自评",
    SelfEval,
    tuple(
        _columns(
            leaves(SelfEval, note_scope="self_evals", skip=frozenset({"funding", "indicators"}))
        )
    ),
    "项目支出绩效自评：每个项目一行；资金和指标在「项目资金」「项目指标」表中按项目名称填写",
)
FUNDING = TableSheet(
    "项目资金",
    FundingLine,
    (_project_key(), *_columns(leaves(FundingLine))),
    "每个项目的资金来源及预算执行，每个来源一行，金额以元填写",
)
INDICATORS = TableSheet(
    "项目指标",
    Indicator,
    (_project_key(), *_columns(leaves(Indicator))),
    "每个项目的绩效指标，每个三级指标一行",
)
UNIT_FUNDING = _plain_table(
    "整体自评资金",
    FundingLine,
    "部门（单位）整体支出绩效自评的资金，每个资金来源一行，金额以元填写；"
    "执行数以本报告的支出为准，这里填的只用于核对",
)
UNIT_TASKS = _plain_table(
    "整体自评任务",
    Task,
    "部门（单位）整体支出绩效自评的年度主要任务，每项任务一行",
)
UNIT_INDICATORS = _plain_table(
    "整体自评指标",
    Indicator,
    "部门（单位）整体支出绩效自评的指标，每个三级指标一行",
)
UNIT_TEXTS = _plain_table(
    "整体自评文字",
    NamedText,
    "部门整体绩效评价报告中由单位撰写的段落，每段一行（段落编号由软件给出）",
)
CUSTOM_CODES = TableSheet(
    "自定义科目",
    CustomCode,
    tuple(_columns(leaves(CustomCode, note_scope="custom_codes"))),
    "科目表中没有的功能分类科目：编码和名称",
)


def _form(
    name: str, note: str, *records: tuple[type, str], skip: frozenset[str] = frozenset()
) -> FormSheet:
    """A form sheet of the fields of `records` (each a class and its report path)."""
    return FormSheet(
        name, tuple(leaf for cls, at in records for leaf in leaves(cls, prefix=at, skip=skip)), note
    )


UNIT_FORM = _form(
    "单位信息", "单位基本情况和概况文字", (UnitInfo, "unit."), (Overview, "overview.")
)
BALANCES_FORM = _form(
    "结转结余",
    "收入支出决算总表下方的结转结余（全部资金来源），金额以元填写",
    (Balances, "balances."),
)
SANGONG_FORM = _form(
    "三公",
    "财政拨款“三公”经费的预算数、决算数和有关数量，金额以元填写",
    (Sangong, "sangong."),
    skip=frozenset({"vehicle_operation_items"}),
)
STATS_FORM = _form(
    "政府采购与资产",
    "政府采购、机关运行经费、国有资产占用（相关信息统计表或情况说明）",
    (Statistics, "stats."),
)
PRIOR_FORM = _form(
    "上年数",
    "上年决算数，用于情况说明中的增减比较；按类的数字在下方各行填写",
    (PriorYear, "prior."),
    skip=frozenset({"general_by_class"}),
)
UNIT_SELF_EVAL_FORM = _form(
    "整体自评",
    "部门（单位）整体支出绩效自评；资金、主要任务、指标和评价报告文字在「整体自评资金」"
    "「整体自评任务」「整体自评指标」「整体自评文字」表中填写",
    (UnitSelfEval, "unit_self_eval."),
    skip=frozenset({"indicators", "funding", "tasks", "texts"}),
)

SHEETS: tuple[FormSheet | TableSheet, ...] = (
    UNIT_FORM,
    LEDGER,
    BUDGET,
    BALANCES_FORM,
    ECON,
    SANGONG_FORM,
    VEHICLE_ITEMS,
    STATS_FORM,
    PRIOR_FORM,
    REASONS,
    SELF_EVALS,
    FUNDING,
    INDICATORS,
    UNIT_SELF_EVAL_FORM,
    UNIT_FUNDING,
    UNIT_TASKS,
    UNIT_INDICATORS,
    UNIT_TEXTS,
    CUSTOM_CODES,
)
LISTS_SHEET = "代码表"  # hidden: the drop-down lists

# The unit's overall evaluation's lists (`UnitSelfEval` fields), by the sheet holding each.
UNIT_TABLES: dict[str, str] = {
    UNIT_FUNDING.name: "funding",
    UNIT_TASKS.name: "tasks",
    UNIT_INDICATORS.name: "indicators",
    UNIT_TEXTS.name: "texts",
}


def covered_paths() -> set[str]:
    """Every model path some sheet reads (the tests compare this with the model)."""
    out: set[str] = set()
    for sheet in SHEETS:
        if isinstance(sheet, FormSheet):
            out.update(leaf.path for leaf in sheet.leaves)
        else:
            out.update(c.leaf.path for c in sheet.columns if c.leaf is not None)
    return out
