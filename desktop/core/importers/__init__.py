"""Importers: getting figures in from Excel.

    layout (from the model) ──template.write_template──> 填报模板.xlsx
    填报模板.xlsx / an officer's own ledger ──workbook.read_workbook──> Report (+ notes)
                                             └─ tolerant: ledger sheets in their own layout
                                                (headings: their header and its keyword table)

Problems are collected as `ImportProblem`s and raised together in one
`WorkbookImportError`; nothing half-read is returned. openpyxl lives only here and in
the exporters (tests/core/test_boundary.py).
"""

from __future__ import annotations

from desktop.core.importers.problems import ImportProblem, WorkbookFileError, WorkbookImportError
from desktop.core.importers.template import TemplateError, write_template
from desktop.core.importers.workbook import WorkbookRead, import_workbook, read_workbook

__all__ = [
    "ImportProblem",
    "TemplateError",
    "WorkbookFileError",
    "WorkbookImportError",
    "WorkbookRead",
    "import_workbook",
    "read_workbook",
    "write_template",
]
