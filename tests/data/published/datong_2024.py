"""Figures published in 大同市公共资源交易中心（大同市政府采购中心）2024年度决算公开
(shared/reference/datong-trading-center-2024-final-account.txt), transcribed by hand.

Notes on the source text and how it was read:
- The 2024 PDF text is tab-separated and mostly well ordered; cells keep their column
  positions (an empty cell is an empty field between tabs), so little reconstruction was needed.
- 公开01: the left (income) 栏次1 and right (expenditure) 栏次2 are on the same line; each
  行次 is keyed separately.  Rows 30 and 61 are unlabeled blank rows.
- 公开04: income rows 1–32 carry 栏次1; expenditure rows 33–64 carry 栏次2–5.  Rows 61–63
  (right side, under 年末财政拨款结转和结余) are unlabeled in this edition.
- 公开06 (2024 layout, 基本支出 only) prints four column groups side by side; each line of the
  text holds one code of each group.  The 309 (资本性支出（基本建设）) block and 311/31101/31199
  print "——" in the 决算数 column; everything else not stated is blank.  人员经费合计 sits under
  the first group, 公用经费合计 (19.55) is printed at the far right of the last line.
- 公开09 三公: one data row, tab positions give the 12 columns unambiguously.
- 公开10: 行次 16 does not exist (the table jumps from 15 to 17, as printed).
- Amounts are 万元: each cell is rounded on its own from 元, so sums of rounded cells may
  differ from printed totals by 0.01 (「本套报表金额单位转换时可能存在尾数误差」); those are
  listed in KNOWN_ERRORS with "kind": "rounding".
- The 18 project self-evaluation tables (第五部分 附件) are not transcribed here.  Their
  全年预算数 add up to 442.734 → 442.73, matching 十(四) (checked, not stored).
"""

UNIT = "万元"
EDITION = "shanxi-2024"

_B = ""      # blank cell
_D = "——"    # dash cell

# ---------------------------------------------------------------------------------------------
# 公开01 收入支出决算总表: 行次 -> [金额]
_T01 = {
    # income (栏次1)
    "1": ["584.54"],   # 一、一般公共预算财政拨款收入
    "2": [_B],         # 二、政府性基金预算财政拨款收入
    "3": [_B],         # 三、国有资本经营预算财政拨款收入
    "4": [_B],         # 四、上级补助收入
    "5": [_B],         # 五、事业收入
    "6": [_B],         # 六、经营收入
    "7": [_B],         # 七、附属单位上缴收入
    "8": ["0.29"],     # 八、其他收入
    **{str(i): [_B] for i in range(9, 27)},
    "27": ["584.83"],  # 本年收入合计
    "28": [_B],        # 使用非财政拨款结余（含专用结余）
    "29": [_B],        # 年初结转和结余
    "30": [_B],
    "31": ["584.83"],  # 总计
    # expenditure (栏次2)
    "32": ["514.54"],  # 一、一般公共服务支出
    "33": [_B], "34": [_B], "35": [_B], "36": [_B], "37": [_B], "38": [_B],
    "39": ["38.40"],   # 八、社会保障和就业支出
    "40": ["10.72"],   # 九、卫生健康支出
    "41": [_B], "42": [_B], "43": [_B], "44": [_B], "45": [_B], "46": [_B], "47": [_B],
    "48": [_B], "49": [_B],
    "50": ["20.88"],   # 十九、住房保障支出
    "51": [_B], "52": [_B], "53": [_B], "54": [_B], "55": [_B], "56": [_B], "57": [_B],
    "58": ["584.55"],  # 本年支出合计
    "59": ["0.28"],    # 结余分配
    "60": [_B],        # 年末结转和结余
    "61": [_B],
    "62": ["584.83"],  # 总计
}

