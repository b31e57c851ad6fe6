"""The report as it will print: the same composed outline the .docx is written from."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTextBrowser, QWidget

from ..compose import compose_outline
from ..render.html import outline_to_html
from .session import WorkbookSession

PREVIEW_DELAY_MS = 250
# Qt lays out rich text slowly (a 1 MB paragraph or 10.000 list items take seconds): the preview shows
# at most this much and says what it left out; the exported .docx always has everything.
MAX_PARAGRAPH_CHARS = 4000
MAX_BODY_ITEMS = 1200


def trimmed(outline):
    """The outline as the preview shows it: very long paragraphs and very long reports cut, with a note."""
    import dataclasses

    from ..compose.outline import Paragraph

    body = []
    for item in outline.body[:MAX_BODY_ITEMS]:
        if isinstance(item, Paragraph) and len(item.text) > MAX_PARAGRAPH_CHARS:
            rest = len(item.text) - MAX_PARAGRAPH_CHARS
            item = dataclasses.replace(item, text=item.text[:MAX_PARAGRAPH_CHARS]
                                       + f" … [bản xem trước lược {rest:,} ký tự; tệp Word có đủ]".replace(",", "."))
        body.append(item)
    left_out = len(outline.body) - len(body)
    if left_out > 0:
        body.append(Paragraph(f"[Bản xem trước dừng ở đây; còn {left_out:,} đoạn, tệp Word có đủ.]".replace(",", ".")))
    return dataclasses.replace(outline, body=tuple(body))
PAGE_TEXT_WIDTH_PX = 600  # about the 155 mm text width at 96 dpi


class Preview(QTextBrowser):
    def __init__(self, session: WorkbookSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("preview")
        self.setAccessibleName("Xem trước báo cáo")
        self.setOpenLinks(False)
        # the page keeps its width (the header table must not wrap); a narrow pane scrolls sideways
        self.setLineWrapMode(QTextBrowser.LineWrapMode.FixedPixelWidth)
        self.setLineWrapColumnOrWidth(PAGE_TEXT_WIDTH_PX)
        self.setMinimumWidth(280)
        self.timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.update_now)
        self.html = ""
        self.outline = None
        self.update_now()

    def schedule(self) -> None:
        self.timer.start()

    def update_now(self) -> None:
        report = self.session.report
        if report is None:
            self.setHtml("<p>Sổ báo cáo chưa có báo cáo nào.</p>")
            return
        self.outline = compose_outline(self.session.workbook, report)
        html = outline_to_html(trimmed(self.outline))
        if html == self.html:
            return
        self.html = html
        bar = self.verticalScrollBar()
        position = bar.value()
        self.setHtml(html)
        bar.setValue(position)  # the clerk keeps their place while the text changes under it

    def show_heading(self, text: str) -> None:
        """Scroll to the first heading with this text (the sector the clerk is working on)."""
        from ..compose import Heading

        if self.outline is None:
            return
        for index, item in enumerate(self.outline.body):
            if isinstance(item, Heading) and item.text == text:
                self.scrollToAnchor(f"b{index}")
                return
