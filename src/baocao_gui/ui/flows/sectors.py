"""Sửa › Thêm lĩnh vực…: a sector left out brought back, one of the catalogue the workbook lacks, or a new one."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QInputDialog

from ...app.edits import sectors
from .conversation import Conversation

log = logging.getLogger(__name__)


class SectorFlow(Conversation):
    def add_sector(self) -> None:
        """A sector left out of this report brought back, a sector of the catalogue the workbook lacks, or a
        new one."""
        report = self.session.report
        options: list[tuple[str, str | None, str]] = []
        if report is not None:
            options += [("back", s.code, f"Đưa lại vào báo cáo: {s.title}") for s in self.session.workbook.sectors
                        if s.code in report.sectors_off]
        options += [("catalogue", code, f"Từ danh mục: {title}")
                    for code, title in sectors.catalogue_sectors_missing(self.session.doc)]
        choice = ("new", None, "")
        if options:
            options.append(("new", None, "Lĩnh vực mới (gõ tên)…"))
            labels = [label for *_, label in options]
            label, ok = QInputDialog.getItem(self.window, "Thêm lĩnh vực", "Lĩnh vực:", labels, 0, False)
            if not ok:
                return
            choice = options[labels.index(label)]
        kind, code, _ = choice
        if kind == "back":
            self.session.edit(sectors.set_sector_off, code, False)
        elif kind == "catalogue":
            edit = self.session.edit(sectors.add_catalogue_sector, sectors.catalogue_id(self.session.doc), code)
            code = edit.created.get("code") if edit else None
        else:
            title, ok = QInputDialog.getText(self.window, "Thêm lĩnh vực",
                                             "Tên lĩnh vực (ví dụ: Công tác Phòng, chống tệ nạn xã hội):")
            edit = self.session.edit(sectors.add_sector, title) if ok and title.strip() else None
            code = edit.created.get("code") if edit else None
        if code:
            self.window.tabs.select(f"tab-{code}")
