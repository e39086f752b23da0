"""The packaging files agree with the package: fast checks that need no build."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


@pytest.fixture(scope="module")
def version_info() -> ModuleType:
    sys.path.insert(0, str(PACKAGING))
    try:
        import version_info as module  # packaging/version_info.py
    finally:
        sys.path.remove(str(PACKAGING))
    return module


def test_version_resources_are_current(version_info: ModuleType) -> None:
    """packaging/version_info*.txt carry pyproject's version (rerun version_info.py if not)."""
    version = version_info.package_version()
    for name, (exe, description) in version_info.EXECUTABLES.items():
        text = (PACKAGING / name).read_text(encoding="utf-8")
        assert text == version_info.render(version, exe, description), name
        assert f"'ProductVersion', '{version}'" in text


def test_package_and_pyproject_versions_agree(version_info: ModuleType) -> None:
    import desktop

    assert desktop.__version__ == version_info.package_version()


@pytest.mark.parametrize(
    ("version", "expected"),
    [("0.1.0", (0, 1, 0, 0)), ("2.10", (2, 10, 0, 0)), ("1.2.3rc1", (1, 2, 3, 0))],
)
def test_version_tuple(version_info: ModuleType, version: str, expected: tuple[int, ...]) -> None:
    assert version_info.version_tuple(version) == expected


def test_spec_is_python_and_names_both_executables() -> None:
    text = (PACKAGING / "juesuan.spec").read_text(encoding="utf-8")
    compile(text, "juesuan.spec", "exec")
    assert 'name="juesuan"' in text
    assert 'name="juesuan-gui"' in text
    for script in ("entry_cli.py", "entry_gui.py"):
        assert (PACKAGING / script).is_file()


def test_icon_has_every_size() -> None:
    from PIL import Image

    with Image.open(ROOT / "resources" / "icons" / "juesuan.ico") as ico:
        sizes = ico.info["sizes"]
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(sizes)
    with Image.open(ROOT / "resources" / "icons" / "juesuan.png") as png:
        assert png.size == (256, 256)


def test_installer_script() -> None:
    raw = (PACKAGING / "installer.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads UTF-8 scripts by their BOM"
    text = raw.decode("utf-8-sig")
    setup = dict(re.findall(r"^(\w+)=(.*)$", text, re.M))
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{localappdata}\\Programs\\")
    assert setup["ChangesAssociations"] == "yes"
    assert '"..\\dist\\juesuan"' in text  # where packaging/build.py writes the folder
    assert 'ValueData: """{app}\\{#ExeName}"" ""%1"""' in text
    assert "Software\\Classes\\.juesuan" in text
