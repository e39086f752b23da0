"""`juesuan template` and `juesuan import` as a user runs them: real processes, real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core import project_file, samples
from tests.data.messy import SHEET, write_messy_ledger
from tests.test_cli import juesuan

pytestmark = pytest.mark.slow  # every test runs juesuan in new processes


def test_template_from_a_project_then_import_round_trips(tmp_path: Path) -> None:
    project = tmp_path / "d.juesuan"
    assert juesuan("sample", "datong-2024", "--out", str(project)).returncode == 0
    xlsx = tmp_path / "填报模板.xlsx"
    r = juesuan("template", "--out", str(xlsx), "--from", str(project))
    assert r.returncode == 0, r.stderr
    out = tmp_path / "back.juesuan"
    r = juesuan("import", str(xlsx), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "12 个项级科目" in r.stdout
    assert project_file.load(out) == samples.load("datong-2024")


def test_existing_files_are_not_overwritten_without_force(tmp_path: Path) -> None:
    xlsx = tmp_path / "t.xlsx"
    assert juesuan("template", "--out", str(xlsx)).returncode == 0
    r = juesuan("template", "--out", str(xlsx))
    assert r.returncode == 2 and "--force" in r.stderr
    out = tmp_path / "p.juesuan"
    out.write_text("keep me", encoding="utf-8")
    r = juesuan("import", str(xlsx), "-o", str(out))
    assert r.returncode == 2 and "已存在" in r.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    r = juesuan("import", str(xlsx), "-o", str(out), "--force")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "p.juesuan.bak").read_text(encoding="utf-8") == "keep me"


def test_problems_listed_and_nothing_written(tmp_path: Path) -> None:
    messy = write_messy_ledger(tmp_path / "台账.xlsx")
    out = tmp_path / "p.juesuan"
    r = juesuan("import", str(messy), "-o", str(out))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert lines[0] == (
        f"工作表「{SHEET}」 A11：科目编码「20103A1」不是功能分类科目编码（应为3、5或7位数字）"
    )
    assert lines[-1].startswith("juesuan：工作簿有 4 处问题，未导入")
    assert "Traceback" not in r.stderr and not out.exists()
    r = juesuan("import", str(messy), "-o", str(out), "--json")
    problems = json.loads(r.stdout)
    assert r.returncode == 2 and len(problems) == 4
    assert problems[3] == {
        "sheet": SHEET,
        "row": 15,
        "column": "H",
        "message": "合计行的「基本支出」为 1,802,000.00，各项级科目之和为 1,802,652.00，"
        "相差 -652.00",
    }


def test_ledger_sheet_option(tmp_path: Path) -> None:
    messy = write_messy_ledger(tmp_path / "台账.xlsx", clean=True)
    out = tmp_path / "p.juesuan"
    r = juesuan("import", str(messy), "-o", str(out), "--ledger-sheet", SHEET)
    assert r.returncode == 0, r.stderr
    assert len(project_file.load(out).ledger) == 3
    r = juesuan("import", str(messy), "-o", str(tmp_path / "q.json"), "--ledger-sheet", "无此表")
    assert r.returncode == 2 and "没有这个工作表" in r.stderr


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_text("hello", encoding="utf-8")
    r = juesuan("import", str(bad), "-o", str(tmp_path / "p.json"))
    assert r.returncode == 2 and "不是 Excel 工作簿" in r.stderr and "Traceback" not in r.stderr
