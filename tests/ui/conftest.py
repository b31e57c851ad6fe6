"""GUI fixtures: the real window on a fresh copy of the sample, settings and documents kept private."""

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True, scope="session")
def _vietnamese(qapp):
    """The window as the clerk sees it: Vietnamese dates and standard buttons, as ``application()`` sets."""
    from baocao_gui.ui.vietnamese import use_vietnamese

    use_vietnamese(qapp)


@pytest.fixture(autouse=True)
def _private_qt_settings(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qt-settings"))
    yield


@pytest.fixture
def open_window(qtbot):
    """Open the main window on a workbook, as `baocao-gui WORKBOOK` does; closed at the end of the test."""
    from baocao_gui.ui.app import window_for
    from baocao_gui.ui.session import WorkbookSession

    windows = []

    def opener(path):
        window = window_for(WorkbookSession(path))
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        with qtbot.waitActive(window):
            window.activateWindow()
        windows.append(window)
        return window

    yield opener
    for window in windows:
        window.close()
        window.session.close()
