"""The report model: everything the officer types, once, as frozen records.

One `Report` per unit and year. It holds only inputs: no 类/款 row, 合计, 总计 or
cross-table figure is stored — `desktop.core.derive` computes those. Where an officer
may type a figure that could be computed (年末结转和结余), it is kept as a *declared*
figure that the checks compare against the computation.

Records are frozen dataclasses holding tuples; edits build new values with
`dataclasses.replace`, which makes undo cheap and background work safe. Amounts are
`Money` (Decimal 元 or None for "no figure"); counts are `int | None`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from enum import StrEnum

from desktop.core.money import Money


class UnitKind(StrEnum):
    """行政单位, 参照公务员法管理的事业单位, 事业单位 — decides 机关运行经费 and wording."""

    ADMIN = "行政单位"
    CIVIL_SERVICE_LIKE = "参公事业单位"
    INSTITUTION = "事业单位"

    @property
    def has_admin_cost(self) -> bool:
        """机关运行经费 exists for 行政 and 参公 units only."""
        return self is not UnitKind.INSTITUTION


# ---------------------------------------------------------------- unit and 概况


@dataclass(frozen=True)
class UnitInfo:
    name: str = ""
    code: str = ""
    department: str = ""  # 主管部门
    department_code: str = ""
    year: int = 2024
    kind: UnitKind = UnitKind.INSTITUTION
    consolidated: bool = False  # 汇总 report of a department
    member_units: tuple[str, ...] = ()  # 本级 and 所属单位 of a 汇总 report
    amount_unit: str = "万元"  # publishing unit: 元 or 万元
    edition: str = "shanxi-2024"  # id of a file in templates/editions/
    compiled_on: str = ""  # 编制日期 as "YYYY-MM-DD" or "YYYY-MM" (core/dates); "": the day made


@dataclass(frozen=True)
class Staff:
    authorized: int | None = None  # 编制数
    in_service: int | None = None  # 在职实有人数
    retired: int | None = None  # 离退休人员


@dataclass(frozen=True)
class Overview:
    """第一部分 概况: the officer's own text, numbered paragraphs kept as typed."""

    duties: str = ""  # 职责
    organization: str = ""  # 机构设置
    staff: Staff = field(default_factory=Staff)


# ---------------------------------------------------------------- the ledger


@dataclass(frozen=True)
class Income:
    """本年收入 of one 项 by source (公开02 columns; the first three are 财政拨款)."""

    general_budget: Money = None  # 一般公共预算财政拨款收入
    gov_fund: Money = None  # 政府性基金预算财政拨款收入
    state_capital: Money = None  # 国有资本经营预算财政拨款收入
    superior_grant: Money = None  # 上级补助收入
    business: Money = None  # 事业收入
    operating: Money = None  # 经营收入
    affiliate_remit: Money = None  # 附属单位上缴收入
    other: Money = None  # 其他收入


@dataclass(frozen=True)
class Spending:
    """本年支出 of one 项 by nature (公开03 columns)."""

    basic: Money = None  # 基本支出
    project: Money = None  # 项目支出
    remit_superior: Money = None  # 上缴上级支出
    operating: Money = None  # 经营支出
    affiliate_grant: Money = None  # 对附属单位补助支出


@dataclass(frozen=True)
class FiscalSpending:
    """How much of 基本/项目 was paid from each 财政拨款 source (公开04/05/07/08)."""

    general_basic: Money = None
    general_project: Money = None
    fund_basic: Money = None
    fund_project: Money = None
    capital_basic: Money = None
    capital_project: Money = None


@dataclass(frozen=True)
class FiscalAmounts:
    """One figure per 财政拨款 source."""

    general_budget: Money = None
    gov_fund: Money = None
    state_capital: Money = None


@dataclass(frozen=True)
class LedgerRow:
    """One 功能分类 项 (7 digits): the single place its income and spending are typed."""

    code: str
    income: Income = field(default_factory=Income)
    spending: Spending = field(default_factory=Spending)
    fiscal: FiscalSpending = field(default_factory=FiscalSpending)
    fiscal_opening: FiscalAmounts = field(default_factory=FiscalAmounts)  # 年初财政拨款结转和结余


