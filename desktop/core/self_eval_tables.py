"""Self-evaluation attachments as grids: one sheet per project, then the unit's own.

    Report ──evaluate()──> Evaluation ──FormScope─┐
    templates/self_eval/<form>.json ──load_form───┴──self_eval_grids──> [Grid]
                                                          ──> Excel · PDF · preview

The layouts are data (`self_eval_forms`); what their bindings name and how a 自评表 prints
it is `self_eval_vocabulary`; the rows are filled and placed by the layout language's
filler and sheet (`layouts.fill`, `layouts.sheet`), as the 公开 tables' are. This module
picks the edition's forms, makes one scope per 附件 and assembles each grid.

Every computed figure (资金总额, 结转结余, 执行率, 执行得分, 得分 used, 总分, 等级) comes
from `evaluate()`; a typed 得分 is printed as typed, since the workbook is what is published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.editions import load_edition
from desktop.core.errors import BindingError
from desktop.core.grid import Grid
from desktop.core.layouts.fill import Filler, render
from desktop.core.layouts.sheet import Sheet, fit_widths
from desktop.core.model import Report, SelfEval
from desktop.core.money import AmountUnit
from desktop.core.self_eval import evaluate
from desktop.core.self_eval_forms import Form, form_for
from desktop.core.self_eval_vocabulary import Format, FormScope

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\：]")


def form_grid(form: Form, scope: FormScope) -> Grid:
    """One 附件: the form's rows filled from `scope`, placed, and titled."""
    n_cols = len(form.widths)
    sheet = Sheet(n_cols)
    for items in Filler(n_cols).rows(form.body, scope):
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
        header_rows=0,
        widths=fit_widths(form.widths, sheet),
        note=render(form.note, scope),
        no_data=False,
        landscape=form.landscape,
        label=label,
        sheet=tab,
    )


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
    def heading(self) -> str:
        return f"{render(self.form.label, self.scope)} {render(self.form.title, self.scope)}"

    @property
    def landscape(self) -> bool:
        return self.form.landscape


def self_eval_attachments(report: Report, unit: AmountUnit | None = None) -> list[Attachment]:
    """附件1… : one per project in the edition's form, then the unit's self-evaluation.

    `unit` overrides the report's amount unit (as `tables.build_tables` does)."""
    forms = load_edition(report.unit.edition).self_eval
    chosen: AmountUnit = unit or ("元" if report.unit.amount_unit == "元" else "万元")
    fmt = Format(chosen, report.unit.year)
    out: list[Attachment] = []
    if report.self_evals:
        form = form_for(forms.project, "project")
        for number, project in enumerate(report.self_evals, start=1):
            e = evaluate(project)
            scope = FormScope(
                report,
                fmt,
                number,
                "project",
                project=project,
                evaluation=e,
                indicators=project.indicators,
                results=e.indicators,
            )
            out.append(Attachment(form, scope))
    overall = report.unit_self_eval
    if overall is not None:
        scored = evaluate(SelfEval(name="", indicators=overall.indicators)).indicators
        scope = FormScope(
            report,
            fmt,
            len(out) + 1,
            "overall",
            overall=overall,
            indicators=overall.indicators,
            results=scored,
        )
        out.append(Attachment(form_for(forms.overall, "overall"), scope))
    return out


def self_eval_grids(report: Report, unit: AmountUnit | None = None) -> list[Grid]:
    """The grids of `self_eval_attachments`, all made."""
    return [a.grid() for a in self_eval_attachments(report, unit)]
