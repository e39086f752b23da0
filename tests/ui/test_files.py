"""Saving, reopening, the title, closing with unsaved changes, recovery after a crash,
recent files, the project file's name (NAME.juesuan; NAME.juesuan.json of earlier versions)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop.core import project_file, samples
from desktop.ui import dialogs
from desktop.ui.forms.ledger import LedgerPage
from desktop.ui.models.ledger import COLUMNS
from desktop.ui.recovery import Recovery

pytestmark = pytest.mark.gui


def col(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.key == key)


def grid_text(model) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def edit_cell(window, code: str, key: str, text: str) -> None:  # type: ignore[no-untyped-def]
    m = window.page(LedgerPage).model
    assert m.setData(m.index(m.row_of(code), col(key)), text)


def save_as(window, monkeypatch, path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(dialogs.SaveProjectDialog, "ask", classmethod(lambda cls, *a: path))
    assert window.save()  # an opened sample has no file yet: 另存为


def test_save_then_reopen_gives_the_identical_model(
    sample, make_window, opens, monkeypatch, tmp_path
):
    edit_cell(sample, "2010301", "income.business", "12,345.67")
    assert "*" in sample.windowTitle()
    path = tmp_path / "大同2024.juesuan"
    save_as(sample, monkeypatch, path)
    assert "*" not in sample.windowTitle()
    assert not sample.document.is_modified
    assert project_file.load(path) == sample.document.report

    other = make_window()
    assert opens(other, lambda: other.open_path(path))
    assert other.document.report == sample.document.report
    assert other.document.path == path
    assert "*" not in other.windowTitle()
    assert other.windowTitle().startswith("大同市公共资源交易中心")
    ours, theirs = sample.page(LedgerPage).model, other.page(LedgerPage).model
    assert grid_text(theirs) == grid_text(ours)
    assert str(path.resolve()) == other.recent_files()[0]

    # Ctrl+S on a saved project writes in place and keeps the previous version as .bak
    edit_cell(other, "2010350", "income.other", "1")
    other.save_action.trigger()
    assert project_file.load(path).ledger[1].income.other is not None
    assert project_file.backup_path(path).exists()


def test_a_damaged_file_is_refused_with_a_chinese_message(window, opens, tmp_path, shown_errors):
    bad = tmp_path / "坏文件.juesuan"
    bad.write_text("{not json", encoding="utf-8")
    assert not opens(window, lambda: window.open_path(bad))
    assert len(shown_errors) == 1
    assert "无法打开项目" in shown_errors[0] and "不是有效的 JSON" in shown_errors[0]
    shown_errors.clear()
    assert not window.has_project


def test_closing_with_unsaved_changes_asks_save_discard_or_cancel(
    sample, answers, monkeypatch, tmp_path
):
    edit_cell(sample, "2010301", "income.business", "1")
    asked: list[str] = []

    def cancel() -> str:
        asked.append("cancel")
        return "cancel"

    answers["save_changes"] = cancel
    assert not sample.close()
    assert sample.isVisible()
    assert asked == ["cancel"]

    path = tmp_path / "saved.juesuan"
    monkeypatch.setattr(dialogs.SaveProjectDialog, "ask", classmethod(lambda cls, *a: path))
    answers["save_changes"] = "save"
    assert sample.close()
    assert project_file.load(path).ledger[0].income.business is not None


def test_a_recovery_copy_newer_than_the_project_is_offered_and_restored(
    sample, make_window, opens, monkeypatch, tmp_path, answers, qtbot
):
    path = tmp_path / "p.juesuan"
    save_as(sample, monkeypatch, path)
    with qtbot.waitSignal(sample.autosaved, timeout=3000):  # written on a worker
        edit_cell(sample, "2010301", "income.business", "777")
    edited = sample.document.report
    recovery = tmp_path / "recovery"
    assert any(recovery.glob("p-*.juesuan"))
    # …and the program dies here: no save, no close.

    answers["restore"] = True
    after_crash = make_window()
    assert opens(after_crash, lambda: after_crash.open_path(path))
    assert after_crash.document.report == edited
    assert after_crash.document.is_modified
    assert after_crash.windowTitle().split(" — ")[0].endswith("*")

    answers["restore"] = False
    again = make_window()
    assert opens(again, lambda: again.open_path(path))
    assert again.document.report == project_file.load(path)  # refused: the file as saved
    assert not any(recovery.glob("p-*"))  # and the copy is gone

    sample.document.undo_stack.setClean()
    after_crash.document.undo_stack.setClean()


def test_the_recovery_copy_written_on_a_worker_holds_the_bytes_a_save_writes(
    sample, monkeypatch, tmp_path, qtbot
):
    path = tmp_path / "p.juesuan"
    save_as(sample, monkeypatch, path)
    with qtbot.waitSignal(sample.autosaved, timeout=3000):  # written on a worker
        edit_cell(sample, "2010301", "income.business", "777")
    (copy,) = (tmp_path / "recovery").glob("p-*.juesuan")
    written = copy.read_bytes()
    assert sample.save()  # (which removes the copy)
    assert written == path.read_bytes()
    assert path.read_bytes() == project_file.dumps(sample.document.report).encode("utf-8")


def test_an_untitled_project_is_recovered_at_start(
    window, make_window, opens, qtbot, tmp_path, answers
):
    assert window.new_project()
    page = window.page_stack.currentWidget()
    name_edit = page.binder.widget_for("", "name")
    name_edit.setText("某某单位")
    with qtbot.waitSignal(window.autosaved, timeout=3000):
        name_edit.editingFinished.emit()
    assert window.document.report.unit.name == "某某单位"
    assert any((tmp_path / "recovery").glob("untitled-*.juesuan"))

    answers["restore"] = True
    later = make_window()
    assert opens(later, later.offer_orphans)
    assert later.document.report.unit.name == "某某单位"
    assert later.document.is_modified
    assert not any((tmp_path / "recovery").glob("untitled-*"))
    window.document.undo_stack.setClean()


def test_saving_a_sample_never_overwrites_the_bundled_file(sample, monkeypatch):
    monkeypatch.setattr(dialogs.SaveProjectDialog, "ask", classmethod(lambda cls, *a: None))
    edit_cell(sample, "2010301", "income.business", "1")
    assert not sample.save()  # cancelled 另存为
    assert samples.load("datong-2024").ledger[0].income.business is None
    assert sample.document.path is None


def test_undo_redo_shortcuts_and_menu(sample, qtbot):
    edit_cell(sample, "2010301", "income.business", "5")
    assert sample.undo_action.isEnabled()
    assert "修改 2010301" in sample.undo_action.text()
    sample.undo_action.trigger()
    assert not sample.document.is_modified
    sample.redo_action.trigger()
    assert sample.document.is_modified
    assert sample.undo_action.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Y" in [s.toString() for s in sample.redo_action.shortcuts()]
    assert sample.save_action.shortcut().toString() == "Ctrl+S"
    assert sample.find_action.shortcut().toString() == "Ctrl+F"
    assert sample.open_action.shortcut().toString() == "Ctrl+O"


def test_a_saved_projects_recovery_copy_is_offered_at_start(
    sample, make_window, opens, monkeypatch, tmp_path, answers, qtbot
):
    path = tmp_path / "q.juesuan"
    save_as(sample, monkeypatch, path)
    with qtbot.waitSignal(sample.autosaved, timeout=3000):
        edit_cell(sample, "2010301", "income.business", "888")
    edited = sample.document.report
    assert any((tmp_path / "recovery").glob("p-*.juesuan"))

    answers["restore"] = True
    later = make_window()
    assert opens(later, later.offer_orphans)
    assert later.document.report == edited
    assert later.document.path == path
    assert later.document.is_modified
    assert later.save()
    assert project_file.load(path) == edited
    assert not any((tmp_path / "recovery").glob("p-*"))
    sample.document.undo_stack.setClean()


# ------------------------------------------------------------ the project file's name

ROOT = Path(__file__).resolve().parents[2]


class FakeFileDialog:
    """QFileDialog's static functions, answered from a list; records what the app proposed."""

    def __init__(self, monkeypatch, answers: list[str]) -> None:  # type: ignore[no-untyped-def]
        self.answers = list(answers)
        self.asked: list[tuple[str, str]] = []  # (proposed name or folder, filter)

        def answer(_parent, _title, proposed, filter_):  # type: ignore[no-untyped-def]
            self.asked.append((proposed, filter_))
            return (self.answers.pop(0), filter_) if self.answers else ("", filter_)

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer))


