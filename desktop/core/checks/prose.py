"""Officer prose audit: figures the officer *writes* in text, against the figures the model knows.

    what the officer typed (分析说明, 实际完成情况, 偏差原因, 年度目标, 自评综述 …)
        ──statements──> 「预算执行率99.99%」「预算下达34万元」「总得分95分」「属于“良”」
        ──compare with the project's Evaluation──> [Finding] at that text

Published reports contradict themselves most where an officer restates a figure in prose: the
table says one 执行率, the analysis beside it another. Every figure the text can state is known
to the model, so a statement that disagrees is a 警告 quoting both. The patterns are deliberately
narrow (a keyword right before the figure): a missed statement costs less than a false alarm on
a sound report. A stated figure agrees when the model's figure, rounded to the precision written
(「99%」 is whole per cent, 「33.5万元」 one decimal of 万元), is the same number.

Besides restated figures, four kinds of contradiction in prose are found:
- a year in a 年度目标 that is not the report's year (a goal copied from an old evaluation);
- a project's texts naming what is distinctive of *another* project and nothing of their own
  (an analysis copied from the wrong project);
- a shortfall of people stated in a 偏差原因 while the 数量指标 counting people is met in full;
- an indicator whose 实际完成值 is 0 while the texts say that very work was completed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, replace
from decimal import ROUND_HALF_UP, Decimal

from desktop.core.checks.findings import Finding, Form, Location, Severity, rule, yuan
from desktop.core.checks.self_eval import UNIT_ROW
from desktop.core.derive import Derived
from desktop.core.model import FundingLine, Report, SelfEval, SelfEvalTexts, UnitSelfEval
from desktop.core.money import WAN, Money
from desktop.core.self_eval import (
    Evaluation,
    Grade,
    evaluate,
    evaluate_unit,
    format_points,
    parse_measure,
    summary,
)
from desktop.core.self_eval_tables import report_slots
from desktop.core.vocabulary import FIELD_NAMES, field_name

# ---------------------------------------------------------------- where the officer writes


@dataclass(frozen=True)
class Passage:
    """One text the officer typed, and where it sits."""

    text: str
    location: Location
    label: str  # how the message names the place: 「分析说明“产出情况”」


# the analysis texts as the form names them (the one vocabulary)
_TEXT_LABELS = {
    f.name: FIELD_NAMES[Form.SELF_EVAL][f"texts.{f.name}"] for f in fields(SelfEvalTexts)
}


def project_passages(project: SelfEval) -> Iterator[Passage]:
    """Every text of one project, in form order."""
    yield from _said(project)
    yield from _reasons(project)


_TEXT_FIELDS = tuple(f.name for f in fields(SelfEvalTexts))


def _said(project: SelfEval, *, goal: bool = True) -> Iterator[Passage]:
    """What a project says it set out to do and did: 年度目标, 实际完成情况, the analyses."""
    name = project.name
    if goal:
        yield Passage(project.goal, Location(Form.SELF_EVAL, name, "goal"), "年度目标")
    yield Passage(project.achieved, Location(Form.SELF_EVAL, name, "achieved"), "实际完成情况")
    for f in _TEXT_FIELDS:
        label = _TEXT_LABELS.get(f, f)
        text = getattr(project.texts, f)
        yield Passage(text, Location(Form.SELF_EVAL, name, f"texts.{f}"), f"“{label}”")


def _reasons(project: SelfEval) -> Iterator[Passage]:
    """The reasons a project gives: each 资金来源's and each indicator's."""

    def at(field: str) -> Location:
        return Location(Form.SELF_EVAL, project.name, field)

    for i, line in enumerate(project.funding):
        yield Passage(line.note, at(f"funding[{i}].note"), f"资金来源「{line.source}」的偏差原因")
    for i, ind in enumerate(project.indicators):
        if not (ind.deviation or ind.qualitative_note):
            continue  # nothing written: nothing to read (most indicators)
        where = f"指标「{ind.level3}」的"
        yield Passage(ind.deviation, at(f"indicators[{i}].deviation"), f"{where}偏差原因")
        yield Passage(ind.qualitative_note, at(f"indicators[{i}].qualitative_note"), f"{where}说明")


def unit_passages(report: Report, unit: UnitSelfEval) -> Iterator[Passage]:
    """Every text of the unit's overall evaluation, in form order: its goal and what was
    achieved, the 年度主要任务, the reasons, the 自评综述 and the 评价报告's prose slots."""

    def at(field: str, text: str) -> Passage:
        where = Location(Form.UNIT_EVAL, UNIT_ROW, field)
        return Passage(text, where, field_name(Form.UNIT_EVAL, field))

    yield at("duties_goal", unit.duties_goal)
    yield at("duties_achieved", unit.duties_achieved)
    for i, task in enumerate(unit.tasks):
        yield at(f"tasks[{i}].content", task.content)
        yield at(f"tasks[{i}].achieved", task.achieved)
    for i, line in enumerate(unit.funding):
        yield at(f"funding[{i}].note", line.note)
    for i, ind in enumerate(unit.indicators):
        if ind.deviation or ind.qualitative_note:
            yield at(f"indicators[{i}].deviation", ind.deviation)
            yield at(f"indicators[{i}].qualitative_note", ind.qualitative_note)
    yield at("summary", unit.summary)
    labels = {slot.key: slot.label for slot in report_slots(report)}
    for t in unit.texts:
        # where the 评价报告's slot is written (as `exporters.slot_location` names it)
        label = f"评价报告“{labels.get(t.key, t.key)}”"
        yield Passage(t.text, Location(Form.UNIT_EVAL, t.key, "texts"), label)


