"""Damaged, hostile and oversized .xlsx files: the importer's clear error, never a crash,
a hang or a blown-up memory.

A filled template of a sample is damaged at random — cut short, bytes flipped, a part
replaced by garbage, cut, blown up or given an XML entity bomb — and must import or
be refused with a `JuesuanError` (WorkbookFileError / WorkbookImportError), within a
hard limit of CPU time. Fixed cases cover what fuzzing would rarely hit: an empty file, a
renamed .xls, a zip bomb by size and by ratio, a billion-laughs sheet, a sheet whose
used range claims the last cell of the grid.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core import samples
from desktop.core.errors import JuesuanError
from desktop.core.model import Report
from tests.fuzz.limits import cpu_limit

importers = pytest.importorskip("desktop.core.importers")

LIMIT_S = 30


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("tpl") / "模板.xlsx"
    importers.write_template(path, samples.load("jincheng-2022"))
    return path.read_bytes()


# Known, and tracked by the strict xfail below: a corrupt deflate stream escapes the
# importer as zlib.error. Tolerated in the random search so that it goes on finding
# anything else; remove together with the xfail once the importer catches it.
KNOWN: tuple[type[Exception], ...] = (zlib.error,)


def _import(
    raw: bytes, folder: Path, known: tuple[type[Exception], ...] = ()
) -> Report | JuesuanError | Exception:
    path = folder / "导入.xlsx"
    path.write_bytes(raw)
    with cpu_limit(LIMIT_S):
        try:
            report = importers.import_workbook(path)
        except JuesuanError as err:
            assert str(err)
            return err
        except known as err:
            return err
    assert isinstance(report, Report)
    return report


def _rezip(raw: bytes, replace: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = replace.get(info.filename, src.read(info.filename))
            dst.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _laughs() -> bytes:
    """The classic billion laughs: 10^9 "lol"s from a few hundred bytes of entities."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?><!DOCTYPE lolz [' + "".join(entities) + "]>"
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()


LAUGHS = _laughs()


@st.composite
def damaged(draw: st.DrawFn, raw: bytes) -> bytes:
    kind = draw(st.sampled_from(("cut", "flip", "garbage", "part", "part", "part")))
    if kind == "cut":
        return raw[: draw(st.integers(0, len(raw) - 1))]
    if kind == "flip":
        data = bytearray(raw)
        for _ in range(draw(st.integers(1, 20))):
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
        return bytes(data)
    if kind == "garbage":
        head = draw(st.sampled_from((b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF-1.4")))
        return head + draw(st.binary(max_size=4096))
    names = [i.filename for i in zipfile.ZipFile(io.BytesIO(raw)).infolist()]
    name = draw(st.sampled_from(names))
    original = zipfile.ZipFile(io.BytesIO(raw)).read(name)
    how = draw(st.sampled_from(("garbage", "cut", "laughs", "big", "empty")))
    if how == "garbage":
        part = draw(st.binary(max_size=2048))
    elif how == "cut":
        part = original[: draw(st.integers(0, max(0, len(original) - 1)))]
    elif how == "laughs":
        part = LAUGHS
    elif how == "big":  # a part far larger than any template's, highly compressible
        part = original + b" " * draw(st.integers(1, 40)) * 1024 * 1024
    else:
        part = b""
    return _rezip(raw, {name: part})


@pytest.mark.slow  # imports many damaged workbooks
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_a_damaged_workbook_imports_or_is_refused_clearly(
    template: bytes, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    raw = data.draw(damaged(template))
    _import(raw, tmp_path_factory.mktemp("wb"), KNOWN)


def test_the_undamaged_template_imports(template: bytes, tmp_path: Path) -> None:
    assert _import(template, tmp_path) == samples.load("jincheng-2022")


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def _zeros_member(size: int) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh,
    ):
        chunk = b"\0" * (1 << 20)
        for _ in range(size >> 20):
            fh.write(chunk)
    return out.getvalue()


@pytest.mark.slow  # zip and entity bombs
def test_fixed_hostile_files(template: bytes, tmp_path: Path) -> None:
    from openpyxl import Workbook

    cases: dict[str, bytes] = {
        "empty": b"",
        "old xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
        "pdf": b"%PDF-1.4\n%%EOF\n",
        "zip without a workbook": _zip({"a.txt": b"hello"}),
        "size bomb": _zeros_member(600 << 20),  # 600 MB of zeros in ~600 KB
        "ratio bomb": _zeros_member(64 << 20),
        "billion laughs": _rezip(template, {"xl/worksheets/sheet2.xml": LAUGHS}),
    }
    # A sheet whose used range ends at the grid's last cell (XFD1048576).
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "收入支出"
    ws["A1"] = "科目编码"
    ws["XFD1048576"] = "末"
    buf = io.BytesIO()
    wb.save(buf)
    cases["last cell of the grid"] = buf.getvalue()
    for name, raw in cases.items():
        result = _import(raw, tmp_path)
        assert isinstance(result, JuesuanError), name


def test_corrupt_compressed_data_is_a_workbook_error(template: bytes, tmp_path: Path) -> None:
    """Bytes flipped inside a part's deflate stream (a bad disk, a broken download): zlib
    itself complains — that too must reach the officer as the importer's error."""
    with zipfile.ZipFile(io.BytesIO(template)) as zf:
        info = zf.getinfo("xl/worksheets/sheet2.xml")
    # local header: 30 bytes + name + extra, then the compressed data
    name_len = int.from_bytes(template[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_len = int.from_bytes(
        template[info.header_offset + 28 : info.header_offset + 30], "little"
    )
    start = info.header_offset + 30 + name_len + extra_len
    for k in range(0, min(info.compress_size, 400), 20):
        data = bytearray(template)
        data[start + k] ^= 0x5A
        _import(bytes(data), tmp_path)


def test_imported_workbooks_are_parsed_with_defusedxml() -> None:
    import openpyxl

    assert openpyxl.DEFUSEDXML is True