def legacy_file(folder: Path, name: str = "大同2024.juesuan.json") -> Path:
    """A project file as an earlier version saved it: same JSON, older name."""
    path = folder / name
    path.write_bytes(samples.path("datong-2024").read_bytes())
    return path


def test_save_proposes_and_appends_dot_juesuan(sample, monkeypatch, tmp_path):
    folder = tmp_path / "项目"
    folder.mkdir()
    fake = FakeFileDialog(monkeypatch, [str(folder / "大同2024")])  # typed without suffix
    sample._last_folder = str(folder)
    assert sample.save()  # a sample has no file yet: 另存为
    proposed, filter_ = fake.asked[0]
    unit = sample.document.report.unit.name
    assert proposed == str(folder / f"{unit}2024年度决算.juesuan")
    assert filter_ == "决算公开项目 (*.juesuan)"
    path = folder / "大同2024.juesuan"
    assert sample.document.path == path
    assert [p.name for p in folder.iterdir()] == ["大同2024.juesuan"]
    assert project_file.load(path) == sample.document.report
    assert sample.recent_files()[0] == str(path.resolve())


def test_an_appended_suffix_that_names_an_existing_file_asks_before_replacing(
    sample, monkeypatch, tmp_path, answers
):
    existing = tmp_path / "单位.juesuan"
    existing.write_text("keep me", encoding="utf-8")
    fake = FakeFileDialog(monkeypatch, [str(tmp_path / "单位"), ""])
    answers["confirm"] = False
    assert not sample.save_as()  # 否 → back to the dialog, proposing the full name → 取消
    assert existing.read_text(encoding="utf-8") == "keep me"
    assert fake.asked[1][0] == str(existing)

    fake.answers = [str(tmp_path / "单位")]
    answers["confirm"] = True
    assert sample.save_as()
    assert project_file.load(existing) == sample.document.report


