"""Published results of the 晋城 2022 project self-evaluations (晋城市公共资源交易中心2022年单位决算公开报告,
第五部分 附件「项目支出绩效自评分析报告」×7, and 第三部分 十(四) 预算绩效情况说明), transcribed by hand from
shared/reference/jincheng-trading-center-2022-final-account.txt.

Amounts are 元 exactly as printed in each report's 「二、(一) 预算执行情况」 合计 row (thousands separators
dropped, no decimals added); 执行率 is the printed percentage number; weights and scores are the 权重/得分
columns of 「二、(二) 绩效指标完成情况」 in printed row order; indicator_total is 「指标完成情况得分」 and total
/ grade are 「总得分」/「属于"…"」 of 「三、1.项目自评得分和结论」. All values are strings.

How the text was read:
- The 预算执行情况 table prints, per project: 年初预算数 目标申报 | 预算编制 | 全年预算数 | 全年执行数 |
  资金结(转)余 | 执行率 | 得分.  Every project's 全年预算数 equals its 全年执行数 (or both are 0), so the
  table's 执行率 is 100 or 0 — while each project's own narrative (三、3.) states the real budget:
    工作经费            table 全年预算 499,141.62  narrative 「全年预算资金 850000 元 … 预算执行率 59%」
    交易系统年度运维费   table 0                   narrative 「预算下达 105 万元，实际执行 0万元」
    云桌面              table 335,000             narrative 「预算下达 34 万元，实际执行 33.5 万元，预算执行率为99%」
    系统等级保护         table 0                   narrative 「预算下达40万元」
    事业运转人员经费      table 7,062,862.35        narrative 「全年预算资金5276200 元，年中追加1790000 元 … 99.99%」
    政府采购网上电子商城  table 0                   narrative 「预算下达 19万元」
    平台检测认证费        table 0                   narrative 「预算下达30万元」
  The figures below (and the model fragment) follow the TABLE.  On the narrative's budgets the 执行得分
  would be 5.87 (工作经费 → total 84.12, still 良), 0 (unchanged for the four unpaid projects), 9.85 (云桌面 →
  94.85, still 优) and 9.995 (人员经费 → ≈95.00, still 优).
- Four projects print 全年预算数 0 and 执行率 0 / 得分 0: 0 ÷ 0 has no value under DOMAIN.md's rule, so the
  published 0 neither follows nor contradicts the table (it does follow from the narrative budgets).  Not
  listed in ARITHMETIC_ERRORS.
- 系统等级保护 prints two indicators with 权重 0 (软件检测次数: 实际 0, 得分 0; 系统故障修复响应时间: no
  实际完成值, 得分 0 — the row prints only "0 0"; read as 权重 0 / 得分 0 because the other weights already
  add up to 90).
- Judgement-scored (qualitative) rows that contradict DOMAIN.md's wording but are not arithmetic:
  系统等级保护 and 政府采购网上电子商城 score their 成本指标 0 of 10 although 实际完成值 is
  「部分达成预期指标并具有一定效果」 (the other three projects with the same wording score 5 of 10).
- 第三部分 十(四)(2) counts the 二级项目 grades as 2 优 / 2 良 / 3 中, which matches the published grades;
  with 交易系统年度运维费 corrected to 良 it would be 2 优 / 3 良 / 2 中.
"""

