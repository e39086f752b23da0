"""Smoke test of the frozen one-folder build (dist/juesuan/ from packaging/build.py).

    python tests/packaging/smoke_frozen.py [FOLDER]

FOLDER defaults to $JUESUAN_FROZEN_DIR, else dist/juesuan.

Runs the frozen executables as a user would, from an empty folder outside the checkout,
with no Python environment variables and the per-user files in a temporary JUESUAN_HOME:

1. the bundle holds resources/ and templates/ at its top (sys._MEIPASS);
2. `juesuan sample datong-2024 --out X` writes a project;
3. `juesuan check X` exits 0;
4. `juesuan build X --out DIR --format xlsx,pdf` writes a real workbook and a real PDF;
5. `juesuan-gui --quit-after-show datong-2024` starts on Qt's offscreen platform, opens
   the sample and exits 0;

then prints how long the command line takes to start (`juesuan rules`, median of 5).
Prints one line per check and closes with 'N passed, N failed'; exit status 1 if any
failed. tests/packaging/test_frozen.py runs the same checks under pytest.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = "datong-2024"
TIMEOUT_S = 180  # per command; a cold first start on a slow CI disk is a few seconds
MIN_XLSX = 20_000  # bytes; the 大同 workbook is ~90 KB
MIN_PDF = 100_000  # bytes; with its embedded font subsets the report is far larger


def default_folder() -> Path:
    return Path(os.environ.get("JUESUAN_FROZEN_DIR") or ROOT / "dist" / "juesuan")


@dataclass
class Frozen:
    """The built folder and a scratch folder to run it in."""

    folder: Path
    work: Path

    def exe(self, name: str) -> Path:
        return self.folder / (name + (".exe" if sys.platform == "win32" else ""))

    @property
    def internal(self) -> Path:
        """sys._MEIPASS: `_internal/` beside the executables (PyInstaller ≥ 6)."""
        inner = self.folder / "_internal"
        return inner if inner.is_dir() else self.folder

    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("PYTHON", "QT_", "JUESUAN_")) and k != "VIRTUAL_ENV"
        }
        env["QT_QPA_PLATFORM"] = "offscreen"
        env["JUESUAN_HOME"] = str(self.work / "home")  # settings, recovery, logs
        return env

    def run(self, name: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.exe(name)), *args],
            cwd=self.work,
            env=self.env(),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT_S,
            check=False,
        )


def _fail(what: str, done: subprocess.CompletedProcess[str]) -> AssertionError:
    return AssertionError(
        f"{what}: exit {done.returncode}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    )


def check_layout(f: Frozen) -> str:
    for name in ("juesuan", "juesuan-gui"):
        assert f.exe(name).is_file(), f"{f.exe(name)} is missing"
    for part in (
        "resources/fonts/wqy-zenhei.ttc",
        "resources/fonts/uming.ttc",
        "resources/fonts/fandolfang.ttf",
        f"resources/samples/{SAMPLE}.juesuan",
        "resources/catalogs/gov_function_codes.csv",
        "resources/icons/juesuan.png",
        "templates/editions/shanxi-2024.json",
    ):
        assert (f.internal / part).is_file(), f"{part} is not in the bundle"
    assert any((f.internal / "templates" / "text").rglob("*")), "templates/text is empty"
    # reportlab loads its C accelerators by exec(): PyInstaller sees them only when told
    accel = [p.name for p in f.internal.rglob("_rl_accel*") if p.suffix in (".so", ".pyd")]
    assert accel, "reportlab's accelerators (_rl_accel) are not in the bundle"
    return f"bundle at {f.internal}, with {accel[0]}"


def check_sample(f: Frozen) -> str:
    done = f.run("juesuan", "sample", SAMPLE, "--out", "项目.juesuan")
    if done.returncode != 0:
        raise _fail("juesuan sample", done)
    project = f.work / "项目.juesuan"
    doc = json.loads(project.read_text(encoding="utf-8"))
    assert doc.get("format") == "juesuan-report", "not a project file"
    return f"{project.name}, {project.stat().st_size:,} bytes"


def check_check(f: Frozen) -> str:
    done = f.run("juesuan", "check", "项目.juesuan")
    if done.returncode != 0 or "审核完成" not in done.stdout:
        raise _fail("juesuan check", done)
    return done.stdout.strip().splitlines()[-1]


def check_build(f: Frozen) -> str:
    done = f.run(
        "juesuan", "build", "项目.juesuan", "--out", "输出", "--format", "xlsx,pdf", "--json"
    )
    if done.returncode != 0:
        raise _fail("juesuan build", done)
    written = [Path(json.loads(line)["path"]) for line in done.stdout.splitlines() if line.strip()]
    by_suffix = {p.suffix: (p if p.is_absolute() else f.work / p) for p in written}
    xlsx, pdf = by_suffix.get(".xlsx"), by_suffix.get(".pdf")
    assert xlsx and xlsx.is_file(), f"no workbook among {written}"
    assert pdf and pdf.is_file(), f"no PDF among {written}"
    assert xlsx.stat().st_size > MIN_XLSX, f"{xlsx.name} is only {xlsx.stat().st_size} bytes"
    assert pdf.stat().st_size > MIN_PDF, f"{pdf.name} is only {pdf.stat().st_size} bytes"
    with zipfile.ZipFile(xlsx) as z:
        assert "xl/workbook.xml" in z.namelist(), "the workbook is not an xlsx"
    with pdf.open("rb") as fh:
        assert fh.read(5) == b"%PDF-", "the PDF has no PDF header"
    return (
        f"{xlsx.name} {xlsx.stat().st_size / 1024:.0f} KB, "
        f"{pdf.name} {pdf.stat().st_size / 1024:.0f} KB"
    )


def check_gui(f: Frozen) -> str:
    started = time.perf_counter()
    done = f.run("juesuan-gui", "--quit-after-show", SAMPLE)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise _fail("juesuan-gui --quit-after-show", done)
    inner = done.stdout.strip()  # "interactive after N s (in process)"; none when windowed
    return f"exit 0 after {elapsed:.2f} s" + (f" ({inner})" if inner else "")


def cli_start_time(f: Frozen, runs: int = 5) -> float:
    """Median wall time of `juesuan rules`: process start, imports, output, exit."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = f.run("juesuan", "rules")
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise _fail("juesuan rules", done)
    return statistics.median(times)


CHECKS: list[tuple[str, Callable[[Frozen], str]]] = [
    ("bundle layout", check_layout),
    (f"juesuan sample {SAMPLE}", check_sample),
    ("juesuan check", check_check),
    ("juesuan build xlsx,pdf", check_build),
    ("juesuan-gui offscreen start and quit", check_gui),
]


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else default_folder()
    if not folder.is_dir():
        print(f"smoke_frozen: no built folder at {folder}; run packaging/build.py first")
        return 2
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="juesuan-smoke-") as tmp:
        f = Frozen(folder.resolve(), Path(tmp))
        for title, check in CHECKS:
            try:
                detail = check(f)
            except (AssertionError, OSError, subprocess.TimeoutExpired, ValueError) as exc:
                failed += 1
                print(f"FAIL {title}: {exc}", flush=True)
            else:
                passed += 1
                print(f"ok   {title}: {detail}", flush=True)
        if not failed:
            print(f"frozen CLI start (juesuan rules, median of 5): {cli_start_time(f):.3f} s")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
