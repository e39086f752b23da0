"""The project file: JSON round trip, migration, damaged files, atomic save."""

from __future__ import annotations

import ast
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core import model, project_file, samples
from desktop.core.errors import ProjectFileError, SaveError

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", samples.names())
def test_samples_round_trip_through_json(name: str, tmp_path: Path) -> None:
    report = samples.load(name)
    path = tmp_path / "r.juesuan"
    project_file.save(report, path)
    again = project_file.load(path)
    assert again == report
    assert project_file.dumps(again) == project_file.dumps(report)


def test_the_file_made_a_piece_at_a_time_is_the_one_json_writes(tmp_path: Path) -> None:
    # `encode` (what `save` writes) joins and encodes the JSON a piece at a time and lets
    # the encoded tree go a record at a time, so that a worker writing it never holds up
    # the window long; the bytes must be json.dumps's, whatever the size.
    from tests.helpers.synthetic import large_report

    big = large_report(rows=1500, projects=150)  # many pieces, names and texts in Chinese
    for report in (*(samples.load(n) for n in samples.names()), model.Report(), big):
        assert project_file.encode(report) == project_file.dumps(report).encode("utf-8")
    tokens = json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(project_file.to_json(big))
    assert sum(1 for _ in tokens) > 10 * project_file._TOKENS_A_PIECE  # many pieces
    expected = project_file.dumps(big).encode("utf-8")
    project_file.save(big, tmp_path / "big.juesuan")
    assert (tmp_path / "big.juesuan").read_bytes() == expected


def test_amounts_are_strings_and_no_figure_is_absent() -> None:
    r = model.Report(
        ledger=(model.LedgerRow("2010350", income=model.Income(general_budget=Decimal("1.50"))),)
    )
    data = project_file.to_json(r)
    row = data["ledger"][0]
    assert row["income"] == {"general_budget": "1.50"}
    assert "other" not in row["income"]


def test_no_float_type_anywhere_in_the_model() -> None:
    # Every field annotation of every model record is free of `float`.
    tree = ast.parse((ROOT / "desktop/core/model.py").read_text(encoding="utf-8"))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    assert "float" not in names


def test_a_float_in_a_file_is_refused_with_its_path() -> None:
    text = json.dumps(
        {"format": "juesuan-report", "schema_version": 2, "ledger": [{"code": "2010350"}]}
    ).replace('"code": "2010350"', '"code": "2010350", "income": {"general_budget": 1.5}')
    with pytest.raises(ProjectFileError, match="应当写成字符串"):
        project_file.loads(text)


@pytest.mark.parametrize(
    ("doc", "message", "path"),
    [
        (
            {"format": "juesuan-report", "schema_version": 2, "unit": {"year": "2024"}},
            "整数",
            "$.unit.year",
        ),
        (
            {"format": "juesuan-report", "schema_version": 2, "ledger": [{}]},
            "code",
            "$.ledger[0].code",
        ),
        (
            {
                "format": "juesuan-report",
                "schema_version": 2,
                "ledger": [{"code": "1", "income": {"x": "1"}}],
            },
            "不认识的字段「x」",
            "$.ledger[0].income.x",
        ),
        (
            {
                "format": "juesuan-report",
                "schema_version": 2,
                "econ": [{"code": "30101", "basic": "一百"}],
            },
            "不是数字",
            "$.econ[0].basic",
        ),
        (
            {"format": "juesuan-report", "schema_version": 2, "unit": {"kind": "公司"}},
            "允许的取值",
            "$.unit.kind",
        ),
        ({"format": "juesuan-report", "schema_version": 99}, "更新版本", "$.schema_version"),
        (
            {"format": "something-else", "schema_version": 2},
            "不是决算公开助手的项目文件",
            "$.format",
        ),
        ([1, 2, 3], "顶层不是对象", "$"),
    ],
)
def test_damaged_files_name_what_and_where(doc: object, message: str, path: str) -> None:
    with pytest.raises(ProjectFileError) as err:
        project_file.loads(json.dumps(doc, ensure_ascii=False))
    assert message in str(err.value)
    assert err.value.path == path


def test_loading_a_broken_file_changes_nothing_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "x.juesuan"
    path.write_bytes(b'{"format": "juesuan-report", "schema_version": 2, "unit": {')
    before = path.read_bytes()
    with pytest.raises(ProjectFileError, match="不是有效的 JSON"):
        project_file.load(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.juesuan"]


def test_missing_and_foreign_files(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="找不到文件"):
        project_file.load(tmp_path / "nope.json")
    (tmp_path / "bin").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ProjectFileError, match="UTF-8"):
        project_file.load(tmp_path / "bin")