# 公开02 收入决算表: [本年收入合计, 财政拨款收入, 上级补助收入, 事业收入, 经营收入, 附属单位上缴收入, 其他收入]
_T02 = {
    "合计":    ["584.83", "584.54", _B, _B, _B, _B, "0.29"],
    "201":     ["514.83", "514.54", _B, _B, _B, _B, "0.29"],
    "20103":   ["511.35", "511.07", _B, _B, _B, _B, "0.29"],
    "2010301": ["158.17", "157.88", _B, _B, _B, _B, "0.29"],
    "2010350": ["8.11", "8.11", _B, _B, _B, _B, _B],
    "2010399": ["345.08", "345.08", _B, _B, _B, _B, _B],
    "20131":   ["3.47", "3.47", _B, _B, _B, _B, _B],
    "2013101": ["3.47", "3.47", _B, _B, _B, _B, _B],
    "208":     ["38.40", "38.40", _B, _B, _B, _B, _B],
    "20805":   ["32.82", "32.82", _B, _B, _B, _B, _B],
    "2080501": ["13.99", "13.99", _B, _B, _B, _B, _B],
    "2080505": ["18.82", "18.82", _B, _B, _B, _B, _B],
    "20807":   ["5.58", "5.58", _B, _B, _B, _B, _B],
    "2080799": ["5.58", "5.58", _B, _B, _B, _B, _B],
    "210":     ["10.72", "10.72", _B, _B, _B, _B, _B],
    "21007":   ["0.14", "0.14", _B, _B, _B, _B, _B],
    "2100799": ["0.14", "0.14", _B, _B, _B, _B, _B],
    "21011":   ["10.59", "10.59", _B, _B, _B, _B, _B],
    "2101101": ["8.24", "8.24", _B, _B, _B, _B, _B],
    "2101103": ["2.35", "2.35", _B, _B, _B, _B, _B],
    "221":     ["20.88", "20.88", _B, _B, _B, _B, _B],
    "22102":   ["20.88", "20.88", _B, _B, _B, _B, _B],
    "2210201": ["19.11", "19.11", _B, _B, _B, _B, _B],
    "2210202": ["1.77", "1.77", _B, _B, _B, _B, _B],
}

# 公开03 支出决算表: [本年支出合计, 基本支出, 项目支出, 上缴上级支出, 经营支出, 对附属单位补助支出]
_T03 = {
    "合计":    ["584.55", "233.89", "350.66", _B, _B, _B],
    "201":     ["514.54", "169.47", "345.08", _B, _B, _B],
    "20103":   ["511.07", "166.00", "345.08", _B, _B, _B],
    "2010301": ["157.89", "157.89", _B, _B, _B, _B],
    "2010350": ["8.11", "8.11", _B, _B, _B, _B],
    "2010399": ["345.08", _B, "345.08", _B, _B, _B],
    "20131":   ["3.47", "3.47", _B, _B, _B, _B],
    "2013101": ["3.47", "3.47", _B, _B, _B, _B],
    "208":     ["38.40", "32.82", "5.58", _B, _B, _B],
    "20805":   ["32.82", "32.82", _B, _B, _B, _B],
    "2080501": ["13.99", "13.99", _B, _B, _B, _B],
    "2080505": ["18.82", "18.82", _B, _B, _B, _B],
    "20807":   ["5.58", _B, "5.58", _B, _B, _B],
    "2080799": ["5.58", _B, "5.58", _B, _B, _B],
    "210":     ["10.72", "10.72", _B, _B, _B, _B],
    "21007":   ["0.14", "0.14", _B, _B, _B, _B],
    "2100799": ["0.14", "0.14", _B, _B, _B, _B],
    "21011":   ["10.59", "10.59", _B, _B, _B, _B],
    "2101101": ["8.24", "8.24", _B, _B, _B, _B],
    "2101103": ["2.35", "2.35", _B, _B, _B, _B],
    "221":     ["20.88", "20.88", _B, _B, _B, _B],
    "22102":   ["20.88", "20.88", _B, _B, _B, _B],
    "2210201": ["19.11", "19.11", _B, _B, _B, _B],
    "2210202": ["1.77", "1.77", _B, _B, _B, _B],
}