def _normal(text: str) -> str:
    # NFKC: full-width digits, ％ and ＝ become ASCII; the extracted reports also carry
    # stray spaces inside figures ("7062862.35 元").
    return unicodedata.normalize("NFKC", text)


def _quote(text: str, start: int, end: int) -> str:
    """The sentence part around a match, for the message (at most ~40 characters)."""
    left = max(text.rfind(p, 0, start) for p in "，。；;,\n")
    right_candidates = [i for i in (text.find(p, end) for p in "，。；;,\n") if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    snippet = text[left + 1 : right].strip()
    if len(snippet) > 40:
        snippet = text[max(start - 12, 0) : min(end + 12, len(text))].strip()
    return snippet


# ---------------------------------------------------------------- stated figures

_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"

# 「预算执行率为99%」「执行率达到100%」「预算执行达到100%」 (not 「满意度…90%」: the keyword must
# stand right before the figure, with at most a linking verb between).
_RATE = re.compile(
    r"(?:预算)?执行(?:率|进度)?\s*(?:为|达到|达|是|约为|仅为|只有|共计|了)?\s*" + _NUMBER + r"\s*%"
)
_BUDGET = re.compile(
    r"预算(?:资金|下达|安排|金额|数)?\s*(?:为|共|共计|合计|是)?\s*" + _NUMBER + r"\s*(万)?元"
)
_EXECUTED = re.compile(
    r"(?:实际执行|实际支付|实际完成支付|执行资金|执行数|执行金额|已执行|已支付)\s*"
    r"(?:为|共|共计|合计|是|了)?\s*" + _NUMBER + r"\s*(万)?元"
)
_TOTAL = re.compile(
    r"(?:总得分|总分|自评得分|综合得分|绩效自评得分)\s*(?:为|是|:)?\s*" + _NUMBER + r"\s*分"
)
_GRADE = re.compile(
    r"(?:属于|等级为|等级是|评定为|评价等级为?)\s*[“\"'「]?\s*(优|良|中|差)\s*[”\"'」]?"
)


def _stated(match: re.Match[str], first: int = 1) -> tuple[Decimal, int]:
    """The number a match states and its decimals."""
    whole, frac = match.group(first), match.group(first + 1) or ""
    return Decimal(whole.replace(",", "") + frac), max(len(frac) - 1, 0)


def _at_precision(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def agrees(stated: Decimal, decimals: int, actual: Decimal) -> bool:
    """Does `stated` (written with `decimals`) say `actual`? 「99%」 says 98.53%."""
    return _at_precision(actual, decimals) == stated


def _amount_agrees(stated: Decimal, decimals: int, wan: bool, candidates: list[Money]) -> bool:
    for c in candidates:
        if c is None:
            continue
        value = c / WAN if wan else c
        if agrees(stated, decimals, value):
            return True
    return False


def _percent(part: Money, whole: Money) -> Decimal | None:
    """part ÷ whole in % unrounded: a statement of 「59%」 is judged against 58.72…, not 58.72."""
    if not whole:
        return None
    return (part if part is not None else Decimal(0)) * 100 / whole


@dataclass(frozen=True)
class Known:
    """The figures a text may restate, for one subject: a project, or the unit as a whole."""

    whose: str  # how the message names the subject: 「项目」「部门整体」
    initial: Money  # 年初预算数
    full_year: Money  # 全年预算数
    executed: Money  # 全年执行数
    budgets: tuple[Money, ...]  # every budget figure a text may mean (overall and per line)
    spent: tuple[Money, ...]  # every 执行数 a text may mean
    total: Decimal | None  # 总分
    grade: Grade | None
    funds: tuple[Money, ...] = ()  # 涉及资金 (the unit's projects taken together)
    share: Decimal | None = None  # the projects' 执行数 of the 项目支出, % unrounded

    @property
    def rate(self) -> Decimal | None:
        return _percent(self.executed, self.full_year)


def _known(
    whose: str,
    overall: tuple[Money, Money, Money],
    lines: tuple[FundingLine, ...],
    score: tuple[Decimal | None, Grade | None],
    *,
    declared: Money = None,
    spent: tuple[Money, ...] = (),
) -> Known:
    """The figures of a subject of `overall` (年初, 全年, 执行) over its funding `lines`: a
    text may state the subject's figure or any one line's."""
    initial, full_year, executed = overall
    return Known(
        whose=whose,
        initial=initial,
        full_year=full_year,
        executed=executed,
        budgets=(
            declared,
            initial,
            full_year,
            *(v for line in lines for v in (line.declared, line.budgeted, line.full_year)),
        ),
        spent=(executed, *spent, *(line.executed for line in lines)),
        total=score[0],
        grade=score[1],
    )


def _project_known(project: SelfEval, e: Evaluation) -> Known:
    overall = (e.budgeted, e.full_year, e.executed)
    return _known("项目", overall, project.funding, (e.total, e.grade), declared=e.declared)


def _unit_known(report: Report, d: Derived) -> Known | None:
    unit, ev = report.unit_self_eval, evaluate_unit(report, d)
    if unit is None or ev is None:
        return None
    overall = (ev.initial, ev.full_year, ev.executed)
    score = (ev.total, ev.grade)
    return _known("部门整体", overall, unit.funding, score, spent=(ev.typed_executed,))


def _with_projects(known: Known, report: Report, d: Derived) -> Known:
    """`known` with the figures of the projects taken together (every project evaluated:
    made only when a text states them)."""
    projects = summary(report, d)
    return replace(
        known,
        funds=(projects.funds, projects.executed, projects.initial),
        share=_percent(projects.executed, projects.project_spending),
    )


@rule(
    "prose.figures",
    Severity.WARNING,
    "文字中写到的执行率、预算数、执行数、总分和等级应与表中数字一致",
    Form.SELF_EVAL,
)
def figures(report: Report, d: Derived) -> Iterator[Finding]:
    for project in report.self_evals:
        known = _project_known(project, evaluate(project, papers=d.papers))
        for passage in project_passages(project):
            yield from _figures_in(known, passage, figures.finding)


@rule(
    "prose.unit_figures",
    Severity.WARNING,
    "部门整体自评和评价报告的文字中写到的执行率、预算数、执行数、涉及资金、占比、"
    "总分和等级应与表中数字一致",
    Form.UNIT_EVAL,
    Form.SELF_EVAL,  # 涉及资金 are the projects'
    Form.LEDGER,  # the unit's 执行数 and 项目支出 are the report's spending
    Form.UNIT,  # the edition names which spending
)
def unit_figures(report: Report, d: Derived) -> Iterator[Finding]:
    unit, known = report.unit_self_eval, _unit_known(report, d)
    if unit is None or known is None:
        return
    passages = [p for p in unit_passages(report, unit) if p.text.strip()]
    for passage in passages:
        yield from _figures_in(known, passage, unit_figures.finding)
    stating = [p for p in passages if _FUNDS.search(t := _normal(p.text)) or _SHARE.search(t)]
    if stating:
        known = _with_projects(known, report, d)
    for passage in stating:
        yield from _projects_in(known, passage)


Reporter = Callable[[Location, str], Finding]  # a rule's `finding`


def _figures_in(known: Known, passage: Passage, finding: Reporter) -> Iterator[Finding]:
    text = _normal(passage.text)
    if not text.strip():
        return
    yield from _rate_in(known, passage, text, finding)
    yield from _amounts_in(known, passage, text, finding)
    yield from _score_in(known, passage, text, finding)


def _quoted(passage: Passage, text: str, m: re.Match[str]) -> str:
    return f"{passage.label}写“{_quote(text, m.start(), m.end())}”，"


def _rate_in(known: Known, passage: Passage, text: str, finding: Reporter) -> Iterator[Finding]:
    """Each 执行率 the text states that the figures do not give."""
    rate = known.rate
    if rate is None:
        return
    for m in _RATE.finditer(text):
        stated, decimals = _stated(m)
        if not agrees(stated, decimals, rate):
            yield finding(
                passage.location,
                f"{_quoted(passage, text, m)}但全年执行数{yuan(known.executed)}÷全年预算数"
                f"{yuan(known.full_year)}＝{_at_precision(rate, max(decimals, 2))}%：请核对",
            )


def _amounts_in(known: Known, passage: Passage, text: str, finding: Reporter) -> Iterator[Finding]:
    """Each 预算数 or 执行数 the text states that is none of the subject's (or its lines')."""
    for m in _BUDGET.finditer(text):
        stated, decimals = _stated(m)
        if not _amount_agrees(stated, decimals, bool(m.group(3)), list(known.budgets)):
            yield finding(
                passage.location,
                f"{_quoted(passage, text, m)}但{known.whose}的预算数为年初{yuan(known.initial)}、"
                f"全年{yuan(known.full_year)}，都不是这个数：请核对",
            )
    executed = known.executed if known.executed is not None else Decimal(0)
    for m in _EXECUTED.finditer(text):
        stated, decimals = _stated(m)
        if not _amount_agrees(stated, decimals, bool(m.group(3)), [executed, *known.spent]):
            yield finding(
                passage.location,
                f"{_quoted(passage, text, m)}但全年执行数为{yuan(known.executed)}：请核对",
            )


def _score_in(known: Known, passage: Passage, text: str, finding: Reporter) -> Iterator[Finding]:
    """A 总分 or 等级 the text states that the scores do not give."""
    if known.total is not None:
        for m in _TOTAL.finditer(text):
            stated, decimals = _stated(m)
            if not agrees(stated, decimals, known.total):
                yield finding(
                    passage.location,
                    f"{_quoted(passage, text, m)}但按各项得分计算总分为"
                    f"{format_points(known.total)}分：请核对",
                )
    if known.grade is not None:
        for m in _GRADE.finditer(text):
            if m.group(1) != known.grade.value:
                yield finding(
                    passage.location,
                    f"{_quoted(passage, text, m)}但总分{format_points(known.total or Decimal(0))}分"
                    f"的等级为“{known.grade.value}”：请核对",
                )


# 「涉及资金8406200元」「涉及项目资金共计840.62万元」: the projects' money taken together
_FUNDS = re.compile(
    r"涉及(?:项目)?资金\s*(?:总额|合计|共计|共|为|总计)*\s*" + _NUMBER + r"\s*(万)?元"
)
# 「占项目支出总额的106%」「占本单位项目支出的比例为98.5%」
_SHARE = re.compile(
    r"占(?:本单位|本部门|单位|部门)?(?:全年|年度)?项目支出(?:总额|总数|决算数|合计)?的?"
    r"(?:比例|比重)?\s*(?:为|是|达到|达)?\s*" + _NUMBER + r"\s*%"
)


def _projects_in(known: Known, passage: Passage) -> Iterator[Finding]:
    """What the unit's texts state of its projects taken together: 涉及资金 and the share
    of the 项目支出 they make (the 执行数 of the projects against the report's 项目支出)."""
    if not passage.text.strip():
        return
    text = _normal(passage.text)
    for m in _FUNDS.finditer(text):
        stated, decimals = _stated(m)
        if known.funds and not _amount_agrees(
            stated, decimals, bool(m.group(3)), list(known.funds)
        ):
            yield unit_figures.finding(
                passage.location,
                f"{passage.label}写“{_quote(text, m.start(), m.end())}”，但自评项目的全年预算数"
                f"合计{yuan(known.funds[0])}、执行数合计{yuan(known.funds[1])}，都不是这个数：请核对",
            )
    if known.share is not None:
        for m in _SHARE.finditer(text):
            stated, decimals = _stated(m)
            if not agrees(stated, decimals, known.share):
                yield unit_figures.finding(
                    passage.location,
                    f"{passage.label}写“{_quote(text, m.start(), m.end())}”，但自评项目的执行数"
                    f"占项目支出{_at_precision(known.share, max(decimals, 2))}%"
                    f"（不应以预算数除以支出数）：请核对",
                )


# ---------------------------------------------------------------- a year from another report

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(?!\d)")


@rule(
    "prose.stale_year",
    Severity.WARNING,
    "年度目标写的年份应为本年度（可能沿用了以前年度的文字）",
    Form.SELF_EVAL,
    Form.UNIT_EVAL,
    Form.UNIT,  # the report's year
)
def stale_year(report: Report, d: Derived) -> Iterator[Finding]:
    goals = [(p.goal, Location(Form.SELF_EVAL, p.name, "goal")) for p in report.self_evals]
    if report.unit_self_eval is not None:
        unit = report.unit_self_eval
        goals.append((unit.duties_goal, Location(Form.UNIT_EVAL, UNIT_ROW, "duties_goal")))
    year = report.unit.year
    for goal, location in goals:
        text = _normal(goal)
        for m in _YEAR.finditer(text):
            said = int(m.group(1))
            # The year before (结转) and after (延续) are ordinary in a goal; further off is
            # a sentence carried over from an older evaluation.
            if abs(said - year) > 1:
                yield stale_year.finding(
                    location,
                    f"{field_name(location.form, location.field)}写"
                    f"“{_quote(text, m.start(), m.end())}”，但这是{year}年度的"
                    f"自评：{said}年的目标可能是沿用以前年度的文字，请核对",
                )
                break


# ---------------------------------------------------------------- text of another project

_MIN_TERM = 4  # shorter pieces of a name (交易, 系统) are common words, not a project's own
_CLAUSE = re.compile(r"[^。；;，,\n]{12,}")  # clauses long enough to be more than a phrase
_COPIED = 0.85  # a clause this close to one of another project's is the same clause
_SAME_GOAL = 0.6  # goals this close are sibling projects (养人1 / 养人2): shared text is expected


def _grams(text: str) -> set[str]:
    """The runs of `_MIN_TERM` characters of a text."""
    return {text[i : i + _MIN_TERM] for i in range(len(text) - _MIN_TERM + 1)}


def _clauses(project: SelfEval) -> list[tuple[Passage, str]]:
    """The clauses of what a project says it did (实际完成情况 and the analysis texts)."""
    out = []
    for p in _said(project, goal=False):
        if p.text:
            out += [(p, m.group(0)) for m in _CLAUSE.finditer(_normal(p.text))]
    return out


def _close(a: str, b: str, floor: float) -> bool:
    """difflib's ratio of `a` and `b` is at least `floor` (its cheap upper bounds first)."""
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return m.real_quick_ratio() >= floor and m.quick_ratio() >= floor and m.ratio() >= floor


@rule(
    "prose.other_project",
    Severity.WARNING,
    "项目的完成情况和分析文字不应是另一个项目的内容（复制自其他项目）",
    Form.SELF_EVAL,
)
def other_project(report: Report, d: Derived) -> Iterator[Finding]:
    """A clause copied from another project's texts that names that project's own subject.

    Both are needed: sibling projects share wording (保障…高效运转), and a word of another
    project's name can be ordinary (工作经费); a copied clause *about the other project's
    subject*, in a project whose goal is a different one, is the copy-and-paste mistake.
    A run of four characters that one project's name alone has is that project's subject:
    an index of those runs finds the candidate pairs, so the cost grows with the text, not
    with the square of the number of projects (a 财政局's thousands)."""
    projects = report.self_evals
    if len(projects) < 2:
        return
    owners: dict[str, set[int]] = {}
    for i, p in enumerate(projects):
        for gram in _grams(_normal(p.name)):
            owners.setdefault(gram, set()).add(i)
    subject = {gram: next(iter(who)) for gram, who in owners.items() if len(who) == 1}
    clauses = [_clauses(p) for p in projects]
    goals = [_normal(p.goal) for p in projects]
    for i in range(len(projects)):
        found = _copied_from(i, projects, subject, clauses, goals)
        if found is not None:
            passage, clause, other = found
            name = _normal(other.name)
            m = difflib.SequenceMatcher(None, clause, name, autojunk=False)
            common = m.find_longest_match(0, len(clause), 0, len(name))
            piece = clause[common.a : common.a + common.size]
            yield other_project.finding(
                passage.location,
                f"{passage.label}写“{clause[:40]}”，与项目「{other.name}」的文字几乎相同、"
                f"说的是它的“{piece}”，而本项目的年度目标是“{goals[i][:30]}”："
                "可能复制了其他项目的文字，请核对",
            )


def _copied_from(
    i: int,
    projects: tuple[SelfEval, ...],
    subject: dict[str, int],
    clauses: list[list[tuple[Passage, str]]],
    goals: list[str],
) -> tuple[Passage, str, SelfEval] | None:
    project = projects[i]
    own = _normal(project.name) + goals[i]
    siblings: dict[int, bool] = {}
    for passage, clause in clauses[i]:
        for gram in _grams(clause):
            j = subject.get(gram)
            if j is None or j == i or gram in own or projects[j].name == project.name:
                continue
            if j not in siblings:
                siblings[j] = _close(goals[i], goals[j], _SAME_GOAL)
            if siblings[j]:
                continue
            if any(_close(clause, theirs, _COPIED) for _, theirs in clauses[j]):
                return passage, clause, projects[j]
    return None


# ---------------------------------------------------------------- a shortfall the indicator denies

_SHORTFALL = re.compile(
    r"(?:离职|辞职|调离|调出|减少|退休|未到岗|空缺|缺编|提前离职)\D{0,4}?(\d+)\s*(?:人|名)"
    r"|(\d+)\s*(?:人|名)[^，。；\d]{0,6}?(?:离职|辞职|调离|调出|减少|退休|未到岗|空缺)"
)
_PEOPLE_UNITS = {"人", "名", "人次"}


@rule(
    "prose.shortfall_denied",
    Severity.WARNING,
    "偏差原因写明人员减少时，按人数计的数量指标不应显示全部完成",
    Form.SELF_EVAL,
)
def shortfall_denied(report: Report, d: Derived) -> Iterator[Finding]:
    for project in report.self_evals:
        stated = _shortfall(project)
        if stated is None:
            continue
        e = evaluate(project, papers=d.papers)
        passage, quote = stated
        for i, (ind, res) in enumerate(zip(project.indicators, e.indicators, strict=True)):
            if "数量" not in ind.level2:
                continue
            target, actual = (
                parse_measure(ind.target or ind.initial_value),
                parse_measure(ind.actual),
            )
            if target is None or actual is None or target.unit not in _PEOPLE_UNITS:
                continue
            if actual.value >= target.value and res.used is not None and res.used >= ind.weight:
                yield shortfall_denied.finding(
                    Location(Form.SELF_EVAL, project.name, f"indicators[{i}].actual"),
                    f"{passage.label}写“{quote}”，但数量指标「{ind.level3}」实际完成值"
                    f"为{ind.actual}、得满分{format_points(ind.weight)}分：请核对实际完成值和得分",
                )


def _shortfall(project: SelfEval) -> tuple[Passage, str] | None:
    implementation = [p for p in _said(project) if p.location.field == "texts.implementation"]
    funding = [p for p in _reasons(project) if p.location.field.startswith("funding")]
    for passage in (*implementation, *funding):
        if not passage.text:
            continue
        text = _normal(passage.text)
        m = _SHORTFALL.search(text)
        if m is not None:
            return passage, _quote(text, m.start(), m.end())
    return None


# ---------------------------------------------------------------- done in prose, 0 in the table

_MEASURE_WORDS = ("次数", "个数", "数量", "人数", "套数", "台数", "数", "次", "率")


def _activity(level3: str) -> str:
    """「软件检测次数」 → 「软件检测」: what the indicator counts."""
    s = _normal(level3).strip()
    for w in _MEASURE_WORDS:
        if s.endswith(w) and len(s) - len(w) >= 2:
            return s[: -len(w)]
    return s


_SENTENCE = re.compile(r"[^。；;\n]+")


@rule(
    "prose.done_but_zero",
    Severity.WARNING,
    "指标实际完成值为0时，文字不应写该项工作已完成",
    Form.SELF_EVAL,
)
def done_but_zero(report: Report, d: Derived) -> Iterator[Finding]:
    for project in report.self_evals:
        prose: list[Passage] | None = None  # read only for a project with a 0
        for i, ind in enumerate(project.indicators):
            if "0" not in ind.actual and "０" not in ind.actual:
                continue  # no 0 written: the common case, decided without parsing
            actual = parse_measure(ind.actual)
            if actual is None or actual.value != 0:
                continue  # the common case, decided before the target is read
            target = parse_measure(ind.target or ind.initial_value)
            if target is None or target.value <= 0:
                continue
            activity = _activity(ind.level3)
            if len(activity) < 2:
                continue
            if prose is None:
                prose = list(_said(project, goal=False))
            for passage in prose:
                text = _normal(passage.text)
                said = next(
                    (
                        s.group(0)
                        for s in _SENTENCE.finditer(text)
                        if "完成" in s.group(0) and activity in s.group(0)
                    ),
                    None,
                )
                if said is not None:
                    yield done_but_zero.finding(
                        Location(Form.SELF_EVAL, project.name, f"indicators[{i}].actual"),
                        f"指标「{ind.level3}」实际完成值为{ind.actual}，但{passage.label}写"
                        f"“{said.strip()[:40]}”：请核对",
                    )
                    break


RULES = (figures, stale_year, other_project, shortfall_denied, done_but_zero)
