"""Every loader of a layout file refuses what it does not understand, naming the file and the
JSON path, and every shipped layout file loads.

The loaders: editions (templates/editions/*.json, `editions.load_edition`) and
self-evaluation forms (templates/self_eval/*.json, `self_eval_forms.load_form`). Each case
takes a shipped file, breaks one thing, and loads it from a copy of templates/.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.core.editions import edition_ids, load_edition
from desktop.core.errors import EditionError
from desktop.core.self_eval_forms import form_ids, load_form

DELETE = object()
Step = str | int


def _change(data: Any, where: tuple[Step, ...], value: Any) -> None:
    *parent, last = where
    for step in parent:
        data = data[step]
    if value is DELETE:
        del data[last]
    else:
        data[last] = value


def _broken(
    templates: Path, folder: str, file_id: str, where: tuple[Step, ...], value: Any
) -> Path:
    path = templates / folder / f"{file_id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    _change(data, where, value)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _json_path(where: tuple[Step, ...]) -> str:
    return "$" + "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in where)


# (where in the file, the value put there or DELETE, words the message must hold)
EDITION_CASES: list[tuple[tuple[Step, ...], Any, str]] = [
    # unknown keys
    (("tables", 0, "landscpae"), True, "不认识的字段「landscpae」（是否应为「landscape」？）"),
    (("self_evall",), {}, "不认识的字段「self_evall」"),
    (("tables", 0, "header", 0, 0, "colz"), 3, "不认识的字段「colz」"),
    (("tables", 0, "body", "rows", 0, 2, "counts"), "x", "不认识的字段「counts」"),
    (("tables", 1, "body", "show_iff"), ["spending.total"], "不认识的字段「show_iff」"),
    (("self_eval", "projects"), "project-table", "不认识的字段「projects」"),
    # wrong types and values
    (("tables", 0, "landscape"), "yes", "这里应当是 true 或 false"),
    (("year",), "2024", "这里应当是整数"),
    (("tables", 0, "widths", 1), "6", "这里应当是数字"),
    (("tables", 0, "widths"), [], "不能为空"),
    (("tables", 0, "header", 0, 0, "cols"), "3", "这里应当是整数"),
    (("tables", 0, "header", 0, 0, "rows"), 0, "至少为 1"),
    (("tables", 0, "title"), ["收入支出决算总表"], "这里应当是文字"),
    (("tables", 0, "body", "kind"), "grid", "「grid」不是允许的取值"),
    (("tables", 0, "body", "rows", 0, 2), {"value": "line::income.bogus"}, "line::income.bogus"),
    (("tables", 0, "body", "rows", 0, 2), {"value": "stat:admin_cost:单位"}, "admin_cost"),
    (("tables", 0, "body", "rows", 0), {"cells": [], "style": "bold"}, "「bold」不是允许的取值"),
    (("tables", 1, "body", "columns", 0), "spending.totl", "spending.totl"),
    (("tables", 5, "body", "groups", 0, 1), "30100", "「30100」不是经济分类科目编码"),
    (("tables", 5, "body", "footer", 0), ["人员经费合计"], "合计行应写成"),
    (("tables", 5, "body", "footer", 1), DELETE, "两行合计"),
    (("self_eval", "project"), "../project-table", "不合法"),
    (("self_eval", "summary"), "project-summry", "找不到自评版式「project-summry」"),
    (("self_eval", "report"), "../overall-report", "不合法"),
    (("id",), "shanxi-2099", "应与文件名「shanxi-2024」一致"),
    # missing keys
    (("tables", 2, "title"), DELETE, "缺少必填字段「title」"),
    (("name",), DELETE, "缺少必填字段「name」"),
    (("tables", 0, "body", "kind"), DELETE, "缺少必填字段「kind」"),
    (("tables", 1, "body", "columns"), DELETE, "缺少必填字段「columns」"),
]


@pytest.mark.parametrize(("where", "value", "words"), EDITION_CASES)
def test_an_edition_refuses_what_it_does_not_understand(
    own_templates: Path, where: tuple[Step, ...], value: Any, words: str
) -> None:
    path = _broken(own_templates, "editions", "shanxi-2024", where, value)
    with pytest.raises(EditionError) as caught:
        load_edition("shanxi-2024")
    message = str(caught.value)
    assert words in message
    assert f"版式文件 {path} 有误" in message
    assert caught.value.file == str(path)
    # the place: the key itself (unknown, missing or wrong) or, for a value, where it sits
    assert caught.value.path.startswith(_json_path(where)) or _json_path(where).startswith(
        caught.value.path
    ), caught.value.path
    assert f"（位置：{caught.value.path}）" in message


def test_a_misspelled_landscape_is_an_error_with_its_exact_place(own_templates: Path) -> None:
    _broken(own_templates, "editions", "shanxi-2022", ("tables", 3, "landscpae"), True)
    with pytest.raises(EditionError, match=r"（位置：\$\.tables\[3\]\.landscpae）"):
        load_edition("shanxi-2022")


FORM_CASES: list[tuple[str, tuple[Step, ...], Any, str]] = [
    # unknown keys
    ("project-table", ("landscpae",), True, "不认识的字段「landscpae」"),
    ("project-table", ("body", 0, 1, "colls"), 10, "不认识的字段「colls」"),
    ("project-table", ("body", 2, "blocks", 3, "rows", 0, 0, "mrege"), True, "「mrege」"),
    ("project-report", ("body", 0, "whenn"), "project:name", "不认识的字段「whenn」"),
    ("overall-table", ("body", 3, "celss"), [], "不认识的字段「celss」"),
    ("overall-table", ("body", 0), {"rows": []}, "不认识的块"),
    # wrong types and values
    ("project-table", ("landscape",), "no", "这里应当是 true 或 false"),
    ("project-table", ("widths", 0), "9", "这里应当是数字"),
    ("project-table", ("title",), 5, "这里应当是文字"),
    ("project-table", ("form",), "unit", "「unit」不是允许的取值"),
    ("project-table", ("note", 1), 2, "这里应当是文字"),
    ("project-table", ("body", 0, 1, "cols"), 0, "至少为 1"),
    ("project-table", ("body", 0, 1, "value"), "project:nom", "project:nom"),
    ("project-table", ("body", 0, 1, "style"), "bold", "「bold」不是允许的取值"),
    ("project-table", ("body", 0, 1, "merge"), True, "merge 只能用在只有一行的 each 中"),
    ("overall-table", ("body", 0), {"each": "projects", "rows": []}, "不能逐项列出「projects」"),
    ("project-summary", ("body", 1, "each"), "tasks", "不能逐项列出「tasks」"),
    ("overall-report", ("slots", "spare"), "备用", "声明了段落「spare」，正文却没有用到它"),
    ("overall-report", ("slots", "Problems"), "问题", "段落名「Problems」只能由小写字母"),
    ("overall-table", ("slots",), {"a": "甲"}, "只有 report（评价报告）版式可以有 slots"),
    ("project-summary", ("body", 1, "rows", 0, 11, "suffix"), 1, "这里应当是文字"),
    ("project-summary", ("body", 1, "rows", 0, 4, "suffix"), "%", "suffix 只能跟在数字后面"),
    # missing keys
    ("project-table", ("title",), DELETE, "缺少必填字段「title」"),
    ("project-report", ("body",), DELETE, "缺少必填字段「body」"),
    ("overall-table", ("widths",), DELETE, "缺少必填字段「widths」"),
]


@pytest.mark.parametrize(("form_id", "where", "value", "words"), FORM_CASES)
def test_a_self_eval_form_refuses_what_it_does_not_understand(
    own_templates: Path, form_id: str, where: tuple[Step, ...], value: Any, words: str
) -> None:
    path = _broken(own_templates, "self_eval", form_id, where, value)
    with pytest.raises(EditionError) as caught:
        load_form(form_id)
    message = str(caught.value)
    assert words in message
    assert f"版式文件 {path} 有误" in message
    assert caught.value.path.startswith(_json_path(where)) or _json_path(where).startswith(
        caught.value.path
    ), caught.value.path
    assert f"（位置：{caught.value.path}）" in message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"id": "shanxi-2024",, }', "不是有效的 JSON：第 1 行"),
        ('{"id": "a", "id": "shanxi-2024"}', "字段「id」写了不止一次"),
        ("[]", "这里应当是一个对象"),
    ],
)
def test_a_layout_file_that_is_not_a_layout(own_templates: Path, text: str, words: str) -> None:
    path = own_templates / "editions" / "shanxi-2024.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EditionError, match=words) as caught:
        load_edition("shanxi-2024")
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("edition_id", edition_ids())
def test_every_shipped_edition_loads(edition_id: str) -> None:
    edition = load_edition(edition_id)
    assert edition.id == edition_id and edition.tables


@pytest.mark.parametrize("form_id", form_ids())
def test_every_shipped_form_loads(form_id: str) -> None:
    form = load_form(form_id)
    assert form.id == form_id and form.body and form.widths