# 公开04 财政拨款收入支出决算总表
# income rows: [金额]; expenditure rows: [合计, 一般公共预算财政拨款, 政府性基金预算财政拨款, 国有资本经营预算财政拨款]
_E = [_B, _B, _B, _B]
_T04 = {
    "1": ["584.54"],   # 一、一般公共预算财政拨款
    "2": [_B],         # 二、政府性基金预算财政拨款
    "3": [_B],         # 三、国有资本经营预算财政拨款
    **{str(i): [_B] for i in range(4, 27)},
    "27": ["584.54"],  # 本年收入合计
    "28": [_B],        # 年初财政拨款结转和结余
    "29": [_B],        # 一般公共预算财政拨款
    "30": [_B],        # 政府性基金预算财政拨款
    "31": [_B],        # 国有资本经营预算财政拨款
    "32": ["584.54"],  # 总计
    "33": ["514.54", "514.54", _B, _B],  # 一、一般公共服务支出
    **{str(i): list(_E) for i in range(34, 40)},
    "40": ["38.40", "38.40", _B, _B],    # 八、社会保障和就业支出
    "41": ["10.72", "10.72", _B, _B],    # 九、卫生健康支出
    **{str(i): list(_E) for i in range(42, 51)},
    "51": ["20.88", "20.88", _B, _B],    # 十九、住房保障支出
    **{str(i): list(_E) for i in range(52, 59)},
    "59": ["584.54", "584.54", _B, _B],  # 本年支出合计
    "60": list(_E),                      # 年末财政拨款结转和结余
    "61": list(_E),
    "62": list(_E),
    "63": list(_E),
    "64": ["584.54", "584.54", _B, _B],  # 总计
}

# 公开05 一般公共预算财政拨款支出决算表: [小计, 基本支出, 项目支出]
_T05 = {
    "合计":    ["584.54", "233.88", "350.66"],
    "201":     ["514.54", "169.46", "345.08"],
    "20103":   ["511.07", "165.99", "345.08"],
    "2010301": ["157.88", "157.88", _B],
    "2010350": ["8.11", "8.11", _B],
    "2010399": ["345.08", _B, "345.08"],
    "20131":   ["3.47", "3.47", _B],
    "2013101": ["3.47", "3.47", _B],
    "208":     ["38.40", "32.82", "5.58"],
    "20805":   ["32.82", "32.82", _B],
    "2080501": ["13.99", "13.99", _B],
    "2080505": ["18.82", "18.82", _B],
    "20807":   ["5.58", _B, "5.58"],
    "2080799": ["5.58", _B, "5.58"],
    "210":     ["10.72", "10.72", _B],
    "21007":   ["0.14", "0.14", _B],
    "2100799": ["0.14", "0.14", _B],
    "21011":   ["10.59", "10.59", _B],
    "2101101": ["8.24", "8.24", _B],
    "2101103": ["2.35", "2.35", _B],
    "221":     ["20.88", "20.88", _B],
    "22102":   ["20.88", "20.88", _B],
    "2210201": ["19.11", "19.11", _B],
    "2210202": ["1.77", "1.77", _B],
}

