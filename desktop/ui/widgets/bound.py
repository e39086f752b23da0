"""Plain input widgets bound to one value of the report (单位信息, 概况, texts).

    Binder.line(("unit", "name"))  ──editingFinished──> edits.set_value → document.apply
    document.changed ──> every bound widget shows the report's value again,
                         except one the officer is typing in

A line commits when editing finishes; a text box commits a moment after typing stops
and when it loses focus, and consecutive commits of one box merge into one undo step.
A value that cannot be read is refused with the message and the old value comes back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from desktop.core import limits
from desktop.core.checks import Form, Location
from desktop.core.edits import Change, Path, get_path, set_value
from desktop.core.errors import JuesuanError
from desktop.ui.checker import Key, LiveChecker, worst
from desktop.ui.document import ProjectDocument
from desktop.ui.models.sheet import TINT

PathOf = Path | Callable[[], Path | None]
# Where findings about a widget point; a callable for a widget whose row changes (the
# project a page shows): evaluated when tinting and when a finding is looked up.
KeysOf = Sequence[Key] | Callable[[], Sequence[Key]]


def _identity(value: Any) -> Any:
    return value


def _text_of(value: Any) -> str:
    return "" if value is None else str(value)


class CommitTextEdit(QPlainTextEdit):
    """A text box that says when its text should be stored (idle or focus out).

    It holds at most `max_length` characters (`desktop.core.limits`): typing or pasting
    beyond that is undone at once and `refused` says why."""

    commit = Signal()
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None, idle_ms: int = 700) -> None:
        super().__init__(parent)
        self.max_length = limits.TEXT
        self.setTabChangesFocus(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(self.commit)
        self.textChanged.connect(self._typed)
        self._loading = False

    def _typed(self) -> None:
        if self._loading:
            return
        # characterCount() is the document's own count (+1 for the final paragraph mark):
        # no copy of the text on every keystroke
        if self.document().characterCount() - 1 > self.max_length:
            self._loading = True
            try:
                self.undo()  # the paste or the keystroke that went over, as a whole
                if self.document().characterCount() - 1 > self.max_length:  # nothing to undo
                    self.setPlainText(self.toPlainText()[: self.max_length])
            finally:
                self._loading = False
            self.refused.emit(f"文字过长：最多 {self.max_length:,} 个字，超出的部分未能输入")
            return
        self._timer.start()

    def load(self, text: str) -> None:
        if self.toPlainText() == text:
            return
        self._loading = True
        try:
            self.setPlainText(text)
        finally:
            self._loading = False

    def pending(self) -> bool:
        return self._timer.isActive()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.commit.emit()
        super().focusOutEvent(event)


@dataclass
class _Binding:
    widget: QWidget
    path: PathOf
    label: str
    keys: KeysOf
    to_widget: Callable[[Any], Any]
    from_widget: Callable[[Any], Any]

    def resolve(self) -> Path | None:
        return self.path() if callable(self.path) else self.path

    def resolve_keys(self) -> tuple[Key, ...]:
        return tuple(self.keys() if callable(self.keys) else self.keys)


class Binder(QObject):
    """Binds widgets of one form to values of the report and keeps them current."""

    message = Signal(str)

    def __init__(self, document: ProjectDocument, checker: LiveChecker, form: Form) -> None:
        super().__init__(document)
        self.document = document
        self.checker = checker
        self.form = form
        self._bindings: list[_Binding] = []
        self._choices: dict[QComboBox, list[Any]] = {}  # a combo's values, by item
        document.changed.connect(self._on_changed)
        checker.updated.connect(self._on_findings)

    # ------------------------------------------------------------ making widgets

    def line(
        self,
        path: PathOf,
        label: str,
        *,
        keys: KeysOf = (),
        parse: Callable[[str], Any] = str.strip,
        show: Callable[[Any], str] = _text_of,
        placeholder: str = "",
    ) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        b = self._bind(edit, path, label, keys, show, parse)
        edit.editingFinished.connect(lambda: self._commit(b, edit.text()))
        return edit

    def text(
        self,
        path: PathOf,
        label: str,
        *,
        keys: KeysOf = (),
        placeholder: str = "",
        parse: Callable[[str], Any] = _identity,
        show: Callable[[Any], str] = _text_of,
    ) -> CommitTextEdit:
        edit = CommitTextEdit()
        edit.setPlaceholderText(placeholder)
        edit.refused.connect(lambda text: self.message.emit(f"{label}：{text}"))
        b = self._bind(edit, path, label, keys, show, parse)
        edit.commit.connect(lambda: self._commit(b, edit.toPlainText(), merge=True))
        return edit

    def combo(
        self,
        path: PathOf,
        label: str,
        options: Sequence[tuple[str, Any]],
        *,
        keys: KeysOf = (),
    ) -> QComboBox:
        box = QComboBox()
        # The values are kept here, not only as Qt item data: Qt hands an enum member back
        # as its plain string (a StrEnum), and the model wants the member.
        values = [value for _, value in options]
        for text, value in options:
            box.addItem(text, value)
        self._choices[box] = values
        b = self._bind(box, path, label, keys, _identity, _identity)
        box.activated.connect(
            lambda i: self._commit(b, values[i] if 0 <= i < len(values) else box.itemData(i))
        )
        return box

    def check(self, path: PathOf, label: str, *, keys: KeysOf = ()) -> QCheckBox:
        box = QCheckBox(label)
        b = self._bind(box, path, label, keys, bool, bool)
        box.toggled.connect(lambda on: self._commit(b, on))
        return box

    def _bind(
        self,
        widget: QWidget,
        path: PathOf,
        label: str,
        keys: KeysOf,
        show: Callable[[Any], Any],
        parse: Callable[[Any], Any],
    ) -> _Binding:
        static = path if not callable(path) else None
        default_keys = ((None, str(static[-1])),) if static else ()
        given = keys if callable(keys) else tuple(keys)
        b = _Binding(widget, path, label, given or default_keys, show, parse)
        self._bindings.append(b)
        self._load(b)
        return b

    # ------------------------------------------------------------ storing

    def _commit(self, b: _Binding, raw: Any, merge: bool = False) -> None:
        path = b.resolve()
        if path is None:
            return
        try:
            value = b.from_widget(raw)
        except JuesuanError as exc:
            self.message.emit(f"{b.label}：{exc}（已恢复原值）")
            b.widget.setToolTip(str(exc))
            self._load(b)
            return
        key = f"{self.form.value}:{path}" if merge else ""
        edit = set_value(self.document.report, path, value)
        keys = b.resolve_keys()
        where = Location(self.form, keys[0][0] or "", keys[0][1]) if keys else None
        self.document.apply(edit, f"修改 {b.label}", origin=b.widget, merge_key=key, where=where)

    def commit_pending(self) -> None:
        """Store what is typed but not yet committed (before saving or generating)."""
        for b in self._bindings:
            if isinstance(b.widget, CommitTextEdit) and b.widget.pending():
                b.widget.commit.emit()
            elif isinstance(b.widget, QLineEdit) and b.widget.isModified():
                b.widget.setModified(False)
                self._commit(b, b.widget.text())

    # ------------------------------------------------------------ showing

    def _on_changed(self, change: Change) -> None:
        for b in self._bindings:
            if change.origin is not b.widget:
                self._load(b)

    def refresh(self) -> None:
        for b in self._bindings:
            self._load(b)
        self.tint()

    def _load(self, b: _Binding) -> None:
        path = b.resolve()
        w = b.widget
        try:
            value = get_path(self.document.report, path) if path is not None else None
        except (IndexError, AttributeError):  # a project that was just removed
            path, value = None, None
        w.setEnabled(path is not None)
        if path and isinstance(value, str) and isinstance(w, QLineEdit | CommitTextEdit):
            most = limits.limit(type(get_path(self.document.report, path[:-1])), str(path[-1]))
            if isinstance(w, QLineEdit):
                w.setMaxLength(most)
            else:
                w.max_length = most
        shown = b.to_widget(value)
        w.blockSignals(True)
        try:
            if isinstance(w, CommitTextEdit):
                w.load(shown)
            elif isinstance(w, QLineEdit):
                if w.text() != shown and not (w.hasFocus() and w.isModified()):
                    w.setText(shown)
                    w.setModified(False)
            elif isinstance(w, QComboBox):
                values = self._choices.get(w, [])
                i = values.index(shown) if shown in values else w.findData(shown)
                if i < 0 and shown is not None:
                    w.addItem(str(shown), shown)  # a value the list does not offer (old edition)
                    i = w.count() - 1
                w.setCurrentIndex(i)
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(shown))
        finally:
            w.blockSignals(False)

    def _on_findings(self) -> None:
        touched = self.checker.touched(self.form)
        if touched is None or touched:  # unless no finding of this form came or went
            self.tint()

    def tint(self) -> None:
        for b in self._bindings:
            keys = b.resolve_keys()
            found = self.checker.index.at(self.form, keys) if keys else []
            top = worst(found)
            if top is None:
                b.widget.setStyleSheet("")
                b.widget.setToolTip("")
            else:
                color = TINT[top.severity].name()
                kind = "QPlainTextEdit" if isinstance(b.widget, QPlainTextEdit) else "QWidget"
                b.widget.setStyleSheet(f"{kind} {{ background: {color}; }}")
                b.widget.setToolTip("\n".join(f"【{f.severity.value}】{f.message}" for f in found))

    def widget_for(self, row: str, field: str) -> QWidget | None:
        """The bound widget a finding at (row, field) points to."""
        for b in self._bindings:
            for kr, kf in b.resolve_keys():
                if kf == field and (kr is None or kr == row):
                    return b.widget
        return None
