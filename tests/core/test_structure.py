"""The report's structure as edition data (`layouts.structure`, `structure.plan`): the
printed 目录 of the 大同 2024 report, the parts in order, and the loader refusing what is
wrong with the file and the JSON path named."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

from desktop.core import samples
from desktop.core.editions import EditionError, parse_edition
from desktop.core.layouts.structure import chinese_date, chinese_number
from desktop.core.model import Report, UnitInfo
from desktop.core.paths import template
from desktop.core.structure import (
    AttachmentItem,
    PartHeading,
    StructureError,
    TableItem,
    TextItem,
    check_text_parts,
    plan,
)
from desktop.core.text import build_text
from tests.data.published import datong_2024


def test_the_datong_contents_are_worded_as_printed() -> None:
    report = samples.load("datong-2024")
    p = plan(report, when=date(2025, 6, 1))
    entries = [(e.level, e.text) for e in p.contents_entries()]
    printed = datong_2024.CONTENTS
    assert entries[: len(printed)] == printed
    # then one line per 附件 (the published 目录 lists none; the PDF names each project)
    rest = entries[len(printed) :]
    assert len(rest) == len(report.self_evals) and all(level == 1 for level, _ in rest)
    assert len(set(entries)) == len(entries)  # 「第四部分 名词解释」 once
    assert [c.text for c in p.cover][:2] == datong_2024.COVER
    assert p.cover[2].text == "2025年6月"
    assert p.title == "2024年度单位决算公开"


@pytest.mark.parametrize("name", ["datong-2024", "jincheng-2022"])
def test_parts_in_print_order(name: str) -> None:
    p = plan(samples.load(name))
    kinds = [type(i).__name__ for i in p.items]
    heads = [i.toc for i in p.items if isinstance(i, PartHeading)]
    assert heads[0] == "第一部分 概况" and heads[2:] == [
        "第三部分 情况说明",
        "第四部分 名词解释",
        "第五部分 附件",
    ]
    n_tables = len(list(p.tables()))
    assert n_tables == 10
    first_table = kinds.index("TableItem")
    assert kinds[:first_table] == ["PartHeading", "TextItem", "PartHeading"]
    assert kinds[first_table : first_table + 10] == ["TableItem"] * 10
    assert isinstance(p.items[-1], AttachmentItem)
    assert [t.number for t in p.tables()] == [f"公开{i:02d}" for i in range(1, 11)]


def test_a_report_without_attachments_has_no_attachment_part() -> None:
    p = plan(Report(unit=UnitInfo(name="测试单位", year=2024)))
    heads = [i.toc for i in p.items if isinstance(i, PartHeading)]
    assert "第五部分 附件" not in heads
    assert not list(p.attachments())
    assert all(not isinstance(i, AttachmentItem) for i in p.items)


def test_the_grids_come_in_print_order() -> None:
    report = samples.load("jincheng-2022")
    p = plan(report, "元")
    numbers = [g.number for g in p.grids()]
    assert numbers[:10] == [f"公开{i:02d}" for i in range(1, 11)]
    assert numbers[10:] == [f"附件{i}" for i in range(1, len(numbers) - 9)]


def test_text_parts_are_titled_by_the_structure() -> None:
    document = build_text(samples.load("datong-2024"))
    assert [p.key for p in document.parts] == ["overview", "explanation", "glossary"]
    assert [p.title for p in document.parts] == [
        "第一部分 概况",
        "第三部分 情况说明",
        "第四部分 名词解释",
    ]
    item = next(i for i in plan(samples.load("datong-2024")).items if isinstance(i, TextItem))
    assert item.section_titles() == ["一、本部门（单位）职责", "二、机构设置情况"]


def test_table_items_know_their_table() -> None:
    item = next(plan(samples.load("datong-2024")).tables())
    assert isinstance(item, TableItem)
    assert (item.number, item.toc, item.landscape) == ("公开01", "一、收入支出决算总表", False)
    assert item.grid().title == "收入支出决算总表"


def test_numbers_and_dates_in_chinese() -> None:
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 26, 99)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十六",
        "九十九",
    ]
    assert chinese_date(2025, 3) == "二〇二五年三月"
    assert chinese_date(2030, 12) == "二〇三〇年十二月"


# ---------------------------------------------------------------- the loader


def _shanxi() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        template("editions", "shanxi-2024.json").read_text(encoding="utf-8")
    )
    return data


def _refused(data: dict[str, Any]) -> str:
    with pytest.raises(EditionError) as err:
        parse_edition(data)
    return str(err.value)


def test_an_unknown_key_in_the_structure_is_refused_with_its_path() -> None:
    data = _shanxi()
    data["structure"]["parts"][1]["entyr"] = "x"
    message = _refused(data)
    assert "$.structure.parts[1].entyr" in message and "entry" in message


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda s: s["parts"][0].update(holds="pictures"), "$.structure.parts[0].holds"),
        (lambda s: s["parts"][0].pop("text"), "$.structure.parts[0]"),
        (lambda s: s["parts"][0].update(text="第一部分"), "$.structure.parts[0].text"),
        (lambda s: s["parts"][1].update(sections=True), "$.structure.parts[1].sections"),
        (lambda s: s["parts"][0].update(entry="{{ table.cn }}"), "$.structure.parts[0].entry"),
        (lambda s: s["parts"][0].update(heading=["{{ table.cn }}"]), "$.structure.parts[0]"),
        (lambda s: s["parts"][3].update(text="overview"), "$.structure.parts"),
        (lambda s: s["parts"].append(copy.deepcopy(s["parts"][1])), "$.structure.parts"),
        (lambda s: s["cover"][0].update(style="huge"), "$.structure.cover[0].style"),
        (lambda s: s.pop("contents"), "$.structure.contents"),
    ],
)
def test_a_wrong_structure_is_refused(change: Any, where: str) -> None:
    data = _shanxi()
    change(data["structure"])
    assert where in _refused(data)


def test_a_table_role_is_required_and_unique() -> None:
    data = _shanxi()
    data["tables"][1]["role"] = "totals"
    assert "$.tables[1].role" in _refused(data)
    data = _shanxi()
    del data["tables"][0]["role"]
    assert "$.tables[0].role" in _refused(data)


def test_text_and_structure_must_fit_together() -> None:
    document = build_text(samples.load("datong-2024"))
    data = _shanxi()
    del data["structure"]["parts"][3]  # 第四部分 名词解释 placed nowhere
    edition = parse_edition(data)
    with pytest.raises(StructureError, match="glossary"):
        check_text_parts(edition, document)
    data = _shanxi()
    data["structure"]["parts"][3]["text"] = "terms"  # no template part of that name
    with pytest.raises(StructureError, match="terms"):
        check_text_parts(parse_edition(data), document)


# ---------------------------------------------------------------- naming tables, new reports


def test_rule_descriptions_name_tables_as_the_edition_numbers_them() -> None:
    from desktop.core.checks.registry import RULES
    from desktop.core.editions import all_editions, load_edition

    for edition in (None, *all_editions()):
        for r in RULES:
            text = r.describe(edition)
            assert "{" not in text and "}" not in text, (r.id, text)
    econ_basic = next(r for r in RULES if r.id == "cross.econ_basic")
    assert "（公开05）" in econ_basic.describe(load_edition("shanxi-2024"))
    assert "（公开06）" in econ_basic.describe(load_edition("shanxi-2022"))
    assert "（「一般公共预算财政拨款支出决算表」）" in econ_basic.describe(None)


def test_a_new_report_is_proposed_an_edition_by_province_and_year() -> None:
    from desktop.core.editions import all_editions, proposed_edition

    def proposed(year: int, province: str | None = "山西省") -> str:
        found = proposed_edition(year, province)
        assert found is not None
        return found.id

    assert proposed(2024) == "shanxi-2024"
    assert proposed(2026) == "shanxi-2024"  # the newest not after the year
    assert proposed(2023) == "shanxi-2022"
    assert proposed(2020) == "shanxi-2022"  # none so early: the earliest
    assert {e.province for e in all_editions()} >= {"山西省"}
    assert proposed(2024, "无此省") == proposed(2024, None)  # any province
