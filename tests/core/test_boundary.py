"""The core never imports Qt; file-format libraries stay in the exporters/importers."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "desktop" / "core"
IO_LIBS = {"openpyxl", "reportlab", "pandas", "pypdf"}
IO_HOMES = {"exporters", "importers"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_core_never_imports_qt_or_the_ui() -> None:
    offenders = {
        str(p.relative_to(CORE)): sorted(
            m for m in _imports(p) if m.split(".")[0] == "PySide6" or m.startswith("desktop.ui")
        )
        for p in CORE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_file_format_libraries_only_in_exporters_and_importers() -> None:
    offenders = {}
    for p in CORE.rglob("*.py"):
        rel = p.relative_to(CORE)
        if rel.parts[0] in IO_HOMES:
            continue
        bad = sorted(m for m in _imports(p) if m.split(".")[0] in IO_LIBS)
        if bad:
            offenders[str(rel)] = bad
    assert offenders == {}
