"""Exporters: a report → the files an officer publishes.

    Report ──tables.build_tables──────────> [Grid] ──xlsx.write_workbook──> 决算公开表.xlsx
           ──self_eval_tables.self_eval_attachments──> [Grid]  (附件 sheets after the 公开 tables)

`build_outputs` is what `juesuan build` and the GUI's 生成 call; it returns what it
wrote, one `Output(path, kind)` per file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from desktop.core.atomic import failure_message
from desktop.core.errors import JuesuanError
from desktop.core.exporters.collection import fewer_collections
from desktop.core.locations import Form, Location
from desktop.core.model import Report
from desktop.core.money import AmountUnit
from desktop.core.overwrite import check_outputs
from desktop.core.self_eval_tables import self_eval_attachments
from desktop.core.tables import build_tables
from desktop.core.vocabulary import Names, describe_location, missing_text
from desktop.core.workpapers import Workpapers

FORMATS = ("xlsx", "pdf")


@dataclass(frozen=True)
class Output:
    path: Path
    kind: str  # "xlsx" …


def output_stem(report: Report) -> str:
    return f"{report.unit.name}{report.unit.year}年度决算公开"


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
    report: Report, out_dir: Path, formats: Sequence[str], stem: str | None = None
) -> list[Path]:
    """The files `build_outputs` would write, in its order (to ask before replacing them)."""
    name = _safe(stem or output_stem(report))
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

    A final PDF (``draft=False``) is refused with `PublishingBlocked` while 错误 findings
    or reason placeholders remain; a draft is always possible and says 草稿 on every page.
    The tables, the checks and the text work from one derivation, kept in `papers` (this
    call's own unless given).
    """
    papers = papers if papers is not None else Workpapers()
    check_formats(formats)
    check_outputs(planned_outputs(report, out_dir, formats, stem), inputs=inputs, force=True)
    name = _safe(stem or output_stem(report))
    with fewer_collections():
        return _write(report, Path(out_dir), name, formats, unit, draft, papers)


def _write(
    report: Report,
    out_dir: Path,
    name: str,
    formats: Sequence[str],
    unit: AmountUnit | None,
    draft: bool,
    papers: Workpapers,
) -> list[Output]:
    written: list[Output] = []
    if "xlsx" in formats:
        from desktop.core.exporters.xlsx import write_workbook

        # 第五部分 附件: the self-evaluations follow the 公开 tables, one sheet each, each
        # grid made as its sheet is written (a 300-unit department has 5,000 of them).
        attachments = self_eval_attachments(report, unit, papers=papers)
        grids = chain(build_tables(report, unit, papers=papers), (a.grid() for a in attachments))
        target = Path(out_dir) / f"{name}.xlsx"
        try:
            path = write_workbook(
                grids,
                target,
                title=f"{report.unit.name}{report.unit.year}年度决算公开表",
                author=report.unit.name,
            )
        except OSError as exc:
            raise JuesuanError(_writing(target, exc)) from None
        written.append(Output(path, "xlsx"))
    if "pdf" in formats:
        from desktop.core.exporters.report_pdf import write_report_pdf

        if not draft:
            blockers = publishing_blockers(report, papers=papers)
            if blockers:
                raise PublishingBlocked(blockers, Names.of(report))
        target = Path(out_dir) / f"{name}.pdf"
        try:
            path = write_report_pdf(report, target, unit=unit, draft=draft, papers=papers)
        except OSError as exc:
            raise JuesuanError(_writing(target, exc)) from None
        written.append(Output(path, "pdf"))
    return written


class PublishingBlocked(JuesuanError):
    """A final PDF was asked for while something still blocks publishing."""

    def __init__(self, blockers: Sequence[Blocker], names: Names | None = None) -> None:
        self.blockers = list(blockers)
        lines = "\n".join(f"  - {b.line(names)}" for b in self.blockers)
        super().__init__(f"尚不能生成正式版 PDF（可先生成草稿），以下问题需要先处理：\n{lines}")


@dataclass(frozen=True)
class Blocker:
    """One thing that keeps a report from being published, and where it is fixed.

    A 错误 finding carries its `location` (the form, row and field the findings panel
    jumps to); a text the document still owes carries its `reason_key` (the placeholder's
    key: a `Reason` key such as ``general_class:201``, or ``overview:duties``). `line()` is
    what `juesuan build` prints, in the officer's words: 「收入支出（按功能科目） › 201035 ›
    科目编码：message」 or 「情况说明缺少：收入、支出总计与上年相比增减的主要原因」.
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


def publishing_blockers(report: Report, *, papers: Workpapers | None = None) -> list[Blocker]:
    """What keeps a report from being published: 错误 findings, findings of the rules that
    block publishing whatever their severity (a project not yet scored), missing reasons,
    and the prose slots of a 部门整体绩效评价报告 the officer has not written."""
    from desktop.core.checks import RULES, Severity, run_checks
    from desktop.core.self_eval_tables import missing_slots
    from desktop.core.text import build_text, placeholders

    blocking = {r.id for r in RULES if r.blocks}
    out = [
        Blocker(f.message, location=f.location)
        for f in run_checks(report, papers=papers)
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
