"""生成: write the workbook and/or the PDF in a worker thread while the window stays usable.

    GenerateDialog ──start()──> a final with blockers? ──BlockedDialog.ask──> draft or stop
                                  (or go to one: jump_requested(Blocker) → the window shows
                                   the finding's cell, or opens the missing reason for typing)
                   ──> BuildJob (QRunnable on a QThreadPool), one output at a time:
                         exporters.build_outputs(report, folder, formats=[fmt], unit, draft)
                   <──progress(i, fmt) / done(outputs) / cancelled(outputs) / failed(error)
                        (queued to the GUI thread)

The report is taken when 生成 is pressed; it is a frozen value, so the worker reads it
without locks while the officer keeps typing. 取消 stops between outputs (a file being
written is finished first, so no half-written file is left behind). 正式版/草稿 applies
to every output: a draft's files are named 「…（草稿）」 and say 草稿 inside
(`exporters.output_name`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checks.findings import Finding
from desktop.core.editions import EditionError, load_edition
from desktop.core.errors import JuesuanError
from desktop.core.exporters import (
    Blocker,
    Output,
    build_outputs,
    publishing_blockers,
)
from desktop.core.model import Report
from desktop.core.money import AmountUnit
from desktop.core.vocabulary import Names, table_span
from desktop.core.workpapers import Workpapers
from desktop.ui.dialogs import FolderDialog
from desktop.ui.errors import show_error
from desktop.ui.heap import full_collections_paused

log = logging.getLogger("juesuan.generate")

KIND_NAMES = {"xlsx": "Excel 工作簿", "pdf": "PDF 报告", "docx": "Word 文档"}
CHECK_AFTER_MS = 300  # what blocks a final is looked for this long after the dialog opens


class _JobSignals(QObject):
    progress = Signal(int, str)  # outputs written so far, the format being written now
    done = Signal(object)  # list[Output]
    cancelled = Signal(object)  # list[Output] written before 取消 took effect
    failed = Signal(object)  # BaseException


class BuildJob(QRunnable):
    def __init__(
        self,
        report: Report,
        folder: Path,
        formats: Sequence[str],
        unit: AmountUnit,
        draft: bool,
    ) -> None:
        super().__init__()
        self.report = report
        self.folder = folder
        self.formats = tuple(formats)
        self.unit = unit
        self.draft = draft
        # one derivation and one check for every output (each asks what blocks a final)
        self.papers = Workpapers()
        self._cancel = threading.Event()
        self.signals = _JobSignals()  # created in the GUI thread, so its signals queue there

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        with full_collections_paused():  # a full collection would stop the window too
            self._build()

    def _build(self) -> None:
        written: list[Output] = []
        try:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                for i, fmt in enumerate(self.formats):
                    if self._cancel.is_set():
                        self.signals.cancelled.emit(written)
                        return
                    self.signals.progress.emit(i, fmt)
                    written += build_outputs(
                        self.report,
                        self.folder,
                        formats=[fmt],
                        unit=self.unit,
                        draft=self.draft,
                        papers=self.papers,
                    )
            except OSError as exc:
                raise JuesuanError(
                    f"无法写入输出文件：{exc.strerror or exc}（{exc.filename or self.folder}）。"
                    "请检查文件夹是否存在、是否有写入权限；"
                    "如果同名文件正在 Excel/WPS 中打开，请先关闭。"
                ) from exc
        except BaseException as exc:  # everything goes back to the GUI thread to be shown
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(written)


class _BlockersSignals(QObject):
    found = Signal(object, object)  # the report, list[Blocker]


class BlockersJob(QRunnable):
    """What keeps `report` from a final, found on a worker: the check and the text of a
    9,600-row report take most of a second, which the dialog must not stall for when it
    opens. Its own working papers: the document's are the checker's to use."""

    def __init__(
        self,
        report: Report,
        papers: Workpapers | None = None,
        findings: Sequence[Finding] | None = None,
    ) -> None:
        super().__init__()
        self.report, self.findings = report, findings
        # the document's working papers (kept replace-only: safe beside the checker's
        # worker), whose derivation of this report is made already
        self.papers = papers if papers is not None else Workpapers()
        self.signals = _BlockersSignals()  # created in the GUI thread: queued there

    def run(self) -> None:
        try:
            with full_collections_paused():  # a full collection here would stop the window
                blockers = publishing_blockers(
                    self.report, papers=self.papers, findings=self.findings
                )
        except Exception:  # start() asks again on the GUI thread, where an error is shown
            log.exception("检查能否生成正式版时出错")
            return
        self.signals.found.emit(self.report, blockers)


BLOCKER_ROLE = Qt.ItemDataRole.UserRole + 1  # the item's Blocker


class BlockedDialog(QDialog):
    """Why a final (workbook or PDF) cannot be made yet, with the offer of a draft instead.

    Each blocker in the list leads to where it is fixed: double-click it, or select it and
    press Enter or 转到; the dialog closes (nothing is generated) and `chosen` is the
    blocker, which `ask` hands to its `jump`. Enter anywhere else still means the draft."""

    def __init__(
        self,
        blockers: Sequence[Blocker],
        parent: QWidget | None = None,
        *,
        report: Report | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("不能生成正式版")
        self.chosen: Blocker | None = None
        intro = QLabel(
            f"正式版（Excel、PDF 和 Word）要求审核没有错误、情况说明中的原因都已填写。"
            f"以下 {len(blockers)} 项需要先处理（双击一项即转到修改的位置）："
        )
        intro.setWordWrap(True)
        texts = (
            describe_blockers(report, blockers)
            if report is not None
            else [str(b) for b in blockers]
        )
        self.list = QListWidget()
        for i, (blocker, text) in enumerate(zip(blockers, texts, strict=True), 1):
            item = QListWidgetItem(f"{i}. {text}")
            item.setData(BLOCKER_ROLE, blocker)
            item.setToolTip("双击（或选中后按回车）转到修改的位置")
            self.list.addItem(item)
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.list.setMinimumHeight(160)
        self.list.itemActivated.connect(self._activated)
        note = QLabel(
            "可以先生成草稿（文件名带“（草稿）”，每页标注“草稿”）供核对，"
            "处理完上述问题后再生成正式版。"
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5a6270;")
        buttons = QDialogButtonBox()
        self.draft_button = buttons.addButton(
            "改为生成草稿(&D)", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.goto_button = buttons.addButton("转到(&G)", QDialogButtonBox.ButtonRole.ActionRole)
        self.goto_button.setEnabled(False)
        self.goto_button.clicked.connect(self.goto_current)
        self.list.currentRowChanged.connect(lambda row: self.goto_button.setEnabled(row >= 0))
        back = buttons.addButton("返回修改(&R)", QDialogButtonBox.ButtonRole.RejectRole)
        self.draft_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        back.setAutoDefault(False)
        self.goto_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(620, 360)
        self.draft_button.setFocus()

    def blocker(self, row: int) -> Blocker | None:
        item = self.list.item(row)
        found = item.data(BLOCKER_ROLE) if item is not None else None
        return found if isinstance(found, Blocker) else None

    def goto(self, row: int) -> bool:
        """Close the dialog (nothing generated) to go where blocker `row` is fixed."""
        blocker = self.blocker(row)
        if blocker is None:
            return False
        self.chosen = blocker
        self.reject()
        return True

    def goto_current(self) -> bool:
        return self.goto(self.list.currentRow())

    def _activated(self, item: QListWidgetItem) -> None:
        self.goto(self.list.row(item))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The list passes Enter on after activating an item; it must not then press the
        # default button (the draft) of the dialog that is closing.
        if self.chosen is not None:
            event.accept()
            return
        super().keyPressEvent(event)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        blockers: Sequence[Blocker],
        *,
        report: Report | None = None,
        jump: Callable[[Blocker], object] | None = None,
    ) -> bool:
        """True: make a draft instead. False: go back; if the officer picked a blocker to
        fix, `jump` is called with it once the dialog has closed."""
        dialog = cls(blockers, parent, report=report)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return True
        if dialog.chosen is not None and jump is not None:
            jump(dialog.chosen)
        return False


def _tables_of(report: Report) -> str:
    """「公开01–10表」 as the report's edition numbers its tables."""
    try:
        return table_span(load_edition(report.unit.edition))
    except EditionError:  # an unknown edition: 生成 itself says so
        return "公开表"


