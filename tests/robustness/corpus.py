"""The regression corpus of bad inputs (issue 17): every case with its input and the
outcome it must have, and the runner that classifies what actually happened.

    Case(family, name, make, expect) ──classify(case, folder)──> Outcome(kind, detail)
        make(folder) writes the inputs and returns the `Run`: the `juesuan` arguments (or
        a function for what is not a command), the files that must come through untouched
        and the files that must not appear

An outcome is one of:

* ``message`` — refused with a clear Chinese message (exit code 1 or 2, the words the
  case expects on stderr, no traceback, nothing changed on disk but what may change);
* ``done`` — the command did what it should (for the cases whose right answer is to
  work: a name at its limit builds, a long text lays out in linear work);
* ``traceback`` — an exception escaped, or Python printed one after the message
  (「Exception ignored …」 at exit);
* ``hang`` — work that grows faster than the input (measured by counting, never by a
  clock), or a read that would block;
* ``silent`` — accepted what it should have refused (exit 0), or a message without the
  words that say what is wrong;
* ``lost`` — a file that had to survive changed or vanished, a partial file or a
  temporary was left behind.

`tests/robustness/test_corpus.py` asserts every case; `python -m tests.robustness` runs
them all and prints the table by family (the issue's Proof). No case depends on time.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import signal
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from desktop.core import limits, project_file, samples
from desktop.core.model import Reason, Report

LOST_OR_BROKEN = "数据丢失或输出损坏"
CRASH_OR_HANG = "崩溃与卡死"
LET_THROUGH = "悄悄放行"
FAMILIES = (LOST_OR_BROKEN, CRASH_OR_HANG, LET_THROUGH)
KINDS = ("message", "done", "traceback", "hang", "silent", "lost")

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Run:
    """What to run and what must hold afterwards."""

    argv: list[str] = field(default_factory=list)  # `juesuan` arguments
    call: Callable[[], str] | None = None  # instead of a command: returns an outcome kind
    kept: list[Path] = field(default_factory=list)  # files that must come through as they were
    absent: list[Path] = field(default_factory=list)  # files that must not appear
    folder: Path | None = None  # no temporary may be left here
    process: bool = False  # run in a new process (what it prints at exit counts too)
    file_size_limit: int | None = None  # bytes a new process may write: a full disk


@dataclass(frozen=True)
class Case:
    family: str
    name: str
    make: Callable[[Path], Run]
    expect: str = "message"  # "message" or "done"
    says: str = ""  # words the message must hold


@dataclass(frozen=True)
class Outcome:
    kind: str
    detail: str = ""


# ---------------------------------------------------------------- running


def classify(case: Case, folder: Path) -> Outcome:
    run = case.make(folder)
    before = {p: p.read_bytes() for p in run.kept}
    if run.call is not None:  # a check of its own: it names the outcome itself
        try:
            kind = run.call()
        except Exception as exc:  # a bug is what this classifies
            return Outcome("traceback", f"{type(exc).__name__}: {exc}")
        lost = _lost(run, before)
        return Outcome("lost", lost) if lost else Outcome(kind)
    if run.process:
        code, err = _in_process_of_its_own(run)
    else:
        code, err = _here(run.argv)
    lost = _lost(run, before)
    if "Traceback" in err or "Exception ignored" in err:
        return Outcome("traceback", err[-2000:])
    if lost:
        return Outcome("lost", lost)
    if code == 0:
        return Outcome("done") if case.expect == "done" else Outcome("silent", "exit 0")
    if case.expect == "done":
        return Outcome("message", f"refused what should work: {err.strip()}")
    if case.says and case.says not in err:
        return Outcome("silent", f"the message does not say 「{case.says}」: {err.strip()}")
    if not any("\u4e00" <= ch <= "\u9fff" for ch in err):
        return Outcome("silent", f"no Chinese message: {err!r}")
    return Outcome("message", err.strip())


def _here(argv: list[str]) -> tuple[int, str]:
    from desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse's refusals
            code = exc.code if isinstance(exc.code, int) else 2
        except Exception as exc:
            import traceback

            traceback.print_exc(file=err)
            code = 99
            del exc
    return code, err.getvalue()


def _in_process_of_its_own(run: Run) -> tuple[int, str]:
    def limits_for_child() -> None:  # pragma: no cover - runs in the child
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # /dev/zero: no swap storm
        if run.file_size_limit is not None:
            # past the limit a write fails with EFBIG, as on a full disk (not SIGXFSZ)
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            limit = run.file_size_limit
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUTF8": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "desktop.cli", *run.argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=run.folder or ROOT,
        preexec_fn=limits_for_child,
        check=False,
    )
    return done.returncode, done.stderr


def _lost(run: Run, before: dict[Path, bytes]) -> str:
    for path, content in before.items():
        if not path.exists():
            return f"{path.name} vanished"
        if path.read_bytes() != content:
            return f"{path.name} changed"
    for path in run.absent:
        if path.exists():
            return f"{path.name} was written"
    folders = {run.folder} if run.folder else set()
    folders |= {p.parent for p in run.kept}
    for folder in folders:
        if folder is not None and folder.is_dir():
            temps = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
            if temps:
                return f"temporary files left: {temps}"
    return ""


# ---------------------------------------------------------------- inputs


@cache
def _sample_text(name: str) -> str:
    return project_file.dumps(samples.load(name))


def _project(folder: Path, name: str = "单位.juesuan", sample: str = "datong-2024") -> Path:
    path = folder / name
    path.write_text(_sample_text(sample), encoding="utf-8")
    return path


def _edited(folder: Path, edit: Callable[[dict[str, Any]], None], name: str = "改.juesuan") -> Path:
    data = json.loads(_sample_text("datong-2024"))
    edit(data)
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _raw(folder: Path, text: str, name: str = "原文.juesuan") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _unit(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        data["unit"][key] = value

    return edit


def _check_of(path: Path) -> Run:
    return Run(["check", str(path)], kept=[path])


def _report(**changes: Any) -> Report:
    report = samples.load("datong-2024")
    unit = changes.pop("unit", {})
    if unit:
        report = dataclasses.replace(report, unit=dataclasses.replace(report.unit, **unit))
    return dataclasses.replace(report, **changes)


def _saved(folder: Path, report: Report, name: str) -> Path:
    path = folder / name
    project_file.save(report, path, keep_backup=False)
    return path


# ---------------------------------------------------------------- workbooks


@cache
def _template_bytes(folder: str) -> bytes:
    from desktop.core.importers import write_template

    path = Path(folder) / "模板.xlsx"
    write_template(path, samples.load("datong-2024"))
    return path.read_bytes()


def _workbook(folder: Path, change: Callable[[Any], None] | None = None) -> Path:
    """The filled template of 大同 2024, changed as openpyxl lets one change it."""
    from openpyxl import load_workbook

    path = folder / "填报.xlsx"
    path.write_bytes(_template_bytes(str(_scratch())))
    if change is not None:
        wb = load_workbook(path)
        change(wb)
        wb.save(path)
    return path


@cache
def _scratch() -> Path:
    import tempfile

    return Path(tempfile.mkdtemp(prefix="juesuan-corpus-"))


def _ledger_amount_cell(wb: Any) -> Any:
    """The first filled amount cell of the 收入支出 sheet."""
    ws = wb["收入支出"]
    for row in ws.iter_rows(min_row=3):
        for cell in row[2:]:
            if isinstance(cell.value, int | float) and cell.value:
                return cell
    raise AssertionError("no amount in the template")


def _zip_edit(folder: Path, member_edit: Callable[[str, bytes], bytes]) -> Path:
    source = _workbook(folder)
    out = folder / "改过.xlsx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, member_edit(info.filename, zin.read(info.filename)))
    source.unlink()
    return out


def _missing_shared_string(name: str, data: bytes) -> bytes:
    """The 收入支出 sheet's first text cell pointing at shared string 999,999, of none."""
    if name == "xl/worksheets/sheet2.xml":
        import re

        cell = rb't="inlineStr"><is><t>[^<]*</t></is>'
        changed = re.sub(cell, b't="s"><v>999999</v>', data, count=1)
        assert changed != data, "no text cell to change"
        return changed
    return data


