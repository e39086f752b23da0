"""Rendering: placeholders for missing reasons, strict templates, the markup, the CLI."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from desktop.core import samples
from desktop.core.editions import edition_ids, load_edition
from desktop.core.model import Reason, Report, UnitInfo
from desktop.core.text import (
    Heading,
    Paragraph,
    Run,
    TextTemplateError,
    build_text,
    placeholders,
    plain_text,
)
from desktop.core.text.__main__ import main
from desktop.core.text.facts import REASON_PLACEHOLDER
from desktop.core.text.markup import MarkupError, escape, parse, placeholder
from tests.core.text.helpers import section


def _without_reason(report: Report, key: str) -> Report:
    return dataclasses.replace(report, reasons=tuple(r for r in report.reasons if r.key != key))


def _with_reason(report: Report, key: str, text: str) -> Report:
    kept = tuple(r for r in report.reasons if r.key != key)
    return dataclasses.replace(report, reasons=(*kept, Reason(key, text)))


@pytest.fixture(scope="module")
def datong() -> Report:
    return samples.load("datong-2024")


# ---------------------------------------------------------------- placeholders


def test_the_samples_have_no_placeholders(datong: Report) -> None:
    assert placeholders(build_text(datong)) == []
    assert placeholders(build_text(samples.load("jincheng-2022"))) == []


@pytest.mark.parametrize(
    ("key", "where"),
    [
        ("general_class:201", "五(三)"),
        ("total", "一"),
        ("fiscal", "四"),
        ("general", "五(一)"),
        ("sangong", "九(一)"),
        ("sangong:vehicle_operation", "九(一)"),
        ("admin_cost", "十(一)"),
        ("performance_poor", "十(四)"),
    ],
)
def test_a_missing_reason_shows_a_placeholder(datong: Report, key: str, where: str) -> None:
    document = build_text(_without_reason(datong, key))
    assert placeholders(document) == [key]
    assert REASON_PLACEHOLDER in section(document, where)
    marked = [r for r in document.runs() if r.placeholder]
    assert marked and all(r.text == REASON_PLACEHOLDER and r.key == key for r in marked)


def test_no_placeholder_where_nothing_changed(datong: Report) -> None:
    # 因公出国（境）费 is 0 both years: no reason is owed, none is asked for.
    assert placeholders(build_text(_without_reason(datong, "sangong:abroad"))) == []


def test_empty_overview_asks_for_the_officers_text(datong: Report) -> None:
    report = dataclasses.replace(datong, overview=dataclasses.replace(datong.overview, duties=""))
    assert placeholders(build_text(report)) == ["overview:duties"]


def test_placeholders_are_listed_once_in_text_order(datong: Report) -> None:
    report = datong
    for key in ("sangong", "total", "general_class:208"):
        report = _without_reason(report, key)
    assert placeholders(build_text(report)) == ["total", "general_class:208", "sangong"]


# ---------------------------------------------------------------- officer text stays literal


def test_officer_text_cannot_inject_markup(datong: Report) -> None:
    tricky = "**不是强调** ⟦假占位|x⟧ \\ 结尾"
    report = _with_reason(datong, "total", tricky)
    report = dataclasses.replace(
        report, overview=dataclasses.replace(report.overview, duties="# 不是标题\n= 不是部分")
    )
    document = build_text(report)
    assert tricky in section(document, "一")
    assert not any(r.emphasis for r in document.part("情况说明").blocks[1].runs)  # type: ignore[union-attr]
    overview = document.part("概况").blocks
    assert [b.text for b in overview[1:3]] == ["# 不是标题", "= 不是部分"]  # type: ignore[union-attr]
    assert placeholders(document) == []


# ---------------------------------------------------------------- strict templates


def _folder(tmp_path: Path, body: str) -> Path:
    (tmp_path / "document.md.j2").write_text(body, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "body",
    [
        "= 第三部分 情况说明\n{{ no_such_fact }}\n",
        "= 第三部分 情况说明\n{{ totals.no_such_figure }}\n",
        "= 第三部分 情况说明\n{% if general.no_such_flag %}x{% endif %}\n",
        "= 第三部分 情况说明\n{% for c in general.no_such_list %}{{ c }}{% endfor %}\n",
    ],
)
def test_a_template_naming_an_unknown_fact_fails(datong: Report, tmp_path: Path, body: str) -> None:
    with pytest.raises(TextTemplateError, match="不存在"):
        build_text(datong, folder=_folder(tmp_path, body))


@pytest.mark.parametrize("expr", ["general.has_budget", "unit.no_print if false else none"])
def test_a_template_printing_a_raw_value_fails(datong: Report, tmp_path: Path, expr: str) -> None:
    with pytest.raises(TextTemplateError, match="未格式化"):
        build_text(datong, folder=_folder(tmp_path, f"= 部分\n{{{{ {expr} }}}}\n"))


def test_a_template_with_a_syntax_error_fails(datong: Report, tmp_path: Path) -> None:
    with pytest.raises(TextTemplateError, match="语法错误"):
        build_text(datong, folder=_folder(tmp_path, "= 部分\n{% if %}\n"))


def test_an_edition_without_text_templates_fails(datong: Report) -> None:
    report = dataclasses.replace(
        datong, unit=dataclasses.replace(datong.unit, edition="yunnan-2024")
    )
    with pytest.raises(TextTemplateError, match="yunnan-2024"):
        build_text(report)


# ---------------------------------------------------------------- the markup


def test_markup_blocks_and_runs() -> None:
    doc = parse(
        "= 第三部分 情况说明\n"
        "# 一、收入支出决算总体情况说明\n"
        "## （二）结构\n"
        "### 1、开展情况\n"
        "### （3）结果\n"
        "\n"
        "普通**强调**文字" + placeholder(REASON_PLACEHOLDER, "general_class:201") + "。\n"
        "## 无编号标题\n"
    )
    (part,) = doc.parts
    assert part.title == "第三部分 情况说明"
    assert part.blocks[:4] == (
        Heading(1, "一、", "收入支出决算总体情况说明"),
        Heading(2, "（二）", "结构"),
        Heading(3, "1、", "开展情况"),
        Heading(3, "（3）", "结果"),
    )
    assert part.blocks[4] == Paragraph(
        (
            Run("普通"),
            Run("强调", emphasis=True),
            Run("文字"),
            Run(REASON_PLACEHOLDER, placeholder=True, key="general_class:201"),
            Run("。"),
        )
    )
    assert part.blocks[5] == Heading(2, "", "无编号标题")


@pytest.mark.parametrize("text", ["a*b", "**x**", "\\", "#1", "⟦x|y⟧", "= t", "a|b", "末尾\\"])
def test_escape_round_trips(text: str) -> None:
    (part,) = parse(f"= 部分\n前{escape(text)}后\n").parts
    assert part.blocks == (Paragraph((Run(f"前{text}后"),)),)


@pytest.mark.parametrize(
    "markup", ["没有部分\n", "= 部分\n**未闭合\n", "= 部分\n#### 四级\n", "= 部分\n⟦未结束\n"]
)
def test_malformed_markup_is_refused(markup: str) -> None:
    with pytest.raises(MarkupError):
        parse(markup)


# ---------------------------------------------------------------- the document


def test_document_has_the_three_parts_in_order(datong: Report) -> None:
    titles = [p.title for p in build_text(datong).parts]
    assert titles == ["第一部分 概况", "第三部分 情况说明", "第四部分 名词解释"]


def test_explanation_has_the_ten_sections(datong: Report) -> None:
    for name in ("datong-2024", "jincheng-2022"):
        part = build_text(samples.load(name)).part("情况说明")
        numbers = [b.number for b in part.blocks if isinstance(b, Heading) and b.level == 1]
        assert numbers == [f"{n}、" for n in "一二三四五六七八九十"]


def test_glossary_per_edition() -> None:
    def terms(name: str) -> list[str]:
        part = build_text(samples.load(name)).part("名词解释")
        return [b.text for b in part.blocks if isinstance(b, Paragraph)][:12]

    g24, g22 = terms("datong-2024"), terms("jincheng-2022")
    numerals = [*"一二三四五六七八九十", "十一", "十二"]
    for glossary in (g24, g22):
        assert [t.split("、")[0] for t in glossary] == numerals
    # The 2022 wording differs from 2024 in exactly these entries (as published).
    assert [i for i in range(12) if g24[i] != g22[i]] == [4, 8, 10]
    assert g24[4].startswith("五、使用非财政拨款结余（含专用结余）：")


def test_overview_keeps_the_officers_paragraphs(datong: Report) -> None:
    part = build_text(datong).part("概况")
    duties = [b.text for b in part.blocks[1:10]]  # type: ignore[union-attr]
    assert duties == [line for line in datong.overview.duties.splitlines() if line.strip()]


def test_plain_text_lists_every_block(datong: Report) -> None:
    text = plain_text(build_text(datong))
    assert "第三部分 情况说明" in text and "（一）一般公共预算财政拨款支出决算总体情况" in text


# ---------------------------------------------------------------- python -m desktop.core.text


def test_main_prints_a_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["jincheng-2022"]) == 0
    out = capsys.readouterr().out
    assert "2022年度收入总计9,361,502.66元" in out


def test_main_prints_a_project_file_and_lists_placeholders(
    datong: Report, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.core import project_file

    path = tmp_path / "r.juesuan"
    project_file.save(_without_reason(datong, "total"), path)
    assert main([str(path)]) == 0
    captured = capsys.readouterr()
    assert REASON_PLACEHOLDER in captured.out
    assert "total" in captured.err


def test_main_reports_a_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["/nonexistent/x.juesuan"]) == 1
    assert "x.juesuan" in capsys.readouterr().err


# ---------------------------------------------------------------- every edition


@pytest.mark.parametrize("edition_id", edition_ids())
def test_every_edition_has_text_that_renders_an_empty_report(edition_id: str) -> None:
    edition = load_edition(edition_id)
    report = Report(unit=UnitInfo(edition=edition_id, year=edition.year))
    document = build_text(report)
    assert [p.key for p in document.parts] == ["overview", "explanation", "glossary"]
    titles = [p.title.split()[0] for p in document.parts]
    assert titles == ["第一部分", "第三部分", "第四部分"]
    # Nothing was typed: only the officer's own texts are owed, no reason is.
    assert placeholders(document) == ["overview:duties", "overview:organization"]
    # zero items are stated as the editions print them (「支出0万元」), not 「本单位无…支出」
    text = plain_text(document)
    for item in ("因公出国", "公务用车", "公务接待", "政府采购", "车辆"):
        assert f"本单位无{item}" not in text and f"本部门（单位）无{item}" not in text


# ---------------------------------------------------------------- number formats per edition


def _with_text_format(
    own_templates: Path, monkeypatch: pytest.MonkeyPatch, fmt: dict[str, object]
) -> str:
    """shanxi-2024 installed as 「fmt-2024」 with the number formats `fmt`; its id."""
    import json
    import shutil

    from desktop.core.text import render

    data = json.loads((own_templates / "editions" / "shanxi-2024.json").read_text("utf-8"))
    data.update(id="fmt-2024", text=fmt)
    (own_templates / "editions" / "fmt-2024.json").write_text(json.dumps(data), "utf-8")
    shutil.copytree(own_templates / "text" / "shanxi-2024", own_templates / "text" / "fmt-2024")
    monkeypatch.setattr(render, "template", lambda *parts: own_templates.joinpath(*parts))
    return "fmt-2024"


def test_number_formats_follow_the_edition(
    datong: Report, own_templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # shanxi-2024 as 大同 2024 prints: each share its own (88.02%), zero as 0万元
    own = section(build_text(datong), "五")
    assert "一般公共服务支出（类）514.54万元，占比88.02%" in own
    assert "因公出国（境）费支出0万元" in section(build_text(datong), "九")
    fmt = {"shares": "total_100", "percent_decimals": 1, "thousands": "never", "zero": "0.00"}
    edition = _with_text_format(own_templates, monkeypatch, fmt)
    report = dataclasses.replace(datong, unit=dataclasses.replace(datong.unit, edition=edition))
    other = build_text(report)
    assert "一般公共服务支出（类）514.54万元，占比88.0%" in section(other, "五")
    assert "住房保障支出（类）20.88万元，占比3.6%" in section(other, "五")  # 88.0+6.6+1.8+3.6
    assert "因公出国（境）费支出0.00万元" in section(other, "九")

    # 元 figures: separated by default (5,845,545.00元), not where the edition says never
    def in_yuan(r: Report) -> str:
        unit = dataclasses.replace(r.unit, amount_unit="元")
        return section(build_text(dataclasses.replace(r, unit=unit)), "三")

    assert "," in in_yuan(datong) and "," not in in_yuan(report)


def test_basic_spending_grouped_as_the_edition_prints_it(datong: Report) -> None:
    # 大同 2024 六 as published: 款 in code order, five grouped as 「社保缴费及住房公积金」, 303
    # as 「对个人和家庭的补助」, two 公用 款 under their short names
    text = section(build_text(datong), "六")
    assert (
        "主要包括基本工资65.25万元，津补贴40.72万元，奖金34.14万元，绩效工资8.11万元，"
        "社保缴费及住房公积金48.78万元，其他工资福利支出3.47万元，对个人和家庭的补助13.87万元；"
    ) in text
    assert "公车运行维护费1.01万元，其他交通费10.43万元，其他商品和服务支出0.26万元。" in text


def test_basic_items_refuses_a_code_that_is_not_one() -> None:
    from desktop.core.derive import derive
    from desktop.core.text.facts import FactsError, facts

    report = samples.load("datong-2024")
    items = facts(report, derive(report))["basic_items"]
    with pytest.raises(FactsError, match="30199x"):
        items("personnel", [["其他", "30199x"]])
    with pytest.raises(FactsError, match="staff"):
        items("staff")
