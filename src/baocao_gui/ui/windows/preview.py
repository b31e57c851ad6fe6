"""The report as it will print: the same composed outline the .docx is written from."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QImage, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ...app.views import PreviewPage, changed_lines, page_html, preview_page
from ..session import WorkbookSession
from ..settings import app_settings
from ..workers import Worker

PREVIEW_DELAY_MS = 250
PAGE_TEXT_WIDTH_PX = 600  # about the 155 mm text width at 96 dpi, at 100 %
FIT = "fit"  # the zoom that makes the page as wide as the pane (Word's "page width")
ZOOMS = ((FIT, "Vừa chiều rộng"), (0.75, "75%"), (1.0, "100%"), (1.25, "125%"))
FIT_LIMITS = (0.4, 2.0)
PREVIEW_SHARE = 0.36  # of the window's width, at the first start
REZOOM_MS = 120  # a pane being resized is laid out again once it rests


class Preview(QTextBrowser):
    """Composed in a worker; a change that keeps the report's shape patches the changed paragraphs in
    place (a full re-layout of a long report takes longer than a keystroke may wait)."""

    def __init__(self, session: WorkbookSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("preview")
        self.setAccessibleName("Xem trước báo cáo")
        self.setOpenLinks(False)
        # the page keeps its shape at every zoom (the header table must not wrap): its lines break at the page's
        # width times the zoom; "Vừa chiều rộng" makes that the pane's width, so nothing scrolls sideways
        self.setLineWrapMode(QTextBrowser.LineWrapMode.FixedPixelWidth)
        self.setLineWrapColumnOrWidth(PAGE_TEXT_WIDTH_PX)
        self.setMinimumWidth(280)
        self.zoom_choice: str | float = FIT
        self.zoom = 1.0  # the zoom the page on screen is laid out at
        self.rezoom = QTimer(self, singleShot=True, interval=REZOOM_MS)
        self.rezoom.timeout.connect(self.apply_zoom)
        self.timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self._compose_in_background)
        self.worker = Worker(self)
        self.html = ""
        self.page: PreviewPage | None = None  # the page composed last
        self.shown: PreviewPage | None = None  # the page on screen (patched paragraphs included)
        self.block_of: dict[int, int] = {}  # body index → text block number
        self.patches = 0  # paragraphs patched in place (for tests and benchmarks)
        self.layouts = 0  # whole pages laid out afresh for a new page
        self.zoomings = 0  # the page on screen laid out again at another zoom
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
        self._lay_out(page, self.verticalScrollBar().value())
        self.shown = page

    def _lay_out(self, page: PreviewPage, position: int, zooming: bool = False) -> None:
        """``page`` on screen at this moment's zoom, scrolled to ``position``."""
        self.zoom = self.wanted_zoom()
        self.setLineWrapColumnOrWidth(round(PAGE_TEXT_WIDTH_PX * self.zoom))
        self._pictures(page.pictures)
        self.setHtml(page_html(page, self.zoom))
        if zooming:
            self.zoomings += 1
        else:
            self.layouts += 1
        self.verticalScrollBar().setValue(position)  # the clerk keeps their place while the text changes under it
        self._index_blocks()

    # --- zoom ----------------------------------------------------------------------------------------------
    def wanted_zoom(self) -> float:
        """The chosen zoom; for "Vừa chiều rộng", the one that makes the page's lines as wide as the pane."""
        if self.zoom_choice != FIT:
            return float(self.zoom_choice)
        room = self.viewport().width() - 2 * self.document().documentMargin() - 8
        return min(max(room / PAGE_TEXT_WIDTH_PX, FIT_LIMITS[0]), FIT_LIMITS[1])

    def set_zoom(self, choice: str | float) -> None:
        self.zoom_choice = choice
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if choice == FIT
                                          else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.apply_zoom()

    def apply_zoom(self) -> None:
        """Lay the page on screen out again when its zoom changed (a resized pane, another choice)."""
        if self.shown is None or abs(self.wanted_zoom() - self.zoom) < 0.01:
            return
        bar = self.verticalScrollBar()
        share = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self._lay_out(self.shown, 0, zooming=True)
        bar.setValue(round(share * bar.maximum()))  # the same place of the page

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.zoom_choice == FIT:
            self.rezoom.start()

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


class PreviewPane(QWidget):
    """The preview under a small bar with its zoom (remembered)."""

    def __init__(self, preview: Preview, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        self.zoom = QComboBox()
        self.zoom.setObjectName("preview-zoom")
        self.zoom.setToolTip("Cỡ trang xem trước; “Vừa chiều rộng” làm trang vừa khung, không phải kéo ngang")
        for value, label in ZOOMS:
            self.zoom.addItem(label, value)
        label = QLabel("Xem trước, &thu phóng:")
        label.setBuddy(self.zoom)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 0, 2)
        bar.addWidget(label)
        bar.addWidget(self.zoom)
        bar.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(bar)
        column.addWidget(preview, 1)
        saved = app_settings().value("preview/zoom", FIT)
        index = next((i for i, (value, _) in enumerate(ZOOMS) if str(value) == str(saved)), 0)
        self.zoom.setCurrentIndex(index)
        preview.set_zoom(ZOOMS[index][0])
        self.zoom.currentIndexChanged.connect(self._chosen)

    def _chosen(self, index: int) -> None:
        value = self.zoom.itemData(index)
        app_settings().setValue("preview/zoom", value)
        self.preview.set_zoom(value)
