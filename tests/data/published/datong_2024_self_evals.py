"""Published results of the 大同 2024 project self-evaluations, transcribed by hand.

Source: shared/reference/datong-trading-center-2024-final-account.txt, 第五部分 附件
(18 项目支出绩效自评表, report order). The inputs (funding, indicators, texts) are in
resources/samples/parts/datong-2024.self_evals.json; this module keeps the *results*
the report prints, for tests of the scoring engine.

Conventions
- Amounts are in 万元, as printed. full_year/executed/carryover/rate/rate_score come from the
  资金总额 row (rate as printed there, e.g. "90.3"; the source row prints "90.30"); for
  Z网络安全运维服务 the 资金总额 row is garbled (only "0" and "35" survive), so its figures
  come from the 市县区财政资金 row.
- indicator_scores / indicator_weights are the 得分 / 分值 columns, one per 三级指标, in
  table order; total and grade are the printed 总分 and 等级.
- The 情况说明 (第三部分 十(四)) says: 18 projects, 442.73万元, 15 优, 2 良, 1 差. The
  attachments agree: Σ全年预算数 = 442.734 万元 (→ 442.73), grades 15 优 / 2 良 / 0 中 / 1 差.

Other inconsistencies in the published tables (not scoring arithmetic, kept in the JSON as printed):
- Z公共资源电子档案管理系统: 成本指标 实际完成值 「≤218000元」 but 全年执行数 31.8万元 (318000元).
- QT其他养人1/2, J政府采购事务经费, Z产权交易运转经费, Z专家评审费: the 成本指标 实际完成值
  gives the execution to the 元 (14652元, 172842元, 197921.6元, 153412元) while the 万元 table
  prints 3 decimals (1.465, 17.284, 19.792, 15.341); the JSON uses the printed 万元 figures.
- Z产权交易工作经费 and Z公共资源交易一体化平台电子政务外网配置 print one extra budget figure in
  their funding rows (4.8 ×4, 19.9 ×3); the JSON reads them as 目标申报数/预算编制数/全年预算数.
- Z公共资源交易平台维护费, Z公共资源交易一体化平台电子政务外网配置: qualitative 成本指标
  「未填报」/「达成预期指标」 scored 5 of 10 (see INDICATOR_RULE_DEVIATIONS).
- Text as printed (likely PDF/OCR errors, kept): project name 「2公共资源数字见证系统」 (probably
  Z…), 预算单位 of J律师顾问费 「2003-大同市公共资源交易中心（大同市政府采购中心」, source
  「市辖区财政资金」 in Z专家评审费, 「≡月」, 「一条/-1条」, 「开屏量」, 「厂大」; J政府采购事务经费's
  年度目标 says 2020年; Z委托业务费's 实际完成情况 and texts are copied from the 监测认证 project.
"""

