"""Output speed: Excel and the complete PDF for each sample, beside LibreOffice converting
the same workbook to PDF, in the same run. Prints a table; asserts nothing.

    python tests/bench/bench_outputs.py
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core import samples
from desktop.core.exporters import build_outputs
from desktop.core.exporters.fonts import font_set


def timed(fn, runs: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    t = time.perf_counter()
    font_set()
    print(f"font registration (once per process): {time.perf_counter() - t:.2f} s")
    print(f"{'sample':<15}{'xlsx':>8}{'pdf':>8}{'LibreOffice xlsx→pdf':>22}{'ratio':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for name in samples.names():
            report = samples.load(name)
            x = timed(lambda r=report, n=name: build_outputs(r, out, formats=["xlsx"], stem=n))
            p = timed(
                lambda r=report, n=name: build_outputs(r, out, formats=["pdf"], stem=n, draft=True)
            )
            lo = float("nan")
            if soffice:
                profile = out / "lo-profile"
                args = [
                    soffice,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(out / "lo"),
                    str(out / f"{name}.xlsx"),
                ]
                subprocess.run(args, capture_output=True, check=True)  # warm the profile
                lo = timed(lambda a=args: subprocess.run(a, capture_output=True, check=True))
            print(f"{name:<15}{x:>7.2f}s{p:>7.2f}s{lo:>21.2f}s{lo / p:>7.1f}×")
    if not soffice:
        print("LibreOffice not installed: no comparison")


if __name__ == "__main__":
    main()
