"""生成: write the publishable workbook in a worker thread while the window stays usable.

    GenerateDialog ──start()──> BuildJob (QRunnable on a QThreadPool)
                                   └─ exporters.build_outputs(report, folder, formats=["xlsx"])
                   <──done(list[Output]) / failed(exception)── (queued to the GUI thread)

The report is a frozen value, so the worker reads it without locks while the officer
keeps typing; what is generated is the report as it was when 生成 was pressed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import JuesuanError
from desktop.core.exporters import Output, build_outputs
from desktop.core.model import Report
from desktop.core.money import AmountUnit
from desktop.ui.dialogs import FolderDialog
from desktop.ui.errors import show_error


class _JobSignals(QObject):
    done = Signal(object)  # list[Output]
    failed = Signal(object)  # BaseException


class BuildJob(QRunnable):
    def __init__(self, report: Report, folder: Path, unit: AmountUnit) -> None:
        super().__init__()
        self.report = report
        self.folder = folder
        self.unit = unit
        self.signals = _JobSignals()  # created in the GUI thread, so its signals queue there

    def run(self) -> None:
        try:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                outputs = build_outputs(self.report, self.folder, formats=["xlsx"], unit=self.unit)
            except OSError as exc:
                raise JuesuanError(
                    f"无法写入输出文件：{exc.strerror or exc}（{exc.filename or self.folder}）。"
                    "请检查文件夹是否存在、是否有写入权限；"
                    "如果同名文件正在 Excel/WPS 中打开，请先关闭。"
                ) from exc
        except BaseException as exc:  # everything goes back to the GUI thread to be shown
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(outputs)


class GenerateDialog(QDialog):
    generated = Signal(object)  # list[Output], when the files are written
    generation_failed = Signal(object)

    def __init__(
        self,
        report: Report,
        folder: Path,
        pool: QThreadPool,
        *,
        errors: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("生成公开表")
        self.report = report
        self.pool = pool
        self.outputs: list[Output] = []
        self._job: BuildJob | None = None

        self.folder_edit = QLineEdit(str(folder))
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)

        self.wan = QRadioButton("万元")
        self.yuan = QRadioButton("元")
        (self.yuan if report.unit.amount_unit == "元" else self.wan).setChecked(True)
        units = QButtonGroup(self)
        units.addButton(self.wan)
        units.addButton(self.yuan)
        unit_row = QHBoxLayout()
        unit_row.addWidget(self.wan)
        unit_row.addWidget(self.yuan)
        unit_row.addStretch(1)

        form = QFormLayout()
        form.addRow("输出文件夹", folder_row)
        form.addRow("金额单位", unit_row)
        form.addRow("格式", QLabel("Excel 工作簿（公开01–10表及项目绩效自评表）"))

        self.warning = QLabel(
            f"审核发现 {errors} 个错误，生成的表格可能前后不一致，建议先修正。" if errors else ""
        )
        self.warning.setStyleSheet("color: #c62828;")
        self.warning.setWordWrap(True)
        self.warning.setVisible(bool(errors))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.generate_button = QPushButton("生成")
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.start)
        self.open_button = QPushButton("打开文件夹")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_folder)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(560, self.sizeHint().height())

    @property
    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip() or ".")

    @property
    def unit(self) -> AmountUnit:
        return "元" if self.yuan.isChecked() else "万元"

    def _browse(self) -> None:
        chosen = FolderDialog.ask(self, str(self.folder))
        if chosen is not None:
            self.folder_edit.setText(str(chosen))

    def running(self) -> bool:
        return self._job is not None

    def start(self) -> None:
        """Start writing the files in the background (the dialog stays responsive)."""
        if self._job is not None:
            return
        job = BuildJob(self.report, self.folder, self.unit)
        job.signals.done.connect(self._done)
        job.signals.failed.connect(self._failed)
        self._job = job
        self.generate_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.progress.show()
        self.status.setText("正在生成，请稍候……（可以继续在主窗口中工作）")
        self.pool.start(job)

    def _finish(self) -> None:
        self._job = None
        self.progress.hide()
        self.generate_button.setEnabled(True)

    def _done(self, outputs: list[Output]) -> None:
        self._finish()
        self.outputs = list(outputs)
        names = "\n".join(str(o.path) for o in outputs)
        self.status.setText(f"已生成：\n{names}")
        self.open_button.setEnabled(True)
        self.open_button.setDefault(True)
        self.generated.emit(self.outputs)

    def _failed(self, error: BaseException) -> None:
        self._finish()
        self.status.setText("生成失败。")
        self.generation_failed.emit(error)
        show_error(self, error, "生成失败")

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    def reject(self) -> None:
        if self._job is not None:
            self.status.setText("正在生成，请等待完成后再关闭。")
            return
        super().reject()