PROJECTS = [
    {"name": "J残疾人就业保障金", "full_year": "1.86", "executed": "1.86", "carryover": "0", "rate": "100", "rate_score": "10",
     "indicator_scores": ["20", "10", "10", "10", "30", "10"], "indicator_weights": ["20", "10", "10", "10", "30", "10"], "total": "100", "grade": "优"},
    {"name": "J律师顾问费", "full_year": "5", "executed": "5", "carryover": "0", "rate": "100", "rate_score": "10",
     "indicator_scores": ["20", "10", "10", "10", "15", "15", "10"], "indicator_weights": ["20", "10", "10", "10", "15", "15", "10"], "total": "100", "grade": "优"},
    {"name": "J政府采购事务经费", "full_year": "19.14", "executed": "17.284", "carryover": "1.856", "rate": "90.3", "rate_score": "9.03",
     "indicator_scores": ["20", "10", "10", "10", "30", "10"], "indicator_weights": ["20", "10", "10", "10", "30", "10"], "total": "99.03", "grade": "优"},
    {"name": "QT其他养人1", "full_year": "1.782", "executed": "1.465", "carryover": "0.317", "rate": "82.22", "rate_score": "8.22",
     "indicator_scores": ["20", "10", "10", "10", "30", "10"], "indicator_weights": ["20", "10", "10", "10", "30", "10"], "total": "98.22", "grade": "优"},
    {"name": "QT其他养人2", "full_year": "1.782", "executed": "1.465", "carryover": "0.317", "rate": "82.22", "rate_score": "8.22",
     "indicator_scores": ["20", "10", "10", "10", "30", "10"], "indicator_weights": ["20", "10", "10", "10", "30", "10"], "total": "98.22", "grade": "优"},
    {"name": "Z产权交易工作经费", "full_year": "4.8", "executed": "4.798", "carryover": "0.002", "rate": "99.96", "rate_score": "10",
     "indicator_scores": ["20", "10", "10", "10", "30", "10"], "indicator_weights": ["20", "10", "10", "10", "30", "10"], "total": "100", "grade": "优"},
    {"name": "Z产权交易运转经费", "full_year": "20.7", "executed": "19.792", "carryover": "0.908", "rate": "95.61", "rate_score": "9.56",
     "indicator_scores": ["20", "10", "10", "10", "30", "10"], "indicator_weights": ["20", "10", "10", "10", "30", "10"], "total": "99.56", "grade": "优"},
    {"name": "Z公共资源电子档案管理系统", "full_year": "69.8", "executed": "31.8", "carryover": "38", "rate": "45.56", "rate_score": "4.56",
     "indicator_scores": ["20", "10", "10", "5", "30", "5", "5"], "indicator_weights": ["20", "10", "10", "10", "30", "5", "5"], "total": "89.56", "grade": "良"},
    {"name": "公共资源交易平台电子招标采购系统监测认证", "full_year": "25", "executed": "12.35", "carryover": "12.65", "rate": "49.4", "rate_score": "4.94",
     "indicator_scores": ["20", "10", "10", "5", "30", "10"], "indicator_weights": ["20", "10", "10", "10", "20", "10"], "total": "89.94", "grade": "良"},
    {"name": "Z公共资源交易平台维护费", "full_year": "40", "executed": "39.95", "carryover": "0.05", "rate": "99.88", "rate_score": "9.99",
     "indicator_scores": ["20", "10", "10", "5", "30", "10"], "indicator_weights": ["20", "10", "10", "10", "30", "10"], "total": "94.99", "grade": "优"},
    {"name": "Z公共资源交易一体化平台电子政务外网配置", "full_year": "19.9", "executed": "19.8", "carryover": "0.1", "rate": "99.5", "rate_score": "9.95",
     "indicator_scores": ["20", "10", "10", "5", "30", "10"], "indicator_weights": ["20", "10", "10", "10", "30", "10"], "total": "94.95", "grade": "优"},
    {"name": "Z公共资源交易中心数字CA证书建设", "full_year": "40.5", "executed": "0", "carryover": "40.5", "rate": "0", "rate_score": "0",
     "indicator_scores": ["0", "0", "0", "0", "0", "0"], "indicator_weights": ["20", "10", "10", "10", "30", "10"], "total": "0", "grade": "差"},
    {"name": "2公共资源数字见证系统", "full_year": "49.6", "executed": "48.4", "carryover": "1.2", "rate": "97.58", "rate_score": "9.76",
     "indicator_scores": ["20", "10", "10", "10", "30", "10"], "indicator_weights": ["20", "10", "10", "10", "30", "10"], "total": "99.76", "grade": "优"},
    {"name": "Z网络安全等保测评和风险评估三级", "full_year": "16.65", "executed": "16", "carryover": "0.65", "rate": "96.1", "rate_score": "9.61",
     "indicator_scores": ["20", "10", "10", "10", "30", "10"], "indicator_weights": ["20", "10", "10", "10", "30", "10"], "total": "99.61", "grade": "优"},
    {"name": "Z网络安全运维服务", "full_year": "35", "executed": "34.35", "carryover": "0.65", "rate": "98.14", "rate_score": "9.81",
     "indicator_scores": ["20", "10", "10", "10", "15", "15", "10"], "indicator_weights": ["20", "10", "10", "10", "15", "15", "10"], "total": "99.81", "grade": "优"},
    {"name": "Z委托业务费", "full_year": "65", "executed": "64.92", "carryover": "0.08", "rate": "99.88", "rate_score": "9.99",
     "indicator_scores": ["20", "10", "10", "10", "30", "10"], "indicator_weights": ["20", "10", "10", "10", "30", "10"], "total": "99.99", "grade": "优"},
    {"name": "Z驻村帮扶工作人员经费", "full_year": "10.5", "executed": "10.5", "carryover": "0", "rate": "100", "rate_score": "10",
     "indicator_scores": ["20", "10", "10", "10", "20", "10", "10"], "indicator_weights": ["20", "10", "10", "10", "20", "10", "10"], "total": "100", "grade": "优"},
    {"name": "Z专家评审费", "full_year": "15.72", "executed": "15.341", "carryover": "0.379", "rate": "97.59", "rate_score": "9.76",
     "indicator_scores": ["20", "10", "10", "10", "30", "10"], "indicator_weights": ["20", "10", "10", "10", "30", "10"], "total": "99.76", "grade": "优"},
]  # amounts as printed in 万元

