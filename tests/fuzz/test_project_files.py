"""Damaged project files: a clear `ProjectFileError` or a usable report, nothing else.

A sample's JSON is mutated at random — keys deleted or added, values of the wrong type,
huge and malformed numbers, lone surrogates and control characters, deep nesting, old
schema versions with damaged migration input — and sometimes the bytes themselves are
cut short or made invalid UTF-8. Loading must either raise `ProjectFileError` (whose
message a dialog shows as is) or return a report that the checks accept without
crashing and that saves and loads back unchanged. Each example has a hard limit of CPU time.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core import project_file, samples
from desktop.core.checks import run_checks
from desktop.core.errors import ProjectFileError
from desktop.core.model import Report
from tests.fuzz.limits import cpu_limit

BASE: dict[str, Any] = json.loads(samples.path("jincheng-2022").read_text(encoding="utf-8"))

_DEEP = 50_000


def _deep(n: int) -> Any:
    out: Any = []
    for _ in range(min(n, 200)):  # the JSON text is nested deeper below (see _nested_text)
        out = [out]
    return out


WRONG = st.sampled_from(
    [
        None,
        True,
        0,
        -1,
        10**30,
        "",
        "abc",
        "1e999",
        "1E+3",
        "NaN",
        "-Infinity",
        "-0",
        "1.234",
        "9" * 5000,
        "1_000",
        " 12 ",
        "\ud800",
        "a\udfffb",
        "\x00\x01\x1f",
        "行政单位",
        "shanxi-2024",
        "=1+1",
        [],
        {},
        [1, "2"],
        {"x": 1},
        _deep(200),
    ]
)


def _nodes(obj: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [at]
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += _nodes(v, (*at, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += _nodes(v, (*at, i))
    return out


def _parent(obj: Any, at: tuple[Any, ...]) -> Any:
    for step in at[:-1]:
        obj = obj[step]
    return obj


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = json.loads(json.dumps(BASE))
    for _ in range(draw(st.integers(1, 4))):
        nodes = [n for n in _nodes(data) if n]
        kind = draw(st.sampled_from(("delete", "retype", "retype", "add", "version", "huge")))
        if kind == "version":
            data["schema_version"] = draw(st.sampled_from([1, 0, -5, 3, 99, "2", None, 2.0, True]))
            if data["schema_version"] == 1 and draw(st.booleans()):
                data["reasons"] = draw(st.sampled_from([{"total": "x"}, [], "abc", {"k": 5}, None]))
                data["unit"] = draw(st.sampled_from([{"year": 2020}, "abc", 5, [["a", 1]], None]))
            continue
        if not nodes:
            break
        at = draw(st.sampled_from(nodes))
        parent = _parent(data, at)
        if kind == "delete":
            del parent[at[-1]]
        elif kind == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["x", "ledger", "金额", ""]))] = copy.deepcopy(draw(WRONG))
        elif kind == "huge":
            parent[at[-1]] = draw(
                st.sampled_from(["9" * 15, "999999999999999.99", "-99999999999999.999", 10**3000])
            )
        else:  # a copy: later mutations must not change the shared sample values
            parent[at[-1]] = copy.deepcopy(draw(WRONG))
    text = json.dumps(data, ensure_ascii=draw(st.booleans()), allow_nan=True)
    raw = text.encode("utf-8", "surrogatepass")
    damage = draw(st.sampled_from(("none", "none", "none", "cut", "byte", "utf8", "bom", "nest")))
    if damage == "cut":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif damage == "byte":
        i = draw(st.integers(0, len(raw) - 1))
        raw = raw[:i] + bytes([draw(st.integers(0, 255))]) + raw[i + 1 :]
    elif damage == "utf8":
        i = draw(st.integers(0, len(raw)))
        raw = raw[:i] + draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80"])) + raw[i:]
    elif damage == "bom":
        raw = b"\xef\xbb\xbf" + raw
    elif damage == "nest":
        raw = raw[:-2] + b', "x": ' + b"[" * _DEEP + b"]" * _DEEP + b"}\n"
    return raw


FUZZ = settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.slow  # 250 damaged files
@FUZZ
@given(mutated())
def test_a_damaged_project_file_is_a_clear_error_or_a_usable_report(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes
) -> None:
    folder = tmp_path_factory.mktemp("pf")
    path = folder / "x.juesuan"
    path.write_bytes(raw)
    with cpu_limit(10):
        try:
            report = project_file.load(path)
        except ProjectFileError as err:
            assert str(err)
            return
        assert isinstance(report, Report)
        run_checks(report)
        project_file.save(report, path)
        assert project_file.load(path) == report


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[" * _DEEP + "]" * _DEEP, "嵌套"),
        ('{"format": "juesuan-report", "schema_version": ' + "1" * 5000 + "}", "数字"),
        (
            '{"format": "juesuan-report", "schema_version": 2, "unit": {"name": "\\ud800"}}',
            "$.unit.name",
        ),
        ('{"format": "juesuan-report", "schema_version": 1, "unit": "abc"}', "$.unit"),
        ('{"format": "juesuan-report", "schema_version": 1, "unit": 5}', "$.unit"),
    ],
)
def test_known_traps_are_project_file_errors(text: str, says: str) -> None:
    with cpu_limit(10), pytest.raises(ProjectFileError, match=says.replace("$", r"\$")):
        project_file.loads(text)


def test_every_sample_round_trips(tmp_path: Path) -> None:
    for name in samples.names():
        report = samples.load(name)
        project_file.save(report, tmp_path / "x.juesuan")
        assert project_file.load(tmp_path / "x.juesuan") == report
