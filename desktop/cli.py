"""The `juesuan` command: check, build, sample and rules over project files.

User mistakes (a missing file, a damaged project, a bad option) print one Chinese
line to stderr and exit 2; a report with 错误 findings makes `check` exit 1.
Tracebacks are for bugs only.
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

    b = sub.add_parser("build", help="生成公开表格（Excel）等输出文件")
    b.add_argument("file", type=Path)
    b.add_argument("--out", type=Path, required=True, help="输出文件夹")
    b.add_argument("--unit", choices=["元", "万元"], help="金额单位（默认用项目文件中的设置）")
    b.add_argument("--format", default="xlsx", help="输出格式，逗号分隔，如 xlsx,pdf")
    b.add_argument(
        "--draft", action="store_true", help="生成草稿（每页标注“草稿”，有错误时也可生成）"
    )
    b.add_argument("--json", action="store_true", help="每写出一个文件打印一行 JSON")

    s = sub.add_parser("sample", help="写出内置示例项目")
    s.add_argument("name", choices=samples.names())
    s.add_argument("--out", type=Path, required=True, help="写到的项目文件")

    t = sub.add_parser("text", help="打印生成的概况、情况说明和名词解释")
    t.add_argument("file", type=Path)

    sub.add_parser("rules", help="列出全部审核规则")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args.file, as_json=args.json)
        if args.command == "build":
            return _build(args)
        if args.command == "sample":
            return _sample(args.name, args.out)
        if args.command == "rules":
            return _rules()
        if args.command == "text":
            return _text(args.file)
    except JuesuanError as exc:
        print(f"juesuan：{exc}", file=sys.stderr)
        return EXIT_USAGE
    raise AssertionError(args.command)


def _check(path: Path, *, as_json: bool) -> int:
    report = project_file.load(path)
    findings = run_checks(report)
    if as_json:
        json.dump([f.as_json() for f in findings], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for f in findings:
            print(f"{f.severity.value} [{f.rule}] {f.location}: {f.message}")
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        summary = "，".join(f"{s.value} {n} 项" for s, n in counts.items())
        print(f"审核完成：{summary}" if findings else "审核完成：未发现问题")
    return EXIT_FINDINGS if any(f.severity is Severity.ERROR for f in findings) else 0


def _build(args: argparse.Namespace) -> int:
    from desktop.core.exporters import build_outputs

    report = project_file.load(args.file)
    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    written = build_outputs(
        report, args.out, formats=formats, unit=args.unit, stem=_stem(args.file), draft=args.draft
    )
    for item in written:
        if args.json:
            print(json.dumps({"path": str(item.path), "kind": item.kind}, ensure_ascii=False))
        else:
            print(f"已生成 {item.kind}：{item.path}")
    return 0


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (project_file.SUFFIX, ".json"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _sample(name: str, out: Path) -> int:
    report = samples.load(name)
    project_file.save(report, out, keep_backup=True)
    print(f"已写出示例「{report.unit.name} {report.unit.year}年度」：{out}")
    return 0


def _text(path: Path) -> int:
    from desktop.core.text import build_text, placeholders, plain_text

    document = build_text(project_file.load(path))
    print(plain_text(document), end="")
    owed = placeholders(document)
    if owed:
        print(f"尚缺原因说明 {len(owed)} 处：{'、'.join(owed)}", file=sys.stderr)
    return 0


def _rules() -> int:
    for r in RULES:
        print(f"{r.id}\t{r.severity.value}\t{r.description}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
