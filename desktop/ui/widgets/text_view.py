"""The generated text (a core `Document` part) shown as the officer will read it.

    Part ──part_html──> HTML: headings bold with their numbers, paragraphs indented,
                        each placeholder 【请填写原因】 a highlighted link "#ph-<n>"
    TextView (QTextBrowser) ──click / Enter on a placeholder──> placeholder_activated(key)

Only presentation lives here; what the text says, and which keys are still owed, come
from `desktop.core.text`.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.core.text import Heading, Paragraph, Part

PLACEHOLDER_BG = "#ffe08a"
PLACEHOLDER_FG = "#a3140f"
_HEADING_SCALE = {1: 1.15, 2: 1.05, 3: 1.0}


def part_html(part: Part, keys: list[str], *, points: float = 10.0, indent: int = 28) -> str:
    """The part as HTML for a QTextBrowser; every placeholder's key is appended to `keys`
    and its link is ``#ph-<index in keys>``. `points`: the body size; `indent`: two
    characters, in pixels (Qt's rich text takes neither em nor % for these)."""
    out = [
        f"<p align='center' style='font-size:{points * 1.4:.1f}pt; font-weight:bold; "
        f"margin-top:6px; margin-bottom:14px'>{escape(part.title)}</p>"
    ]
    for block in part.blocks:
        if isinstance(block, Heading):
            size = points * _HEADING_SCALE.get(block.level, 1.0)
            first = 0 if block.level == 1 else indent
            out.append(
                f"<p style='font-weight:bold; font-size:{size:.1f}pt; margin-top:12px; "
                f"margin-bottom:4px; text-indent:{first}px'>"
                f"{escape(block.number)}{escape(block.text)}</p>"
            )
            continue
        assert isinstance(block, Paragraph)
        runs = []
        for run in block.runs:
            text = escape(run.text)
            if run.placeholder:
                keys.append(run.key)
                runs.append(
                    f"<a href='#ph-{len(keys) - 1}' style='text-decoration:none'>"
                    f"<span style='background-color:{PLACEHOLDER_BG}; color:{PLACEHOLDER_FG}; "
                    f"font-weight:bold'>{text}</span></a>"
                )
            elif run.emphasis:
                runs.append(f"<b>{text}</b>")
            else:
                runs.append(text)
        out.append(
            f"<p style='font-size:{points:.1f}pt; text-indent:{indent}px; margin-top:0px; "
            "margin-bottom:4px; line-height:150%'>" + "".join(runs) + "</p>"
        )
    return "\n".join(out)


class TextView(QTextBrowser):
    """A read-only page of generated text whose placeholders are links to their form."""

    placeholder_activated = Signal(str)  # the placeholder's key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._clicked)
        self.keys: list[str] = []
        self.document().setDocumentMargin(18)

    def show_part(self, part: Part) -> None:
        """Show `part`, keeping the scroll position (it is rebuilt after each edit)."""
        bar = self.verticalScrollBar()
        at = bar.value()
        keys: list[str] = []
        font = self.font()
        points = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        indent = 2 * self.fontMetrics().horizontalAdvance("中")
        html = part_html(part, keys, points=points * 1.1, indent=indent)
        if html != getattr(self, "_html", None):
            self._html = html
            self.keys = keys
            self.setHtml(html)
            bar.setValue(at)

    def _clicked(self, url: QUrl) -> None:
        fragment = url.fragment()
        if fragment.startswith("ph-") and fragment[3:].isdigit():
            i = int(fragment[3:])
            if 0 <= i < len(self.keys):
                self.placeholder_activated.emit(self.keys[i])

    def activate(self, index: int = 0) -> None:
        """As a click on the `index`-th placeholder (tests, keyboard shortcuts)."""
        self._clicked(QUrl(f"#ph-{index}"))
