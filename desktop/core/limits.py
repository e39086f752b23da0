"""How long a name or a text of the report may be, stated once.

    limit(record class, field) ──> edits (typed and pasted values) · the GUI's widgets
                                   (maxLength) · project_file (load and save) · importers

A name (单位名称, 项目名称, 指标名称, a code …) is at most `NAME` characters; any other
text (职责, a reason, an analysis) at most `TEXT`. The limits are far above anything a
report prints — the longest 单位名称 in the reference reports has 22 characters, the
longest text a few thousand — and well inside what every output holds (an Excel cell
takes 32,767 characters). Documented in docs/project-file.md.
"""

from __future__ import annotations

from types import MappingProxyType

from desktop.core.model import (
    BudgetLine,
    CodeAmount,
    CustomCode,
    EconRow,
    FundingLine,
    Indicator,
    LedgerRow,
    NamedAmount,
    NamedText,
    Reason,
    SelfEval,
    Task,
    UnitInfo,
)

NAME = 200
TEXT = 20_000

# The fields holding a name or a code (each of `member_units` is a unit's name).
_NAMES = MappingProxyType(
    {
        UnitInfo: frozenset(
            ("name", "code", "department", "department_code", "member_units", "amount_unit")
        ),
        SelfEval: frozenset(
            ("name", "department", "unit", "code", "program", "project_type", "funding_office")
        ),
        Indicator: frozenset(("level1", "level2", "level3")),
        Task: frozenset(("name",)),
        CustomCode: frozenset(("code", "name")),
        NamedAmount: frozenset(("label",)),
        FundingLine: frozenset(("source",)),
        Reason: frozenset(("key",)),
        NamedText: frozenset(("key",)),
        LedgerRow: frozenset(("code",)),
        BudgetLine: frozenset(("code",)),
        EconRow: frozenset(("code",)),
        CodeAmount: frozenset(("code",)),
    }
)


def limit(cls: type, field: str) -> int:
    """The most characters field `field` of a `cls` record may hold."""
    names = _NAMES.get(cls)
    return NAME if names is not None and field in names else TEXT


def too_long(text: str, most: int) -> str:
    """The message for a text longer than `most` characters."""
    kind = "名称" if most <= NAME else "文字"
    return f"{kind}过长：最多 {most:,} 个字，这里有 {len(text):,} 个字"
