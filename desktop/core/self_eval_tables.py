"""Self-evaluation attachments as grids: one sheet per project, then the unit's own, then
the 部门整体绩效评价报告 and the 项目单位自评汇总表 where the edition prints them.

    Report ──evaluate() · evaluate_unit() · summary()──> FormScope ─┐
    templates/self_eval/<form>.json ──load_form─────────────────────┴──self_eval_grids──> [Grid]
                                                          ──> Excel · PDF · preview

The layouts are data (`self_eval_forms`); what their bindings name and how a 自评表 prints
it is `self_eval_vocabulary`; the rows are filled and placed by the layout language's
filler and sheet (`layouts.fill`, `layouts.sheet`), as the 公开 tables' are. This module
picks the edition's forms, makes one scope per 附件 and assembles each grid.

Every computed figure (资金总额, 结转结余, 执行率, 执行得分, 得分 used, 总分, 等级, 得分率,
per-一级指标 sums, the projects' totals and their share of 项目支出) comes from the engine; a
typed 得分 is printed as typed, since the workbook is what is published. The report's prose
is the officer's, slot by slot (`report_slots`); an unwritten slot prints 【请填写…】 and keeps
the report from being published (`missing_slots`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from desktop.core.derive import derive
from desktop.core.editions import load_edition
from desktop.core.errors import BindingError
from desktop.core.grid import Grid
from desktop.core.layouts.fill import Filler, render
from desktop.core.layouts.grammar import EachBlock
from desktop.core.layouts.sheet import Sheet, fit_widths
from desktop.core.model import Report
from desktop.core.money import AmountUnit
from desktop.core.self_eval import evaluate_all, evaluate_unit, summary
from desktop.core.self_eval_forms import Form, Slot, form_for
from desktop.core.self_eval_vocabulary import Format, FormScope
from desktop.core.workpapers import Workpapers

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\：]")


def form_grid(form: Form, scope: FormScope) -> Grid:
    """One 附件: the form's rows filled from `scope`, placed, and titled."""
    n_cols = len(form.widths)
    sheet = Sheet(n_cols)
    filler = Filler(n_cols)
    head = _heading_blocks(form)
    for items in filler.rows(form.body[:head], scope):
        sheet.add_row(items)
    header_rows = len(sheet.cells)
    for items in filler.rows(form.body[head:], scope):
        sheet.add_row(items)
    unfilled = sheet.unfilled_row()
    if unfilled is not None:
        raise BindingError(f"自评版式「{form.id}」第 {unfilled + 1} 行没有填满 {n_cols} 列")
    label = render(form.label, scope)
    name = render(form.sheet, scope)
    # Excel: at most 31 characters, none of []:*?/\, and no apostrophe at the end.
    tab = f"{label} {_SHEET_FORBIDDEN.sub('_', name)}"[:31].rstrip(" '")
    return Grid(
        number=label,
        title=render(form.title, scope),
        org_label="",
        year_label=render(form.year_label, scope),
        unit_label="",
        cells=tuple(tuple(r) for r in sheet.cells),
        merges=tuple(sheet.merges),
        header_rows=header_rows,
        widths=fit_widths(form.widths, sheet),
        note=render(form.note, scope),
        no_data=False,
        landscape=form.landscape,
        label=label,
        sheet=tab,
    )


def _heading_blocks(form: Form) -> int:
    """How many blocks head a 汇总表's columns (those before its first ``each``): repeated
    on every printed page. Other forms read top to bottom and repeat nothing."""
    if form.kind != "summary":
        return 0
    return next((i for i, b in enumerate(form.body) if isinstance(b, EachBlock)), 0)


