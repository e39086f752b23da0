"""Figures published in 晋城市公共资源交易中心 2022年度决算公开
(shared/reference/jincheng-trading-center-2022-final-account.txt), transcribed by hand.

Notes on the source text and how it was read:
- The 2022 PDF text is space-separated and scrambled: long cell texts (names) are broken over
  several lines and a cell's value is often glued to the next column's code
  (e.g. "453340.02 453340.0230201 办公费" = 基本工资 453340.02 | 453340.02 ‖ 30201 办公费).
  An empty cell shows as an extra space, so "办公费 96527.80  30701" = 金额 96527.80, 基本支出 blank.
  Every row below was reconstructed that way and then checked against the sums (see the
  cross-checks at the end of this docstring).
- 公开01 and 公开04 print 行次 as "1.00", "32.00", …; keys here are "1" … "62"/"64".
  In 公开01 the 行次 of the income rows 27–30 are printed as plain integers, the rest with ".00".
- 公开06 (2022 layout: 一般公共预算财政拨款支出决算明细表) has four column groups, each
  [金额, 其中：基本支出].  The 309 block (资本性支出（基本建设）), 311/31101/31199 and the
  313 block print a dash in the 其中：基本支出 column and a blank 金额; the PDF dash is
  "────" (box-drawing), normalized here to "——".  This edition has no 31206 line.
  Reconstructed and checked: 301 金额 = Σ30101…30199 = 8323406.06, 基本 = 1260543.71;
  302 金额 = 703096.60, 基本 = 203954.98; 310 = 31007 = 335000.00 (金额 only);
  公用经费合计 = 302 + 310; 人员经费合计 + 公用经费合计 = 公开05 合计 (both columns).
- 公开07 三公: the single data row prints "11608.60  11608.60 …": value / blank alternate,
  giving columns 1,3,5,7,9,11 = 11608.60 and 2,4,6,8,10,12 blank.
- Amounts are 元, so sums must be exact (no 尾数误差).
- 第三部分 六 is headed 「一般公共预算财政拨款支出决算情况说明」 but describes 基本支出;
  五(三) does not give 年初预算 per 类, it repeats the 类 structure of 五(二) (with different
  rounding); these headings/wordings are kept as they are in TEXT.
- The 7 project self-evaluation reports (第五部分 附件) are not transcribed here.
"""

UNIT = "元"
EDITION = "shanxi-2022"

_B = ""      # blank cell
_D = "——"    # dash cell (printed "────" in the PDF text)

# ---------------------------------------------------------------------------------------------
# 公开01 收入支出决算总表: 行次 -> [决算数]
_T01 = {
    "1": ["9361502.66"],   # 一、一般公共预算财政拨款收入
    "2": [_B], "3": [_B], "4": [_B], "5": [_B], "6": [_B], "7": [_B],
    "8": [_B],             # 八、其他收入
    **{str(i): [_B] for i in range(9, 27)},
    "27": ["9361502.66"],  # 本年收入合计
    "28": [_B],            # 使用非财政拨款结余
    "29": [_B],            # 年初结转和结余
    "30": [_B],
    "31": ["9361502.66"],  # 总计
    "32": ["9080084.87"],  # 一、一般公共服务支出
    "33": [_B], "34": [_B], "35": [_B], "36": [_B], "37": [_B], "38": [_B],
    "39": ["93810.06"],    # 八、社会保障和就业支出
    "40": ["70301.73"],    # 九、卫生健康支出
    "41": [_B], "42": [_B], "43": [_B], "44": [_B], "45": [_B], "46": [_B], "47": [_B],
    "48": [_B], "49": [_B],
    "50": ["117306.00"],   # 十九、住房保障支出
    "51": [_B], "52": [_B], "53": [_B], "54": [_B], "55": [_B], "56": [_B], "57": [_B],
    "58": ["9361502.66"],  # 本年支出合计
    "59": [_B],            # 结余分配
    "60": [_B],            # 年末结转和结余
    "61": [_B],
    "62": ["9361502.66"],  # 总计
}

