"""The window's tabs: general information, one tab per sector (built the first time it is shown: a workbook
may have forty), the report-wide opening and assessment, the direction. Only the tab in view redraws after an
edit; the others when next shown. ``focus(place)`` shows the tab that holds a place of the report."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from ...domain.checks import Place
from ...domain.structure import Group
from ..session import WorkbookSession
from ..windows.lock_state import lock_widgets
from .annex_tab import AnnexTab
from .general_tab import GeneralTab
from .parts_tab import PartsTab
from .sector_tab import SectorTab

TAB_CHARS = 14  # a tab's label: about this long, so that every tab shows on a laptop without scroll arrows


def short_title(title: str) -> str:
    """A tab label from a sector title, its first phrase (the whole title is the tab's tooltip):
    "Công tác Lao động – Việc làm và …" → "Lao động", "Công tác Thanh tra, kiểm tra, …" → "Thanh tra"."""
    text = title.removeprefix("Công tác ").strip()
    text = text[:1].upper() + text[1:]
    for separator in (" – ", " - ", ", ", " và "):
        if len(text) <= TAB_CHARS:
            break
        text = text.split(separator)[0].strip()
    # still long: its first two words, mostly a compound ("Tham mưu…", "Khám bệnh…")
    return text if len(text) <= TAB_CHARS else " ".join(text.split()[:2]) + "…"


class TabHost(QTabWidget):
    sector_shown = Signal(str)  # the title of the sector tab now in view (the preview follows it)
    rename_agency = Signal()  # "Đổi tên cơ quan từ kỳ này…" clicked in the general tab

    def __init__(self, session: WorkbookSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("tabs")
        self.setDocumentMode(True)
        # narrow side padding: every tab shows on a laptop's 1366 px, without scroll arrows
        self.tabBar().setStyleSheet("QTabBar::tab { padding: 4px 6px; }")
        self.sector_tabs: list[SectorTab] = []
        self.stale: set[str] = set()
        self.build()
        self.currentChanged.connect(self._shown)

    def build(self) -> None:
        current = self.currentWidget().objectName() if self.currentWidget() else None
        self.blockSignals(True)
        self.clear()
        self.general = GeneralTab(self.session)
        self.general.rename.clicked.connect(self.rename_agency)
        self.addTab(self.general, "Thông tin chung")
        self.sector_tabs = []
        shown = self.session.workbook.sectors_of(self.session.report)
        self.sector_codes = [s.code for s in shown]
        for sector in shown:
            placeholder = QWidget()
            placeholder.setObjectName(f"tab-{sector.code}")
            self.addTab(placeholder, short_title(sector.title))
            self.setTabToolTip(self.count() - 1, sector.title)
        self.assessment = PartsTab(self.session, Group.ASSESSMENT)
        self.addTab(self.assessment, "Mở đầu")
        self.setTabToolTip(self.count() - 1, "Mở đầu, đánh giá chung")
        self.direction = PartsTab(self.session, Group.DIRECTION)
        self.addTab(self.direction, "Phương hướng")
        self.setTabToolTip(self.count() - 1, "Phương hướng kỳ tới")
        self.annex = AnnexTab(self.session)
        self.addTab(self.annex, "Phụ lục")
        self.setTabToolTip(self.count() - 1, "Phụ lục số liệu, ảnh chữ ký và con dấu")
        self.stale = set()
        self.blockSignals(False)
        self.select(current or "tab-general")
        self._shown(self.currentIndex())

    def tabs(self) -> list:
        return [self.general, *self.sector_tabs, self.assessment, self.direction, self.annex]

    def sector_tab(self, code: str) -> SectorTab | None:
        """The tab of a sector, built now if it has not been shown yet."""
        built = next((t for t in self.sector_tabs if t.sector == code), None)
        if built is not None:
            return built
        index = next((i for i in range(self.count()) if self.widget(i).objectName() == f"tab-{code}"), -1)
        if index < 0:
            return None
        placeholder = self.widget(index)
        tab = SectorTab(self.session, code)
        label, tip, current = self.tabText(index), self.tabToolTip(index), self.currentIndex()
        self.blockSignals(True)
        self.removeTab(index)
        self.insertTab(index, tab, label)
        self.setTabToolTip(index, tip)
        self.setCurrentIndex(current)
        self.blockSignals(False)
        placeholder.deleteLater()
        self.sector_tabs.append(tab)
        return tab

    def select(self, name: str) -> None:
        for i in range(self.count()):
            if self.widget(i).objectName() == name:
                self.setCurrentIndex(i)

    def refresh(self) -> None:
        """After an edit: rebuild when the sectors changed, else redraw the tab in view and mark the rest."""
        if [s.code for s in self.session.workbook.sectors_of(self.session.report)] != self.sector_codes:
            self.build()
            return
        current = self.currentWidget()
        for tab in self.tabs():
            if tab is current:
                tab.refresh()
                lock_widgets(tab, self.session.locked)
            else:
                self.stale.add(tab.objectName())

    def _shown(self, _index: int) -> None:
        tab = self.currentWidget()
        if tab is None:
            return
        name = tab.objectName()
        if name.startswith("tab-") and name[4:] in self.sector_codes and not isinstance(tab, SectorTab):
            tab = self.sector_tab(name[4:])
            self.setCurrentWidget(tab)
        elif name in self.stale:
            tab.refresh()
        self.stale.discard(name)
        lock_widgets(tab, self.session.locked)
        if isinstance(tab, SectorTab) and tab.sector_info() is not None:
            self.sector_shown.emit(tab.sector_info().title)

    def focus(self, place: Place) -> None:
        """Show the tab that holds ``place`` and put the cursor there."""
        group = place.group
        if group == Group.SECTOR:
            self.select(f"tab-{place.sector}")
            tab = self.sector_tab(place.sector)
        else:
            tab = {Group.GENERAL: self.general, Group.ASSESSMENT: self.assessment,
                   Group.DIRECTION: self.direction}[group]
            self.setCurrentWidget(tab)
        if tab is not None:
            tab.focus(place)
