"""Read a report's generated text in a terminal: ``python -m desktop.core.text FILE``.

FILE is a project file (``*.juesuan``, or ``*.juesuan.json`` of earlier versions) or the
name of a bundled sample (``datong-2024``, ``jincheng-2022``). The document is printed as
plain text; what the officer still has to write (placeholders) is listed on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.core import project_file, samples
from desktop.core.errors import JuesuanError
from desktop.core.text import build_text, placeholders, plain_text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m desktop.core.text", description="打印报告的正文（概况、情况说明、名词解释）"
    )
    parser.add_argument("file", help="项目文件（*.juesuan，旧版的 *.juesuan.json 也可）或示例名称")
    args = parser.parse_args(argv)
    try:
        if Path(args.file).exists() or args.file not in samples.names():
            report = project_file.load(args.file)
        else:
            report = samples.load(args.file)
        document = build_text(report)
    except JuesuanError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(plain_text(document))
    missing = placeholders(document)
    if missing:
        print(f"待填写（{len(missing)}处）：{'、'.join(missing)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