# 公开02 收入决算表: [本年收入合计, 财政拨款收入, 上级补助收入, 事业收入, 经营收入, 附属单位上缴收入, 其他收入]
_T02 = {
    "合计":    ["9361502.66", "9361502.66", _B, _B, _B, _B, _B],
    "201":     ["9080084.87", "9080084.87", _B, _B, _B, _B, _B],
    "20103":   ["9080084.87", "9080084.87", _B, _B, _B, _B, _B],
    "2010350": ["9080084.87", "9080084.87", _B, _B, _B, _B, _B],
    "208":     ["93810.06", "93810.06", _B, _B, _B, _B, _B],
    "20805":   ["93810.06", "93810.06", _B, _B, _B, _B, _B],
    "2080505": ["93810.06", "93810.06", _B, _B, _B, _B, _B],
    "210":     ["70301.73", "70301.73", _B, _B, _B, _B, _B],
    "21011":   ["70301.73", "70301.73", _B, _B, _B, _B, _B],
    "2101102": ["48101.18", "48101.18", _B, _B, _B, _B, _B],
    "2101103": ["22200.55", "22200.55", _B, _B, _B, _B, _B],
    "221":     ["117306.00", "117306.00", _B, _B, _B, _B, _B],
    "22102":   ["117306.00", "117306.00", _B, _B, _B, _B, _B],
    "2210201": ["117306.00", "117306.00", _B, _B, _B, _B, _B],
}

# 公开03 支出决算表: [本年支出合计, 基本支出, 项目支出, 上缴上级支出, 经营支出, 对附属单位补助支出]
_T03 = {
    "合计":    ["9361502.66", "1464498.69", "7897003.97", _B, _B, _B],
    "201":     ["9080084.87", "1183080.90", "7897003.97", _B, _B, _B],
    "20103":   ["9080084.87", "1183080.90", "7897003.97", _B, _B, _B],
    "2010350": ["9080084.87", "1183080.90", "7897003.97", _B, _B, _B],
    "208":     ["93810.06", "93810.06", _B, _B, _B, _B],
    "20805":   ["93810.06", "93810.06", _B, _B, _B, _B],
    "2080505": ["93810.06", "93810.06", _B, _B, _B, _B],
    "210":     ["70301.73", "70301.73", _B, _B, _B, _B],
    "21011":   ["70301.73", "70301.73", _B, _B, _B, _B],
    "2101102": ["48101.18", "48101.18", _B, _B, _B, _B],
    "2101103": ["22200.55", "22200.55", _B, _B, _B, _B],
    "221":     ["117306.00", "117306.00", _B, _B, _B, _B],
    "22102":   ["117306.00", "117306.00", _B, _B, _B, _B],
    "2210201": ["117306.00", "117306.00", _B, _B, _B, _B],
}

# 公开04 财政拨款收入支出决算总表
# income rows: [金额]; expenditure rows: [合计, 一般公共预算财政拨款, 政府性基金预算财政拨款, 国有资本经营预算财政拨款]
_E = [_B, _B, _B, _B]
_T04 = {
    "1": ["9361502.66"],   # 一、一般公共预算财政拨款
    "2": [_B],             # 二、政府性基金预算财政拨款
    "3": [_B],             # 三、国有资本经营财政拨款
    **{str(i): [_B] for i in range(4, 27)},
    "27": ["9361502.66"],  # 本年收入合计
    "28": [_B],            # 年初财政拨款结转和结余
    "29": [_B],            # 一般公共预算财政拨款
    "30": [_B],            # 政府性基金预算财政拨款
    "31": [_B],            # 国有资本经营预算财政拨款
    "32": ["9361502.66"],  # 收入总计
    "33": ["9080084.87", "9080084.87", _B, _B],  # 一、一般公共服务支出
    **{str(i): list(_E) for i in range(34, 40)},
    "40": ["93810.06", "93810.06", _B, _B],      # 八、社会保障和就业支出
    "41": ["70301.73", "70301.73", _B, _B],      # 九、卫生健康支出
    **{str(i): list(_E) for i in range(42, 51)},
    "51": ["117306.00", "117306.00", _B, _B],    # 十九、住房保障支出
    **{str(i): list(_E) for i in range(52, 59)},
    "59": ["9361502.66", "9361502.66", _B, _B],  # 本年支出合计
    "60": list(_E),                              # 年末财政拨款结转和结余
    "61": list(_E),
    "62": list(_E),
    "63": list(_E),
    "64": ["9361502.66", "9361502.66", _B, _B],  # 总计
}