@dataclass(frozen=True)
class BudgetLine:
    """年初预算 (一般公共预算财政拨款) for a 科目 at any level (类, 款 or 项)."""

    code: str
    amount: Money


@dataclass(frozen=True)
class Balances:
    """Unit-level carry-overs of 公开01; `declared_*` are typed to be checked, not trusted."""

    opening: Money = None  # 年初结转和结余 (all sources)
    use_nonfiscal: Money = None  # 使用非财政拨款结余（含专用结余）
    distribution: Money = None  # 结余分配
    declared_closing: Money = None  # 年末结转和结余 as the officer has it
    declared_fiscal_closing: FiscalAmounts = field(default_factory=FiscalAmounts)


@dataclass(frozen=True)
class EconRow:
    """一般公共预算财政拨款 spending of one 经济分类 款 (5 digits), split 基本/项目."""

    code: str
    basic: Money = None
    project: Money = None


# ---------------------------------------------------------------- 三公 and statistics


@dataclass(frozen=True)
class SangongAmounts:
    abroad: Money = None  # 因公出国（境）费
    vehicle_purchase: Money = None  # 公务用车购置费
    vehicle_operation: Money = None  # 公务用车运行维护费
    reception: Money = None  # 公务接待费


@dataclass(frozen=True)
class NamedAmount:
    label: str
    amount: Money


@dataclass(frozen=True)
class Sangong:
    """财政拨款“三公”经费: budget, actual, and the counts the narrative states."""

    budget: SangongAmounts = field(default_factory=SangongAmounts)
    actual: SangongAmounts = field(default_factory=SangongAmounts)
    abroad_groups: int | None = None  # 出国（境）团组
    abroad_people: int | None = None  # 人次
    vehicles_bought: int | None = None  # 购置公务用车（辆）
    vehicles_held: int | None = None  # 财政拨款负担的公务用车保有量
    domestic_reception: Money = None  # 国内接待费
    domestic_batches: int | None = None
    domestic_people: int | None = None
    foreign_affairs_reception: Money = None  # 其中：外事接待费
    foreign_affairs_batches: int | None = None
    foreign_affairs_people: int | None = None
    overseas_reception: Money = None  # 国（境）外接待费
    overseas_batches: int | None = None
    overseas_people: int | None = None
    vehicle_operation_items: tuple[NamedAmount, ...] = ()  # what the 运行维护费 paid for
    abroad_use: str = ""  # 主要用于…… per item, officer text
    vehicle_purchase_use: str = ""
    vehicle_operation_use: str = ""
    reception_use: str = ""


@dataclass(frozen=True)
class Procurement:
    """政府采购 (公开10 一): 合计 is derived from the three kinds."""

    goods: Money = None
    works: Money = None
    services: Money = None
    sme: Money = None  # 授予中小企业合同金额
    small_micro: Money = None  # 其中：授予小微企业合同金额


VEHICLE_CATEGORIES: tuple[str, ...] = (
    "ministerial",
    "principal",
    "confidential",
    "emergency",
    "law_enforcement",
    "special",
    "retiree",
    "other",
)


@dataclass(frozen=True)
class Vehicles:
    """车辆数 by the eight categories of 公开10; the total is derived."""

    ministerial: int | None = None  # 副部（省）级及以上领导用车
    principal: int | None = None  # 主要负责人用车 / 主要领导干部用车
    confidential: int | None = None  # 机要通信用车
    emergency: int | None = None  # 应急保障用车
    law_enforcement: int | None = None  # 执法执勤用车
    special: int | None = None  # 特种专业技术用车
    retiree: int | None = None  # 离退休干部服务用车
    other: int | None = None  # 其他用车


@dataclass(frozen=True)
class Assets:
    vehicles: Vehicles = field(default_factory=Vehicles)
    declared_vehicle_total: int | None = None  # as typed; checked against the categories
    equipment_over_1m: int | None = None  # 单价100万元（含）以上设备（不含车辆）
    other_vehicle_note: str = ""  # what 其他用车 are


