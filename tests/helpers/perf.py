"""A report for the generated 附件 (项目单位自评汇总表, 部门整体绩效评价报告): the 大同 2024 sample
with a 部门整体自评 as a Henan-style form asks for it, under the test edition of
tests/data/editions/test-perf-2024.json (shanxi-2024 plus the two generated forms).

The unit's overall evaluation is made up for the test (大同 2024 published none), with round
figures a reader checks by hand:

    资金来源           年初预算数     全年预算数     全年执行数
    （1）政府性资金     5,300,000     5,900,000     5,845,545 (= 公开03 本年支出合计)
    （2）财政专户管理资金        0             0             0
    （3）单位资金               0             0             0
    执行率 5,845,545 ÷ 5,900,000 = 99.08%, 执行得分 10 × 99.08% = 9.91
    预算调整率 (5,900,000 − 5,300,000) ÷ 5,300,000 = 11.32%

    指标分值 90: 投入管理 36 (工作目标管理 12, 预算和财务管理 16, 绩效管理 8), 产出 30, 效益 24
    得分 87.61: 预算调整率 ≤10% vs 11.32% → 4 × 10 / 11.32 = 3.53; 节约资金率 ≥5% vs 4.2%
    → 12 × 4.2 / 5 = 10.08; the rest full. 总分 9.91 + 87.61 = 97.52, 优.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

from desktop.core import samples
from desktop.core.model import (
    FundingLine,
    FundKind,
    Indicator,
    NamedText,
    Report,
    SelfEval,
    Task,
    UnitSelfEval,
)
from desktop.core.money import amount

EDITION_FILE = Path(__file__).resolve().parent.parent / "data" / "editions" / "test-perf-2024.json"
EDITION_ID = json.loads(EDITION_FILE.read_text(encoding="utf-8"))["id"]

# (一级, 二级, 三级, 分值, 年度指标值, 实际完成值, 偏差原因)
_INDICATORS: tuple[tuple[str, str, str, int, str, str, str], ...] = (
    ("投入管理指标", "工作目标管理", "年度履职目标相关性", 4, "相关", "达成预期指标", ""),
    ("投入管理指标", "工作目标管理", "工作任务科学性", 4, "科学", "达成预期指标", ""),
    ("投入管理指标", "工作目标管理", "绩效指标合理性", 4, "合理", "达成预期指标", ""),
    ("投入管理指标", "预算和财务管理", "预算编制完整性", 4, "=100%", "100%", ""),
    (
        "投入管理指标",
        "预算和财务管理",
        "预算调整率",
        4,
        "≤10%",
        "11.32%",
        "年中追加电子档案系统建设资金，调整率超出目标；下年度编制预算时预留建设需求。",
    ),
    ("投入管理指标", "预算和财务管理", "结转结余率", 4, "≤5%", "0.92%", ""),
    ("投入管理指标", "预算和财务管理", "决算真实性", 4, "真实", "达成预期指标", ""),
    ("投入管理指标", "绩效管理", "绩效自评完成率", 4, "=100%", "100%", ""),
    ("投入管理指标", "绩效管理", "评价结果应用率", 4, "=100%", "100%", ""),
    ("产出指标", "重点工作任务完成", "重点任务完成率", 10, "≥95%", "100%", ""),
    ("产出指标", "履职目标实现", "进场交易项目数", 10, "≥1500个", "1623个", ""),
    ("产出指标", "履职目标实现", "电子化交易率", 10, "≥98%", "99%", ""),
    (
        "效益指标",
        "履职效益",
        "节约资金率",
        12,
        "≥5%",
        "4.2%",
        "部分项目预算编制已压缩，节约空间小于预期。",
    ),
    ("效益指标", "满意度", "服务对象满意度", 12, "≥95%", "97%", ""),
)

UNIT_EVAL = UnitSelfEval(
    funding=(
        FundingLine(
            "（1）政府性资金",
            budgeted=amount("5300000"),
            full_year=amount("5900000"),
            executed=amount("5845545"),
        ),
        FundingLine(
            "（2）财政专户管理资金", budgeted=amount(0), full_year=amount(0), executed=amount(0)
        ),
        FundingLine("（3）单位资金", budgeted=amount(0), full_year=amount(0), executed=amount(0)),
    ),
    duties_goal="保障全市公共资源交易平台安全稳定运行，进场项目应进必进，交易全流程电子化。",
    duties_achieved="全年完成进场交易项目1623个，电子化交易率99%，平台全年无安全事故。",
    tasks=(
        Task("平台运行保障", "保障交易平台、数字见证系统稳定运行", "全年无故障停机"),
        Task("电子档案建设", "建设公共资源电子档案管理系统", "一期完成，二期结转下年"),
        Task("专家评审管理", "组织专家抽取与评审", "全年抽取专家3216人次"),
    ),
    indicators=tuple(
        Indicator(l1, l2, l3, Decimal(w), target=t, actual=a, deviation=d)
        for l1, l2, l3, w, t, a, d in _INDICATORS
    ),
    texts=(
        NamedText("organization", "本中心为大同市行政审批服务管理局所属公益一类事业单位。"),
        NamedText("staff", "编制数40人，在职实有人数36人，离退休人员5人。"),
        NamedText(
            "work",
            "（一）成立自评工作小组\n根据市财政局通知要求，成立由主任任组长的绩效自评工作小组。\n"
            "（二）逐项核对\n对照年初绩效目标逐项核对完成情况。",
        ),
    ),
)

UNSCORED = SelfEval(
    name="新增场地改造（未评分）",
    unit="032003-大同市公共资源交易中心（大同市政府采购中心）",
    department="032-大同市行政审批服务管理局[部门]",
    fund_kind=FundKind.GENERAL,
    funding=(FundingLine("财政拨款", full_year=amount("20000"), executed=amount("0")),),
)


def perf_report() -> Report:
    """The 大同 sample under the test edition: every project with its 项目类型, 资金归口处室,
    资金性质 and 系统查询全年执行数, one more project without indicators (未评分), and the
    unit's overall evaluation above."""
    report = samples.load("datong-2024")
    projects = tuple(
        dataclasses.replace(
            p,
            fund_kind=p.fund_kind or FundKind.GENERAL,
            project_type=p.project_type or "可执行项目",
            funding_office=p.funding_office or "经济建设科",
            system_executed=sum((f.executed or Decimal(0) for f in p.funding), Decimal(0)),
        )
        for p in report.self_evals
    )
    return dataclasses.replace(
        report,
        unit=dataclasses.replace(report.unit, edition=EDITION_ID, code="032003"),
        self_evals=(*projects, UNSCORED),
        unit_self_eval=UNIT_EVAL,
    )


def install_edition(templates: Path) -> str:
    """Write the test edition into a copy of templates/ (`templates`): its `base` edition
    with the fields the file gives, and the base's text templates under the new id.
    Returns the edition's id."""
    import shutil

    spec = json.loads(EDITION_FILE.read_text(encoding="utf-8"))
    base = spec.pop("base")
    data = json.loads((templates / "editions" / f"{base}.json").read_text(encoding="utf-8"))
    data.update(spec)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    (templates / "editions" / f"{spec['id']}.json").write_text(text, encoding="utf-8")
    shutil.copytree(templates / "text" / base, templates / "text" / spec["id"])
    return str(spec["id"])