def _import(folder: Path, book: Path, *extra: str) -> Run:
    out = folder / "导入.juesuan"
    return Run(["import", str(book), "-o", str(out), *extra], kept=[book], absent=[out])


# ---------------------------------------------------------------- long text, by work


def _measured(report: Report, folder: Path) -> int:
    """How much the PDF measures and breaks while laying out `report`: the characters
    given to the fonts' `stringWidth` (table cells, headings) and the units of text each
    line breaking goes over (`linebreak.fill`, for paragraphs and cells: a paragraph
    broken again on every page it runs over counts again each time)."""
    from reportlab.pdfbase.ttfonts import TTFont

    from desktop.core.exporters import linebreak, pdf_grid, pdf_text
    from desktop.core.exporters.report_pdf import write_report_pdf

    real, real_fill = TTFont.stringWidth, linebreak.fill
    work = 0

    def counted(self: TTFont, text: str, size: float, encoding: str = "utf8") -> float:
        nonlocal work
        work += len(text) + 1
        return real(self, text, size, encoding)

    def counted_fill(items: Any, room: Any, **kw: Any) -> list[linebreak.Line]:
        nonlocal work
        work += sum(len(u.text) for u in items) + 1
        return real_fill(items, room, **kw)

    TTFont.stringWidth = counted  # type: ignore[method-assign]
    pdf_text.fill = pdf_grid.fill = counted_fill  # type: ignore[assignment]
    try:
        write_report_pdf(report, folder / "长.pdf", draft=True)
    finally:
        TTFont.stringWidth = real  # type: ignore[method-assign]
        pdf_text.fill = pdf_grid.fill = real_fill
    return work