def test_schema_1_migrates(tmp_path: Path) -> None:
    v1 = {
        "format": "juesuan-report",
        "schema_version": 1,
        "unit": {"name": "某单位", "year": 2022},
        "reasons": {"total": "人员增加", "sangong": "无"},
    }
    report = project_file.loads(json.dumps(v1, ensure_ascii=False))
    assert report.unit.edition == "shanxi-2022"
    assert report.reason("total") == "人员增加"
    assert report.reason("sangong") == "无"
    assert project_file.to_json(report)["schema_version"] == project_file.SCHEMA_VERSION


def test_save_keeps_the_previous_version_as_backup(tmp_path: Path) -> None:
    path = tmp_path / "r.juesuan"
    old = samples.load("jincheng-2022")
    new = replace(old, unit=replace(old.unit, name="新名称"))
    project_file.save(old, path)
    project_file.save(new, path)
    assert project_file.load(path) == new
    assert project_file.load(project_file.backup_path(path)) == old


def test_a_failure_while_replacing_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.juesuan"
    old = samples.load("jincheng-2022")
    project_file.save(old, path)

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(project_file.os, "replace", boom)
    with pytest.raises(SaveError, match="磁盘空间不足"):
        project_file.save(replace(old, unit=replace(old.unit, name="改")), path)
    monkeypatch.undo()
    assert project_file.load(path) == old
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.slow  # 12 subprocesses killed
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_killing_the_saver_at_random_moments_never_breaks_the_file(tmp_path: Path) -> None:
    """A child saves two versions alternately; we SIGKILL it at random moments."""
    path = tmp_path / "r.juesuan"
    base = samples.load("datong-2024")
    versions = [base, replace(base, unit=replace(base.unit, name="另一个版本"))]
    project_file.save(versions[0], path)
    child = textwrap.dedent(
        f"""
        import sys
        from dataclasses import replace
        from desktop.core import project_file, samples
        base = samples.load("datong-2024")
        versions = [base, replace(base, unit=replace(base.unit, name="另一个版本"))]
        print("ready", flush=True)
        i = 0
        while True:
            project_file.save(versions[i % 2], {str(path)!r})
            i += 1
        """
    )
    rng = random.Random(20261123)
    for _ in range(12):
        proc = subprocess.Popen(
            [sys.executable, "-c", child], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert project_file.load(path) in versions


@pytest.mark.parametrize("text", ["1E+30", "1e3", "10000000000000000"])
def test_exponents_and_absurd_amounts_are_refused(text: str) -> None:
    doc = {
        "format": "juesuan-report",
        "schema_version": 2,
        "econ": [{"code": "30101", "basic": text}],
    }
    with pytest.raises(ProjectFileError, match="不是合理的数值") as err:
        project_file.loads(json.dumps(doc))
    assert err.value.path == "$.econ[0].basic"


# ---------------------------------------------------------------- file names


def test_a_project_file_is_named_dot_juesuan() -> None:
    assert project_file.SUFFIX == ".juesuan"  # the extension packaging/installer.iss associates
    assert all(samples.path(n).name == f"{n}.juesuan" for n in samples.names())
    with_suffix = project_file.with_suffix
    assert with_suffix("d/大同2024") == Path("d/大同2024.juesuan")
    assert with_suffix("大同2024.json") == Path("大同2024.juesuan")
    assert with_suffix("单位2024.12") == Path("单位2024.12.juesuan")  # a dot is not a suffix
    assert with_suffix("大同2024.juesuan") == Path("大同2024.juesuan")
    assert with_suffix("大同2024.JUESUAN") == Path("大同2024.JUESUAN")  # Windows ignores case
    assert with_suffix("旧.juesuan.json") == Path("旧.juesuan.json")  # kept as the officer gave it


def test_names_of_earlier_versions_are_project_files_too() -> None:
    for name in ("x.juesuan", "x.juesuan.json", "X.Juesuan.JSON"):
        assert project_file.has_project_suffix(name)
    assert not project_file.has_project_suffix("x.json")
    assert project_file.is_legacy_name("x.juesuan.json")
    assert not project_file.is_legacy_name("x.juesuan")
    for name in ("大同2024.juesuan", "大同2024.juesuan.json", "大同2024.json", "大同2024.txt"):
        assert project_file.stem(Path("d") / name) == "大同2024"


def test_a_legacy_juesuan_json_file_loads_and_saves_in_place(tmp_path: Path) -> None:
    report = samples.load("jincheng-2022")
    legacy = tmp_path / "晋城2022.juesuan.json"
    legacy.write_text(samples.path("jincheng-2022").read_text(encoding="utf-8"), encoding="utf-8")
    assert project_file.load(legacy) == report
    changed = replace(report, unit=replace(report.unit, name="改名单位"))
    project_file.save(changed, legacy)
    assert project_file.load(legacy) == changed
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "晋城2022.juesuan.json",
        "晋城2022.juesuan.json.bak",
    ]