# Published figures that do not follow from the project's own printed numbers under the rules of
# DOMAIN.md "Scoring of a project self-evaluation" (执行率 = 执行/全年预算, 2 decimals half-up;
# 执行得分 = 执行率 × 10, max 10; 总分 = 执行得分 + Σ得分; 等级 from 总分; 结转结余 = 全年预算 − 执行;
# an indicator's 得分 ≤ its 分值, 分值 of the indicators total 90).
# Checked and consistent everywhere else: every 结转结余, every 执行得分, every 总分, every 等级.
# Not errors: QT其他养人1/2 print 全年执行数 1.465 (万元, 3 decimals) and 执行率 82.22; the 成本指标 gives the
# exact 14652元 (1.4652万元), from which 82.22 follows. The sample holds 14652元.
ARITHMETIC_ERRORS = [
    {"project": "公共资源交易平台电子招标采购系统监测认证",
     "what": "分值 of 效益指标/社会效益指标/工作开展便捷程度: printed 20 with 得分 30 (得分 > 分值; indicator 分值 total 80, not 90); the printed 总分 89.94 = 4.94 + 85 uses 得分 30, so the 分值 should be 30 (if the 分值 20 stood, 得分 ≤ 20 and 总分 ≤ 79.94, 中)",
     "published": "20", "correct": "30"},
]

# Indicator 得分 that differ from what the DOMAIN.md rule proposes (quantitative: 分值 × min(实际/目标, 1),
# a ≤ cost target met when 实际 ≤ 目标; qualitative: full for 「达成预期指标」). These are the officer's
# typed scores, not arithmetic: the printed 总分 follows from them. "correct" is the rule's proposal.
# Not listed: Z网络安全等保测评和风险评估三级 等保测评成本 「=166500元」/「=160000元」 scored 10 —
# consistent if the cost target is read as a ceiling (9.61 if "=" were read as a ratio target).
INDICATOR_RULE_DEVIATIONS = [
    {"project": "Z公共资源电子档案管理系统", "indicator": "电子档案系统建设",
     "what": "≤698000元 target, 实际 ≤218000元 (met); 偏差原因: 项目试运行中，剩余尾款未支付",
     "published": "5", "correct": "10"},
    {"project": "公共资源交易平台电子招标采购系统监测认证", "indicator": "运维成本",
     "what": "≤250000元 target, 实际 ≤125000元 (met); 偏差原因: 项目完成验收支付剩余尾款",
     "published": "5", "correct": "10"},
    {"project": "Z公共资源交易平台维护费", "indicator": "成本指标",
     "what": "qualitative 「达成预期指标」 (target 未填报); 偏差原因: 成本指标未填报",
     "published": "5", "correct": "10"},
    {"project": "Z公共资源交易一体化平台电子政务外网配置", "indicator": "成本指标",
     "what": "qualitative 「达成预期指标」 (target 未填报); 偏差原因: 成本指标未填报",
     "published": "5", "correct": "10"},
    {"project": "Z公共资源交易中心数字CA证书建设", "indicator": "建设成本",
     "what": "≤405000元 target, 实际 ≤0元 (a ≤ ceiling is formally met; the project was not carried out); 偏差原因: 该项目本年未实施",
     "published": "0", "correct": "10"},
    {"project": "Z网络安全运维服务", "indicator": "通用设备运行的满意度",
     "what": "=98% target, 实际 =95%: 10 × 95/98 = 9.69; no 偏差原因",
     "published": "10", "correct": "9.69"},
    {"project": "Z驻村帮扶工作人员经费", "indicator": "相关人员满意度",
     "what": "≥99% target, 实际 ≥95%: 10 × 95/99 = 9.60; no 偏差原因",
     "published": "10", "correct": "9.60"},
]

# What the 情况说明 (第三部分 十、(四) 预算绩效情况说明) states about these attachments.
NARRATIVE = {"count": 18, "amount": "442.73", "grades": {"优": 15, "良": 2, "中": 0, "差": 1}}