def _linear(place: Callable[[Report, str], Report], folder: Path, n: int = 40_000) -> str:
    """'done' when laying out a text twice as long takes at most about twice the work
    (reportlab's own paragraph split took four times: the remainder broken on each page)."""
    _measured(_report(), folder)  # once first: widths measured before are not measured again
    base = _measured(_report(), folder)
    small = _measured(place(_report(), "因" * n), folder) - base
    large = _measured(place(_report(), "因" * 2 * n), folder) - base
    if small < n:
        return "silent"  # the text was not laid out at all: nothing measured
    return "done" if large <= 2.3 * small else "hang"


def _reason(report: Report, text: str) -> Report:
    first = report.reasons[0]
    return dataclasses.replace(report, reasons=(Reason(first.key, text), *report.reasons[1:]))


def _duties(report: Report, text: str) -> Report:
    return dataclasses.replace(report, overview=dataclasses.replace(report.overview, duties=text))


def _goal(report: Report, text: str) -> Report:
    first = dataclasses.replace(report.self_evals[0], goal=text)
    return dataclasses.replace(report, self_evals=(first, *report.self_evals[1:]))


def _build_in_memory(report: Report, folder: Path) -> str:
    from desktop.core.exporters import build_outputs

    build_outputs(report, folder / "出", formats=["xlsx", "pdf"], draft=True)
    return "done"


def _at_limit() -> Report:
    """Every name at `limits.NAME`, the long texts at `limits.TEXT`."""
    name, text = "名" * limits.NAME, "文" * limits.TEXT
    report = _report(unit={"name": name, "department": name})
    first = dataclasses.replace(
        report.self_evals[0],
        name=name,
        unit=name,
        goal=text,
        indicators=tuple(
            dataclasses.replace(i, level3=name, deviation=text)
            for i in report.self_evals[0].indicators
        ),
    )
    report = dataclasses.replace(report, self_evals=(first, *report.self_evals[1:]))
    return _duties(_reason(report, text), text)


# ---------------------------------------------------------------- the cases