# 公开06 一般公共预算财政拨款基本支出决算明细表: code -> [决算数]
_T06 = {
    # 人员经费 — 301
    "301": ["200.47"],    # 工资福利支出
    "30101": ["65.25"],   # 基本工资
    "30102": ["40.72"],   # 津贴补贴
    "30103": ["34.14"],   # 奖金
    "30106": [_B],        # 伙食补助费
    "30107": ["8.11"],    # 绩效工资
    "30108": ["18.82"],   # 机关事业单位基本养老保险缴费
    "30109": [_B],        # 职业年金缴费
    "30110": ["8.24"],    # 职工基本医疗保险缴费
    "30111": ["2.35"],    # 公务员医疗补助缴费
    "30112": ["0.26"],    # 其他社会保障缴费
    "30113": ["19.11"],   # 住房公积金
    "30114": [_B],        # 医疗费
    "30199": ["3.47"],    # 其他工资福利支出
    # 人员经费 — 303
    "303": ["13.87"],     # 对个人和家庭的补助
    "30301": [_B],        # 离休费
    "30302": ["13.73"],   # 退休费
    "30303": [_B],        # 退职（役）费
    "30304": [_B],        # 抚恤金
    "30305": [_B],        # 生活补助
    "30306": [_B],        # 救济费
    "30307": [_B],        # 医疗费补助
    "30308": [_B],        # 助学金
    "30309": ["0.14"],    # 奖励金
    "30310": [_B],        # 个人农业生产补贴
    "30311": [_B],        # 代缴社会保险费
    "30399": [_B],        # 其他对个人和家庭的补助
    # 公用经费 — 302
    "302": ["19.55"],     # 商品和服务支出
    "30201": ["1.20"],    # 办公费
    "30202": [_B],        # 印刷费
    "30203": [_B],        # 咨询费
    "30204": ["0.08"],    # 手续费
    "30205": [_B],        # 水费
    "30206": [_B],        # 电费
    "30207": [_B],        # 邮电费
    "30208": [_B],        # 取暖费
    "30209": [_B],        # 物业管理费
    "30211": ["1.20"],    # 差旅费
    "30212": [_B],        # 因公出国（境）费用
    "30213": [_B],        # 维修（护）费
    "30214": [_B],        # 租赁费
    "30215": [_B],        # 会议费
    "30216": [_B],        # 培训费
    "30217": [_B],        # 公务接待费
    "30218": [_B],        # 专用材料费
    "30224": [_B],        # 被装购置费
    "30225": [_B],        # 专用燃料费
    "30226": [_B],        # 劳务费
    "30227": ["1.42"],    # 委托业务费
    "30228": ["0.95"],    # 工会经费
    "30229": ["3.00"],    # 福利费
    "30231": ["1.01"],    # 公务用车运行维护费
    "30239": ["10.43"],   # 其他交通费用
    "30240": [_B],        # 税金及附加费用
    "30299": ["0.26"],    # 其他商品和服务支出
    # 公用经费 — 307
    "307": [_B],          # 债务利息及费用支出
    "30701": [_B],        # 国内债务付息
    "30702": [_B],        # 国外债务付息
    "30703": [_B],        # 国内债务发行费用
    "30704": [_B],        # 国外债务发行费用
    # 公用经费 — 309 (printed with dashes)
    "309": [_D],          # 资本性支出（基本建设）
    "30901": [_D],        # 房屋建筑物购建
    "30902": [_D],        # 办公设备购置
    "30903": [_D],        # 专用设备购置
    "30905": [_D],        # 基础设施建设
    "30906": [_D],        # 大型修缮
    "30907": [_D],        # 信息网络及软件购置更新
    "30908": [_D],        # 物资储备
    "30913": [_D],        # 公务用车购置
    "30919": [_D],        # 其他交通工具购置
    "30921": [_D],        # 文物和陈列品购置
    "30922": [_D],        # 无形资产购置
    "30999": [_D],        # 其他基本建设支出
    # 公用经费 — 310
    "310": [_B],          # 资本性支出
    "31001": [_B],        # 房屋建筑物购建
    "31002": [_B],        # 办公设备购置
    "31003": [_B],        # 专用设备购置
    "31005": [_B],        # 基础设施建设
    "31006": [_B],        # 大型修缮
    "31007": [_B],        # 信息网络及软件购置更新
    "31008": [_B],        # 物资储备
    "31009": [_B],        # 土地补偿
    "31010": [_B],        # 安置补助
    "31011": [_B],        # 地上附着物和青苗补偿
    "31012": [_B],        # 拆迁补偿
    "31013": [_B],        # 公务用车购置
    "31019": [_B],        # 其他交通工具购置
    "31021": [_B],        # 文物和陈列品购置
    "31022": [_B],        # 无形资产购置
    "31099": [_B],        # 其他资本性支出
    # 公用经费 — 311 (printed with dashes)
    "311": [_D],          # 对企业补助（基本建设）
    "31101": [_D],        # 资本金注入（基本建设）
    "31199": [_D],        # 其他对企业补助
    # 公用经费 — 312
    "312": [_B],          # 对企业补助
    "31201": [_B],        # 资本金注入
    "31203": [_B],        # 政府投资基金股权投资
    "31204": [_B],        # 费用补贴
    "31205": [_B],        # 利息补贴
    "31206": [_B],        # 其他资本性补助
    "31299": [_B],        # 其他对企业补助
    # 公用经费 — 313
    "313": [_B],          # 对社会保障基金补助
    "31302": [_B],        # 对社会保险基金补助
    "31303": [_B],        # 补充全国社会保障基金
    "31304": [_B],        # 对机关事业单位职业年金的补助
    # 公用经费 — 399
    "399": [_B],          # 其他支出
    "39907": [_B],        # 国家赔偿费用支出
    "39908": [_B],        # 对民间非营利组织和群众性自治组织补贴
    "39909": [_B],        # 经常性赠与
    "39910": [_B],        # 资本性赠与
    "39999": [_B],        # 其他支出
    # totals
    "人员经费合计": ["214.34"],
    "公用经费合计": ["19.55"],
}