# 公开05 一般公共预算财政拨款支出决算表: [小计, 基本支出, 项目支出]
_T05 = {
    "合计":    ["9361502.66", "1464498.69", "7897003.97"],
    "201":     ["9080084.87", "1183080.90", "7897003.97"],
    "20103":   ["9080084.87", "1183080.90", "7897003.97"],
    "2010350": ["9080084.87", "1183080.90", "7897003.97"],
    "208":     ["93810.06", "93810.06", _B],
    "20805":   ["93810.06", "93810.06", _B],
    "2080505": ["93810.06", "93810.06", _B],
    "210":     ["70301.73", "70301.73", _B],
    "21011":   ["70301.73", "70301.73", _B],
    "2101102": ["48101.18", "48101.18", _B],
    "2101103": ["22200.55", "22200.55", _B],
    "221":     ["117306.00", "117306.00", _B],
    "22102":   ["117306.00", "117306.00", _B],
    "2210201": ["117306.00", "117306.00", _B],
}

# 公开06 一般公共预算财政拨款支出决算明细表: code -> [金额, 其中：基本支出]
_BB = [_B, _B]
_BD = [_B, _D]
_T06 = {
    # 人员经费 — 301
    "301": ["8323406.06", "1260543.71"],     # 工资福利支出
    "30101": ["453340.02", "453340.02"],     # 基本工资
    "30102": ["107972.45", "107972.45"],     # 津贴补贴
    "30103": list(_BB),                      # 奖金
    "30106": list(_BB),                      # 伙食补助费
    "30107": ["212979.09", "212979.09"],     # 绩效工资
    "30108": ["93810.06", "93810.06"],       # 机关事业单位基本养老保险缴费
    "30109": list(_BB),                      # 职业年金缴费
    "30110": ["48101.18", "48101.18"],       # 职工基本医疗保险缴费
    "30111": ["22200.55", "22200.55"],       # 公务员医疗补助缴费
    "30112": ["2323.74", "2323.74"],         # 其他社会保障缴费
    "30113": ["117306.00", "117306.00"],     # 住房公积金
    "30114": list(_BB),                      # 医疗费
    "30199": ["7265372.97", "202510.62"],    # 其他工资福利支出
    # 人员经费 — 303
    "303": list(_BB),                        # 对个人和家庭的补助
    "30301": list(_BB),                      # 离休费
    "30302": list(_BB),                      # 退休费
    "30303": list(_BB),                      # 退职（役）费
    "30304": list(_BB),                      # 抚恤金
    "30305": list(_BB),                      # 生活补助
    "30306": list(_BB),                      # 救济费
    "30307": list(_BB),                      # 医疗费补助
    "30308": list(_BB),                      # 助学金
    "30309": list(_BB),                      # 奖励金
    "30310": list(_BB),                      # 个人农业生产补贴
    "30311": list(_BB),                      # 代缴社会保险费
    "30399": list(_BB),                      # 其他对个人和家庭的补助
    # 公用经费 — 302
    "302": ["703096.60", "203954.98"],       # 商品和服务支出
    "30201": ["96527.80", _B],               # 办公费
    "30202": ["7469.00", _B],                # 印刷费
    "30203": list(_BB),                      # 咨询费
    "30204": list(_BB),                      # 手续费
    "30205": ["1820.00", _B],                # 水费
    "30206": list(_BB),                      # 电费
    "30207": ["8314.00", _B],                # 邮电费
    "30208": ["31360.00", "31360.00"],       # 取暖费
    "30209": list(_BB),                      # 物业管理费
    "30211": ["8951.52", _B],                # 差旅费
    "30212": list(_BB),                      # 因公出国（境）费用
    "30213": list(_BB),                      # 维修（护）费
    "30214": list(_BB),                      # 租赁费
    "30215": list(_BB),                      # 会议费
    "30216": list(_BB),                      # 培训费
    "30217": list(_BB),                      # 公务接待费
    "30218": list(_BB),                      # 专用材料费
    "30224": list(_BB),                      # 被装购置费
    "30225": list(_BB),                      # 专用燃料费
    "30226": list(_BB),                      # 劳务费
    "30227": ["319050.30", _B],              # 委托业务费
    "30228": ["11252.32", "11252.32"],       # 工会经费
    "30229": ["89836.56", "89836.56"],       # 福利费
    "30231": ["11608.60", "11608.60"],       # 公务用车运行维护费
    "30239": ["39000.00", "39000.00"],       # 其他交通费用
    "30240": list(_BB),                      # 税金及附加费用
    "30299": ["77906.50", "20897.50"],       # 其他商品和服务支出
    # 公用经费 — 307
    "307": list(_BB),                        # 债务利息及费用支出
    "30701": list(_BB),                      # 国内债务付息
    "30702": list(_BB),                      # 国外债务付息
    "30703": list(_BB),                      # 国内债务发行费用
    "30704": list(_BB),                      # 国外债务发行费用
    # 公用经费 — 309 (基本支出 column dashed)
    "309": list(_BD),                        # 资本性支出（基本建设）
    "30901": list(_BD),                      # 房屋构筑物构建
    "30902": list(_BD),                      # 办公设备购置
    "30903": list(_BD),                      # 专用设备购置
    "30905": list(_BD),                      # 基础设施建设
    "30906": list(_BD),                      # 大型修缮
    "30907": list(_BD),                      # 信息网络及软件购置更新
    "30908": list(_BD),                      # 物资储备
    "30913": list(_BD),                      # 公务用车购置
    "30919": list(_BD),                      # 其他交通工具购置
    "30921": list(_BD),                      # 文物和陈列品购置
    "30922": list(_BD),                      # 无形资产购置
    "30999": list(_BD),                      # 其他资本性支出
    # 公用经费 — 310
    "310": ["335000.00", _B],                # 资本性支出
    "31001": list(_BB),                      # 房屋构筑物构建
    "31002": list(_BB),                      # 办公设备购置
    "31003": list(_BB),                      # 专用设备购置
    "31005": list(_BB),                      # 基础设施建设
    "31006": list(_BB),                      # 大型修缮
    "31007": ["335000.00", _B],              # 信息网络及软件购置更新
    "31008": list(_BB),                      # 物资储备
    "31009": list(_BB),                      # 土地补偿
    "31010": list(_BB),                      # 安置补助
    "31011": list(_BB),                      # 地上附着物和青苗补偿
    "31012": list(_BB),                      # 拆迁补偿
    "31013": list(_BB),                      # 公务用车购置
    "31019": list(_BB),                      # 其他交通工具购置
    "31021": list(_BB),                      # 文物和陈列品购置
    "31022": list(_BB),                      # 无形资产购置
    "31099": list(_BB),                      # 其他资本性支出
    # 公用经费 — 311 (基本支出 column dashed)
    "311": list(_BD),                        # 对企业补助（基本建设）
    "31101": list(_BD),                      # 资本金注入
    "31199": list(_BD),                      # 其他对企业补助
    # 公用经费 — 312
    "312": list(_BB),                        # 对企业补助
    "31201": list(_BB),                      # 资本金注入
    "31203": list(_BB),                      # 政府投资基金股权投资
    "31204": list(_BB),                      # 费用补贴
    "31205": list(_BB),                      # 利息补贴
    "31299": list(_BB),                      # 其他对企业补助
    # 公用经费 — 313 (基本支出 column dashed)
    "313": list(_BD),                        # 对社会保障基金补助
    "31302": list(_BD),                      # 对社会保障基金补助
    "31303": list(_BD),                      # 补充全国社会保障基金
    "31304": list(_BD),                      # 对机关事业单位职业年金的补助
    # 公用经费 — 399
    "399": list(_BB),                        # 其他支出
    "39907": list(_BB),                      # 国家赔偿费用支出
    "39908": list(_BB),                      # 对民间非营利组织和群众性自治组织补贴
    "39909": list(_BB),                      # 经常性赠与
    "39910": list(_BB),                      # 资本性赠与
    "39999": list(_BB),                      # 其他支出
    # totals
    "人员经费合计": ["8323406.06", "1260543.71"],
    "公用经费合计": ["1038096.60", "203954.98"],
}

