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

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from desktop.core.editions import checked_id
from desktop.core.errors import JuesuanError
from desktop.core.model import Report
from desktop.core.paths import template
from desktop.core.text.document import Document
from desktop.core.text.facts import facts as compute_facts
from desktop.core.text.markup import parse

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


def build_text(report: Report, *, folder: Path | None = None) -> Document:
    """The report's text parts (概况, 情况说明, 名词解释) as a structured document.

    `folder` overrides the edition's template folder (tests, a province's own wording).
    """
    where = folder if folder is not None else template_dir(report.unit.edition)
    if not (where / ENTRY).is_file():
        raise TextTemplateError(f"版式「{report.unit.edition}」没有正文模板（{where / ENTRY}）")
    data = compute_facts(report)
    return parse(render_markup(environment(where), ENTRY, data))


def placeholders(document: Document) -> list[str]:
    """What the officer still owes, in the order the text needs it: the key of each
    placeholder (a `Reason` key such as ``general_class:201``, or ``overview:duties``),
    once each. A document with any is a draft and must not be published."""
    seen: list[str] = []
    for run in document.runs():
        if run.placeholder and run.key not in seen:
            seen.append(run.key)
    return seen
