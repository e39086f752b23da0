"""Two windows (or the window and `juesuan`) saving one file: the later save notices that
the file changed since it was opened or last saved, and asks — replace it, save elsewhere
or not save. Never a silent lost update."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core import project_file, samples
from desktop.core.edits import set_value
from desktop.ui import dialogs
from desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def rename(window: MainWindow, name: str) -> None:
    """An edit of the open report, as the 单位名称 box makes it."""
    assert window.document.apply(set_value(window.document.report, ("unit", "name"), name), "改名")


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The answers the officer gives, in order; each question takes the first left."""
    answers: list[str] = []

    def ask(cls: object, parent: object, path: Path) -> str:
        return answers.pop(0)

    monkeypatch.setattr(dialogs.ChangedOnDiskDialog, "ask", classmethod(ask))
    return answers


@pytest.fixture
def two_windows(make_window, opens, tmp_path: Path) -> tuple[MainWindow, MainWindow, Path]:  # type: ignore[no-untyped-def]
    path = tmp_path / "单位.juesuan"
    project_file.save(samples.load("datong-2024"), path)
    first, second = make_window(), make_window()
    assert opens(first, lambda: first.open_path(path))
    assert opens(second, lambda: second.open_path(path))
    return first, second, path


def first_saves_then_second_edits(windows: tuple[MainWindow, MainWindow, Path]) -> None:
    first, second, _path = windows
    rename(first, "第一个窗口")
    assert first.save()
    rename(second, "第二个窗口")


def test_the_later_of_two_windows_asks_and_cancel_keeps_the_earlier_save(
    two_windows: tuple[MainWindow, MainWindow, Path], asked: list[str]
) -> None:
    _first, second, path = two_windows
    first_saves_then_second_edits(two_windows)
    asked.append("cancel")
    assert not second.save()
    assert asked == []  # the question was put
    assert project_file.load(path).unit.name == "第一个窗口"
    assert second.document.is_modified  # nothing of the second window's is lost either


def test_replace_overwrites_knowingly_and_later_saves_do_not_ask_again(
    two_windows: tuple[MainWindow, MainWindow, Path], asked: list[str]
) -> None:
    first, second, path = two_windows
    first_saves_then_second_edits(two_windows)
    asked.append("replace")
    assert second.save()
    assert project_file.load(path).unit.name == "第二个窗口"
    assert project_file.load(project_file.backup_path(path)).unit.name == "第一个窗口"
    rename(second, "再改一次")
    assert second.save()  # its own save is what is on disk now: no question
    assert project_file.load(path).unit.name == "再改一次"
    # and the first window, behind now, is asked in turn
    rename(first, "第一个窗口又改")
    asked.append("cancel")
    assert not first.save()


def test_save_as_elsewhere_keeps_both(
    two_windows: tuple[MainWindow, MainWindow, Path],
    asked: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _first, second, path = two_windows
    first_saves_then_second_edits(two_windows)
    elsewhere = tmp_path / "另一份.juesuan"
    monkeypatch.setattr(dialogs.SaveProjectDialog, "ask", classmethod(lambda cls, *a: elsewhere))
    asked.append("save_as")
    assert second.save()
    assert project_file.load(path).unit.name == "第一个窗口"
    assert project_file.load(elsewhere).unit.name == "第二个窗口"
    assert second.document.path == elsewhere


def test_a_change_by_the_command_line_is_noticed(
    make_window, opens, tmp_path: Path, asked: list[str]
):  # type: ignore[no-untyped-def]
    path = tmp_path / "单位.juesuan"
    assert main(["sample", "datong-2024", "--out", str(path)]) == 0
    window = make_window()
    assert opens(window, lambda: window.open_path(path))
    assert main(["sample", "jincheng-2022", "--out", str(path), "--force"]) == 0
    rename(window, "窗口里的修改")
    asked.append("cancel")
    assert not window.save()
    assert project_file.load(path).unit.name == samples.load("jincheng-2022").unit.name


def test_touching_the_file_without_changing_it_is_no_change(
    make_window, opens, tmp_path: Path, asked: list[str]
):  # type: ignore[no-untyped-def]
    path = tmp_path / "单位.juesuan"
    project_file.save(samples.load("datong-2024"), path)
    window = make_window()
    assert opens(window, lambda: window.open_path(path))
    os.utime(path, (1, 1))  # a backup program, a copy with the same bytes
    rename(window, "窗口里的修改")
    assert window.save()  # not asked: `asked` is empty and would raise
    assert project_file.load(path).unit.name == "窗口里的修改"


@pytest.mark.parametrize(("button", "answer"), [(0, "save_as"), (1, "replace"), (2, "cancel")])
def test_the_question_itself(qtbot, monkeypatch: pytest.MonkeyPatch, button: int, answer: str):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    def click(box: QMessageBox) -> int:
        # the buttons in the order they were added: 另存为…, 覆盖, 取消
        wanted = ["另存为…", "覆盖", "取消"][button]
        next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)
    assert dialogs.ChangedOnDiskDialog.ask(None, Path("单位.juesuan")) == answer