@dataclass(frozen=True)
class Statistics:
    procurement: Procurement = field(default_factory=Procurement)
    admin_cost: Money = None  # 机关运行经费 (行政/参公 only)
    assets: Assets = field(default_factory=Assets)


# ---------------------------------------------------------------- prior year and reasons


@dataclass(frozen=True)
class CodeAmount:
    code: str
    amount: Money


@dataclass(frozen=True)
class PriorYear:
    """上年数: last year's published figures the comparisons of the text need."""

    income_total: Money = None  # 收入总计
    spending_total: Money = None  # 支出总计
    fiscal_income_total: Money = None  # 财政拨款收入总计
    fiscal_spending_total: Money = None  # 财政拨款支出总计
    general_spending: Money = None  # 一般公共预算财政拨款支出
    general_by_class: tuple[CodeAmount, ...] = ()  # 一般公共预算财政拨款支出 by 类
    sangong: SangongAmounts = field(default_factory=SangongAmounts)
    admin_cost: Money = None  # 机关运行经费


@dataclass(frozen=True)
class Reason:
    """The officer's 「主要原因是……」 for one change or variance the text explains.

    Keys name the figure: ``total``, ``fiscal``, ``general``, ``general_class:201``,
    ``sangong``, ``sangong:vehicle_operation``, ``admin_cost``, ``budget_class:201``…
    """

    key: str
    text: str


# ---------------------------------------------------------------- self-evaluation


@dataclass(frozen=True)
class FundingLine:
    """One 资金来源 row of a project's 预算安排及执行进度 (amounts in 元)."""

    source: str  # e.g. 市县区财政资金
    declared: Money = None  # 年初预算数：目标申报数
    budgeted: Money = None  # 年初预算数：预算编制数
    full_year: Money = None  # 全年预算数
    executed: Money = None  # 全年执行数
    note: str = ""  # 偏差原因


@dataclass(frozen=True)
class Indicator:
    """One 三级指标 of a project self-evaluation.

    `target` keeps the 调整后指标值 as written (e.g. ``≤18600元``); `comparator`,
    `target_value` and `unit` are its parsed parts for quantitative indicators.
    `score` is the 得分 the officer typed; None accepts the engine's proposal.
    """

    level1: str  # 一级指标 (产出/效益/满意度)
    level2: str  # 二级指标
    level3: str  # 三级指标
    weight: Decimal  # 分值
    initial_value: str = ""  # 年初指标值
    target: str = ""  # 调整后指标值
    actual: str = ""  # 实际完成值
    qualitative_note: str = ""  # 定性指标情况说明
    score: Decimal | None = None  # 得分 as typed
    deviation: str = ""  # 偏差原因分析及改进措施


@dataclass(frozen=True)
class SelfEvalTexts:
    implementation: str = ""  # 项目实施和预算执行情况及分析
    output: str = ""  # 产出情况及分析
    benefit: str = ""  # 效益情况及分析
    satisfaction: str = ""  # 满意度情况及分析
    experience: str = ""  # 主要经验做法
    problems: str = ""  # 存在的主要问题及原因分析
    improvements: str = ""  # 下一步改进措施及管理建议
    basic_info: str = ""  # 自评分析报告 一、项目基本信息 (long layout)


class FundKind(StrEnum):
    """资金性质 of a project: which budget pays for it (coverage is checked per kind)."""

    GENERAL = "一般公共预算"
    GOV_FUND = "政府性基金"
    STATE_CAPITAL = "国有资本经营"
    OTHER = "其他"


