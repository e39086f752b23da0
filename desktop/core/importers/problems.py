"""What can be wrong with an imported workbook, as data and as the error that carries it.

Readers collect every problem as an `ImportProblem` (sheet, row, column, message) and
keep going; only at the end, if any was found, `WorkbookImportError` is raised with
all of them, so the officer fixes the whole file in one pass and nothing half-read is
ever written. A file that cannot be opened at all is a `WorkbookFileError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.errors import JuesuanError


@dataclass(frozen=True)
class ImportProblem:
    """One problem at one place: `row` is 1-based, `column` an Excel letter ('D')."""

    sheet: str
    row: int | None
    column: str | None
    message: str

    @property
    def cell(self) -> str:
        """``D7``, ``第7行``, ``D列`` or '' — the place as Excel names it."""
        if self.row is not None and self.column:
            return f"{self.column}{self.row}"
        if self.row is not None:
            return f"第{self.row}行"
        if self.column:
            return f"{self.column}列"
        return ""

    def __str__(self) -> str:
        where = f"工作表「{self.sheet}」" if self.sheet else "工作簿"
        cell = self.cell
        return f"{where}{' ' + cell if cell else ''}：{self.message}"

    def as_json(self) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class WorkbookImportError(JuesuanError):
    """The workbook was read to the end and has problems; nothing was imported."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        self.problems = tuple(problems)
        n = len(self.problems)
        first = str(self.problems[0]) if self.problems else ""
        more = f"（共 {n} 处问题）" if n > 1 else ""
        super().__init__(f"工作簿有问题，未导入{more}：{first}")


class WorkbookFileError(JuesuanError):
    """A file refused before reading: missing, too large, not an .xlsx, zip-bomb-like."""
