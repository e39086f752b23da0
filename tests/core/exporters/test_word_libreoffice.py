"""The Word document as another program lays it out: LibreOffice converts both samples'
.docx to PDF, and that PDF is as long as ours (±20%), carries every published 公开01
figure, and draws no table past the edge of its page."""

from __future__ import annotations

import functools
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from pypdf import PdfReader

from tests.data.published import datong_2024, jincheng_2022
from tests.helpers.pdf_extent import page_extent
from tests.helpers.sample_files import SampleFiles

PUBLISHED: dict[str, ModuleType] = {"datong-2024": datong_2024, "jincheng-2022": jincheng_2022}
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [
    pytest.mark.slow,  # LibreOffice lays out two reports
    pytest.mark.skipif(
        SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it"
    ),
]


@pytest.fixture(scope="module")
def converted(
    sample_files: SampleFiles, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Each sample's .docx as LibreOffice prints it (Writer; its own fonts for 宋体 …)."""
    assert SOFFICE is not None
    out = tmp_path_factory.mktemp("word-lo")
    documents = {name: sample_files.path(name, "docx") for name in PUBLISHED}
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{out / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, documents.values()),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    pdfs = {name: out / f"{path.stem}.pdf" for name, path in documents.items()}
    missing = [name for name, pdf in pdfs.items() if not pdf.is_file()]
    assert not missing, f"LibreOffice (with Writer) did not convert {missing}: {done.stderr}"
    return pdfs


@functools.cache
def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


@pytest.mark.parametrize("name", PUBLISHED)
def test_as_long_as_our_pdf(
    name: str, converted: dict[str, Path], sample_files: SampleFiles
) -> None:
    ours = len(PdfReader(sample_files.path(name, "pdf")).pages)
    theirs = len(_pages(converted[name]))
    assert 0.8 * ours <= theirs <= 1.2 * ours, (theirs, ours)


@pytest.mark.parametrize("name", PUBLISHED)
def test_every_figure_of_table_01_is_in_the_converted_text(
    name: str, converted: dict[str, Path]
) -> None:
    text = "".join("".join(_pages(converted[name])).split())
    figures = [v for values in PUBLISHED[name].TABLES["公开01"].values() for v in values if v]
    assert figures
    for v in figures:
        shown = v if "." not in v else f"{Decimal(v):,.2f}"
        assert shown in text, shown


@pytest.mark.parametrize("name", PUBLISHED)
def test_no_table_is_cut_at_the_page_edge(name: str, converted: dict[str, Path]) -> None:
    """Every border and every text LibreOffice draws lies within its page box: a table
    wider than the page would be drawn past the right edge (and cut off there)."""
    reader = PdfReader(converted[name])
    landscape = 0
    for number, page in enumerate(reader.pages, start=1):
        extent = page_extent(page)
        assert extent.points, number
        assert not extent.outside(), (number, extent.outside()[:3])
        landscape += extent.width > extent.height
    assert landscape >= 3  # the landscape tables came out on landscape pages
