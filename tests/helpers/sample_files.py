"""The bundled samples' outputs, built once per test run and parsed once.

Several modules read the same files: the workbook of each sample (the 公开 tables and the
附件 sheets) and its PDF. Building one takes ~0.3–1 s and parsing a workbook with openpyxl
up to a second more, so `SampleFiles` builds each file the first time a test asks for it
and parses each workbook once. Tests never share a parsed workbook: reading a cell outside
the used range creates it, so each test gets its own copy, unpickled from the first parse
(several times faster than parsing the file again).

The files are the exporters' real output, written by `build_outputs` exactly as the CLI
writes them; the expected values the tests compare them with come from the published
reports (`tests/data/published/`).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from openpyxl import Workbook, load_workbook

from desktop.core import samples
from desktop.core.exporters import build_outputs

Format = Literal["xlsx", "pdf", "docx"]
Book = Callable[[str], Workbook]  # a sample's name → its parsed workbook (a fresh copy)


class SampleFiles:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._paths: dict[tuple[str, Format], Path] = {}
        self._parsed: dict[str, bytes] = {}

    def path(self, name: str, fmt: Format) -> Path:
        """The sample's file in this format (built on first use; read it, don't change it)."""
        if (name, fmt) not in self._paths:
            (written,) = build_outputs(samples.load(name), self.folder, formats=[fmt], stem=name)
            self._paths[name, fmt] = written.path
        return self._paths[name, fmt]

    def workbook(self, name: str) -> Workbook:
        """The sample's workbook as openpyxl reads it: a copy of its own for each caller."""
        if name not in self._parsed:
            self._parsed[name] = pickle.dumps(load_workbook(self.path(name, "xlsx")))
        book: Workbook = pickle.loads(self._parsed[name])
        return book
