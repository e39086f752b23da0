"""Exporters: a report → the files an officer publishes.

    Report ──structure.plan──> ReportPlan: cover · 目录 · text parts · 公开 tables · 附件
        ──xlsx_text.workbook_sheets──> [TextSheet | Grid] ──xlsx.write_workbook──> .xlsx
        ──report_pdf──> .pdf        ──word──> .docx (editable; never read back)

`build_outputs` is what `juesuan build` and the GUI's 生成 call; it returns what it
wrote, one `Output(path, kind)` per file.

Draft or final is decided here, once, for every format: a draft's files are named
「…（草稿）.xlsx」/「…（草稿）.pdf」/「…（草稿）.docx」 (`output_name`), so a final never
replaces a draft nor a draft a final, and each says 草稿 inside (every sheet's header,
every page); a final of any format is refused with the same `publishing_blockers`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from desktop.core.atomic import failure_message
from desktop.core.errors import JuesuanError
from desktop.core.exporters.collection import fewer_collections
from desktop.core.locations import Form, Location
from desktop.core.model import Report
from desktop.core.money import AmountUnit
from desktop.core.overwrite import check_outputs
from desktop.core.vocabulary import Names, describe_location, missing_text
from desktop.core.workpapers import Workpapers

if TYPE_CHECKING:  # the checks import the exporters' vocabulary: named lazily at run time
    from desktop.core.checks import Finding

FORMATS = ("xlsx", "pdf", "docx")
# the whole report (cover, 目录, text, tables, 附件) as one document, from the same plan
WHOLE_REPORTS = ("pdf", "docx")


@dataclass(frozen=True)
class Output:
    path: Path
    kind: str  # "xlsx", "pdf" or "docx"


DRAFT_MARK = "（草稿）"


def output_stem(report: Report) -> str:
    return f"{report.unit.name}{report.unit.year}年度决算公开"


def output_name(report: Report, stem: str | None = None, *, draft: bool = False) -> str:
    """The outputs' file name without its suffix — the one place a draft is named:
    「大同市…2024年度决算公开（草稿）」."""
    name = _safe(stem or output_stem(report))
    return f"{name}{DRAFT_MARK}" if draft else name


def _writing(path: Path, exc: OSError) -> str:
    return failure_message(path, exc, verb="写出", existed=path.exists())


def parse_formats(text: str) -> list[str]:
    """``"xlsx,pdf"`` → ``["xlsx", "pdf"]``; refused unless every name is a known format
    and there is at least one (an empty list would write nothing and say nothing)."""
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    check_formats(formats)
    return list(dict.fromkeys(formats))


def check_formats(formats: Sequence[str]) -> None:
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise JuesuanError(f"不支持的输出格式「{unknown[0]}」，可选：{'、'.join(FORMATS)}")
    if not formats:
        raise JuesuanError(f"没有指定输出格式，可选：{'、'.join(FORMATS)}")


def planned_outputs(
    report: Report,
    out_dir: Path,
    formats: Sequence[str],
    stem: str | None = None,
    *,
    draft: bool = False,
) -> list[Path]:
    """The files `build_outputs` would write, in its order (to ask before replacing them)."""
    name = output_name(report, stem, draft=draft)
    return [Path(out_dir) / f"{name}.{fmt}" for fmt in FORMATS if fmt in formats]


def build_outputs(
    report: Report,
    out_dir: Path,
    *,
    formats: Sequence[str] = ("xlsx",),
    unit: AmountUnit | None = None,
    stem: str | None = None,
    draft: bool = False,
    papers: Workpapers | None = None,
    inputs: Sequence[Path] = (),
) -> list[Output]:
    """Write the chosen formats into `out_dir`, each file atomically (`desktop.core.atomic`).

    An output that would be one of the `inputs` (the project file it was read from) is
    refused (`overwrite.OverwriteError`); whether an existing output may be replaced is
    the caller's to ask first (`planned_outputs`, `overwrite.check_outputs`).

    A final (``draft=False``) of any format is refused with `PublishingBlocked`, before
    anything is written, while 错误 findings or reason placeholders remain; a draft is
    always possible, is named 「…（草稿）」 and says 草稿 on every sheet and page.
    The tables, the checks and the text work from one derivation, kept in `papers` (this
    call's own unless given).
    """
    papers = papers if papers is not None else Workpapers()
    check_formats(formats)
    planned = planned_outputs(report, out_dir, formats, stem, draft=draft)
    check_outputs(planned, inputs=inputs, force=True)
    if not draft:
        blockers = publishing_blockers(report, papers=papers)
        if blockers:
            raise PublishingBlocked(blockers, Names.of(report))
    with fewer_collections():
        return _write(
            report,
            dict(zip((f for f in FORMATS if f in formats), planned, strict=True)),
            unit,
            draft,
            papers,
        )


def _write(
    report: Report,
    targets: dict[str, Path],
    unit: AmountUnit | None,
    draft: bool,
    papers: Workpapers,
) -> list[Output]:
    """Write each format to its target (`planned_outputs`), in `FORMATS` order."""
    written: list[Output] = []
    if "xlsx" in targets:
        from desktop.core.exporters.xlsx import write_workbook
        from desktop.core.exporters.xlsx_text import workbook_sheets
        from desktop.core.structure import plan

        # The plan's order: 封面, 目录, the text parts, the 公开 tables, the 附件 — one
        # sheet each, each grid made as its sheet is written (a 300-unit department has
        # 5,000 attachments).
        sheets = workbook_sheets(plan(report, unit, papers=papers))
        target = targets["xlsx"]
        try:
            path = write_workbook(
                sheets,
                target,
                title=f"{report.unit.name}{report.unit.year}年度决算公开表",
                author=report.unit.name,
                draft=draft,
            )
        except OSError as exc:
            raise JuesuanError(_writing(target, exc)) from None
        written.append(Output(path, "xlsx"))
    for fmt in WHOLE_REPORTS:  # the PDF, then the Word document: the same plan, written
        if fmt not in targets:
            continue
        write, target = _report_writer(fmt), targets[fmt]
        try:
            path = write(report, target, unit=unit, draft=draft, papers=papers)
        except OSError as exc:
            raise JuesuanError(_writing(target, exc)) from None
        written.append(Output(path, fmt))
    return written


def _report_writer(fmt: str) -> ReportWriter:
    """The writer of a whole report: imported when first asked for (reportlab and
    python-docx take a while to load, and a workbook needs neither)."""
    if fmt == "pdf":
        from desktop.core.exporters.report_pdf import write_report_pdf

        return write_report_pdf
    from desktop.core.exporters.word import write_report_docx

    return write_report_docx


class ReportWriter(Protocol):
    def __call__(
        self,
        report: Report,
        path: Path,
        *,
        unit: AmountUnit | None = None,
        draft: bool = False,
        papers: Workpapers | None = None,
    ) -> Path: ...


class PublishingBlocked(JuesuanError):
    """A final output (workbook, PDF or Word document) was asked for while something
    still blocks publishing."""

    def __init__(self, blockers: Sequence[Blocker], names: Names | None = None) -> None:
        self.blockers = list(blockers)
        lines = "\n".join(f"  - {b.line(names)}" for b in self.blockers)
        super().__init__(f"尚不能生成正式版（可先生成草稿），以下问题需要先处理：\n{lines}")


@dataclass(frozen=True)
class Blocker:
    """One thing that keeps a report from being published, and where it is fixed.

    A 错误 finding carries its `location` (the form, row and field the findings panel
    jumps to); a text the document still owes carries its `reason_key` (the placeholder's
    key: a `Reason` key such as ``general_class:201``, or ``overview:duties``). `line()` is
    what `juesuan build` prints, in the officer's words: 「收入支出（按功能科目） › 201035 ›
    科目代码：message」 or 「情况说明缺少：收入、支出总计与上年相比增减的主要原因」.
    """

    message: str
    location: Location | None = None
    reason_key: str | None = None

    def __str__(self) -> str:
        return self.line()

    def line(self, names: Names | None = None) -> str:
        """The blocker as one line; `names` (`Names.of(report)`) names the report's own 科目."""
        if self.location is not None:
            return f"{describe_location(self.location, names)}：{self.message}"
        if self.reason_key is not None:
            return missing_text(self.reason_key, names)
        return self.message

    @classmethod
    def missing_text(cls, key: str) -> Blocker:
        return cls(missing_text(key), reason_key=key)


def publishing_blockers(
    report: Report,
    *,
    papers: Workpapers | None = None,
    findings: Sequence[Finding] | None = None,
) -> list[Blocker]:
    """What keeps a report from being published: 错误 findings, findings of the rules that
    block publishing whatever their severity (a project not yet scored), missing reasons,
    and the prose slots of a 部门整体绩效评价报告 the officer has not written. `findings`:
    the report's full check when the caller has run it already (else it is run here)."""
    from desktop.core.checks import RULES, Severity, run_checks
    from desktop.core.self_eval_tables import missing_slots
    from desktop.core.text import build_text, placeholders

    blocking = {r.id for r in RULES if r.blocks}
    if findings is None:
        findings = run_checks(report, papers=papers)
    out = [
        Blocker(f.message, location=f.location)
        for f in findings
        if f.severity is Severity.ERROR or f.rule in blocking
    ]
    out += [Blocker.missing_text(key) for key in placeholders(build_text(report, papers=papers))]
    out += [
        Blocker(f"部门整体绩效评价报告缺少：{slot.label}", location=slot_location(slot.key))
        for slot in missing_slots(report)
    ]
    return out


def slot_location(key: str) -> Location:
    """Where the officer writes the 评价报告's prose slot `key`: the 部门整体自评 form's
    评价报告文字, row `key`."""
    return Location(Form.UNIT_EVAL, key, "texts")


def _safe(name: str) -> str:
    """A file name without path separators or characters Windows forbids."""
    bad = '<>:"/\\|?*'
    cleaned = "".join("_" if ch in bad or ord(ch) < 32 else ch for ch in name).strip(" .")
    # File systems allow 255 bytes a name; leave room for the suffix (a CJK char is 3 bytes).
    while len(cleaned.encode("utf-8")) > 200:
        cleaned = cleaned[:-1]
    return cleaned.strip(" .") or "决算公开"