# 公开07 政府性基金 / 公开08 国资: only the (empty) 合计 row is printed, then 「说明：本表无数据」.
# 公开07 columns: [年初结转和结余, 本年收入, 本年支出 小计, 基本支出, 项目支出, 年末结转和结余]
_T07 = {"合计": [_B, _B, _B, _B, _B, _B]}
# 公开08 columns: [合计, 基本支出, 项目支出]
_T08 = {"合计": [_B, _B, _B]}

# 公开09 财政拨款“三公”经费支出决算表: 预算数 (1–6) then 决算数 (7–12):
# [合计, 因公出国（境）费, 公务用车购置及运行维护费 小计, 公务用车购置费, 公务用车运行维护费, 公务接待费] ×2
_T09 = {
    "1": ["1.01", _B, "1.01", _B, "1.01", _B,
          "1.01", _B, "1.01", _B, "1.01", _B],
}

# 公开10 部门决算公开相关信息统计表: 行次 -> [统计数]; vehicle rows (7–15) are counts
_T10 = {
    "1": ["64.02"],   # 政府采购 合计
    "2": ["63.60"],   # 货物
    "3": [_B],        # 工程
    "4": ["0.42"],    # 服务
    "5": [_B],        # 机关运行经费（一）行政单位
    "6": ["19.55"],   # 机关运行经费（二）参照公务员法管理事业单位
    "7": ["1"],       # 车辆数合计（辆）
    "8": [_B],        # 1. 副部（省）级及以上领导用车
    "9": [_B],        # 2. 主要负责人用车
    "10": ["1"],      # 3. 机要通信用车
    "11": [_B],       # 4. 应急保障用车
    "12": [_B],       # 5. 执法执勤用车
    "13": [_B],       # 6. 特种专业技术用车
    "14": [_B],       # 7. 离退休干部服务用车
    "15": [_B],       # 8. 其他用车
    "17": [_B],       # 单价100万元（含）以上设备（不含车辆） (行次16 is not printed)
}

TABLES: dict[str, dict[str, list[str]]] = {
    "公开01": _T01,
    "公开02": _T02,
    "公开03": _T03,
    "公开04": _T04,
    "公开05": _T05,
    "公开06": _T06,
    "公开07": _T07,   # 政府性基金预算财政拨款收入支出决算表
    "公开08": _T08,   # 国有资本经营预算财政拨款支出决算表
    "公开09": _T09,   # 财政拨款“三公”经费支出决算表
    "公开10": _T10,
}

