"""The structured document of the report's text parts: what the text layer hands on.

    templates/text/<edition>/ ──render──> Document(parts) ──> PDF writer, GUI preview, Word

A `Document` is a sequence of `Part`s (第一部分 概况, 第三部分 情况说明, 第四部分 名词解释),
each known by the key its template gives it (``overview``), titled as the edition's
structure prints it (`desktop.core.structure`), and each a sequence of blocks: `Heading`s
with their numbering kept apart from their text, and `Paragraph`s made of `Run`s. A run
may be emphasised, or be a placeholder standing where the officer still owes a text (a
missing reason): writers show it visibly and a report for publishing is refused while any
remain. Nothing here decides layout (fonts,
indents, spacing): that belongs to each writer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    """A stretch of text with one style.

    `key` names what a placeholder stands for — the `Reason` key the officer must fill in
    (``general_class:201``) or an ``overview:…`` field — so a check can point at the form.
    """

    text: str
    emphasis: bool = False
    placeholder: bool = False
    key: str = ""


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Heading:
    """A numbered heading: level 1 「一、」, level 2 「（一）」, level 3 「1、」 or 「（1）」."""

    level: int
    number: str
    text: str

    @property
    def full(self) -> str:
        return f"{self.number}{self.text}"


Block = Heading | Paragraph


@dataclass(frozen=True)
class Part:
    title: str  # as the 目录 prints it, e.g. 「第三部分 情况说明」
    blocks: tuple[Block, ...]
    key: str = ""  # the template's name for it (``= explanation``): the structure's handle


@dataclass(frozen=True)
class Document:
    parts: tuple[Part, ...]

    def part(self, title_contains: str) -> Part:
        for p in self.parts:
            if title_contains in p.title:
                return p
        raise KeyError(title_contains)

    def by_key(self, key: str) -> Part:
        for p in self.parts:
            if p.key == key:
                return p
        raise KeyError(key)

    def runs(self) -> Iterator[Run]:
        for part in self.parts:
            for block in part.blocks:
                if isinstance(block, Paragraph):
                    yield from block.runs


def plain_text(document: Document) -> str:
    """The document as plain text, one block a line, for reading in a terminal or a test."""
    lines: list[str] = []
    for part in document.parts:
        if lines:
            lines.append("")
        lines.append(part.title)
        lines.append("")
        for block in part.blocks:
            if isinstance(block, Heading):
                lines.append(("" if block.level == 1 else "  " * (block.level - 1)) + block.full)
            else:
                lines.append("    " + block.text)
    return "\n".join(lines) + "\n"


def section_text(part: Part, *numbers: str) -> str:
    """The plain text of one numbered section of `part` and everything under it.

    ``section_text(part, "五、", "（二）")`` is 五(二): the heading path is matched level by
    level, so the same 「（二）」 under another 一级 heading is not picked up.
    """
    path: list[str] = []
    out: list[str] = []
    for block in part.blocks:
        if isinstance(block, Heading):
            del path[block.level - 1 :]
            path.extend([""] * (block.level - 1 - len(path)))
            path.append(block.number)
        if tuple(path[: len(numbers)]) == numbers:
            out.append(block.full if isinstance(block, Heading) else block.text)
    if not out:
        raise KeyError("".join(numbers))
    return "\n".join(out)
