"""The report as it will print: the same composed outline the .docx is written from."""

from __future__ import annotations

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QImage, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from ...app.views import PreviewPage, changed_lines, preview_page
from ..session import WorkbookSession
from ..workers import Worker

PREVIEW_DELAY_MS = 250
PAGE_TEXT_WIDTH_PX = 600  # about the 155 mm text width at 96 dpi


class Preview(QTextBrowser):
    """Composed in a worker; a change that keeps the report's shape patches the changed paragraphs in
    place (a full re-layout of a long report takes longer than a keystroke may wait)."""

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
        self.timer.timeout.connect(self._compose_in_background)
        self.worker = Worker(self)
        self.html = ""
        self.page: PreviewPage | None = None  # the page composed last
        self.shown: PreviewPage | None = None  # the page on screen (patched paragraphs included)
        self.block_of: dict[int, int] = {}  # body index → text block number
        self.patches = 0  # paragraphs patched in place (for tests and benchmarks)
        self.layouts = 0  # whole pages laid out afresh
        self.schedule()

    def schedule(self) -> None:
        self.timer.start()

    @property
    def outline(self):
        """The whole composed outline of the page on screen (None before the first)."""
        return self.page.outline if self.page is not None else None

    def _compose_in_background(self) -> None:
        # the model is immutable: the worker gets this moment's workbook and report, never the session
        self.worker.run(preview_page, self.session.workbook, self.session.report, done=self._show)

    def update_now(self) -> None:
        """Compose and show at once (F5, tests)."""
        self.timer.stop()
        self.worker.forget()  # a composition still under way is older than this one
        self._show(preview_page(self.session.workbook, self.session.report))

    def _show(self, page: PreviewPage | None) -> None:
        if page is None:
            self.page = self.shown = None
            self.html = ""
            self.setHtml("<p>Sổ báo cáo chưa có báo cáo nào.</p>")
            return
        self.page = page
        if page.html == self.html:
            return
        patched = self._patch(page)
        self.html = page.html
        if patched:
            return
        bar = self.verticalScrollBar()
        position = bar.value()
        self._pictures(page.pictures)
        self.setHtml(page.html)
        self.layouts += 1
        bar.setValue(position)  # the clerk keeps their place while the text changes under it
        self.shown = page
        self._index_blocks()

    def _pictures(self, pictures: dict[str, bytes]) -> None:
        """The signature and seal pictures the HTML names, as resources of the page."""
        for url, data in pictures.items():
            image = QImage()
            if image.loadFromData(data):
                self.document().addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)

    def _index_blocks(self) -> None:
        """Body item → text block. The anchor opens its paragraph (render/html puts it first), so only each
        block's first fragment is read: walking every fragment of a long report held the window 0,3 s."""
        self.block_of = {}
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            if not it.atEnd():
                for name in it.fragment().charFormat().anchorNames():
                    if name.startswith("b") and name[1:].isdigit():
                        self.block_of.setdefault(int(name[1:]), block.blockNumber())
            block = block.next()

    def _patch(self, new: PreviewPage) -> bool:
        """Replace the text of changed paragraphs when nothing else changed; False to lay out afresh."""
        changed = changed_lines(self.shown, new)
        if changed is None or any(index not in self.block_of for index, _line in changed):
            return False
        document = self.document()
        for index, line in changed:
            block = document.findBlockByNumber(self.block_of[index])
            fmt = block.begin().fragment().charFormat() if not block.begin().atEnd() else QTextCharFormat()
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(line, fmt)
        self.shown = new
        self.patches += len(changed)
        return True

    def show_heading(self, text: str) -> None:
        """Scroll to the first heading with this text (the sector the clerk is working on)."""
        index = self.page.heading_index(text) if self.page is not None else None
        if index is not None:
            self.scrollToAnchor(f"b{index}")
