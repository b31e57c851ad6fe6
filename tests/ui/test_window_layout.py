"""The window's layout is the clerk's: splitters and the findings dock stay where they were put."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QSplitter


def drag_handle(splitter, by):
    handle = splitter.handle(1)
    start = handle.rect().center()
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    end = start + (QPoint(0, by) if splitter.orientation() == Qt.Orientation.Vertical else QPoint(by, 0))
    QTest.mouseMove(handle, end)
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=end)


def sector_splitter(window):
    window.select_tab("tab-lao_dong")
    tab = window.sector_tab("lao_dong")
    return next(s for s in tab.findChildren(QSplitter) if s.parent() is tab)


def test_the_first_start_on_a_large_screen_is_a_window_not_maximised(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    assert not window.isMaximized() and (window.width(), window.height()) == (1280, 800)


def test_splitters_and_the_findings_dock_are_where_the_clerk_left_them(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    window.resizeDocks([window.findings_dock], [240], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: abs(window.findings_dock.height() - 240) < 30)
    dock = window.findings_dock.height()
    split = sector_splitter(window)
    before = split.sizes()
    drag_handle(split, -40)  # more room for the paragraphs
    moved = split.sizes()
    assert moved[0] < before[0]
    main = window.tabs.parentWidget()  # the tabs beside the preview
    drag_handle(main, -80)
    main_moved = main.sizes()
    window.close()

    again = open_window(sample_workbook)
    assert sector_splitter(again).sizes() == moved
    assert again.tabs.parentWidget().sizes() == main_moved
    assert again.findings_dock.height() == dock
    again.select_tab("tab-giam_ngheo_btxh")  # every sector tab shares the place
    other = again.sector_tab("giam_ngheo_btxh")
    assert next(s for s in other.findChildren(QSplitter) if s.parent() is other).sizes()[0] == moved[0]
