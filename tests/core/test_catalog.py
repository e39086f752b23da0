"""Catalog lookups over the shipped CSVs."""

import pytest

from desktop.core import catalog
from desktop.core.errors import JuesuanError


def test_functional_lookups() -> None:
    cat = catalog.functional()
    assert cat.name("2010350") == "事业运行"
    assert cat.get("2010350").parent == "20103"  # type: ignore[union-attr]
    assert "20103" in cat.children("201")
    assert "2010350" in cat.children("20103")
    assert "9999999" not in cat


def test_all_26_expenditure_classes_of_table_01_are_present() -> None:
    names = {e.name for e in catalog.functional() if e.level == "类"}
    for name in [
        "一般公共服务支出",
        "外交支出",
        "国防支出",
        "公共安全支出",
        "教育支出",
        "科学技术支出",
        "文化旅游体育与传媒支出",
        "社会保障和就业支出",
        "卫生健康支出",
        "节能环保支出",
        "城乡社区支出",
        "农林水支出",
        "交通运输支出",
        "资源勘探工业信息等支出",
        "商业服务业等支出",
        "金融支出",
        "援助其他地区支出",
        "自然资源海洋气象等支出",
        "住房保障支出",
        "粮油物资储备支出",
        "国有资本经营预算支出",
        "灾害防治及应急管理支出",
        "其他支出",
        "债务还本支出",
        "债务付息支出",
        "抗疫特别国债安排的支出",
    ]:
        assert name in names, name


def test_every_entry_has_its_parent() -> None:
    for cat in (catalog.functional(), catalog.economic()):
        for e in cat:
            if e.parent:
                assert e.parent in cat, e.code
                assert e.code.startswith(e.parent)


def test_economic_names_by_year() -> None:
    econ = catalog.economic()
    assert econ.name("30901", 2024) == "房屋建筑物购建"
    assert econ.name("30901", 2022) == "房屋构筑物构建"
    assert econ.get("31206").first_year == 2024  # type: ignore[union-attr]
    assert len([e for e in econ if e.level == "款"]) == 100


def test_custom_codes_extend_a_catalog_without_changing_it() -> None:
    cat = catalog.functional()
    more = cat.with_custom([("2019957", "某个新科目"), ("2010350", "不覆盖")])
    assert more.name("2019957") == "某个新科目"
    assert more.name("2010350") == "事业运行"
    assert "2019957" not in cat


def test_code_structure_helpers() -> None:
    assert catalog.ancestors("2010350") == ["201", "20103"]
    assert catalog.parent_code("20103") == "201"
    assert catalog.level_of("2010350") == "项"
    assert catalog.level_of("20a") is None


def test_find_item_takes_what_the_officer_types() -> None:
    cat = catalog.functional()
    assert catalog.find_item("2010308", cat, 2024) == "2010308"
    assert catalog.find_item(" 2010308 信访事务 ", cat, 2024) == "2010308"  # as completed
    assert catalog.find_item("信访事务", cat, 2024) == "2010308"  # the exact name
    assert catalog.find_item("信访", cat, 2024) == "2010308"  # the one name containing it
    own = cat.with_custom([("2010398", "本单位的项")])
    assert catalog.find_item("本单位的项", own, 2024) == "2010398"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "请输入科目代码或名称"),
        ("   ", "请输入科目代码或名称"),
        ("不存在的科目", "找不到名称为「不存在的科目」的科目"),
        ("行政运行", "「行政运行」对应多个科目（"),
        ("20103", "「20103」不是“项”级科目"),
        ("201", "不是“项”级科目"),
    ],
)
def test_find_item_refuses_what_names_no_single_item(text: str, says: str) -> None:
    with pytest.raises(catalog.CodeLookupError) as err:
        catalog.find_item(text, catalog.functional(), 2024)
    assert says in str(err.value)
    assert isinstance(err.value, JuesuanError)


def test_a_few_codes_added_extend_the_catalog_as_building_it_afresh_would() -> None:
    """with_custom extends the indexes in place for a few codes (an officer adding a 科目
    to a large report): the same lookups, children in code order, existing codes win,
    the last name of a code typed twice wins."""
    base = catalog.functional()
    extra = [
        ("2990101", "新增甲"),
        ("2010397", "新增乙"),
        ("2010301", "不取代目录中的名称"),
        ("2990101", "新增甲（改名）"),
        ("29901", "新增款"),
    ]
    grown = base.with_custom(extra)
    afresh = catalog.Catalog(
        [
            *base,
            *(
                catalog.Entry(
                    c, n, catalog.LEVELS.get(len(c), ""), catalog.parent_code(c), "CUSTOM"
                )
                for c, n in extra
                if c not in base
            ),
        ],
        base.kind,
    )
    assert len(grown) == len(afresh) == len(base) + 3
    assert [e.code for e in grown] == [e.code for e in afresh]
    for code in ("2990101", "2010397", "2010301", "29901", "20103", ""):
        assert grown.get(code) == afresh.get(code)
        assert grown.children(code) == afresh.children(code)
    assert grown.name("2990101") == "新增甲（改名）"
    assert grown.name("2010301") == base.name("2010301")
    assert set(grown.codes()) - set(base.codes()) == {"2990101", "2010397", "29901"}