# 公开07 财政拨款“三公”经费支出决算表: 预算数 (1–6) then 决算数 (7–12):
# [合计, 因公出国（境）费, 公务用车购置及运行维护费 小计, 公务用车购置费, 公务用车运行维护费, 公务接待费] ×2
_T07 = {
    "1": ["11608.60", _B, "11608.60", _B, "11608.60", _B,
          "11608.60", _B, "11608.60", _B, "11608.60", _B],
}

# 公开08 政府性基金 / 公开09 国资: only the (empty) 合计 row, then 「说明：本表无数据」.
# 公开08 columns: [年初结转和结余, 本年收入, 本年支出 小计, 基本支出, 项目支出, 年末结转和结余]
_T08 = {"合计": [_B, _B, _B, _B, _B, _B]}
# 公开09 columns: [合计, 基本支出, 项目支出]
_T09 = {"合计": [_B, _B, _B]}

# 公开10 部门决算公开相关信息统计表: 行次 -> [采购金额 / 统计数]; vehicle rows (7–15) are counts
_T10 = {
    "1": ["130652.46"],  # 政府采购 合计
    "2": [_B],           # 货物
    "3": [_B],           # 工程
    "4": ["130652.46"],  # 服务
    "5": [_B],           # 机关运行经费（一）行政单位
    "6": [_B],           # 机关运行经费（二）参照公务员法管理事业单位
    "7": ["1"],          # 车辆数合计（辆）
    "8": [_B],           # 1.副部（省）级及以上领导用车
    "9": [_B],           # 2.主要领导干部用车
    "10": [_B],          # 3.机要通信用车
    "11": [_B],          # 4.应急保障用车
    "12": [_B],          # 5.执法执勤用车
    "13": [_B],          # 6.特种专业技术用车
    "14": [_B],          # 7.离退休干部用车
    "15": ["1"],         # 8.其他用车
    "17": [_B],          # 单价100万元（含）以上设备（不含车辆） (行次16 is not printed)
}