def describe_blockers(report: Report, blockers: Sequence[Blocker]) -> list[str]:
    """`publishing_blockers` as the core words them, naming the report's own 科目."""
    names = Names.of(report)
    return [b.line(names) for b in blockers]


def open_url(url: QUrl) -> bool:
    return QDesktopServices.openUrl(url)


class GenerateDialog(QDialog):
    generated = Signal(object)  # list[Output], when the files are written
    cancelled = Signal(object)  # list[Output] written before the cancel
    generation_failed = Signal(object)
    jump_requested = Signal(object)  # a Blocker the officer chose to go and fix

    opener: Callable[[QUrl], bool] = staticmethod(open_url)  # tests replace it

    def __init__(
        self,
        report: Report | Callable[[], Report],
        folder: Path,
        pool: QThreadPool,
        *,
        errors: int = 0,
        papers: Workpapers | None = None,
        findings: Sequence[Finding] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("生成公开材料")
        self._source = report if callable(report) else (lambda: report)
        # The open document's working papers: what blocks a final PDF is then found from
        # the checks and the text already derived, not by checking the report afresh.
        self._papers = papers
        self.report = self._source()
        self.pool = pool
        self.outputs: list[Output] = []
        self._job: BuildJob | None = None
        self._close_when_done = False

        self.folder_edit = QLineEdit(str(folder))
        browse = QPushButton("浏览(&B)…")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)

        self.xlsx = QCheckBox(f"Excel 工作簿(&X)：{_tables_of(self.report)}及附件")
        self.pdf = QCheckBox("PDF 报告(&P)：封面、目录、公开表、情况说明、名词解释、附件")
        self.xlsx.setChecked(True)
        self.pdf.setChecked(True)
        self.docx = QCheckBox("Word 文档(&R)：整份报告，可在 Word/WPS 中修改后再公开")
        self.docx.setToolTip(
            "软件不会读回 Word 文档：以项目文件为准，在 Word 中改动的数字不经审核。"
        )
        formats = QVBoxLayout()
        formats.setSpacing(2)
        formats.addWidget(self.xlsx)
        formats.addWidget(self.pdf)
        formats.addWidget(self.docx)

        self.wan = QRadioButton("万元(&W)")
        self.yuan = QRadioButton("元(&Y)")
        (self.yuan if self.report.unit.amount_unit == "元" else self.wan).setChecked(True)
        units = QButtonGroup(self)
        units.addButton(self.wan)
        units.addButton(self.yuan)
        unit_row = QHBoxLayout()
        unit_row.addWidget(self.wan)
        unit_row.addWidget(self.yuan)
        unit_row.addStretch(1)

        self.final = QRadioButton("正式版(&F)")
        self.draft = QRadioButton(
            "草稿(&D)：文件名带“（草稿）”，每页标注“草稿”，审核未通过时也可生成"
        )
        self.final.setChecked(True)
        versions = QButtonGroup(self)
        versions.addButton(self.final)
        versions.addButton(self.draft)
        version_row = QHBoxLayout()
        version_row.addWidget(self.final)
        version_row.addWidget(self.draft)
        version_row.addStretch(1)

        form = QFormLayout()
        form.addRow("输出文件夹", folder_row)
        form.addRow("输出内容", formats)
        form.addRow("金额单位", unit_row)
        form.addRow("版本", version_row)

        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self._errors = errors
        self.progress = QProgressBar()
        self.progress.setFormat("%v/%m")
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # room for the list of written files, so the dialog never squeezes its choices
        self.status.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.generate_button = QPushButton("生成(&G)")
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("取消(&C)")
        self.cancel_button.setToolTip("当前文件写完后停止")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button = QPushButton("打开文件夹(&O)")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_folder)
        self.open_pdf_button = QPushButton("打开 PDF(&V)")
        self.open_pdf_button.setEnabled(False)
        self.open_pdf_button.clicked.connect(self.open_pdf)
        self.close_button = QPushButton("关闭")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (
            self.generate_button,
            self.cancel_button,
            self.open_button,
            self.open_pdf_button,
            self.close_button,
        ):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        self.generate_button.setAutoDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setTabOrder(self.folder_edit, browse)
        self.setTabOrder(browse, self.xlsx)
        self.setTabOrder(self.xlsx, self.pdf)
        self.setTabOrder(self.pdf, self.docx)
        self.setTabOrder(self.docx, self.wan)
        self.setTabOrder(self.wan, self.yuan)
        self.setTabOrder(self.yuan, self.final)
        self.setTabOrder(self.final, self.draft)
        self.setTabOrder(self.draft, self.generate_button)
        # what blocks a final, found on a worker; start() asks again only if the report
        # changed meanwhile (or the answer is not in yet)
        self._found: tuple[Report, list[Blocker]] | None = None
        self._show_warning(None)
        # `findings`: the window's checker's, current for the report taken now. Started
        # once the dialog is up: a busy worker slows each of the many Python calls a
        # dialog's first showing makes (the GIL changes hands every millisecond at most).
        check = BlockersJob(self.report, papers, findings)
        check.signals.found.connect(self._blockers_found)
        QTimer.singleShot(CHECK_AFTER_MS, self, lambda: pool.start(check))
        self.resize(640, self.sizeHint().height())

    # ------------------------------------------------------------ choices

    @property
    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip() or ".")

    @property
    def unit(self) -> AmountUnit:
        return "元" if self.yuan.isChecked() else "万元"

    @property
    def formats(self) -> list[str]:
        boxes = (("xlsx", self.xlsx), ("pdf", self.pdf), ("docx", self.docx))
        return [f for f, box in boxes if box.isChecked()]

    @property
    def is_draft(self) -> bool:
        return self.draft.isChecked()

    def blockers(self) -> list[Blocker]:
        """What keeps the report as taken now from a final: the worker's answer when it
        was for this very report, else found here."""
        if self._found is not None and self._found[0] is self.report:
            return self._found[1]
        return publishing_blockers(self.report, papers=self._papers)

    def _blockers_found(self, report: Report, blockers: list[Blocker]) -> None:
        self._found = (report, blockers)
        if report is self.report:
            self._show_warning(blockers)

    def _show_warning(self, blockers: Sequence[Blocker] | None) -> None:
        """The 错误 count and what blocks a final; `None`: not known yet."""
        lines = []
        if self._errors:
            lines.append(f"审核发现 {self._errors} 个错误，生成的表格可能前后不一致，建议先修正。")
        if blockers is None:
            lines.append("正在检查能否生成正式版……")
        elif blockers:
            lines.append(f"有 {len(blockers)} 项问题需要先处理才能生成正式版（可以先生成草稿）。")
        alarming = bool(self._errors or blockers)  # red; a check under way is grey
        self.warning.setStyleSheet(f"color: {'#c62828' if alarming else '#616161'};")
        self.warning.setText("\n".join(lines))
        self.warning.setVisible(bool(lines))

    def _browse(self) -> None:
        chosen = FolderDialog.ask(self, str(self.folder))
        if chosen is not None:
            self.folder_edit.setText(str(chosen))

    # ------------------------------------------------------------ running

    def running(self) -> bool:
        return self._job is not None

    def _may_replace(self, formats: Sequence[str]) -> bool:
        """Files of these names in the folder are replaced only when the officer agrees
        (the command line needs --force); each is replaced whole or not at all."""
        from desktop.core.exporters import planned_outputs
        from desktop.core.overwrite import existing
        from desktop.ui.dialogs import ConfirmDialog

        there = existing(planned_outputs(self.report, self.folder, formats, draft=self.is_draft))
        if not there:
            return True
        names = "\n".join(p.name for p in there)
        return ConfirmDialog.ask(
            self, "替换已有文件", f"文件夹中已有以下文件：\n{names}\n\n要用新生成的文件替换它们吗？"
        )

    def start(self) -> bool:
        """Start writing the files in the background (the dialog stays responsive).

        A final (of any format) is refused here, before anything is written, while
        something blocks publishing; the officer may take a draft instead. False when
        nothing started."""
        if self._job is not None:
            return False
        formats = self.formats
        if not formats:
            self.status.setText("请至少选择一种输出内容（Excel、PDF 或 Word）。")
            return False
        self.report = self._source()
        if not self.is_draft:
            blockers = self.blockers()
            self._show_warning(blockers)
            if blockers:
                log.info("正式版被拒绝：%d 项问题", len(blockers))
                chosen: list[Blocker] = []
                if not BlockedDialog.ask(self, blockers, report=self.report, jump=chosen.append):
                    self.status.setText(
                        "未生成：已转到所选的问题，处理完后再按“生成”。"
                        if chosen
                        else "未生成：请先处理上面列出的问题，或选择“草稿”。"
                    )
                    for blocker in chosen:
                        self.jump_requested.emit(blocker)
                    return False
                self.draft.setChecked(True)
        if not self._may_replace(formats):
            self.status.setText("未生成：文件夹中已有同名文件，未替换（可另选文件夹）。")
            return False
        job = BuildJob(self.report, self.folder, formats, self.unit, self.is_draft)
        job.signals.progress.connect(self._progress)
        job.signals.done.connect(self._done)
        job.signals.cancelled.connect(self._cancelled)
        job.signals.failed.connect(self._failed)
        self._job = job
        self.outputs = []
        self.generate_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.open_button.setEnabled(False)
        self.open_pdf_button.setEnabled(False)
        self.progress.setRange(0, len(formats))
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText("正在准备……（可以继续在主窗口中工作）")
        log.info(
            "生成 %s（%s，%s）到 %s",
            "、".join(formats),
            self.unit,
            "草稿" if self.is_draft else "正式版",
            self.folder,
        )
        self.pool.start(job)
        return True

    def cancel(self) -> None:
        if self._job is None:
            return
        self._job.cancel()
        self.cancel_button.setEnabled(False)
        self.status.setText("正在取消：当前文件写完后停止……")

    def _progress(self, done: int, fmt: str) -> None:
        total = self.progress.maximum()
        self.progress.setValue(done)
        self.status.setText(
            f"正在生成{KIND_NAMES.get(fmt, fmt)}（第 {done + 1} 个，共 {total} 个）……"
            "可以继续在主窗口中工作。"
        )

    def _finish(self, outputs: Sequence[Output]) -> None:
        self._job = None
        self.outputs = list(outputs)
        self.progress.hide()
        self.generate_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.open_button.setEnabled(bool(self.outputs))
        self.open_pdf_button.setEnabled(self.pdf_path() is not None)

    def _listing(self) -> str:
        return "\n".join(f"{KIND_NAMES.get(o.kind, o.kind)}：{o.path}" for o in self.outputs)

    def _done(self, outputs: list[Output]) -> None:
        self._finish(outputs)
        log.info("已生成 %s", "；".join(str(o.path) for o in self.outputs))
        draft = "（草稿）" if self.is_draft else ""
        self.status.setText(f"已生成{draft}：\n{self._listing()}")
        (self.open_pdf_button if self.pdf_path() else self.open_button).setFocus()
        self.generated.emit(self.outputs)
        self._maybe_close()

    def _cancelled(self, outputs: list[Output]) -> None:
        self._finish(outputs)
        log.info("生成已取消；已写出 %d 个文件", len(self.outputs))
        written = f"取消前已生成：\n{self._listing()}" if self.outputs else "没有生成任何文件。"
        self.status.setText(f"已取消。{written}")
        self.cancelled.emit(self.outputs)
        self._maybe_close()

    def _failed(self, error: BaseException) -> None:
        self._finish([])
        self.status.setText("生成失败。")
        self.generation_failed.emit(error)
        if not self._close_when_done:
            show_error(self, error, "生成失败")
        else:
            log.error("生成失败", exc_info=(type(error), error, error.__traceback__))
        self._maybe_close()

    def _maybe_close(self) -> None:
        if self._close_when_done:
            super().reject()

    # ------------------------------------------------------------ afterwards

    def pdf_path(self) -> Path | None:
        return next((o.path for o in self.outputs if o.kind == "pdf"), None)

    def open_folder(self) -> bool:
        return type(self).opener(QUrl.fromLocalFile(str(self.folder)))

    def open_pdf(self) -> bool:
        path = self.pdf_path()
        return type(self).opener(QUrl.fromLocalFile(str(path))) if path else False

    def reject(self) -> None:
        """关闭 (or Esc): while running, cancel and close once the current file is done."""
        if self._job is not None:
            self._close_when_done = True
            self.cancel()
            return
        super().reject()
