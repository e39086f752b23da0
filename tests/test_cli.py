"""The `juesuan` command as a user runs it: real processes, real files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow  # every test runs juesuan in new processes


def juesuan(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
    )


@pytest.mark.parametrize("name", ["datong-2024", "jincheng-2022"])
def test_sample_then_check_is_clean(name: str, tmp_path: Path) -> None:
    out = tmp_path / f"{name}.juesuan"
    r = juesuan("sample", name, "--out", str(out))
    assert r.returncode == 0, r.stderr
    r = juesuan("check", str(out))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "审核完成" in r.stdout
    assert "错误" not in r.stdout.split("审核完成")[0]


def test_check_json_and_exit_code_on_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.juesuan"
    doc = {
        "format": "juesuan-report",
        "schema_version": 2,
        "ledger": [{"code": "201035", "income": {"general_budget": "10.00"}}],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    r = juesuan("check", str(path), "--json")
    assert r.returncode == 1
    findings = json.loads(r.stdout)
    level = [f for f in findings if f["rule"] == "codes.functional_level"]
    assert level and level[0]["severity"] == "错误" and level[0]["row"] == "201035"


def test_check_final_lists_what_keeps_the_report_from_being_published(tmp_path: Path) -> None:
    """Missing reasons are 警告 while typing (check exits 0) but a final build refuses
    them: `check --final` lists them as the build would, in words, and exits 1."""
    out = tmp_path / "d.juesuan"
    assert juesuan("sample", "datong-2024", "--out", str(out)).returncode == 0
    assert juesuan("check", str(out), "--final").stdout.splitlines()[-1] == "可以生成正式版"
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["reasons"] = [r for r in doc["reasons"] if r["key"] != "total"]
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert juesuan("check", str(out)).returncode == 0
    r = juesuan("check", str(out), "--final")
    assert r.returncode == 1
    assert "尚不能生成正式版，以下 1 项需要先处理：" in r.stdout
    assert "  - 情况说明缺少：收入、支出总计与上年相比增减的主要原因" in r.stdout.splitlines()
    r = juesuan("check", str(out), "--final", "--json")
    assert r.returncode == 1
    blockers = json.loads(r.stdout)["blockers"]
    assert blockers == [{"message": "情况说明缺少：收入、支出总计与上年相比增减的主要原因"}]


def test_check_says_where_in_chinese_with_separators_and_a_direction(tmp_path: Path) -> None:
    out = tmp_path / "d.juesuan"
    assert juesuan("sample", "datong-2024", "--out", str(out)).returncode == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["balances"]["declared_closing"] = "1234567.50"
    doc["econ"] = []
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    r = juesuan("check", str(out))
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert (
        "错误 [balance.closing] 收入支出（按功能科目） › 年末结转和结余 › "
        "年末结转和结余（填报数，用于核对）：年末结转和结余与收支不平衡："
        "应为0.00元，实为1,234,567.50元，多填1,234,567.50元"
    ) in lines
    assert (
        "错误 [cross.econ_basic] 支出明细（按经济科目） › 合计 › 基本支出："
        "经济分类基本支出合计应等于收支表中一般公共预算财政拨款基本支出："
        "应为2,338,800.00元，实际未填，少填2,338,800.00元"
    ) in lines
    # the rule id in brackets and the officer's own names are the only Latin: no field
    # keys, no raw amounts
    projects = [p["name"] for p in doc["self_evals"]]
    for line in lines[:-1]:
        bare = re.sub(r"\[[a-z_.0-9]+\]", "", line)
        for name in projects:
            bare = bare.replace(name, "")
        assert not re.search(r"[A-Za-z_]", bare), line
        assert not re.search(r"\d{4}\.\d\d", line), line  # 1234.56 without separators
    r = juesuan("check", str(out), "--json")
    where = {f["rule"]: f["where"] for f in json.loads(r.stdout)}
    assert where["cross.econ_basic"] == "支出明细（按经济科目） › 合计 › 基本支出"


def test_user_mistakes_are_one_chinese_line_without_traceback(tmp_path: Path) -> None:
    r = juesuan("check", str(tmp_path / "missing.json"))
    assert r.returncode == 2
    assert "找不到文件" in r.stderr and "Traceback" not in r.stderr
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    r = juesuan("check", str(tmp_path / "x.json"))
    assert r.returncode == 2 and "不是有效的 JSON" in r.stderr and "Traceback" not in r.stderr
    r = juesuan("sample", "nowhere", "--out", str(tmp_path / "y.json"))
    assert r.returncode == 2 and "参数错误" in r.stderr


def test_rules_lists_the_registry() -> None:
    from desktop.core.checks import RULES

    r = juesuan("rules")
    assert r.returncode == 0
    lines = r.stdout.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == [rule.id for rule in RULES]


def test_build_writes_both_formats_and_reports_them_as_json(tmp_path: Path) -> None:
    project = tmp_path / "j.juesuan"
    assert juesuan("sample", "jincheng-2022", "--out", str(project)).returncode == 0
    r = juesuan(
        "build", str(project), "--out", str(tmp_path / "out"), "--format", "xlsx,pdf", "--json"
    )
    assert r.returncode == 0, r.stderr
    items = [json.loads(line) for line in r.stdout.strip().splitlines()]
    assert [i["kind"] for i in items] == ["xlsx", "pdf"]
    assert all(Path(i["path"]).is_file() and Path(i["path"]).stat().st_size > 10_000 for i in items)


def test_final_pdf_refused_with_the_blocking_findings(tmp_path: Path) -> None:
    path = tmp_path / "bad.juesuan"
    doc = {
        "format": "juesuan-report",
        "schema_version": 2,
        "unit": {"name": "测试单位", "edition": "shanxi-2024"},
        "ledger": [{"code": "201035", "income": {"general_budget": "10.00"}}],
    }
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    r = juesuan("build", str(path), "--out", str(tmp_path), "--format", "pdf")
    assert r.returncode == 2 and "正式版" in r.stderr and "201035" in r.stderr
    r = juesuan("build", str(path), "--out", str(tmp_path), "--format", "pdf", "--draft")
    assert r.returncode == 0, r.stderr


def test_sample_without_out_or_into_a_folder_is_named_dot_juesuan(tmp_path: Path) -> None:
    r = juesuan("sample", "datong-2024", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datong-2024.juesuan"]
    folder = tmp_path / "示例"
    folder.mkdir()
    r = juesuan("sample", "jincheng-2022", "--out", str(folder))
    assert r.returncode == 0, r.stderr
    assert [p.name for p in folder.iterdir()] == ["jincheng-2022.juesuan"]
    assert "jincheng-2022.juesuan" in r.stdout


def test_a_project_file_of_an_earlier_version_still_works(tmp_path: Path) -> None:
    legacy = tmp_path / "晋城2022.juesuan.json"
    assert juesuan("sample", "jincheng-2022", "--out", str(legacy)).returncode == 0
    assert legacy.is_file()
    r = juesuan("check", str(legacy))
    assert r.returncode == 0 and "审核完成" in r.stdout, r.stderr
    r = juesuan("build", str(legacy), "--out", str(tmp_path / "out"), "--json")
    assert r.returncode == 0, r.stderr
    assert [Path(json.loads(line)["path"]).name for line in r.stdout.splitlines()] == [
        "晋城2022.xlsx"
    ]
