"""Reading figures back out of the facts mapping and the rendered text."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from desktop.core.text.document import Document, section_text

_NUMBER = re.compile(r"-?[\d,]+(?:\.\d+)?")


def num(text: str) -> Decimal:
    """``9,361,502.66元`` / ``584.83万元`` / ``31.37%`` / ``7`` → Decimal."""
    m = _NUMBER.search(text)
    assert m is not None, f"no number in {text!r}"
    return Decimal(m.group().replace(",", ""))


def resolve(facts: Any, path: str) -> Any:
    """``general.classes[201].share``: dotted keys; ``[x]`` picks the list item whose
    code, label, key or grade is x."""
    cur = facts
    for part in re.findall(r"[^.\[\]]+|\[[^\]]+\]", path):
        if part.startswith("["):
            sel = part[1:-1]
            matches = [
                item
                for item in cur
                if sel in (item.get("code"), item.get("label"), item.get("key"), item.get("grade"))
            ]
            assert matches, f"{path}: nothing selected by {sel!r}"
            cur = matches[0]
        else:
            cur = cur[part]
    return cur


def signed(change: dict[str, Any], what: str) -> Decimal:
    """A comparison's amount or rate with the sign its direction words give it."""
    if change["flat"]:
        return Decimal(0)
    value = num(change[what])
    return -value if change["fall"] else value


def section(document: Document, key: str) -> str:
    """The text of a section named as tests/data/published keys them: ``五(二)``, ``十(四)(1)``."""
    head, *subs = re.findall(r"^[^(]+|\([^)]+\)", key)
    numbers = [f"{head}、", *(f"（{s[1:-1]}）" for s in subs)]
    return section_text(document.part("情况说明"), *numbers)
