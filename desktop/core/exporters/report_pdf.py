"""The whole 决算公开 report as one PDF, in the order and under the headings its edition
gives (`desktop.core.structure.plan`).

    ReportPlan: cover · 目录 · part headings · text parts · tables · attachments ──> pdf

Tables and attachments are the same `Grid`s the workbook is written from; the text is
the `Document` of desktop.core.text. This module only turns the plan's items into
sections; `pdf` draws them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.core.dates import compiled_date
from desktop.core.exporters.fonts import font_set
from desktop.core.exporters.pdf import (
    Section,
    Styles,
    grid_section,
    part_section,
    text_sections,
    write_pdf,
)
from desktop.core.model import Report
from desktop.core.money import AmountUnit
from desktop.core.structure import (
    AttachmentItem,
    PartHeading,
    ReportPlan,
    TableItem,
    TextItem,
    plan,
)
from desktop.core.workpapers import Workpapers


def plan_sections(report_plan: ReportPlan, styles: Styles) -> list[Section]:
    """The plan's items as the PDF's sections, in print order."""
    sections: list[Section] = []
    for item in report_plan.items:
        if isinstance(item, PartHeading):
            sections.append(part_section(item.lines, item.title, styles, listed=bool(item.toc)))
        elif isinstance(item, TextItem):
            sections += text_sections(item.part, styles, listed=item.sections)
        elif isinstance(item, (TableItem, AttachmentItem)):
            # each grid made when the build reaches it, and let go once drawn
            sections.append(
                grid_section(
                    item.title,
                    item.grid,
                    styles,
                    item.landscape,
                    listed=bool(item.toc),
                    level=item.level,
                )
            )
    return sections


def write_report_pdf(
    report: Report,
    path: Path,
    *,
    unit: AmountUnit | None = None,
    draft: bool = False,
    papers: Workpapers | None = None,
) -> Path:
    styles = Styles(font_set())
    # the cover's date: the 编制日期 the officer set, else the day it is made
    when = compiled_date(report.unit.compiled_on, date.today())
    report_plan = plan(report, unit, papers=papers, when=when)
    return write_pdf(
        path,
        plan_sections(report_plan, styles),
        unit_name=report.unit.name,
        title=report_plan.title,
        draft=draft,
        cover_lines=[(line.text, line.style) for line in report_plan.cover],
        contents=report_plan.contents,
    )