TABLES: dict[str, dict[str, list[str]]] = {
    "公开01": _T01,
    "公开02": _T02,
    "公开03": _T03,
    "公开04": _T04,
    "公开05": _T05,
    "公开06": _T06,
    "公开07": _T07,   # 财政拨款“三公”经费支出决算表
    "公开08": _T08,   # 政府性基金预算财政拨款收入支出决算表
    "公开09": _T09,   # 国有资本经营预算财政拨款支出决算表
    "公开10": _T10,
}

NO_DATA: set[str] = {"公开08", "公开09"}

# ---------------------------------------------------------------------------------------------
# 第三部分 情况说明.  Amounts in 元 as printed, thousands separators removed; percentages without
# "%"; changes and change rates signed (all changes in this report are increases).
# "与上年相同" is recorded as change "0".
TEXT: dict[str, dict[str, str]] = {
    "一": {  # 收入支出决算总体情况
        "income_total": "9361502.66",
        "expenditure_total": "9361502.66",
        "income_total_change": "274136.07",       # 与2021年相比 增加
        "income_total_change_rate": "3.02",
        "expenditure_total_change": "274136.07",
        "expenditure_total_change_rate": "3.02",
    },
    "二": {  # 收入决算
        "income_sum": "9361502.66",               # 收入合计
        "fiscal_appropriation_income": "9361502.66",
        "fiscal_appropriation_income_share": "100.00",
        "superior_subsidy_income": "0.00",        # 上级补助收入
        "superior_subsidy_income_share": "0.00",
        "business_income": "0.00",                # 事业收入
        "business_income_share": "0.00",
        "operating_income": "0.00",               # 经营收入
        "operating_income_share": "0.00",
        "subsidiary_remittance_income": "0.00",   # 附属单位上缴收入
        "subsidiary_remittance_income_share": "0.00",
        "other_income": "0.00",
        "other_income_share": "0.00",
    },
    "三": {  # 支出决算
        "expenditure_sum": "9361502.66",          # 支出合计
        "basic_expenditure": "1464498.69",
        "basic_expenditure_share": "15.64",
        "project_expenditure": "7897003.97",
        "project_expenditure_share": "84.36",
        "remittance_to_superior": "0.00",         # 上缴上级支出
        "remittance_to_superior_share": "0.00",
        "operating_expenditure": "0.00",          # 经营支出
        "operating_expenditure_share": "0.00",
        "subsidies_to_subsidiaries": "0.00",      # 对附属单位补助支出
        "subsidies_to_subsidiaries_share": "0.00",
    },
    "四": {  # 财政拨款收支决算总体
        "fiscal_income_total": "9361502.66",
        "fiscal_expenditure_total": "9361502.66",
        "fiscal_income_total_change": "274136.07",
        "fiscal_income_total_change_rate": "3.02",
        "fiscal_expenditure_total_change": "274136.07",
        "fiscal_expenditure_total_change_rate": "3.02",
    },
    "五(一)": {  # 财政拨款支出决算总体
        "gpb_expenditure": "9361502.66",
        "gpb_share_of_expenditure_sum": "100.00",     # 占本年支出合计的
        "gpb_expenditure_change": "274136.07",
        "gpb_expenditure_change_rate": "3.02",
        "personnel": "1260543.71",                    # 其中，人员经费
        "personnel_share": "13.47",                   # share of gpb_expenditure
        "public": "203954.98",                        # 日常公用经费
        "public_share": "2.18",
    },
    "五(二)": {  # 结构 by 类
        "gpb_expenditure": "9361502.66",
        "class_201_amount": "9080084.87",   # 一般公共服务支出
        "class_201_share": "96.99",
        "class_208_amount": "93810.06",     # 社会保障和就业支出
        "class_208_share": "1.00",
        "class_210_amount": "70301.73",     # 卫生健康支出
        "class_210_share": "0.75",
        "class_221_amount": "117306.00",    # 住房保障支出
        "class_221_share": "1.25",
    },
    "五(三)": {  # 具体: only the total is compared with 年初预算; the 类 lines repeat 五(二)
        "budget_total": "11637300",         # 年初预算 printed 「11,637,300元」
        "actual_total": "9361502.66",
        "completion_rate_total": "80.44",
        "class_201_amount": "9080084.87",
        "class_201_share": "96.99",
        "class_208_amount": "93810.06",
        "class_208_share": "1",             # printed 「占比1%」
        "class_210_amount": "70301.73",
        "class_210_share": "0.75",
        "class_221_amount": "117306",       # printed 「117306元」
        "class_221_share": "1.26",
    },
    "六": {  # 基本支出 (section headed 「一般公共预算财政拨款支出决算情况说明」)
        "basic_expenditure": "1464498.69",
        "personnel": "1260543.71",
        "personnel_wage_welfare": "1260543.71",     # 工资福利支出
        "public": "203954.98",
        "public_goods_services": "203954.98",       # 商品和服务支出
    },
    "七": {},  # 「本年度无此项支出。」
    "八": {},  # 「本年度无此项支出。」
    "九(一)": {  # 三公 总体
        "budget": "11608.60",
        "actual": "11608.60",
        "completion_rate": "59.53",
        "change": "11608.60",                        # 比上年度增加 (no rate given)
        "abroad_actual": "0.00",
        "abroad_completion_rate": "0.00",
        "abroad_change": "0",                        # 与上年相同
        "vehicle_purchase_actual": "0.00",
        "vehicle_purchase_completion_rate": "0.00",
        "vehicle_purchase_change": "0",              # 与上年相同
        "vehicle_operation_actual": "11608.60",
        "vehicle_operation_completion_rate": "0.00",
        "vehicle_operation_change": "11608.60",
        "reception_actual": "0.00",
        "reception_completion_rate": "0.00",
        "reception_change": "0",                     # 与上年相同
    },
    "九(二)": {  # 三公 具体
        "abroad_actual": "0.00",
        "abroad_groups": "0",                        # 出国团组
        "abroad_person_trips": "0",                  # 人次
        "vehicle_purchase_actual": "0.00",
        "vehicles_purchased": "0",
        "vehicle_operation_actual": "11608.60",
        "vehicles_held": "1",                        # 公务用车保有量
        "reception_actual": "0.00",
        "reception_batches": "0",
        "reception_person_times": "0",
        "domestic_reception_actual": "0",
        "domestic_reception_batches": "0",
        "domestic_reception_person_times": "0",
        "foreign_affairs_reception_actual": "0",     # 其中外事接待费
        "foreign_affairs_reception_batches": "0",
        "foreign_affairs_reception_person_times": "0",
        "overseas_reception_actual": "0",            # 国（境）外接待费
        "overseas_reception_batches": "0",
        "overseas_reception_person_times": "0",
    },
    "十(一)": {},  # 「本部门无机关运行经费。」 (a 事业单位; 公开10 rows 5–6 blank)
    "十(二)": {  # 政府采购
        "procurement_total": "130652.46",
        "procurement_goods": "0.00",
        "procurement_works": "0.00",
        "procurement_services": "130652.46",
        "awarded_to_sme": "0.00",                    # 授予中小企业合同金额
        "awarded_to_sme_share": "0.00",              # 占政府采购支出总额的
        "awarded_to_small_micro": "0.00",            # 其中：授予小微企业合同金额
        "awarded_to_small_micro_share": "0.00",
    },
    "十(三)": {  # 国有资产占用 (counts)
        "vehicles_total": "1",
        "vehicles_vice_ministerial": "0",            # 副部（省）级及以上领导用车
        "vehicles_principal_leaders": "0",           # 主要领导干部用车
        "vehicles_confidential_communication": "0",  # 机要通信用车
        "vehicles_emergency": "0",                   # 应急保障用车
        "vehicles_law_enforcement": "0",             # 执法执勤用车
        "vehicles_special_technical": "0",           # 特种专业技术用车
        "vehicles_retired_cadres": "0",              # 离退休干部用车
        "vehicles_other": "1",                       # 其他用车 (一般公务用车)
        "equipment_over_1m": "0",                    # 单价100万元以上设备 台（套）
    },
    "十(四)(1)": {  # 预算绩效管理工作开展情况
        "level1_projects_covered": "0",              # 涵盖一级项目
        "level2_projects_covered": "7",              # 二级项目
        "projects_covered_funds": "8406200",
        "projects_covered_share_of_project_expenditure": "106",   # 占项目支出总额的106%
        "projects_covered_gpb": "8406200",           # 一般公共预算项目支出
        "projects_covered_gov_fund": "0",            # 政府性基金预算项目支出
        "projects_covered_state_capital": "0",       # 国有资金经营预算项目支出
        "projects_covered_social_insurance": "0",    # 社会保险基金预算项目支出
        "overall_evaluation_funds": "0",             # 部门整体支出绩效自评 涉及资金
        "overall_evaluation_gpb": "0",
        "overall_evaluation_gov_fund": "0",
        "overall_evaluation_state_capital": "0",
        "overall_evaluation_social_insurance": "0",
        "department_evaluation_projects": "7",       # 部门评价 2级项目
        "department_evaluation_funds": "8406200",
        "department_evaluation_gpb": "8406200",
        "department_evaluation_gov_fund": "0",
        "department_evaluation_state_capital": "0",
        "department_evaluation_social_insurance": "0",
    },
    "十(四)(2)": {  # 项目绩效自评结果
        "level1_self_evaluations": "0",
        "level1_self_evaluation_funds": "0",
        "level1_grade_excellent": "0",
        "level1_grade_good": "0",
        "level1_grade_fair": "0",
        "level1_grade_poor": "0",
        "level2_self_evaluations": "7",
        "level2_self_evaluation_funds": "8406200",
        "level2_grade_excellent": "2",               # 优
        "level2_grade_good": "2",                    # 良
        "level2_grade_fair": "3",                    # 中
        "level2_grade_poor": "0",                    # 差
        "overall_score": "80",                       # 整体绩效自评得分 (also stated in (3))
    },
    "十(四)(3)": {  # 部门（单位）整体支出绩效自评结果
        "overall_score": "80",
        "overall_budget": "8406200",                 # 全年预算数
        "overall_executed": "7897003.97",            # 执行数
        "overall_execution_rate": "106",             # 执行率
    },
}