PROJECTS = [
    {
        "name": "工作经费",
        "declared": "850000",
        "budgeted": "850000",
        "full_year": "499141.62",
        "executed": "499141.62",
        "carryover": "0",
        "rate": "100",
        "rate_score": "10",
        "indicator_weights": ["5", "5", "5", "5", "4", "3", "3", "3", "4", "3", "10", "30", "5", "5"],
        "indicator_scores": ["2", "5", "1.25", "5", "4", "3", "3", "3", "4", "3", "5", "30", "5", "5"],
        "indicator_total": "78.25",
        "total": "88.25",
        "grade": "良",
    },
    {
        "name": "交易系统年度运维费",
        "declared": "1050000",
        "budgeted": "1050000",
        "full_year": "0",
        "executed": "0",
        "carryover": "0",
        "rate": "0",
        "rate_score": "0",
        "indicator_weights": ["20", "10", "5", "5", "10", "15", "15", "10"],
        "indicator_scores": ["20", "10", "5", "0", "4.3", "15", "15", "10"],
        "indicator_total": "79.3",
        "total": "79.3",
        "grade": "中",
    },
    {
        "name": "云桌面",
        "declared": "340000",
        "budgeted": "340000",
        "full_year": "335000",
        "executed": "335000",
        "carryover": "0",
        "rate": "100",
        "rate_score": "10",
        "indicator_weights": ["20", "5", "5", "10", "10", "15", "15", "10"],
        "indicator_scores": ["20", "5", "5", "10", "5", "15", "15", "10"],
        "indicator_total": "85",
        "total": "95",
        "grade": "优",
    },
    {
        "name": "系统等级保护",
        "declared": "400000",
        "budgeted": "400000",
        "full_year": "0",
        "executed": "0",
        "carryover": "0",
        "rate": "0",
        "rate_score": "0",
        "indicator_weights": ["0", "20", "5", "5", "0", "10", "10", "15", "15", "10"],
        "indicator_scores": ["0", "15", "5", "5", "0", "10", "0", "15", "15", "10"],
        "indicator_total": "75",
        "total": "75",
        "grade": "中",
    },
    {
        "name": "事业运转人员经费",
        "declared": "5276200",
        "budgeted": "5276200",
        "full_year": "7062862.35",
        "executed": "7062862.35",
        "carryover": "0",
        "rate": "100",
        "rate_score": "10",
        "indicator_weights": ["20", "5", "5", "10", "10", "15", "15", "10"],
        "indicator_scores": ["20", "5", "5", "10", "5", "15", "15", "10"],
        "indicator_total": "85",
        "total": "95",
        "grade": "优",
    },
    {
        "name": "政府采购网上电子商城",
        "declared": "190000",
        "budgeted": "190000",
        "full_year": "0",
        "executed": "0",
        "carryover": "0",
        "rate": "0",
        "rate_score": "0",
        "indicator_weights": ["10", "10", "10", "10", "10", "15", "15", "10"],
        "indicator_scores": ["10", "9", "10", "0", "0", "15", "15", "10"],
        "indicator_total": "69",
        "total": "69",
        "grade": "中",
    },
    {
        "name": "平台检测认证费",
        "declared": "300000",
        "budgeted": "300000",
        "full_year": "0",
        "executed": "0",
        "carryover": "0",
        "rate": "0",
        "rate_score": "0",
        "indicator_weights": ["20", "10", "10", "10", "15", "15", "10"],
        "indicator_scores": ["20", "10", "10", "0", "15", "15", "10"],
        "indicator_total": "80",
        "total": "80",
        "grade": "良",
    },
]

# 部门（单位）整体支出绩效自评 (十(四)(3)): 「整体绩效自评得分为80分」.
UNIT_SCORE = "80"

# Published figures that do not follow from the project's own numbers under DOMAIN.md's scoring rules.
ARITHMETIC_ERRORS = [
    {
        "project": "交易系统年度运维费",
        "what": "indicator_scores[4] 成本指标·单位运行维护成本: target ≤105万元/年, actual 45, weight 10 "
        "— a ≤ cost target met in full scores the whole weight",
        "published": "4.3",
        "correct": "10",
    },
    {
        "project": "交易系统年度运维费",
        "what": "indicator_total 指标完成情况得分 (follows from the corrected 成本指标 score)",
        "published": "79.3",
        "correct": "85",
    },
    {
        "project": "交易系统年度运维费",
        "what": "total 总得分 = 执行得分 0 + 85",
        "published": "79.3",
        "correct": "85",
    },
    {
        "project": "交易系统年度运维费",
        "what": "grade 等级 for 85 (80–90 良)",
        "published": "中",
        "correct": "良",
    },
    {
        "project": "事业运转人员经费",
        "what": "narrative 三、3. 预算执行率: 7062862.35 / (5276200 + 1790000) as the narrative states them "
        "(the table prints 100)",
        "published": "99.99%",
        "correct": "99.95%",
    },
]

# The same kind of error in the unit-level text of 第三部分 十(四) (not a project; kept apart so that
# ARITHMETIC_ERRORS holds project names only).
UNIT_ARITHMETIC_ERRORS = [
    {
        "what": "十(四)(3) 整体支出 执行率: 执行数 7897003.97 / 全年预算数 8406200 "
        "(the printed 106% is 8406200 / 7897003.97)",
        "published": "106%",
        "correct": "93.94%",
    },
    {
        "what": "十(四)(1) 部门（单位）整体支出绩效自评 涉及资金 (十(四)(3) gives 全年预算数 8406200)",
        "published": "0",
        "correct": "8406200",
    },
]
