"""The report's 编制日期: how the officer may type it, how it is stored, how it prints.

    「2025年3月」 「2025-03-15」 「2025.3」 ──normalize──> "2025-03" / "2025-03-15" (stored)
    stored, or "" (not set) + today ──printed_month──> 「2025年3月」 (an attachment's date line)
                                    ──compiled_date──> date(2025, 3, 1) (the cover's, via the plan)

Stored as an ISO date or year-month (`UnitInfo.compiled_on`), so a project file reads
the same in any locale; empty means the day the report is made.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_DATE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*(?:[-./月]\s*(?:(\d{1,2})\s*日?)?)?")


def normalize(text: str) -> str | None:
    """`text` as "YYYY-MM" or "YYYY-MM-DD"; "" for no date; None when it is not a date."""
    s = unicodedata.normalize("NFKC", text).strip()
    if not s:
        return ""
    m = _DATE.fullmatch(s)
    if m is None:
        return None
    year, month = int(m[1]), int(m[2])
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    if m[3] is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, int(m[3])).isoformat()
    except ValueError:
        return None


def compiled_date(stored: str, today: date) -> date:
    """The stored 编制日期 as a date (a year-month: its first day), or `today` when none
    is set."""
    iso = normalize(stored)
    if not iso:
        return today
    year, month, *day = (int(p) for p in iso.split("-"))
    return date(year, month, day[0] if day else 1)


def printed_month(stored: str, today: date) -> str:
    """「2025年3月」: the stored 编制日期's month, or today's when none is set."""
    iso = normalize(stored) or today.strftime("%Y-%m")
    year, month = iso.split("-")[:2]
    return f"{int(year)}年{int(month)}月"