# ---------------------------------------------------------------------------------------------
# Where the report contradicts itself.  Amounts are 元, so there is no rounding slack.
KNOWN_ERRORS: list[dict] = [
    {"kind": "error", "where": "第三部分 五(一) reason",
     "what": "the 财政拨款支出 rose (增加274,136.07元，增长3.02%) but the stated reason is 「人员及项目的减少」 "
             "(sections 一 and 四 say 「人员及项目的增加」)",
     "published": "人员及项目的减少", "correct": "人员及项目的增加"},
    # (五(二)'s shares 96.99 + 1.00 + 0.75 + 1.25 = 99.99 are each correctly rounded: a 尾差,
    # not an error — issue 19; the text prints them so.)
    {"kind": "error", "where": "第三部分 五(三) 住房保障支出 share",
     "what": "117306/9361502.66 = 1.2531% → 1.25 (as 五(二) prints); 五(三) prints 1.26 (apparently forced so "
             "that its shares add to 100)",
     "published": "1.26", "correct": "1.25"},
    {"kind": "error", "where": "第三部分 九(一) 三公 完成全年预算",
     "what": "公开07 prints 预算数 11608.60 = 决算数 11608.60 and the text itself states 预算11,608.60元, "
             "支出决算11,608.60元, so 完成全年预算 is 100.00%, not 59.53% (59.53% would need a budget of ≈19500)",
     "published": "59.53", "correct": "100.00"},
    {"kind": "error", "where": "第三部分 九(一) 公务用车运行维护费 完成全年预算",
     "what": "公开07 prints 公务用车运行维护费 预算数 11608.60 = 决算数 11608.60, so 完成全年预算 is 100.00%",
     "published": "0.00", "correct": "100.00"},
    {"kind": "error", "where": "第三部分 十(四)(3) 整体支出 执行率",
     "what": "执行率 = 执行数 7897003.97 / 全年预算数 8406200 = 93.94%; the printed 106% is the inverse ratio",
     "published": "106", "correct": "93.94"},
    {"kind": "precision", "where": "第三部分 十(四)(1) 占项目支出总额",
     "what": "8406200 / 7897003.97 (公开03 项目支出) = 106.45%; printed without decimals",
     "published": "106", "correct": "106.45"},
    {"kind": "error", "where": "第三部分 十(四)(1) vs (3) 部门整体支出绩效自评",
     "what": "(1) says the 部门整体支出绩效自评 涉及资金0元, but (3) gives its 全年预算数 as 8406200元 and 执行数 7897003.97元",
     "published": "0", "correct": "8406200"},
]
