"""The bundled sample projects in resources/samples/ (`juesuan sample NAME`).

    resources/samples/samples.json ──> SAMPLES: name → what the start page calls it
    resources/samples/<name>.juesuan ──load──> Report

Which samples ship is data: the index names each (a province's sample is a file and a
line of the index, never Python); it is read strictly, and every name must have its file.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core import project_file
from desktop.core.errors import JuesuanError
from desktop.core.layouts.reader import read_layout
from desktop.core.model import Report
from desktop.core.paths import resource


def _index() -> dict[str, str]:
    """The samples' index: name → description, in the order the start page lists them."""
    root = read_layout(resource("samples", "samples.json"))
    fields = root.fields(optional=tuple(root.value) if isinstance(root.value, dict) else ())
    out = {}
    for name, node in fields.items():
        if not resource("samples", f"{name}{project_file.SUFFIX}").is_file():
            raise node.error(f"示例「{name}」没有对应的 {name}{project_file.SUFFIX} 文件")
        out[name] = node.text()
    return out


SAMPLES = _index()


def names() -> list[str]:
    return list(SAMPLES)


def path(name: str) -> Path:
    return resource("samples", f"{name}{project_file.SUFFIX}")


def load(name: str) -> Report:
    if name not in SAMPLES:
        raise JuesuanError(f"没有名为「{name}」的示例，可选：{'、'.join(SAMPLES)}")
    return project_file.load(path(name))
