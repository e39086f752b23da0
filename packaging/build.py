"""Build the one-folder app with PyInstaller on the machine this runs on (Linux or Windows).

    python packaging/build.py [--clean] [--smoke] [--verbose]

Needs the app's own dependencies installed (`pip install -e .`); installs PyInstaller
with pip if it is missing. Writes dist/juesuan/ (two executables, `juesuan` and
`juesuan-gui`, sharing `_internal/`), using build/pyinstaller/ as its work folder, then
prints the folder, its size and the time taken. --smoke then runs
tests/packaging/smoke_frozen.py on the result. Exit status: 0 when everything worked.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "juesuan.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
OUTPUT = DIST / "juesuan"
PYINSTALLER = "pyinstaller>=6.10,<7"
# What the frozen app imports; `pip install -e .` provides them.
RUNTIME = ("PySide6", "openpyxl", "reportlab", "jinja2", "platformdirs", "defusedxml", "PIL")


def folder_size(path: Path) -> tuple[int, int]:
    """(bytes, files) under `path`, symlinks counted once as links."""
    total = files = 0
    for dirpath, _dirs, names in os.walk(path):
        for name in names:
            total += os.lstat(os.path.join(dirpath, name)).st_size
            files += 1
    return total, files


def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is not None:
        return
    print(f"== PyInstaller is missing: pip install {PYINSTALLER}", flush=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "-q", PYINSTALLER],
        check=True,
    )


def check_runtime() -> None:
    missing = [m for m in RUNTIME if importlib.util.find_spec(m) is None]
    if missing:
        raise SystemExit(
            f"build.py: missing {', '.join(missing)}; install the app first: "
            f'{Path(sys.executable).name} -m pip install -e "{ROOT}"'
        )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Build dist/juesuan/ with PyInstaller.")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's caches first")
    parser.add_argument("--smoke", action="store_true", help="run the smoke test on the result")
    parser.add_argument("--verbose", action="store_true", help="PyInstaller's INFO log")
    args = parser.parse_args(argv)

    check_runtime()
    ensure_pyinstaller()
    icon = ROOT / "resources" / "icons" / "juesuan.ico"
    if not icon.is_file():
        subprocess.run([sys.executable, str(ROOT / "packaging" / "make_icon.py")], check=True)

    cmd = [
        sys.executable, "-m", "PyInstaller", "--noconfirm",
        "--distpath", str(DIST), "--workpath", str(WORK),
        "--log-level", "INFO" if args.verbose else "WARN",
    ]  # fmt: skip
    if args.clean:
        cmd.append("--clean")
    cmd.append(str(SPEC))
    print("==", " ".join(cmd), flush=True)
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True)
    elapsed = time.perf_counter() - started

    exe = ".exe" if sys.platform == "win32" else ""
    for name in ("juesuan", "juesuan-gui"):
        if not (OUTPUT / f"{name}{exe}").is_file():
            raise SystemExit(f"build.py: {name}{exe} is missing from {OUTPUT}")
    size, files = folder_size(OUTPUT)
    print(f"== built {OUTPUT}")
    print(f"   executables: juesuan{exe} (command line), juesuan-gui{exe} (app)")
    print(f"   size: {size / 2**20:.0f} MiB in {files} files; PyInstaller took {elapsed:.0f} s")

    if args.smoke:
        smoke = ROOT / "tests" / "packaging" / "smoke_frozen.py"
        return subprocess.run([sys.executable, str(smoke), str(OUTPUT)], check=False).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
