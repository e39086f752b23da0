"""Security basics for files that come from elsewhere.

- Nothing typed by a user becomes a formula in a workbook the app writes: every text
  field of a report is set to formula-like text (= + - @, DDE, HYPERLINK …) and no
  cell of the exported workbook (nor of the fill-in template) is a formula.
- No path from a project file is followed outside the app's folders: the model holds
  no path-like field but the edition id, which names a folder of templates/ and is
  refused when it is anything but a plain id; output names made from report text
  stay inside the chosen folder.
- Imported workbooks are parsed with defusedxml.
"""

from __future__ import annotations

import dataclasses
import io
import types
import typing
import zipfile
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core import project_file, samples
from desktop.core.errors import JuesuanError, ProjectFileError
from desktop.core.exporters import _safe, build_outputs, output_stem
from desktop.core.model import CustomCode, LedgerRow, Report, UnitInfo
from desktop.core.money import amount

FORMULAS = st.sampled_from(
    [
        "=1+1",
        '=HYPERLINK("http://example.invalid","点此")',
        "=cmd|' /C calc'!A0",
        "+1+1",
        "-1+1",
        "@SUM(A1:A2)",
        "=SUM(A1:A9)",
        "=A1",
        "==",
        "=",
        " =1",
        "\t=1",
        '=IMPORTXML("x","y")',
        "+86 10 1234",
        "-",
        "@",
        "=1\n=2",
    ]
)
# Fields that are not free text (they select layouts or index reasons).
NOT_TYPED = {"edition", "amount_unit", "key"}


def _with_texts(obj: Any, texts: list[str], counter: list[int]) -> Any:
    """`obj` with every free-text field set to the next of `texts` (cycling)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes: dict[str, Any] = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if isinstance(value, str) and not isinstance(value, Enum) and f.name not in NOT_TYPED:
                changes[f.name] = texts[counter[0] % len(texts)]
                counter[0] += 1
            elif isinstance(value, tuple) or dataclasses.is_dataclass(value):
                changes[f.name] = _with_texts(value, texts, counter)
        return dataclasses.replace(obj, **changes)
    if isinstance(obj, tuple):
        return tuple(_with_texts(v, texts, counter) for v in obj)
    return obj


def _formula_cells(path: Path) -> list[str]:
    """Cells stored as formulas: openpyxl's view and the raw sheet XML."""
    found = []
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    found.append(f"{ws.title}!{cell.coordinate}={cell.value!r}")
    wb.close()
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = zf.read(name)
                if b"<f>" in xml or b"<f " in xml:
                    found.append(f"{name}: <f> element")
    return found


def _formula_report(texts: list[str]) -> Report:
    base = samples.load("jincheng-2022")
    custom = LedgerRow("2019999", income=dataclasses.replace(base.ledger[0].income))
    report = dataclasses.replace(
        base,
        ledger=(*base.ledger, custom),
        custom_codes=(*base.custom_codes, CustomCode("2019999", "")),
    )
    return typing.cast(Report, _with_texts(report, texts, [0]))


@pytest.mark.slow  # a workbook per example
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(FORMULAS, min_size=1, max_size=6))
def test_no_user_text_becomes_a_formula_in_the_workbook(tmp_path: Path, texts: list[str]) -> None:
    report = _formula_report(texts)
    (written,) = build_outputs(report, tmp_path, formats=["xlsx"], stem="公式", draft=True)
    assert _formula_cells(written.path) == []
    # …and the texts are there, literally.
    wb = openpyxl.load_workbook(written.path)
    values = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    wb.close()
    assert any(isinstance(v, str) and v in texts for v in values)


def test_no_user_text_becomes_a_formula_in_the_fill_in_template(tmp_path: Path) -> None:
    importers = pytest.importorskip("desktop.core.importers")
    report = _formula_report(["=1+1", "+1", "-1", "@A1", '=HYPERLINK("x")'])
    path = tmp_path / "模板.xlsx"
    importers.write_template(path, report)
    assert _formula_cells(path) == []


