"""The report as it will print: the same composed outline the .docx is written from."""

from __future__ import annotations

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QImage, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from ..app.sent import as_sent
from ..compose import Heading, Level, Paragraph, compose_outline
from ..render.html import PICTURE_URLS, outline_to_html, trimmed
from .background import Background
from .session import WorkbookSession

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
        self.background = Background(self)
        self.html = ""
        self.outline = None  # the whole composed outline
        self.shown = None  # the trimmed outline on screen
        self.block_of: dict[int, int] = {}  # body index → text block number
        self.patches = 0  # paragraphs patched in place (for tests and benchmarks)
        self.layouts = 0  # whole pages laid out afresh
        self.schedule()

    def schedule(self) -> None:
        self.timer.start()

    def _work(self):
        workbook, report = self.session.workbook, self.session.report
        if report is None:
            return None
        workbook, report = as_sent(workbook, report)  # a report signed and sent shows what was sent
        outline = compose_outline(workbook, report)
        shown = trimmed(outline)
        return outline, shown, outline_to_html(shown)

    def _compose_in_background(self) -> None:
        self.background.run(self._work, self._show)

    def update_now(self) -> None:
        """Compose and show at once (F5, tests)."""
        self.timer.stop()
        self._show(self._work())

    def _show(self, result) -> None:
        if result is None:
            self.setHtml("<p>Sổ báo cáo chưa có báo cáo nào.</p>")
            return
        outline, shown, html = result
        self.outline = outline
        if html == self.html:
            return
        patched = self._patch(shown)
        self.html = html
        if patched:
            return
        bar = self.verticalScrollBar()
        position = bar.value()
        self._pictures(outline.signature)
        self.setHtml(html)
        self.layouts += 1
        bar.setValue(position)  # the clerk keeps their place while the text changes under it
        self.shown = shown
        self._index_blocks()

    def _pictures(self, signature) -> None:
        """The signature and seal pictures the HTML names, as resources of the page."""
        for kind, url in PICTURE_URLS.items():
            data = getattr(signature, f"{kind}_png")
            image = QImage()
            if data and image.loadFromData(data):
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

    def _patch(self, new) -> bool:
        """Replace the text of changed paragraphs when nothing else changed; False to lay out afresh."""
        old = self.shown
        if old is None or old.front != new.front or old.signature != new.signature \
                or old.annex != new.annex or len(old.body) != len(new.body):
            return False
        changed = []
        for index, (a, b) in enumerate(zip(old.body, new.body, strict=True)):
            if a == b:
                continue
            same_shape = type(a) is type(b) and (
                (isinstance(a, Paragraph) and a.bullet == b.bullet)
                or (isinstance(a, Heading) and a.level == b.level and a.level != Level.PART))
            if not same_shape or index not in self.block_of or a.missing or b.missing:  # red marks: lay out
                return False
            changed.append((index, b.line))
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
        if self.outline is None:
            return
        for index, item in enumerate(self.outline.body):
            if isinstance(item, Heading) and item.text == text:
                self.scrollToAnchor(f"b{index}")
                return
