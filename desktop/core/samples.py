"""The bundled sample projects in resources/samples/ (`juesuan sample NAME`)."""

from __future__ import annotations

from pathlib import Path

from desktop.core import project_file
from desktop.core.errors import JuesuanError
from desktop.core.model import Report
from desktop.core.paths import resource

SAMPLES = {
    "datong-2024": "大同市公共资源交易中心 2024年度单位决算（万元）",
    "jincheng-2022": "晋城市公共资源交易中心 2022年度部门决算（元）",
}


def names() -> list[str]:
    return list(SAMPLES)


def path(name: str) -> Path:
    return resource("samples", f"{name}{project_file.SUFFIX}")


def load(name: str) -> Report:
    if name not in SAMPLES:
        raise JuesuanError(f"没有名为「{name}」的示例，可选：{'、'.join(SAMPLES)}")
    return project_file.load(path(name))
