"""Benchmark of the GUI start. Not a test: run

    python tests/bench/bench_startup.py [SAMPLE]      (default datong-2024)

It times, as separate processes and side by side in the same run, a bare QApplication
that shows one empty window and quits after the first event-loop turn, and
`python -m desktop --quit-after-show SAMPLE`: the main window shown with the sample
open, checked and ready for typing, then quit on the first event-loop turn. Both
include interpreter start and exit. The target is under 1.5 s for the app.
Without a display it uses Qt's offscreen platform.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = 5
TARGET_S = 1.5

BARE = (
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "w = QMainWindow(); w.resize(1280, 800); w.show()\n"
    "QTimer.singleShot(0, app.quit)\n"
    "app.exec()\n"
)


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=120
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    return elapsed, done.stdout


@dataclass(frozen=True)
class StartupBench:
    platform: str
    runs: int
    bare_s: float  # bare QApplication + empty window, process start to exit
    app_s: float  # the app on the sample, process start to exit
    inside_s: float | None  # main() to interactive window, as the app reports it


def environment() -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY") and sys.platform != "win32":
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def measure(sample: str = "datong-2024", runs: int = RUNS) -> StartupBench:
    """Medians over `runs` alternating runs; raises SystemExit if the app fails to start."""
    env = environment()
    app_cmd = [sys.executable, "-m", "desktop", "--quit-after-show", sample]
    bare_cmd = [sys.executable, "-c", BARE]
    timed(app_cmd, env)  # warm the file cache and .pyc files once
    bare, app, inside = [], [], []
    for _ in range(runs):
        bare.append(timed(bare_cmd, env)[0])
        elapsed, out = timed(app_cmd, env)
        app.append(elapsed)
        m = re.search(r"interactive after ([\d.]+) s", out)
        if m:
            inside.append(float(m.group(1)))
    return StartupBench(
        platform=env.get("QT_QPA_PLATFORM", "native"),
        runs=runs,
        bare_s=statistics.median(bare),
        app_s=statistics.median(app),
        inside_s=statistics.median(inside) if inside else None,
    )


def main(argv: list[str]) -> int:
    sample = argv[0] if argv else "datong-2024"
    m = measure(sample)
    b, a = m.bare_s, m.app_s
    print(f"platform: {m.platform}, {m.runs} runs, medians")
    print(f"bare QApplication + empty window, process start to exit : {b:.3f} s")
    print(f"决算公开助手 on {sample}, process start to exit        : {a:.3f} s")
    if m.inside_s is not None:
        print(f"  of which main() to interactive window (in process)   : {m.inside_s:.3f} s")
    print(f"  app over bare                                        : {a - b:+.3f} s")
    verdict = "OK" if a < TARGET_S else "SLOWER THAN TARGET"
    print(f"target < {TARGET_S:.1f} s: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