# ---------------------------------------------------------------- paths


def _field_types(cls: type, seen: set[type]) -> list[tuple[str, Any]]:
    """(qualified field name, type) of every field reachable from `cls`."""
    if cls in seen:
        return []
    seen.add(cls)
    out: list[tuple[str, Any]] = []
    for name, tp in typing.get_type_hints(cls).items():
        out.append((f"{cls.__name__}.{name}", tp))
        stack = [tp]
        while stack:
            t = stack.pop()
            if isinstance(t, type) and dataclasses.is_dataclass(t):
                out += _field_types(t, seen)
            stack += list(typing.get_args(t))
    return out


def test_the_model_has_no_path_field_but_the_edition_id() -> None:
    fields = _field_types(Report, set())
    assert len(fields) > 100
    pathish = ("path", "file", "dir", "folder", "url", "link", "template", "font")
    for name, tp in fields:
        leaves = {tp, *typing.get_args(tp)}
        assert not any(isinstance(t, type) and issubclass(t, Path | bytes) for t in leaves), name
        assert types.UnionType not in leaves
        field = name.split(".")[1]
        assert not any(word in field for word in pathish), name
    assert ("UnitInfo.edition", str) in fields  # the one that names a folder: see below


@pytest.mark.parametrize(
    "edition",
    [
        "../../etc/passwd",
        "..",
        "shanxi-2024/../../x",
        "/tmp/x",
        "C:\\Windows\\x",
        "C:x",
        "\\\\server\\share\\x",
        "",
        ".hidden",
        "a b",
        "shanxi-2024\x00",
        "x" * 100,
    ],
)
def test_a_project_file_cannot_point_the_edition_outside_templates(edition: str) -> None:
    data = project_file.to_json(samples.load("datong-2024"))
    data["unit"]["edition"] = edition
    with pytest.raises(ProjectFileError) as err:
        project_file.from_json(data)
    assert err.value.path == "$.unit.edition"


def test_a_well_formed_but_unknown_edition_is_refused_by_name_when_loaded(tmp_path: Path) -> None:
    data = project_file.to_json(samples.load("datong-2024"))
    data["unit"]["edition"] = "guangdong-2030"
    with pytest.raises(ProjectFileError, match="guangdong-2030") as err:
        project_file.from_json(data)
    assert err.value.path == "$.unit.edition"
    # a report made in memory is refused by name where the edition is read
    report = dataclasses.replace(
        samples.load("datong-2024"),
        unit=dataclasses.replace(samples.load("datong-2024").unit, edition="guangdong-2030"),
    )
    with pytest.raises(JuesuanError, match="guangdong-2030"):
        build_outputs(report, tmp_path, formats=["xlsx"])


def test_an_edition_path_in_memory_is_refused_before_any_template_is_read(tmp_path: Path) -> None:
    from desktop.core.text import build_text

    evil = tmp_path / "evil"
    evil.mkdir()
    # Jinja2 is not sandboxed: a template can reach Python; this one only says it ran.
    (evil / "document.md.j2").write_text('= 第一部分 概况\n\n{{ "evil" ~ (6 * 7) }}\n', "utf-8")
    report = samples.load("datong-2024")
    report = dataclasses.replace(report, unit=dataclasses.replace(report.unit, edition=str(evil)))
    try:
        document = build_text(report)
    except JuesuanError:
        return  # refused: what this test wants
    assert "evil42" not in "".join(run.text for run in document.runs())


NAMES = st.one_of(
    st.sampled_from(
        [
            "../../etc/x",
            "..\\..\\Windows\\x",
            "C:\\x",
            "/etc/passwd",
            "\\\\server\\share",
            "..",
            ".",
            "   ",
            'a/b\\c:d*e?f"g<h>i|j',
            "\x00\x1f",
            "单位/../../x",
        ]
    ),
    st.text(max_size=40),
)