@dataclass(frozen=True)
class Attachment:
    """One 附件 to make: its form and what fills it. `grid()` makes it; `heading` (「附件N
    标题」) and `landscape` are known without making it, so that a long report can list
    its attachments first and make each grid only when it writes it."""

    form: Form
    scope: FormScope

    def grid(self) -> Grid:
        return form_grid(self.form, self.scope)

    @property
    def label(self) -> str:
        """「附件3」: what the form prints above its right edge."""
        return render(self.form.label, self.scope)

    @property
    def title(self) -> str:
        return render(self.form.title, self.scope)

    @property
    def number(self) -> str:
        return str(self.scope.number)

    @property
    def heading(self) -> str:
        """「附件3 云桌面项目支出绩效自评分析报告」: the 目录 entry and bookmark, naming the
        project even where the form's title does not (seven 自评分析报告 read alike)."""
        title, project = self.title, self.scope.project
        if project is not None and project.name and project.name not in title:
            title = f"{project.name}{title}"
        return f"{self.label} {title}"

    @property
    def landscape(self) -> bool:
        return self.form.landscape


def self_eval_attachments(
    report: Report, unit: AmountUnit | None = None, *, papers: Workpapers | None = None
) -> list[Attachment]:
    """附件1… : one per project in the edition's form, then the unit's self-evaluation, its
    部门整体绩效评价报告 and the 项目单位自评汇总表 where the edition prints them.

    `unit` overrides the report's amount unit (as `tables.build_tables` does); `papers` are
    the working papers the report is derived and scored in."""
    forms = load_edition(report.unit.edition).self_eval
    chosen: AmountUnit = unit or ("元" if report.unit.amount_unit == "元" else "万元")
    evaluations = evaluate_all(report, papers=papers)
    overall = report.unit_self_eval
    prints_summary = bool(forms.summary and report.self_evals)
    derived = derive(report, papers=papers) if overall or prints_summary else None
    base = FormScope(
        report,
        Format(chosen, report.unit.year),
        0,
        "project",
        evaluations=evaluations,
        performance=summary(report, derived) if derived is not None else None,
    )
    out: list[Attachment] = []

    def add(form: Form, **parts: Any) -> None:
        scope = dataclasses.replace(base, number=len(out) + 1, form=form.kind, **parts)
        out.append(Attachment(form, scope))

    if report.self_evals and forms.project:
        form = form_for(forms.project, "project")
        for n, (project, e) in enumerate(zip(report.self_evals, evaluations, strict=True), 1):
            out.append(Attachment(form, base.of_project(n, project, e, number=n, form="project")))
    unit_evaluation = evaluate_unit(report, derived) if derived is not None else None
    if overall is not None and unit_evaluation is not None:
        unit_parts = {
            "overall": overall,
            "unit_evaluation": unit_evaluation,
            "indicators": overall.indicators,
            "results": unit_evaluation.indicators,
        }
        add(form_for(forms.overall, "overall"), **unit_parts)
        if forms.report:
            form = form_for(forms.report, "report")
            add(form, slots={s.key: s.label for s in form.slots}, **unit_parts)
    if prints_summary:
        add(form_for(forms.summary, "summary"))
    return out


def self_eval_grids(
    report: Report, unit: AmountUnit | None = None, *, papers: Workpapers | None = None
) -> list[Grid]:
    """The grids of `self_eval_attachments`, all made."""
    return [a.grid() for a in self_eval_attachments(report, unit, papers=papers)]


def report_slots(report: Report) -> tuple[Slot, ...]:
    """The prose slots of the edition's 部门整体绩效评价报告, in the order it prints them —
    what the 部门整体自评 page asks the officer to write (none when the edition prints no
    report). Read off the form, so a province's form that asks for more needs no Python."""
    forms = load_edition(report.unit.edition).self_eval
    return form_for(forms.report, "report").slots if forms.report else ()


def missing_slots(report: Report) -> list[Slot]:
    """The slots a report that will be printed still shows as 【请填写…】: a final report is
    refused while any remain (`exporters.publishing_blockers`)."""
    unit = report.unit_self_eval
    if unit is None:
        return []
    return [s for s in report_slots(report) if not unit.text(s.key).strip()]
