"""The `juesuan` command: check, build, sample and rules over project files.

Getting data in: template / import (Excel), carryover (last year's file) and
consolidate (汇总) write project files atomically and never overwrite one without --force.

User mistakes (a missing file, a damaged project, a bad option) print one Chinese
line to stderr and exit 2; a report with 错误 findings makes `check` exit 1, and so
does anything that keeps it from being published under `check --final`.
Tracebacks are for bugs only. Findings and blockers name their place and the reasons
they ask for in the officer's words (`desktop.core.vocabulary`), never by field keys.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop.core import project_file, samples
from desktop.core.checks import RULES, Severity, run_checks
from desktop.core.errors import JuesuanError
from desktop.core.overwrite import check_outputs, same_file
from desktop.core.vocabulary import Names, describe_location, missing_text
from desktop.core.workpapers import Workpapers

EXIT_FINDINGS = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"juesuan：参数错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="juesuan", description="决算公开助手：部门决算公开表格、说明和附件的生成与审核"
    )
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    c = sub.add_parser("check", help="审核项目文件，列出全部问题（有“错误”时退出码为1）")
    c.add_argument("file", type=Path)
    c.add_argument("--json", action="store_true", help="以 JSON 输出审核结果")
    c.add_argument(
        "--final",
        action="store_true",
        help="同时列出妨碍生成正式版的问题（缺少的原因说明、未评分的项目等），有则退出码为1",
    )

    b = sub.add_parser("build", help="生成公开表格（Excel）等输出文件")
    b.add_argument("file", type=Path)
    b.add_argument("--out", type=Path, required=True, help="输出文件夹")
    b.add_argument("--unit", choices=["元", "万元"], help="金额单位（默认用项目文件中的设置）")
    b.add_argument(
        "--format",
        default="xlsx",
        help="输出格式，逗号分隔：xlsx（Excel 工作簿）、pdf（PDF 报告）、"
        "docx（可编辑的 Word 文档），如 xlsx,pdf,docx",
    )
    b.add_argument(
        "--draft",
        action="store_true",
        help="生成草稿（文件名带“（草稿）”，每页标注“草稿”，有错误时也可生成）",
    )
    b.add_argument("--json", action="store_true", help="每写出一个文件打印一行 JSON")
    b.add_argument("--force", action="store_true", help="覆盖输出文件夹中已有的同名输出文件")

    s = sub.add_parser("sample", help="写出内置示例项目")
    s.add_argument("name", choices=samples.names())
    s.add_argument(
        "--out",
        type=Path,
        help="写到的项目文件（如 大同2024.juesuan）或文件夹；省略时写到当前文件夹的 示例名.juesuan",
    )
    s.add_argument("--force", action="store_true", help="覆盖已有的文件（原文件保留为 .bak）")

    t = sub.add_parser("text", help="打印生成的概况、情况说明和名词解释")
    t.add_argument("file", type=Path)

    ru = sub.add_parser("rules", help="列出全部审核规则")
    ru.add_argument("--edition", help="按这个版式的表号称呼各表（如 shanxi-2024）；省略时用表名")

    tp = sub.add_parser("template", help="写出 Excel 填报模板（可用已有项目文件填好数字）")
    tp.add_argument("--out", type=Path, required=True, help="写到的 .xlsx 文件")
    tp.add_argument("--from", dest="source", type=Path, help="用这个项目文件的数字填写模板")
    tp.add_argument("--force", action="store_true", help="覆盖已有的文件")

    im = sub.add_parser("import", help="把填好的 Excel 模板（或收支台账）导入为项目文件")
    im.add_argument("file", type=Path)
    im.add_argument("-o", "--out", type=Path, required=True, help="写到的项目文件")
    im.add_argument("--ledger-sheet", help="把这个工作表当作收支台账读取（表头按列名识别）")
    im.add_argument("--force", action="store_true", help="覆盖已有的项目文件（原文件保留为 .bak）")
    im.add_argument("--json", action="store_true", help="有问题时以 JSON 输出全部问题")

    co = sub.add_parser("carryover", help="从上年项目文件带入上年数和年初结转结余")
    co.add_argument("file", type=Path, help="本年项目文件")
    co.add_argument("--from", dest="last", type=Path, required=True, help="上年项目文件")
    co.add_argument("-o", "--out", type=Path, required=True, help="写到的项目文件")
    co.add_argument("--force", action="store_true", help="覆盖已有的项目文件（原文件保留为 .bak）")

    cs = sub.add_parser("consolidate", help="把本级和所属单位的项目文件汇总为部门决算")
    cs.add_argument("files", type=Path, nargs="+", help="各单位的项目文件（本级在前）")
    cs.add_argument("-o", "--out", type=Path, required=True, help="写到的项目文件")
    cs.add_argument("--name", required=True, help="部门名称")
    cs.add_argument("--force", action="store_true", help="覆盖已有的项目文件（原文件保留为 .bak）")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args.file, as_json=args.json, final=args.final)
        if args.command == "build":
            return _build(args)
        if args.command == "sample":
            return _sample(args.name, args.out, force=args.force)
        if args.command == "rules":
            return _rules(args.edition)
        if args.command == "text":
            return _text(args.file)
        if args.command == "template":
            return _template(args)
        if args.command == "import":
            return _import(args)
        if args.command == "carryover":
            return _carryover(args)
        if args.command == "consolidate":
            return _consolidate(args)
    except JuesuanError as exc:
        print(f"juesuan：{exc}", file=sys.stderr)
        return EXIT_USAGE
    raise AssertionError(args.command)


def _check(path: Path, *, as_json: bool, final: bool = False) -> int:
    """List every finding; with `final`, also what keeps the report from being published
    (a final build would refuse it): 错误, blocking 警告, missing reasons and prose."""
    from desktop.core.exporters import publishing_blockers

    report = project_file.load(path)
    papers = Workpapers()
    findings = run_checks(report, papers=papers)
    blockers = publishing_blockers(report, papers=papers, findings=findings) if final else []
    names = Names.of(report)
    if as_json:
        rows = [{**f.as_json(), "where": describe_location(f.location, names)} for f in findings]
        out: object = rows
        if final:
            out = {"findings": rows, "blockers": [{"message": b.line(names)} for b in blockers]}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for f in findings:
            where = describe_location(f.location, names)
            print(f"{f.severity.value} [{f.rule}] {where}：{f.message}")
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        summary = "，".join(f"{s.value} {n} 项" for s, n in counts.items())
        print(f"审核完成：{summary}" if findings else "审核完成：未发现问题")
        if final and blockers:
            print(f"尚不能生成正式版，以下 {len(blockers)} 项需要先处理：")
            for b in blockers:
                print(f"  - {b.line(names)}")
        elif final:
            print("可以生成正式版")
    blocked = any(f.severity is Severity.ERROR for f in findings) or bool(blockers)
    return EXIT_FINDINGS if blocked else 0


def _build(args: argparse.Namespace) -> int:
    from desktop.core.exporters import build_outputs, parse_formats, planned_outputs

    formats = parse_formats(args.format)
    report = project_file.load(args.file)
    stem = project_file.stem(args.file)
    planned = planned_outputs(report, args.out, formats, stem, draft=args.draft)
    check_outputs(planned, inputs=[args.file], force=args.force)
    written = build_outputs(
        report,
        args.out,
        formats=formats,
        unit=args.unit,
        stem=stem,
        draft=args.draft,
        inputs=[args.file],
    )
    for item in written:
        if args.json:
            print(json.dumps({"path": str(item.path), "kind": item.kind}, ensure_ascii=False))
        else:
            print(f"已生成 {item.kind}：{item.path}")
    return 0


def _sample(name: str, out: Path | None, *, force: bool) -> int:
    report = samples.load(name)
    if out is None or out.is_dir():
        out = (out or Path()) / f"{name}{project_file.SUFFIX}"
    check_outputs([out], force=force)
    project_file.save(report, out, keep_backup=True)
    print(f"已写出示例「{report.unit.name} {report.unit.year}年度」：{out}")
    return 0


def _text(path: Path) -> int:
    from desktop.core.text import build_text, placeholders, plain_text

    report = project_file.load(path)
    document = build_text(report)
    print(plain_text(document), end="")
    owed = placeholders(document)
    if owed:
        names = Names.of(report)
        print(f"尚缺 {len(owed)} 处文字：", file=sys.stderr)
        for key in owed:
            print(f"  - {missing_text(key, names)}", file=sys.stderr)
    return 0


def _rules(edition_id: str | None) -> int:
    from desktop.core.editions import load_edition

    edition = load_edition(edition_id) if edition_id else None
    for r in RULES:
        print(f"{r.id}\t{r.severity.value}\t{r.describe(edition)}")
    return 0


def _template(args: argparse.Namespace) -> int:
    from desktop.core.importers import write_template

    check_outputs([args.out], inputs=[args.source] if args.source else [], force=args.force)
    report = project_file.load(args.source) if args.source else None
    write_template(args.out, report)
    what = f"已填入「{report.unit.name}」的数字" if report else "空白模板，含示例行"
    print(f"已写出填报模板（{what}）：{args.out}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from desktop.core.importers import WorkbookImportError, read_workbook

    check_outputs([args.out], inputs=[args.file], force=args.force)
    try:
        read = read_workbook(args.file, ledger_sheet=args.ledger_sheet)
    except WorkbookImportError as exc:
        if args.json:
            json.dump([p.as_json() for p in exc.problems], sys.stdout, ensure_ascii=False, indent=1)
            print()
        else:
            for p in exc.problems:
                print(p, file=sys.stderr)
        print(f"juesuan：工作簿有 {len(exc.problems)} 处问题，未导入：{args.file}", file=sys.stderr)
        return EXIT_USAGE
    for note in read.notes:
        print(f"提示：{note}")
    report = read.report
    project_file.save(report, args.out, keep_backup=True)
    name = report.unit.name or "（未填单位名称）"
    print(
        f"已导入「{name} {report.unit.year}年度」：{len(report.ledger)} 个项级科目，"
        f"{len(report.econ)} 个经济分类科目，{len(report.self_evals)} 个项目 → {args.out}"
    )
    return 0


def _carryover(args: argparse.Namespace) -> int:
    from desktop.core.carry_over import OtherUnitError, carry_over

    this_year, stamp = project_file.load_stamped(args.file)
    last_year = project_file.load(args.last)
    in_place = same_file(args.out, args.file)
    if in_place:
        # The one output that may be an input: this year's file, updated in place when
        # the officer says so, its previous version kept as .bak.
        if not args.force:
            raise JuesuanError(
                f"将覆盖本年项目文件 {args.out}，请确认后加 --force（原文件保留为 .bak）"
            )
        check_outputs([args.out], inputs=[args.last], force=True)
    else:
        check_outputs([args.out], inputs=[args.file, args.last], force=args.force)
    try:
        report, notes = carry_over(this_year, last_year, other_unit=args.force)
    except OtherUnitError as exc:
        raise JuesuanError(f"{exc}。如确为同一单位（如已更名），请加 --force") from None
    for note in notes:
        print(f"· {note}")
    project_file.save(report, args.out, keep_backup=True, expect=stamp if in_place else None)
    print(f"已写出：{args.out}")
    return 0


def _consolidate(args: argparse.Namespace) -> int:
    from desktop.core.consolidate import consolidate

    check_outputs([args.out], inputs=args.files, force=args.force)
    units = [project_file.load(f) for f in args.files]
    report = consolidate(units, args.name)
    project_file.save(report, args.out, keep_backup=True)
    print(f"已汇总 {len(units)} 个单位为「{report.unit.name}」：{args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