@given(NAMES)
def test_output_names_from_report_text_have_no_path_in_them(name: str) -> None:
    report = dataclasses.replace(
        Report(), unit=dataclasses.replace(UnitInfo(), name=name, year=2024)
    )
    stem = _safe(output_stem(report))
    assert stem and stem.strip(" .") == stem
    assert not any(ch in stem for ch in '<>:"/\\|?*') and all(ord(ch) >= 32 for ch in stem)
    assert Path(stem).name == stem and stem not in (".", "..")


@pytest.mark.slow  # five whole workbooks built
@pytest.mark.parametrize("name", ["../../etc/x", "C:\\x", "..", "/abs/x", "a/../../b"])
def test_files_are_written_inside_the_chosen_folder(tmp_path: Path, name: str) -> None:
    out = tmp_path / "输出"
    out.mkdir()
    report = samples.load("jincheng-2022")
    report = dataclasses.replace(report, unit=dataclasses.replace(report.unit, name=name))
    written = build_outputs(report, out, formats=["xlsx"], stem=None)
    for w in written:
        assert w.path.resolve().parent == out.resolve()
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        w.path.name for w in written
    )


# ---------------------------------------------------------------- imported workbooks


def test_openpyxl_parses_with_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


def test_an_entity_bomb_in_an_imported_workbook_is_refused(tmp_path: Path) -> None:
    importers = pytest.importorskip("desktop.core.importers")
    template = tmp_path / "模板.xlsx"
    importers.write_template(template, samples.load("jincheng-2022"))
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&c;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = bomb if info.filename == "xl/worksheets/sheet1.xml" else src.read(info)
            dst.writestr(info.filename, data)
    hostile = tmp_path / "炸弹.xlsx"
    hostile.write_bytes(out.getvalue())
    with pytest.raises(JuesuanError):
        importers.import_workbook(hostile)


@pytest.mark.slow  # a whole workbook built and read back twice
def test_amounts_typed_in_text_cells_stay_numbers_not_formulas(tmp_path: Path) -> None:
    """A negative amount is a number cell (-1,234.50), never the text "-1234.5" that a
    spreadsheet would re-read as a formula."""
    report = samples.load("jincheng-2022")
    report = dataclasses.replace(
        report,
        balances=dataclasses.replace(report.balances, distribution=amount("-1234.50")),
    )
    (written,) = build_outputs(report, tmp_path, formats=["xlsx"], stem="负数")
    assert _formula_cells(written.path) == []
    wb = openpyxl.load_workbook(written.path)
    numbers = [
        c.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, int | float | Decimal) and c.value < 0
    ]
    wb.close()
    assert numbers


@pytest.mark.slow  # a whole workbook built and read back
def test_control_characters_pasted_from_elsewhere_do_not_break_the_workbook(
    tmp_path: Path,
) -> None:
    """Word's manual line break (\\v) and other control characters cannot be stored in a
    workbook (openpyxl raised IllegalCharacterError); they become new lines or go."""
    report = samples.load("jincheng-2022")
    report = dataclasses.replace(
        report,
        unit=dataclasses.replace(report.unit, name="单位\x01名称\x1b"),
        overview=dataclasses.replace(report.overview, duties="第一项\x0b第二项\x0c\ufffe"),
    )
    (written,) = build_outputs(report, tmp_path, formats=["xlsx"], stem="控制字符")
    wb = openpyxl.load_workbook(written.path)
    texts = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    wb.close()
    assert any(isinstance(t, str) and "单位名称" in t for t in texts)


@pytest.mark.slow  # a whole workbook built
def test_a_very_long_unit_name_still_exports(tmp_path: Path) -> None:
    report = samples.load("jincheng-2022")
    long_name = "山西省晋城市某某县某某乡镇人民政府某某事业发展服务中心" * 4
    report = dataclasses.replace(report, unit=dataclasses.replace(report.unit, name=long_name))
    (written,) = build_outputs(report, tmp_path, formats=["xlsx"])
    assert written.path.parent == tmp_path
