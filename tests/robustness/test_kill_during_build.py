"""A process killed at any moment of `juesuan build` leaves the previous good workbook and
PDF or the new good ones under their names — never a torn file.

A forked child builds two versions of a report in turn (the same file names, different
units) as fast as it can, telling the parent after each finished build; the parent lets
it finish 0–2 builds, then kills it with SIGKILL at a random moment of the next one —
while the grids are made, the workbook written, the PDF laid out, either file replaced.
After each kill both files must open (the workbook as a whole zip openpyxl reads, the
PDF as pypdf reads it) and be one of the two versions. Before the atomic writer, 8 kills
in 40 left a corrupt file (issue 17).

The trials are bounded by count, not by a clock: on a loaded machine the test takes
longer but asks the same. One build's duration is measured only to spread the kills
over a build; no assertion depends on it.
"""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
import sys
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from desktop.core import samples
from desktop.core.exporters import DRAFT_MARK, build_outputs
from desktop.core.exporters.fonts import font_set
from desktop.core.model import Report
from tests.robustness.killing import kill_during

TRIALS = 50
STEM = "单位"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

pytestmark = [
    pytest.mark.skipif(
        sys.platform == "win32" or not hasattr(os, "fork"), reason="needs fork and SIGKILL"
    ),
    pytest.mark.slow,  # 50 forked builders killed, each file opened after each kill
]


def _versions() -> list[Report]:
    report = samples.load("datong-2024")
    other = dataclasses.replace(
        report, unit=dataclasses.replace(report.unit, name="朔州市公共资源交易中心")
    )
    return [report, other]


def _build(report: Report, folder: Path) -> None:
    build_outputs(report, folder, formats=["xlsx", "pdf"], stem=STEM, draft=True)


def _kill_during_builds(
    folder: Path, seed: Path, versions: list[Report], finished: int, delay: float
) -> None:
    """Let a child finish `finished` builds of the versions in turn over version 0's good
    files, then kill it `delay` seconds into the next."""
    shutil.copytree(seed, folder)
    kill_during(lambda n: _build(versions[n % 2], folder), finished, delay)


def _workbook_of(path: Path) -> str:
    """The unit a whole, readable workbook was written for: every part of the zip reads
    back with its checksum, the workbook lists its sheets, the properties name the unit."""
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None, f"{path.name}: a damaged part"
        sheets = ElementTree.fromstring(zf.read("xl/workbook.xml")).iter(f"{{{_MAIN}}}sheet")
        assert len(list(sheets)) > 10
        core = ElementTree.fromstring(zf.read("docProps/core.xml"))
    creator = core.find("{http://purl.org/dc/elements/1.1/}creator")
    return creator.text or "" if creator is not None else ""


def _pdf_of(path: Path) -> str:
    """The unit a whole, readable PDF was written for: pypdf reads it strictly (the
    cross-reference table at its end included), its pages and its metadata."""
    reader = PdfReader(path, strict=True)
    assert len(reader.pages) > 20
    return str(reader.metadata.author if reader.metadata else "")


def test_sigkill_at_random_moments_never_breaks_an_output(tmp_path: Path) -> None:
    versions = _versions()
    names = {v.unit.name for v in versions}
    font_set()  # read once here: the forked builders start with the fonts in memory

    seed = tmp_path / "seed"
    start = time.perf_counter()
    _build(versions[0], seed)
    per_build = time.perf_counter() - start

    rng = random.Random(20241117)
    seen = {"xlsx": dict.fromkeys(names, 0), "pdf": dict.fromkeys(names, 0)}
    leftovers = 0
    for trial in range(TRIALS):
        folder = tmp_path / f"t{trial}"
        _kill_during_builds(
            folder, seed, versions, rng.randrange(3), rng.uniform(0, 1.2 * per_build)
        )
        for fmt, read in (("xlsx", _workbook_of), ("pdf", _pdf_of)):
            path = folder / f"{STEM}{DRAFT_MARK}.{fmt}"  # the drafts it builds
            try:
                unit = read(path)
            except Exception as exc:
                raise AssertionError(f"trial {trial}: a broken {path.name}: {exc!r}") from exc
            assert unit in names, f"trial {trial}: {path.name} of an unknown unit {unit!r}"
            seen[fmt][unit] += 1
        leftovers += sum(1 for p in folder.iterdir() if p.name.endswith(".tmp"))
        assert {p.suffix for p in folder.iterdir() if not p.name.endswith(".tmp")} == {
            ".xlsx",
            ".pdf",
        }
    # Which version is on disk follows the number of finished builds: both occur.
    for fmt in ("xlsx", "pdf"):
        assert min(seen[fmt].values()) >= TRIALS // 10, seen
    # A temporary a kill left behind is hidden (".NAME….tmp"); the next build works.
    _build(versions[1], tmp_path / f"t{TRIALS - 1}")
    print(f"{TRIALS} kills during build: {seen}; {leftovers} temporary files left behind")
