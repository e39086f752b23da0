"""The tiny line-based markup the text templates render to, and its parser.

    template ──Jinja2──> markup text ──parse()──> Document

One line is one block; blank lines are ignored, so a Jinja tag alone on its line leaves
nothing behind. A line starting with

* ``= `` opens a part and names it (``= explanation``): the edition's structure says
  where the part goes and how it is titled (`desktop.core.structure`);
* ``# ``, ``## ``, ``### `` is a heading of level 1, 2, 3; its leading numbering
  (``一、``, ``（二）``, ``3、``, ``（4）``) is split off into `Heading.number`;
* anything else is a paragraph.

Inside a paragraph ``**…**`` is emphasis, ``⟦text|key⟧`` a placeholder (`facts` writes
them, never a template author) and a backslash takes the next character literally.
Officer text reaches the markup only through `escape`, so a ``*`` or a leading ``#``
typed in a reason can never turn into emphasis or a heading.
"""

from __future__ import annotations

import re

from desktop.core.errors import JuesuanError
from desktop.core.text.document import Block, Document, Heading, Paragraph, Part, Run

PLACEHOLDER_OPEN = "⟦"
PLACEHOLDER_CLOSE = "⟧"
_SPECIAL = frozenset("\\*#=" + PLACEHOLDER_OPEN + PLACEHOLDER_CLOSE)

_NUMBER = re.compile(
    r"^(?P<number>[一二三四五六七八九十]+、"
    r"|[（(][一二三四五六七八九十]+[）)]"
    r"|[（(]\d+[）)]"
    r"|\d+[、.．](?!\d))"
)


class MarkupError(JuesuanError):
    """Rendered template text the parser cannot read (a template author's mistake)."""


def escape(text: str) -> str:
    """Officer text made literal in the markup (every special character backslashed)."""
    return "".join("\\" + c if c in _SPECIAL else c for c in text)


def placeholder(text: str, key: str) -> str:
    """The markup of a placeholder run showing `text`, standing for the officer's `key`."""
    return f"{PLACEHOLDER_OPEN}{escape(text)}|{escape(key)}{PLACEHOLDER_CLOSE}"


def parse(markup: str) -> Document:
    parts: list[Part] = []
    title: str | None = None
    blocks: list[Block] = []
    for number, raw in enumerate(markup.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("= "):
            if title is not None:
                parts.append(Part(title, tuple(blocks), title))
            title, blocks = _plain(line[2:].strip(), number), []
            continue
        if title is None:
            raise MarkupError(f"第{number}行：正文模板须以「= 部分名称」开头，却是「{line}」")
        heading = _heading(line, number)
        blocks.append(heading if heading is not None else Paragraph(_runs(line, number)))
    if title is not None:
        parts.append(Part(title, tuple(blocks), title))
    return Document(tuple(parts))


def _heading(line: str, lineno: int) -> Heading | None:
    hashes = len(line) - len(line.lstrip("#"))
    if hashes == 0 or line[hashes : hashes + 1] != " ":
        return None
    if hashes > 3:
        raise MarkupError(f"第{lineno}行：标题最多三级，却是{hashes}级")
    text = _plain(line[hashes + 1 :].strip(), lineno)
    m = _NUMBER.match(text)
    number = m.group("number") if m else ""
    return Heading(hashes, number, text[len(number) :].strip())


def _plain(text: str, lineno: int) -> str:
    """Heading and title text: escapes resolved, no emphasis or placeholder allowed."""
    runs = _runs(text, lineno)
    if any(r.placeholder for r in runs):
        raise MarkupError(f"第{lineno}行：标题中不能有待填写的内容")
    return "".join(r.text for r in runs)


def _runs(line: str, lineno: int) -> tuple[Run, ...]:
    runs: list[Run] = []
    buf: list[str] = []
    emphasis = False

    def flush() -> None:
        if buf:
            runs.append(Run("".join(buf), emphasis=emphasis))
            buf.clear()

    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if c == "\\" and i + 1 < n:
            buf.append(line[i + 1])
            i += 2
        elif line.startswith("**", i):
            flush()
            emphasis = not emphasis
            i += 2
        elif c == PLACEHOLDER_OPEN:
            end = _closing(line, i + 1)
            if end < 0:
                raise MarkupError(f"第{lineno}行：待填写标记没有结束")
            flush()
            body = line[i + 1 : end]
            text, key = _split_placeholder(body)
            runs.append(Run(text, emphasis=emphasis, placeholder=True, key=key))
            i = end + 1
        else:
            buf.append(c)
            i += 1
    flush()
    if emphasis:
        raise MarkupError(f"第{lineno}行：强调标记 ** 没有成对")
    return tuple(_merge(runs))


def _closing(line: str, start: int) -> int:
    i = start
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        if line[i] == PLACEHOLDER_CLOSE:
            return i
        i += 1
    return -1


def _split_placeholder(body: str) -> tuple[str, str]:
    """``text|key`` with escapes: the last unescaped ``|`` separates them."""
    chars: list[tuple[str, bool]] = []  # (char, was escaped)
    i = 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            chars.append((body[i + 1], True))
            i += 2
        else:
            chars.append((body[i], False))
            i += 1
    bars = [k for k, (c, escaped) in enumerate(chars) if c == "|" and not escaped]
    cut = bars[-1] if bars else len(chars)
    text = "".join(c for c, _ in chars[:cut])
    key = "".join(c for c, _ in chars[cut + 1 :])
    return text, key


def _merge(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for r in runs:
        if not r.text:
            continue
        last = out[-1] if out else None
        if (
            last is not None
            and not r.placeholder
            and not last.placeholder
            and last.emphasis == r.emphasis
        ):
            out[-1] = Run(last.text + r.text, emphasis=r.emphasis)
        else:
            out.append(r)
    return out