NO_DATA: set[str] = {"公开07", "公开08"}

# ---------------------------------------------------------------------------------------------
# 第三部分 情况说明.  Amounts in 万元 as printed; percentages without "%"; changes and change
# rates signed (减少/下降 -> "-").  "与上年相同" is recorded as change "0".
TEXT: dict[str, dict[str, str]] = {
    "一": {  # 收入支出决算总体情况
        "income_total": "584.83",
        "expenditure_total": "584.83",
        "income_total_change": "-267.37",
        "income_total_change_rate": "-31.37",
        "expenditure_total_change": "-267.37",
        "expenditure_total_change_rate": "-31.37",
    },
    "二": {  # 收入决算
        "income_sum": "584.83",                       # 收入合计
        "fiscal_appropriation_income": "584.54",
        "fiscal_appropriation_income_share": "99.95",
        "other_income": "0.29",
        "other_income_share": "0.05",
    },
    "三": {  # 支出决算
        "expenditure_sum": "584.55",                  # 支出合计
        "basic_expenditure": "233.89",
        "basic_expenditure_share": "40.01",
        "project_expenditure": "350.66",
        "project_expenditure_share": "59.99",
    },
    "四": {  # 财政拨款收支决算总体
        "fiscal_income_total": "584.54",
        "fiscal_expenditure_total": "584.54",
        "fiscal_income_total_change": "-267.46",
        "fiscal_income_total_change_rate": "-31.39",
        "fiscal_expenditure_total_change": "-267.46",
        "fiscal_expenditure_total_change_rate": "-31.39",
    },
    "五(一)": {  # 一般公共预算财政拨款支出决算总体
        "gpb_expenditure": "584.54",
        "gpb_share_of_expenditure_sum": "100.00",     # 占本年支出合计的
        "gpb_expenditure_change": "-267.46",
        "gpb_expenditure_change_rate": "-31.39",
    },
    "五(二)": {  # 结构 by 类
        "gpb_expenditure": "584.54",
        "class_201_amount": "514.54",   # 一般公共服务支出
        "class_201_share": "88.02",
        "class_208_amount": "38.40",    # 社会保障和就业支出
        "class_208_share": "6.57",
        "class_210_amount": "10.72",    # 卫生健康支出
        "class_210_share": "1.83",
        "class_221_amount": "20.88",    # 住房保障支出
        "class_221_share": "3.57",
    },
    "五(三)": {  # 具体: 年初预算 vs 决算, 完成率, change vs 上年决算
        "budget_total": "644.62",
        "actual_total": "584.54",
        "completion_rate_total": "90.68",
        "class_201_budget": "582.22",
        "class_201_actual": "514.54",
        "class_201_completion_rate": "88.38",
        "class_201_change": "-275.17",
        "class_201_change_rate": "-34.84",
        "class_208_budget": "31.97",
        "class_208_actual": "38.40",
        "class_208_completion_rate": "120.11",
        "class_208_change": "2.94",
        "class_208_change_rate": "8.29",
        "class_210_budget": "10.29",
        "class_210_actual": "10.72",
        "class_210_completion_rate": "104.18",
        "class_210_change": "4.02",
        "class_210_change_rate": "60",   # printed 「增长60%」 (no decimals)
        "class_221_budget": "20.14",
        "class_221_actual": "20.88",
        "class_221_completion_rate": "103.67",
        "class_221_change": "0.75",
        "class_221_change_rate": "3.73",
    },
    "六": {  # 基本支出: 人员经费 / 公用经费 and components (as printed, e.g. "1.2", "3")
        "basic_expenditure": "233.89",
        "personnel": "214.34",
        "personnel_basic_salary": "65.25",              # 基本工资
        "personnel_allowances": "40.72",                # 津补贴
        "personnel_bonus": "34.14",                     # 奖金
        "personnel_performance_pay": "8.11",            # 绩效工资
        "personnel_social_security_and_housing_fund": "48.78",  # 社保缴费及住房公积金 (30108+30110+30111+30112+30113)
        "personnel_other_wage_welfare": "3.47",         # 其他工资福利支出
        "personnel_household_subsidies": "13.87",       # 对个人和家庭的补助
        "public": "19.55",
        "public_office": "1.2",                         # 办公费
        "public_handling_fees": "0.08",                 # 手续费
        "public_travel": "1.2",                         # 差旅费
        "public_commissioned_services": "1.42",         # 委托业务费
        "public_union_fees": "0.95",                    # 工会经费
        "public_welfare": "3",                          # 福利费
        "public_vehicle_operation": "1.01",             # 公车运行维护费
        "public_other_transport": "10.43",              # 其他交通费
        "public_other_goods_services": "0.26",          # 其他商品和服务支出
    },
    "七": {},  # 「本年度无此项收支。」
    "八": {},  # 「本年度无此项支出。」
    "九(一)": {  # 三公 总体
        "budget": "1.01",
        "actual": "1.01",
        "completion_rate": "100.00",
        "change": "-0.12",
        "change_rate": "-10.62",
        "abroad_actual": "0",
        "abroad_change": "0",                 # 与上年相同
        "vehicle_purchase_actual": "0",
        "vehicle_purchase_change": "0",       # 与上年相同
        "vehicle_operation_actual": "1.01",
        "vehicle_operation_completion_rate": "100.00",
        "vehicle_operation_change": "-0.12",
        "vehicle_operation_change_rate": "-10.62",
        "reception_actual": "0",
        "reception_change": "0",              # 与上年相同
    },
    "九(二)": {  # 三公 具体
        "abroad_actual": "0",
        "abroad_groups": "0",                 # 出国（境）团组
        "abroad_person_trips": "0",           # 人次
        "vehicle_purchase_actual": "0",
        "vehicles_purchased": "0",            # 购置公务用车 辆
        "vehicle_operation_actual": "1.01",
        "vehicles_held": "1",                 # 公务用车保有量 辆
        "vehicle_operation_tolls": "0.05",        # 公车过路费
        "vehicle_operation_repairs": "0.07",      # 公车维修
        "vehicle_operation_insurance": "0.33",    # 公车保险费
        "vehicle_operation_fuel": "0.5",          # 公务车燃油费
        "vehicle_operation_servicing": "0.06",    # 公车保养
        "reception_actual": "0",
        "reception_batches": "0",
        "reception_person_times": "0",
        "domestic_reception_actual": "0",
        "domestic_reception_batches": "0",
        "domestic_reception_person_times": "0",
        "foreign_affairs_reception_actual": "0",      # 其中外事接待费
        "foreign_affairs_reception_batches": "0",
        "foreign_affairs_reception_person_times": "0",
        "overseas_reception_actual": "0",             # 国（境）外接待费
        "overseas_reception_batches": "0",
        "overseas_reception_person_times": "0",
    },
    "十(一)": {  # 机关运行经费
        "operating_expenses": "19.55",
        "operating_expenses_change": "1.51",      # 比2023年增加
        "operating_expenses_change_rate": "8.37",
    },
    "十(二)": {  # 政府采购
        "procurement_total": "64.02",
        "procurement_goods": "63.60",
        "procurement_works": "0",
        "procurement_services": "0.42",
        "awarded_to_sme": "0",                    # 授予中小企业合同金额
        "awarded_to_small_micro": "0",            # 其中：授予小微企业合同金额
    },
    "十(三)": {  # 国有资产占用 (counts)
        "vehicles_total": "1",
        "vehicles_confidential_communication": "1",   # 机要通信用车
        "vehicles_other": "0",                        # 其他用车
        "equipment_over_1m": "0",                     # 单价100万元（含）以上设备 台（套）
    },
    "十(四)": {  # 预算绩效
        "project_self_evaluations": "18",         # 二级项目绩效自评个数
        "project_self_evaluation_funds": "442.73",
        "grade_excellent": "15",                  # 优
        "grade_good": "2",                        # 良
        "grade_poor": "1",                        # 差 (中 not mentioned)
    },
}

