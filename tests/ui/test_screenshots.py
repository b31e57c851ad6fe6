"""A picture of every tab of the window on the sample, for the README and for reviewers.

Saved under a temporary folder; with BAOCAO_SCREENSHOTS=docs/screenshots they refresh the README's images.
"""

import os
from pathlib import Path

from PySide6.QtGui import QColor


def test_every_tab_can_be_pictured_and_shows_content(qtbot, open_window, sample_workbook, tmp_path):
    out = Path(os.environ.get("BAOCAO_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    window = open_window(sample_workbook)
    window.resize(1500, 900)
    qtbot.waitUntil(lambda: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in window.preview.toPlainText())
    names = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(50)
        name = window.tabs.widget(index).objectName()
        image = window.grab().toImage()
        path = out / f"{index:02d}-{name}.png"
        assert image.save(str(path))
        names.append(path.name)
        colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 37)
                   for y in range(0, image.height(), 37)}
        assert len(colours) > 5 and QColor("#000000").name() in colours | {c for c in colours if c < "#333333"}
    assert len(names) == window.tabs.count() == 2 + len(window.session.workbook.sectors) + 1