def _cases() -> list[Case]:
    cases: list[Case] = []
    add = cases.append

    # ---- data lost or outputs broken
    def build_over_input(fmt: str) -> Callable[[Path], Run]:
        def make(folder: Path) -> Run:
            src = _project(folder, f"单位.{fmt}")
            # a final: a draft is named 「单位（草稿）」, which is never its input 单位.pdf
            return Run(["build", str(src), "--out", str(folder), "--format", fmt], kept=[src])

        return make

    for fmt in ("pdf", "xlsx"):
        add(
            Case(
                LOST_OR_BROKEN,
                f"build over its own input (.{fmt})",
                build_over_input(fmt),
                says="就是本命令读取的文件",
            )
        )
        add(
            Case(
                LOST_OR_BROKEN,
                f"build over its own input with --force (.{fmt})",
                lambda f, fmt=fmt: _with(build_over_input(fmt)(f), "--force"),
                says="就是本命令读取的文件",
            )
        )

    def build_existing(folder: Path) -> Run:
        src = _project(folder)
        old = folder / "单位.xlsx"
        old.write_bytes(b"the previous workbook")
        return Run(
            ["build", str(src), "--out", str(folder), "--format", "xlsx,pdf"],  # a final
            kept=[src, old],
            absent=[folder / "单位.pdf"],
        )

    add(
        Case(
            LOST_OR_BROKEN,
            "build over an existing output without --force",
            build_existing,
            says="--force",
        )
    )

    def sample_twice(folder: Path) -> Run:
        out = folder / "mine.juesuan"
        out.write_text(_sample_text("jincheng-2022"), encoding="utf-8")
        bak = project_file.backup_path(out)
        bak.write_text(_sample_text("jincheng-2022").replace("晋城", "长治"), encoding="utf-8")
        return Run(["sample", "datong-2024", "--out", str(out)], kept=[out, bak])

    add(
        Case(
            LOST_OR_BROKEN,
            "sample over an existing file and its .bak",
            sample_twice,
            says="--force",
        )
    )

    def existing_out(command: str) -> Callable[[Path], Run]:
        def make(folder: Path) -> Run:
            out = folder / ("已有.xlsx" if command == "template" else "已有.juesuan")
            out.write_bytes(b"somebody's file")
            a = _project(folder, "甲.juesuan")
            argv = {
                "template": ["template", "--out", str(out)],
                "import": ["import", str(_workbook(folder)), "-o", str(out)],
                "consolidate": [
                    "consolidate",
                    str(a),
                    str(_project(folder, "乙.juesuan", "jincheng-2022")),
                    "-o",
                    str(out),
                    "--name",
                    "部门",
                ],
                "carryover": ["carryover", str(a), "--from", str(a), "-o", str(out)],
            }[command]
            return Run(argv, kept=[out, a])

        return make

    for command in ("template", "import", "consolidate", "carryover"):
        add(
            Case(
                LOST_OR_BROKEN,
                f"{command} over an existing file without --force",
                existing_out(command),
                says="--force",
            )
        )

    def output_is_input(command: str) -> Callable[[Path], Run]:
        def make(folder: Path) -> Run:
            a = _project(folder, "甲.juesuan")
            b = _project(folder, "乙.juesuan", "jincheng-2022")
            book = _workbook(folder)
            argv = {
                "template": ["template", "--from", str(a), "--out", str(a), "--force"],
                "import": ["import", str(book), "-o", str(book), "--force"],
                "consolidate": [
                    "consolidate",
                    str(a),
                    str(b),
                    "-o",
                    str(b),
                    "--name",
                    "部门",
                    "--force",
                ],
                "carryover": ["carryover", str(a), "--from", str(b), "-o", str(b), "--force"],
            }[command]
            return Run(argv, kept=[a, b, book])

        return make

    for command in ("template", "import", "consolidate", "carryover"):
        add(
            Case(
                LOST_OR_BROKEN,
                f"{command} writing over its own input, even with --force",
                output_is_input(command),
                says="就是本命令读取的文件",
            )
        )

    def full_disk(
        argv_of: Callable[[Path], tuple[list[str], list[Path], list[Path]]],
    ) -> Callable[[Path], Run]:
        def make(folder: Path) -> Run:
            argv, kept, absent = argv_of(folder)
            return Run(
                argv, kept=kept, absent=absent, folder=folder, process=True, file_size_limit=30_000
            )

        return make

    def build_full(folder: Path) -> tuple[list[str], list[Path], list[Path]]:
        src = _project(folder)
        old = folder / "单位.xlsx"
        old.write_bytes(b"the previous workbook")
        return (
            ["build", str(src), "--out", str(folder), "--format", "xlsx,pdf", "--draft", "--force"],
            [src, old],
            [folder / "单位.pdf"],
        )

    def template_full(folder: Path) -> tuple[list[str], list[Path], list[Path]]:
        out = folder / "模板.xlsx"
        return ["template", "--out", str(out)], [], [out]

    def sample_full(folder: Path) -> tuple[list[str], list[Path], list[Path]]:
        out = folder / "新.juesuan"
        return ["sample", "jincheng-2022", "--out", str(out)], [], [out]

    for label, argv_of in (
        ("build", build_full),
        ("template", template_full),
        ("sample", sample_full),
    ):
        add(
            Case(
                LOST_OR_BROKEN,
                f"{label} on a full disk: one message, no partial file",
                full_disk(argv_of),
                says="磁盘",
            )
        )

    def stale_save(folder: Path) -> Run:
        path = _project(folder)
        _report0, stamp = project_file.load_stamped(path)
        path.write_text(_sample_text("jincheng-2022"), encoding="utf-8")  # another window

        def call() -> str:
            try:
                project_file.save(samples.load("datong-2024"), path, expect=stamp)
            except project_file.ChangedOnDiskError:
                return "message"
            return "silent"

        return Run(call=call, kept=[path])

    add(Case(LOST_OR_BROKEN, "a save over a file changed on disk since it was read", stale_save))

    def carryover_changed(folder: Path) -> Run:
        # this year's file changes between the read and the write: the CLI refuses
        this = _saved(
            folder, _report(unit={"year": 2023, "edition": "shanxi-2022"}), "本年.juesuan"
        )
        last = _saved(
            folder, _report(unit={"year": 2022, "edition": "shanxi-2022"}), "上年.juesuan"
        )
        from desktop.core import carry_over as module

        def call() -> str:
            real = module.carry_over

            def meanwhile(*args: Any, **kwargs: Any) -> Any:
                this.write_text(
                    this.read_text(encoding="utf-8").replace("大同", "朔州"), encoding="utf-8"
                )
                return real(*args, **kwargs)

            module.carry_over = meanwhile  # type: ignore[assignment]
            try:
                code, err = _here(
                    ["carryover", str(this), "--from", str(last), "-o", str(this), "--force"]
                )
            finally:
                module.carry_over = real  # type: ignore[assignment]
            if code == 0:
                return "silent"
            return "message" if "已被其他窗口或程序修改" in err else "silent"

        return Run(call=call, kept=[last])

    add(Case(LOST_OR_BROKEN, "carryover in place over a file changed meanwhile", carryover_changed))

    def consolidate_of(*reports: Report) -> Callable[[Path], Run]:
        def make(folder: Path) -> Run:
            files = [_saved(folder, r, f"单位{i}.juesuan") for i, r in enumerate(reports)]
            out = folder / "部门.juesuan"
            return Run(
                ["consolidate", *map(str, files), "-o", str(out), "--name", "部门"],
                kept=files,
                absent=[out],
            )

        return make

    huge = "900000000000000.00"  # 9×10^14 each: the sum is past what a file holds
    big = [
        _report(
            unit={"name": f"单位{i}"},
            ledger=tuple(
                dataclasses.replace(
                    r, income=dataclasses.replace(r.income, general_budget=Decimal(huge))
                )
                for r in _report().ledger
            ),
        )
        for i in range(2)
    ]
    add(
        Case(
            LOST_OR_BROKEN,
            "consolidate to an amount beyond what a file holds",
            consolidate_of(*big),
            says="超出了可以保存的数值范围",
        )
    )
    dept = _report(
        unit={"name": "部门", "consolidated": True, "member_units": ("本级", "所属中心")}
    )
    member = _report(unit={"name": "所属中心"})
    add(
        Case(
            LOST_OR_BROKEN,
            "consolidate a department with one of its own members",
            consolidate_of(dept, member),
            says="已经包含「所属中心」",
        )
    )
    other = _report(
        unit={"name": "另一部门", "consolidated": True, "member_units": ("所属中心", "其他")}
    )
    add(
        Case(
            LOST_OR_BROKEN,
            "consolidate two departments sharing a member",
            consolidate_of(dept, other),
            says="都包含「所属中心」",
        )
    )
    add(
        Case(
            LOST_OR_BROKEN,
            "consolidate one unit twice",
            consolidate_of(member, member),
            says="出现了不止一次",
        )
    )

    def carryover_other(unit: dict[str, Any], says: str) -> Callable[[Path], Run]:
        def make(folder: Path) -> Run:
            this = _saved(
                folder, _report(unit={"year": 2023, "edition": "shanxi-2022"}), "本年.juesuan"
            )
            last = _saved(
                folder,
                _report(unit={"year": 2022, "edition": "shanxi-2022", **unit}),
                "上年.juesuan",
            )
            out = folder / "结果.juesuan"
            return Run(
                ["carryover", str(this), "--from", str(last), "-o", str(out)],
                kept=[this, last],
                absent=[out],
            )

        return make

    add(
        Case(
            LOST_OR_BROKEN,
            "carryover from another unit (name)",
            carryover_other({"name": "别的单位"}, ""),
            says="不是本单位",
        )
    )
    add(
        Case(
            LOST_OR_BROKEN,
            "carryover from another unit (code)",
            carryover_other({"code": "999999"}, ""),
            says="单位编码",
        )
    )

    # ---- crashes and hangs
    for label, edit, says in (
        ("a 2,000-character unit name", _unit("name", "单" * 2000), "名称过长"),
        (
            "a 10,000-character project name",
            lambda d: d["self_evals"][0].__setitem__("name", "项" * 10_000),
            "名称过长",
        ),
        (
            "a 200,000-character reason",
            lambda d: d["reasons"][0].__setitem__("text", "因" * 200_000),
            "文字过长",
        ),
        (
            "a 1,000,000-character 职责",
            lambda d: d["overview"].__setitem__("duties", "职" * 1_000_000),
            "文字过长",
        ),
    ):
        add(
            Case(
                CRASH_OR_HANG,
                f"build with {label}",
                lambda f, e=edit: _build_run(f, _edited(f, e)),
                says=says,
            )
        )
    add(
        Case(
            CRASH_OR_HANG,
            "names and texts at their limits build (xlsx and pdf)",
            lambda f: Run(call=lambda: _build_in_memory(_at_limit(), f)),
            expect="done",
        )
    )
    for label, place in (("a reason", _reason), ("职责", _duties), ("a project's 年度目标", _goal)):
        add(
            Case(
                CRASH_OR_HANG,
                f"{label} laid out in linear work",
                lambda f, p=place: Run(call=lambda: _linear(p, f)),
                expect="done",
            )
        )

    def missing_shared(folder: Path) -> Run:
        return _import(folder, _zip_edit(folder, _missing_shared_string))

    add(
        Case(
            CRASH_OR_HANG,
            "import: a sheet refers to a missing shared string",
            missing_shared,
            says="工作簿已损坏",
        )
    )

    def broken_xml(folder: Path) -> Run:
        def edit(name: str, data: bytes) -> bytes:
            return data[: len(data) // 2] if name == "xl/worksheets/sheet2.xml" else data

        return _import(folder, _zip_edit(folder, edit))

    add(Case(CRASH_OR_HANG, "import: a sheet's XML cut in half", broken_xml, says="工作簿已损坏"))

    def truncated(folder: Path) -> Run:
        book = _workbook(folder)
        book.write_bytes(book.read_bytes()[:5000])
        return _import(folder, book)

    add(Case(CRASH_OR_HANG, "import: a truncated workbook", truncated, says="工作簿已损坏"))
    for label, content, says in (
        ("an old .xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls"),
        ("a text file named .xlsx", "单位,金额\n".encode(), "不是 Excel 工作簿"),
        ("an empty file", b"", "不是 Excel 工作簿"),
    ):
        add(
            Case(
                CRASH_OR_HANG,
                f"import: {label}",
                lambda f, c=content: _import(f, _bytes(f, "x.xlsx", c)),
                says=says,
            )
        )

    def paste_huge(folder: Path) -> Run:
        def call() -> str:
            from desktop.ui.widgets.sheet import parse_clipboard

            text = "因" * 200_000
            rows = parse_clipboard(f'"{text}\n"\t1\n')
            return "done" if rows == [[f"{text}\n", "1"]] else "silent"

        return Run(call=call)

    add(
        Case(
            CRASH_OR_HANG,
            "GUI paste of a quoted 200,000-character field",
            paste_huge,
            expect="done",
        )
    )

    def special(kind: str) -> Callable[[Path], Run]:
        def make(folder: Path) -> Run:
            if kind == "fifo":
                path = folder / "管道.juesuan"
                os.mkfifo(path)
                return Run(call=lambda: _fifo_check(path, ["check", str(path)]))
            if kind == "symlink to /dev/zero":
                path = folder / "零.juesuan"
                path.symlink_to("/dev/zero")
                return Run(["check", str(path)], process=True, folder=folder)
            if kind == "folder":
                path = folder / "文件夹.juesuan"
                path.mkdir()
                return Run(["check", str(path)])
            return Run(["check", kind], process=kind == "/dev/zero")

        return make

    def import_special(kind: str) -> Callable[[Path], Run]:
        def make(folder: Path) -> Run:
            out = folder / "导入.juesuan"
            if kind == "fifo":
                path = folder / "管道.xlsx"
                os.mkfifo(path)
                return Run(call=lambda: _fifo_check(path, ["import", str(path), "-o", str(out)]))
            return Run(["import", kind, "-o", str(out)], absent=[out], process=True)

        return make

    for kind in ("fifo", "/dev/zero"):
        add(
            Case(
                CRASH_OR_HANG,
                f"import of {kind} as a workbook",
                import_special(kind),
                says="不是普通文件",
            )
        )

    for kind, says in (
        ("fifo", "不是普通文件"),
        ("/dev/zero", "不是普通文件"),
        ("symlink to /dev/zero", "不是普通文件"),
        ("/dev/null", "不是普通文件"),
        ("folder", "文件夹"),
        ("/no/such/file.juesuan", "找不到文件"),
    ):
        if kind != "fifo" or hasattr(os, "mkfifo"):
            add(Case(CRASH_OR_HANG, f"check on {kind}", special(kind), says=says))

    # ---- let through silently
    for year in (-2024, 0, 1999, 2101, 9999, 10**30):
        add(
            Case(
                LET_THROUGH,
                f"year {year}",
                lambda f, y=year: _check_of(_edited(f, _unit("year", y))),
                says="$.unit.year",
            )
        )
    for year in ("2024", 2024.0, True, None):
        add(
            Case(
                LET_THROUGH,
                f"year {year!r}",
                lambda f, y=year: _check_of(
                    _raw(
                        f,
                        json.dumps(
                            {
                                **json.loads(_sample_text("datong-2024")),
                                "unit": {
                                    **json.loads(_sample_text("datong-2024"))["unit"],
                                    "year": y,
                                },
                            },
                            ensure_ascii=False,
                        ),
                    )
                ),
                says="unit.year",
            )
        )
    for unit in ("美元", "", "元 ", " 万元", "万 元", "元/万元"):
        add(
            Case(
                LET_THROUGH,
                f"amount_unit {unit!r}",
                lambda f, u=unit: _check_of(_edited(f, _unit("amount_unit", u))),
                says="$.unit.amount_unit",
            )
        )
    for label, text, says in (
        ("a duplicate key at the top", '{"format": "juesuan-report", "format": "x"}', "format"),
        ("a duplicate key in unit", _dup_key_in_unit(), "$.unit.year"),
        ("a duplicate key in a ledger row", _dup_key_in_row(), "$.ledger[0]"),
    ):
        add(Case(LET_THROUGH, label, lambda f, t=text: _check_of(_raw(f, t)), says=says))

    def dup_reasons(data: dict[str, Any]) -> None:
        data["reasons"].append({**data["reasons"][0], "text": "另一个原因"})

    add(
        Case(
            LET_THROUGH,
            "duplicate reason keys",
            lambda f: _check_of(_edited(f, dup_reasons)),
            says="$.reasons[",
        )
    )
    for label, unit, says in (
        ("the 2022 edition for a 2024 report", {"edition": "shanxi-2022"}, "与年度 2024 不符"),
        ("the 2024 edition for a 2022 report", {"year": 2022}, "与年度 2022 不符"),
        ("an unknown edition", {"edition": "guangdong-2030"}, "没有公开表版式"),
        ("an edition that is a path", {"edition": "../../etc"}, "版式编号"),
        ("an empty edition", {"edition": ""}, "版式编号"),
    ):

        def edition_edit(data: dict[str, Any], u: dict[str, Any] = unit) -> None:
            data["unit"].update(u)

        add(Case(LET_THROUGH, label, lambda f, e=edition_edit: _check_of(_edited(f, e)), says=says))
    for fmt, says in (
        ("", "没有指定输出格式"),
        (",", "没有指定输出格式"),
        ("  ", "没有指定输出格式"),
        ("xls", "不支持的输出格式"),
        ("pdf,doc", "不支持的输出格式"),
    ):
        add(
            Case(
                LET_THROUGH,
                f"build --format {fmt!r}",
                lambda f, x=fmt: _format_run(f, x),
                says=says,
            )
        )

    def formula(folder: Path) -> Run:
        def change(wb: Any) -> None:
            _ledger_amount_cell(wb).value = "=1+1"  # openpyxl keeps no computed value

        return _import(folder, _workbook(folder, change))

    add(
        Case(
            LET_THROUGH,
            "import: a formula without a computed value",
            formula,
            says="没有它的计算结果",
        )
    )
    for text in ("12 34", "1 234.56", "１２　３４", "12\t34"):

        def spaced(folder: Path, t: str = text) -> Run:
            def change(wb: Any) -> None:
                _ledger_amount_cell(wb).value = t

            return _import(folder, _workbook(folder, change))

        add(Case(LET_THROUGH, f"import: the amount {text!r}", spaced, says="数字中间有空格"))

    def renamed(sheet: str, to: str | None) -> Callable[[Path], Run]:
        def make(folder: Path) -> Run:
            def change(wb: Any) -> None:
                if to is None:
                    del wb[sheet]
                else:
                    wb[sheet].title = to

            return _import(folder, _workbook(folder, change))

        return make

    for sheet, to in (
        ("收入支出", "Sheet1"),
        ("收入支出", None),
        ("单位信息", "单位"),
        ("单位信息", None),
    ):
        what = "renamed" if to else "missing"
        add(
            Case(
                LET_THROUGH,
                f"import: the {sheet} sheet {what}",
                renamed(sheet, to),
                says="工作簿中没有这个工作表",
            )
        )

    def too_long_cell(folder: Path) -> Run:
        def change(wb: Any) -> None:
            ws = wb["单位信息"]
            for row in ws.iter_rows(min_row=2):
                if row[0].value == "单位名称":
                    row[1].value = "单" * (limits.NAME + 1)

        return _import(folder, _workbook(folder, change))

    add(Case(LET_THROUGH, "import: a unit name over the limit", too_long_cell, says="名称过长"))
    return cases


def _with(run: Run, *extra: str) -> Run:
    run.argv += list(extra)
    return run


def _bytes(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def _build_run(folder: Path, path: Path) -> Run:
    out = folder / "出"
    return Run(
        ["build", str(path), "--out", str(out), "--format", "xlsx,pdf", "--draft"],
        kept=[path],
        absent=[out],
    )


def _format_run(folder: Path, fmt: str) -> Run:
    src = _project(folder)
    out = folder / "出"
    return Run(
        ["build", str(src), "--out", str(out), "--format", fmt, "--draft"], kept=[src], absent=[out]
    )


def _fifo_check(path: Path, argv: list[str]) -> str:
    """A command reading a FIFO (`argv`), in a thread, while this one offers to write to it: a
    loader that opens the FIFO (and would wait for a writer for ever) finds one, gets a
    little JSON and an end, and finishes — so the case ends either way, and says "hang"
    if the loader opened it at all. No clock decides anything."""
    import threading

    got: list[tuple[int, str]] = []
    checker = threading.Thread(target=lambda: got.append(_here(argv)))
    checker.start()
    opened = False
    while checker.is_alive():
        try:  # succeeds only while someone has the FIFO open for reading
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            checker.join(0.005)
            continue
        opened = True
        os.write(fd, b"{}")
        os.close(fd)
        checker.join()
    if opened:
        return "hang"
    code, err = got[0]
    if code == 0:
        return "silent"
    return "message" if "不是普通文件" in err else "silent"


def _dup_key_in_unit() -> str:
    text = _sample_text("datong-2024")
    return text.replace('"year": 2024,', '"year": 2024,\n  "year": 2023,', 1)


def _dup_key_in_row() -> str:
    data = json.loads(_sample_text("datong-2024"))
    code = data["ledger"][0]["code"]
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace(f'"code": "{code}"', f'"code": "{code}", "code": "2010301"', 1)


CASES: tuple[Case, ...] = tuple(_cases())


def table(outcomes: list[tuple[Case, Outcome]]) -> str:
    """The Proof: cases by family, counted by outcome."""
    header = ("family", "cases", "clear message", "done", "traceback", "hang", "silent", "lost")
    rows = []
    for family in FAMILIES:
        kinds = [o.kind for c, o in outcomes if c.family == family]
        rows.append((family, len(kinds), *(kinds.count(k) for k in KINDS)))
    totals = ("all", *(sum(r[i] for r in rows) for i in range(1, len(header))))  # type: ignore[misc]
    lines = [" | ".join(header), " | ".join("---" for _ in header)]
    lines += [" | ".join(str(x) for x in r) for r in (*rows, totals)]
    return "\n".join(lines)
