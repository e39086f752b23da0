"""Recovery copies: the open project autosaved to a per-user folder while it has
unsaved changes, so that a crash loses at most a few seconds of typing.

    <folder>/<key>.juesuan     the report, a project file (written atomically by project_file)
    <folder>/<key>.meta.json   which project it belongs to, and when it was written

The key is derived from the project's path (or a per-session id for an untitled
project). A copy newer than its project is offered back on the next start; saving
or closing without saving deletes it. A copy an earlier version left as
``<key>.juesuan.json`` (a crash before an upgrade) is still found, and removed with it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.core import atomic, project_file
from desktop.core.model import Report


def default_folder() -> Path:
    from desktop.ui.paths import AppPaths

    return AppPaths.default().recovery


@dataclass(frozen=True)
class RecoveryCopy:
    key: str
    file: Path
    project: Path | None  # None: the project was never saved
    saved_at: datetime
    name: str  # the unit's name, for the question

    def load(self) -> Report:
        return project_file.load(self.file)


class Recovery:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.session = uuid.uuid4().hex[:12]

    def key_for(self, project: Path | None) -> str:
        if project is None:
            return f"untitled-{self.session}"
        digest = hashlib.sha1(str(project.resolve()).encode("utf-8")).hexdigest()[:16]
        return f"p-{digest}"

    def _files(self, key: str) -> tuple[Path, Path]:
        """The copy (this version's name, or an earlier version's if only that exists) and
        its meta file."""
        data = self.folder / f"{key}{project_file.SUFFIX}"
        legacy = self.folder / f"{key}{project_file.LEGACY_SUFFIX}"
        if not data.exists() and legacy.exists():
            data = legacy
        return data, self.folder / f"{key}.meta.json"

    def _all_files(self, key: str) -> tuple[Path, ...]:
        return (
            self.folder / f"{key}{project_file.SUFFIX}",
            self.folder / f"{key}{project_file.LEGACY_SUFFIX}",
            self.folder / f"{key}.meta.json",
        )

    def write(self, report: Report, project: Path | None) -> Path:
        """Write the recovery copy of `report` (raises `SaveError` if the folder is unusable)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        key = self.key_for(project)
        data, meta = self.folder / f"{key}{project_file.SUFFIX}", self.folder / f"{key}.meta.json"
        project_file.save(report, data, keep_backup=False)
        info = {
            "project": str(project.resolve()) if project else None,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
            "name": report.unit.name,
        }
        atomic.write_text(meta, json.dumps(info, ensure_ascii=False))
        with contextlib.suppress(OSError):  # superseded: an earlier version's copy
            (self.folder / f"{key}{project_file.LEGACY_SUFFIX}").unlink()
        return data

    def discard(self, project: Path | None) -> None:
        for f in self._all_files(self.key_for(project)):
            with contextlib.suppress(OSError):
                f.unlink()

    def _read(self, key: str) -> RecoveryCopy | None:
        data, meta = self._files(key)
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            stamp = data.stat().st_mtime
        except (OSError, ValueError):
            return None
        project = info.get("project")
        return RecoveryCopy(
            key=key,
            file=data,
            project=Path(project) if project else None,
            saved_at=datetime.fromtimestamp(stamp),
            name=str(info.get("name") or ""),
        )

    def find(self, project: Path) -> RecoveryCopy | None:
        """The copy of `project` if it is newer than the project file; stale copies are removed."""
        copy = self._read(self.key_for(project))
        if copy is None:
            return None
        try:
            project_time = os.stat(project).st_mtime
        except OSError:
            return copy
        if copy.file.stat().st_mtime > project_time:
            return copy
        self.discard(project)
        return None

    def orphans(self) -> list[RecoveryCopy]:
        """Copies left by a crash, newest first: of untitled projects, and of projects
        whose file is older than the copy (other sessions' copies only)."""
        if not self.folder.is_dir():
            return []
        mine = {self.key_for(None)}
        found = []
        for meta in self.folder.glob("*.meta.json"):
            key = meta.name.removesuffix(".meta.json")
            copy = None if key in mine else self._read(key)
            if copy is None:
                continue
            if copy.project is not None:
                try:
                    if copy.project.stat().st_mtime >= copy.file.stat().st_mtime:
                        continue  # saved since: stale (find() removes it when opened)
                except OSError:
                    pass  # the project is gone: the copy is all there is
            found.append(copy)
        return sorted(found, key=lambda c: c.saved_at, reverse=True)

    def remove(self, copy: RecoveryCopy) -> None:
        for f in self._all_files(copy.key):
            with contextlib.suppress(OSError):
                f.unlink()