# ---------------------------------------------------------------------------------------------
# Where the report contradicts itself.  kind: "rounding" = 0.01 尾数误差 from 万元 conversion
# (legitimate); "error" = a genuine inconsistency.
KNOWN_ERRORS: list[dict] = [
    # --- rounding (万元 conversion) -----------------------------------------------------------
    {"kind": "rounding", "where": "公开01 行次58 本年支出合计",
     "what": "本年支出合计 is not the sum of the 类 rows 32–57 (514.54+38.40+10.72+20.88); the extra 0.01 is the "
             "non-fiscal (其他收入) spending hidden by rounding the 类 cells",
     "published": "584.55", "correct": "584.54"},
    {"kind": "rounding", "where": "公开02 201 本年收入合计",
     "what": "类 201 ≠ Σ款 (511.35 + 3.47)", "published": "514.83", "correct": "514.82"},
    {"kind": "rounding", "where": "公开02 20103 本年收入合计",
     "what": "款 20103 ≠ Σ项 (158.17 + 8.11 + 345.08) and ≠ its own 财政拨款收入 511.07 + 其他收入 0.29",
     "published": "511.35", "correct": "511.36"},
    {"kind": "rounding", "where": "公开02/公开03/公开05 20805",
     "what": "款 20805 ≠ Σ项 (13.99 + 18.82) in every table that prints it (all columns carrying it)",
     "published": "32.82", "correct": "32.81"},
    {"kind": "rounding", "where": "公开02/公开03/公开05 210",
     "what": "类 210 ≠ Σ款 (0.14 + 10.59) in every table that prints it",
     "published": "10.72", "correct": "10.73"},
    {"kind": "rounding", "where": "公开03 合计 本年支出合计",
     "what": "合计 ≠ Σ类 (514.54+38.40+10.72+20.88); it does equal 基本 233.89 + 项目 350.66",
     "published": "584.55", "correct": "584.54"},
    {"kind": "rounding", "where": "公开03 201 本年支出合计",
     "what": "201 本年支出合计 ≠ 基本 169.47 + 项目 345.08 (it does equal Σ款 511.07 + 3.47)",
     "published": "514.54", "correct": "514.55"},
    {"kind": "rounding", "where": "公开03 20103 本年支出合计",
     "what": "20103 ≠ 基本 166.00 + 项目 345.08 and ≠ Σ项 157.89 + 8.11 + 345.08",
     "published": "511.07", "correct": "511.08"},
    {"kind": "rounding", "where": "公开05 合计 基本支出 vs 公开06",
     "what": "公开05 基本支出 ≠ 公开06 人员经费合计 214.34 + 公用经费合计 19.55",
     "published": "233.88", "correct": "233.89"},
    {"kind": "rounding", "where": "第三部分 六 财政拨款基本支出",
     "what": "the text's 财政拨款基本支出 uses 公开03's 基本支出 (all sources, = 公开06 人员+公用) rather than "
             "公开05's 一般公共预算财政拨款 基本支出",
     "published": "233.89", "correct": "233.88"},
    # --- errors -------------------------------------------------------------------------------
    {"kind": "error", "where": "第三部分 五(二) shares by 类",
     "what": "the four 类 shares (88.02 + 6.57 + 1.83 + 3.57) add up to 99.99, not 100.00; each share is "
             "individually correct half-up, but shares of a whole must total 100.00",
     "published": "99.99", "correct": "100.00"},
]
