"""Rendering the text templates of an edition into the structured document.

    Report ──facts()──> mapping ──Jinja2: templates/text/<edition>/document.md.j2──>
        markup ──markup.parse()──> Document

Templates place facts and hold the wording; they compute nothing. The environment is
strict: autoescape off (the output is our markup, not HTML), `StrictUndefined` (a
template naming a fact that does not exist fails instead of printing nothing), and a
finalizer that refuses to print None or an unformatted number, so a figure can only
reach the text through `facts`.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from desktop.core.derive import derive
from desktop.core.editions import checked_id, load_edition
from desktop.core.errors import JuesuanError
from desktop.core.layouts.structure import part_titles, top_scope
from desktop.core.model import Report
from desktop.core.paths import template
from desktop.core.text.document import Document
from desktop.core.text.facts import NOTE_PLACEHOLDER, REASON_PLACEHOLDER
from desktop.core.text.facts import facts as compute_facts
from desktop.core.text.markup import parse
from desktop.core.workpapers import Workpapers

ENTRY = "document.md.j2"


class TextTemplateError(JuesuanError):
    """A text template that is missing, malformed or names a fact that does not exist."""


def template_dir(edition_id: str) -> Path:
    return template("text", checked_id(edition_id))


def _finalize(value: Any) -> Any:
    # Facts are formatted strings: a bare number or None reaching the output means a
    # template bypassed `facts` (or printed a flag), which must not publish silently.
    if value is None or isinstance(value, bool | Decimal | float):
        raise TextTemplateError(f"正文模板输出了未格式化的值：{value!r}")
    return value


@lru_cache(maxsize=16)
def environment(folder: Path) -> jinja2.Environment:
    """One environment per template folder: it keeps the compiled templates (and
    recompiles one whose file changed)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder), str(folder.parent / "common")]),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
    )


def render_markup(env: jinja2.Environment, name: str, data: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(**data)
    except jinja2.TemplateNotFound as exc:
        raise TextTemplateError(f"找不到正文模板 {exc.name}") from exc
    except jinja2.UndefinedError as exc:
        raise TextTemplateError(f"正文模板 {name} 引用了不存在的数据：{exc.message}") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TextTemplateError(
            f"正文模板 {exc.filename or name} 第{exc.lineno}行有语法错误：{exc.message}"
        ) from exc


def _entry_folder(report: Report, folder: Path | None) -> Path:
    where = folder if folder is not None else template_dir(report.unit.edition)
    if not (where / ENTRY).is_file():
        raise TextTemplateError(f"版式「{report.unit.edition}」没有正文模板（{where / ENTRY}）")
    return where


def build_text(
    report: Report, *, folder: Path | None = None, papers: Workpapers | None = None
) -> Document:
    """The report's text parts (概况, 情况说明, 名词解释) as a structured document.

    `folder` overrides the edition's template folder (tests, a province's own wording);
    `papers` are the working papers the figures are derived in (`derive`).
    """
    where = _entry_folder(report, folder)
    data = compute_facts(report, derive(report, papers=papers))
    return titled(parse(render_markup(environment(where), ENTRY, data)), report)


def titled(document: Document, report: Report) -> Document:
    """The parts titled as the edition's structure lists them in the 目录 (a part the
    structure does not name keeps its key as its title)."""
    edition = load_edition(report.unit.edition)
    unit = report.unit
    scope = top_scope(unit.name, unit.year, unit.consolidated, date.today())
    titles = part_titles(edition.structure, scope)
    return Document(
        tuple(dataclasses.replace(p, title=titles.get(p.key, p.title)) for p in document.parts)
    )


def reason_keys(
    report: Report,
    *,
    required_only: bool = False,
    folder: Path | None = None,
    papers: Workpapers | None = None,
) -> list[str]:
    """The `Reason` keys the text of `report` reads, in the order the text reads them.

    A key is listed where the text, as the report's figures stand, prints the officer's
    reason: those it demands (a 【请填写原因】 while empty — a change to explain, a grade
    to answer for) and, unless `required_only`, those it prints when given (a class's
    用途, a 决算/年初预算 差异, 其他重要事项…). The list is read off the templates
    themselves — they are rendered with every reason stood in for by a placeholder
    carrying its key — so a template that starts reading a reason (``notes.get("x")``,
    ``reason("x")``) puts it here, and in the form where the officer types it, without
    a change in Python. The 概况 texts (``overview:…``) are not reasons and not listed.
    """
    where = _entry_folder(report, folder)
    data = compute_facts(report, derive(report, papers=papers), probe=True)
    document = parse(render_markup(environment(where), ENTRY, data))
    wanted = {REASON_PLACEHOLDER} if required_only else {REASON_PLACEHOLDER, NOTE_PLACEHOLDER}
    keys: list[str] = []
    for run in document.runs():
        if run.placeholder and run.text in wanted and run.key not in keys:
            keys.append(run.key)
    return keys


def placeholders(document: Document) -> list[str]:
    """What the officer still owes, in the order the text needs it: the key of each
    placeholder (a `Reason` key such as ``general_class:201``, or ``overview:duties``),
    once each. A document with any is a draft and must not be published."""
    seen: list[str] = []
    for run in document.runs():
        if run.placeholder and run.key not in seen:
            seen.append(run.key)
    return seen
