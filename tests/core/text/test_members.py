"""A consolidated (汇总) report's 概况 names the units within its 决算编制范围, as
department reports word it, unless the officer wrote 机构设置 themselves."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.core import samples
from desktop.core.consolidate import consolidate
from desktop.core.model import Report
from desktop.core.text import build_text, placeholders
from desktop.core.text.document import Heading, Paragraph, section_text
from desktop.core.text.facts import ORGANIZATION_PLACEHOLDER
from tests.core.test_consolidate import unit_b

HEAD = "纳入本部门2024年部门决算编制范围的二级预算单位包括："


def organization(report: Report) -> list[str]:
    """The paragraphs of 概况 二、机构设置情况."""
    text = section_text(build_text(report).part("概况"), "二、")
    return text.splitlines()[1:]


@pytest.fixture(scope="module")
def units() -> tuple[Report, Report, Report]:
    a = samples.load("datong-2024")
    b = unit_b(a)
    c = dataclasses.replace(
        a, unit=dataclasses.replace(a.unit, name="大同市**政府采购**服务中心", code="032009")
    )
    return a, b, c


@pytest.fixture(scope="module")
def dept(units: tuple[Report, Report, Report]) -> Report:
    return consolidate(list(units), "大同市行政审批服务管理局")


def test_the_members_are_listed_in_the_order_consolidated(
    units: tuple[Report, Report, Report], dept: Report
) -> None:
    a, b, c = units
    assert organization(dept) == [
        HEAD,
        f"1. {a.unit.name}",
        f"2. {b.unit.name}",
        f"3. {c.unit.name}",  # officer text: its ** stay literal
    ]
    part = build_text(dept).part("概况")
    headings = [blk.full for blk in part.blocks if isinstance(blk, Heading)]
    assert headings == ["一、本部门（单位）职责", "二、机构设置情况"]
    listed = [blk for blk in part.blocks if isinstance(blk, Paragraph) and "3. " in blk.text]
    assert [r.emphasis for r in listed[0].runs] == [False]
    assert not [k for k in placeholders(build_text(dept)) if k == "overview:organization"]


def test_the_officers_own_organization_text_is_kept(dept: Report) -> None:
    typed = "本部门内设办公室、审批一科、审批二科。\n下设3个二级预算单位。"
    own = dataclasses.replace(dept, overview=dataclasses.replace(dept.overview, organization=typed))
    assert organization(own) == typed.splitlines()


def test_an_empty_organization_of_a_consolidated_report_lists_its_members(dept: Report) -> None:
    empty = dataclasses.replace(dept, overview=dataclasses.replace(dept.overview, organization=""))
    assert organization(empty)[0] == HEAD
    assert len(organization(empty)) == 4
    assert "overview:organization" not in placeholders(build_text(empty))


def test_without_members_an_empty_organization_is_asked_for() -> None:
    report = samples.load("datong-2024")
    assert report.unit.member_units == ()
    assert HEAD not in organization(report)
    empty = dataclasses.replace(
        report, overview=dataclasses.replace(report.overview, organization="")
    )
    assert organization(empty) == [ORGANIZATION_PLACEHOLDER]
    assert "overview:organization" in placeholders(build_text(empty))


def test_the_2022_wording_lists_them_too() -> None:
    a = samples.load("jincheng-2022")
    b = dataclasses.replace(a, unit=dataclasses.replace(a.unit, name="晋城市公共资源交易分中心"))
    dept = consolidate([a, b], "晋城市行政审批服务管理局")
    assert organization(dept) == [
        "纳入本部门2022年部门决算编制范围的二级预算单位包括：",
        f"1. {a.unit.name}",
        f"2. {b.unit.name}",
    ]
