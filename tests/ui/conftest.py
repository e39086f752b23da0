"""Fixtures for the GUI tests: a main window with temporary settings and recovery folder,
every modal question answered by the test (never a modal loop), errors recorded."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.ui import dialogs, errors
from desktop.ui.main_window import MainWindow
from desktop.ui.paths import AppPaths


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the app would have shown in an error dialog."""
    shown: list[str] = []

    def record(_parent: object, title: str, message: str, details: str = "") -> None:
        shown.append(f"{title}: {message}")

    monkeypatch.setattr(errors.ErrorBox, "show", classmethod(lambda cls, *a, **k: record(*a, **k)))
    return shown


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """What the officer answers to each question; tests change the entries they need."""
    given: dict[str, object] = {"save_changes": "discard", "restore": False, "confirm": True}

    def answer(key: str) -> object:
        value = given[key]
        return value() if callable(value) else value

    monkeypatch.setattr(
        dialogs.SaveChangesDialog, "ask", classmethod(lambda cls, *a: answer("save_changes"))
    )
    monkeypatch.setattr(
        dialogs.RestoreDialog, "ask", classmethod(lambda cls, *a: answer("restore"))
    )
    monkeypatch.setattr(
        dialogs.ConfirmDialog, "ask", classmethod(lambda cls, *a: answer("confirm"))
    )
    return given


@pytest.fixture
def make_window(
    qtbot, tmp_path: Path, answers: dict[str, object], shown_errors: list[str]
) -> Iterator[object]:
    """make_window() → a fresh MainWindow sharing this test's settings and recovery folder."""

    def make(**kwargs: object) -> MainWindow:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        options: dict[str, object] = {
            "paths": AppPaths.under(tmp_path),
            "settings": settings,
            "recovery_dir": tmp_path / "recovery",
            "autosave_ms": 100,
            "check_delay_ms": 20,
        }
        options.update(kwargs)
        window = MainWindow(**options)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.show()
        return window

    yield make


@pytest.fixture
def window(make_window) -> MainWindow:  # type: ignore[no-untyped-def]
    return make_window()


@pytest.fixture
def opens(qtbot) -> Callable[[MainWindow, Callable[[], bool]], bool]:  # type: ignore[no-untyped-def]
    """opens(window, start): call `start` (which starts opening a project on the worker,
    as window.open_path does) and wait until the opening ended; whether the project is
    open."""

    def wait(window: MainWindow, start: Callable[[], bool]) -> bool:
        with qtbot.waitSignal(window.opened, timeout=30000) as blocker:
            assert start()
        return bool(blocker.args[0])

    return wait


@pytest.fixture
def sample(window: MainWindow, opens) -> MainWindow:  # type: ignore[no-untyped-def]
    """The window with the 大同 2024 sample open and checked."""
    assert opens(window, lambda: window.open_sample("datong-2024"))
    window.checker.flush()
    return window