def test_open_accepts_both_names_and_save_writes_back_to_a_legacy_file(
    window, opens, monkeypatch, tmp_path
):
    folder = tmp_path / "项目"
    folder.mkdir()
    legacy = legacy_file(folder)
    fake = FakeFileDialog(monkeypatch, [str(legacy)])
    assert opens(window, window.open_dialog)
    assert "*.juesuan *.juesuan.json" in fake.asked[0][1]
    assert window.document.path == legacy
    assert "旧版文件名" in window.statusBar().currentMessage()

    def no_dialog(*_a):  # type: ignore[no-untyped-def]
        raise AssertionError("保存 must not ask for a name: the file has one")

    real_ask = dialogs.SaveProjectDialog.__dict__["ask"]
    monkeypatch.setattr(dialogs.SaveProjectDialog, "ask", classmethod(no_dialog))
    edit_cell(window, "2010301", "income.business", "4321")
    assert window.save()
    assert window.document.path == legacy
    assert project_file.load(legacy) == window.document.report  # written back, same name
    assert sorted(p.name for p in folder.iterdir()) == [
        "大同2024.juesuan.json",
        "大同2024.juesuan.json.bak",
    ]
    assert window.recent_files()[0] == str(legacy.resolve())

    monkeypatch.setattr(dialogs.SaveProjectDialog, "ask", real_ask)  # over a fake QFileDialog
    fake = FakeFileDialog(monkeypatch, [])
    assert not window.save_as()  # cancelled; what did it propose?
    assert fake.asked[0][0] == str(folder / "大同2024.juesuan")


def test_a_recovery_copy_an_earlier_version_left_is_found(window, tmp_path):
    legacy = legacy_file(tmp_path)
    recovery = Recovery(tmp_path / "recovery")
    report = project_file.load(legacy)
    copy = recovery.write(report, legacy)
    assert copy.name.endswith(".juesuan") and not copy.name.endswith(".json")
    old_name = copy.with_name(copy.name + ".json")  # <key>.juesuan.json, as before
    copy.rename(old_name)
    os.utime(legacy, (0, 0))  # the project is older than its copy
    found = recovery.find(legacy)
    assert found is not None and found.file == old_name and found.load() == report
    recovery.write(report, legacy)  # the next autosave supersedes it
    assert not old_name.exists() and copy.exists()
    recovery.discard(legacy)
    assert not any((tmp_path / "recovery").iterdir())


@pytest.mark.slow  # starts the app in a new process
def test_juesuan_gui_opens_a_file_of_an_earlier_version(tmp_path):
    legacy = legacy_file(tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    args = [str(legacy), "--quit-after-show", "--data-dir", str(tmp_path / "home")]
    done = subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    log = (tmp_path / "home" / "logs" / "juesuan.log").read_text(encoding="utf-8")
    assert f"打开项目 {legacy}" in log
