"""The whole 决算公开 report as one PDF, in the reference reports' order.

    cover · 目录 · 第一部分 概况 · 第二部分 公开01–10 · 第三部分 情况说明 ·
    第四部分 名词解释 · 第五部分 附件 (project self-evaluations, when present)

Tables and attachments are the same `Grid`s the workbook is written from; the text is
the `Document` of desktop.core.text. This module only orders them; `pdf` draws them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.core.dates import printed_month
from desktop.core.exporters.fonts import font_set
from desktop.core.exporters.pdf import (
    Section,
    Styles,
    grid_section,
    table_sections,
    text_sections,
    write_pdf,
)
from desktop.core.model import Report
from desktop.core.money import AmountUnit
from desktop.core.self_eval_tables import self_eval_attachments
from desktop.core.tables import build_tables
from desktop.core.text import build_text
from desktop.core.workpapers import Workpapers


def report_title(report: Report) -> str:
    """「YYYY年度部门决算公开」 for a department's (汇总) report, 「单位决算」 for one unit."""
    kind = "部门决算" if report.unit.consolidated else "单位决算"
    return f"{report.unit.year}年度{kind}公开"


def write_report_pdf(
    report: Report,
    path: Path,
    *,
    unit: AmountUnit | None = None,
    draft: bool = False,
    papers: Workpapers | None = None,
) -> Path:
    styles = Styles(font_set())
    document = build_text(report, papers=papers)
    parts = {p.title.split()[0]: p for p in document.parts}
    sections: list[Section] = []
    if "第一部分" in parts:
        sections += text_sections(parts["第一部分"], styles)
    title = f"第二部分 {report.unit.year}年部门决算表"
    sections.append(Section(title, 0, (styles.text(title, styles.heading(0)),)))
    sections += table_sections(build_tables(report, unit, papers=papers), styles)
    for key in ("第三部分", "第四部分"):
        if key in parts:
            sections += text_sections(parts[key], styles)
    attachments = self_eval_attachments(report, unit, papers=papers)
    if attachments:
        sections.append(
            Section("第五部分 附件", 0, (styles.text("第五部分 附件", styles.heading(0)),))
        )
        # each grid made when the build reaches it, and let go once drawn
        sections += [grid_section(a.heading, a.grid, styles, a.landscape) for a in attachments]
    return write_pdf(
        path,
        sections,
        unit_name=report.unit.name,
        title=report_title(report),
        draft=draft,
        when=printed_month(report.unit.compiled_on, date.today()),
    )