@dataclass(frozen=True)
class SelfEval:
    """项目支出绩效自评 of one project; 执行率, scores, 总分 and 等级 are derived.

    `code` (the 功能分类 项 the project is paid under) and `fund_kind` let its spending be
    set against the ledger; `program`/`level1` place it among 一级/二级项目. 单位编码 and
    主管部门编码 are read from `unit`/`department` as typed ("032003-大同市…")."""

    name: str
    department: str = ""  # 主管部门及代码
    unit: str = ""  # 预算单位
    code: str = ""  # 功能分类科目 (项, 7 digits)
    fund_kind: FundKind | None = None  # 资金性质
    program: str = ""  # 一级项目 this 二级项目 belongs to
    level1: bool = False  # the evaluation is of a 一级项目 itself
    project_type: str = ""  # 项目类型 (e.g. 可执行项目), for a 项目单位自评汇总表
    funding_office: str = ""  # 资金归口处室, for a 项目单位自评汇总表
    system_executed: Money = None  # 系统查询全年执行数 (checked against Σ 全年执行数)
    funding: tuple[FundingLine, ...] = ()
    goal: str = ""  # 年度目标
    achieved: str = ""  # 实际完成情况
    indicators: tuple[Indicator, ...] = ()
    texts: SelfEvalTexts = field(default_factory=SelfEvalTexts)


@dataclass(frozen=True)
class Task:
    """One 年度主要任务 row of the unit's overall self-evaluation."""

    name: str = ""  # 任务名称
    content: str = ""  # 主要内容
    achieved: str = ""  # 实际完成情况


@dataclass(frozen=True)
class NamedText:
    """The officer's prose for one slot of a generated attachment (评价报告), by key."""

    key: str
    text: str


@dataclass(frozen=True)
class UnitSelfEval:
    """部门（单位）整体支出绩效自评.

    `funding` holds one row per 资金来源 (`budgeted` 年初预算数, `full_year` 全年预算数 and
    the officer's `executed`). The evaluation's 全年执行数 is the report's own spending (the
    edition names which total); typed 执行数 are kept only to be checked against it. 执行率,
    执行得分 (`rate_weight` × 执行率), 总分 and 等级 are derived from the indicators by the same
    rules as a project's; `declared_score` stands only while there are no indicators."""

    funding: tuple[FundingLine, ...] = ()
    rate_weight: Decimal = Decimal(10)  # 预算执行 分值
    duties_goal: str = ""  # 年度（履职）目标：预期目标
    duties_achieved: str = ""  # 年度（履职）目标：实际完成情况
    tasks: tuple[Task, ...] = ()  # 年度主要任务
    indicators: tuple[Indicator, ...] = ()
    declared_score: Decimal | None = None  # a score typed without indicators; else checked
    summary: str = ""  # 自评综述
    texts: tuple[NamedText, ...] = ()  # 部门整体绩效评价报告: the officer's prose slots

    def text(self, key: str) -> str:
        """The officer's prose for slot `key`, or '' when none was written."""
        for t in self.texts:
            if t.key == key:
                return t.text
        return ""


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class Report:
    unit: UnitInfo = field(default_factory=UnitInfo)
    overview: Overview = field(default_factory=Overview)
    ledger: tuple[LedgerRow, ...] = ()
    budget: tuple[BudgetLine, ...] = ()  # 年初预算 by 科目
    balances: Balances = field(default_factory=Balances)
    econ: tuple[EconRow, ...] = ()
    sangong: Sangong = field(default_factory=Sangong)
    stats: Statistics = field(default_factory=Statistics)
    prior: PriorYear = field(default_factory=PriorYear)
    reasons: tuple[Reason, ...] = ()
    self_evals: tuple[SelfEval, ...] = ()
    unit_self_eval: UnitSelfEval | None = None
    custom_codes: tuple[CustomCode, ...] = ()  # 科目 the officer added to the catalog

    def reason(self, key: str) -> str:
        """The officer's reason text for `key`, or '' when none was written."""
        for r in self.reasons:
            if r.key == key:
                return r.text
        return ""


@dataclass(frozen=True)
class CustomCode:
    """A 功能分类 科目 missing from the bundled catalog, added by the officer."""

    code: str
    name: str


def money_fields(cls: type) -> list[str]:
    """Names of the `Money` fields of a record class (used by editors and importers)."""
    return [f.name for f in fields(cls) if f.type in ("Money", Money)]
