"""The report in view's own fields: its general information, its agency header (a typo here, a renamed agency
from here on), its recipients, its figures annex, its signature and seal pictures."""

from __future__ import annotations

from typing import Any

from ...domain.model import AnnexChoice, SignImages
from ...store import edits
from ..document import Document
from ..edit import Edit
from . import replacing


def set_report_field(doc: Document, field: str, value: Any) -> Edit:
    return replacing(doc, "Sửa thông tin chung", edits.set_report_field, (doc.report_id, field), value,
                     merge_key=f"report.{field}")


def set_agency_field(doc: Document, field: str, value: str) -> Edit:
    """One field of this report's header (a typo); a renamed agency is ``rename_agency_from``."""
    return replacing(doc, "Sửa thông tin cơ quan", edits.set_agency_field, (doc.report_id, field), value,
                     merge_key=f"agency.{field}")


def rename_agency_from(doc: Document, fields: dict[str, str]) -> Edit:
    """The agency renamed from the report in view on: this report and later ones, never earlier ones."""
    rid, old = doc.report_id, {}
    return Edit("Đổi tên cơ quan từ kỳ này", lambda: old.update(edits.rename_agency_from(doc.db, rid, fields)),
                lambda: edits.restore_agency(doc.db, old))


def set_recipients(doc: Document, lines: list[str]) -> Edit:
    return replacing(doc, "Sửa nơi nhận", edits.set_recipients, (doc.report_id,), lines, merge_key="recipients")


def set_annex(doc: Document, choice: AnnexChoice | None) -> Edit:
    """The report's figures annex: which sectors and columns, or None for no annex."""
    return replacing(doc, "Sửa phụ lục số liệu", edits.set_annex, (doc.report_id,), choice)


def set_sign_images(doc: Document, images: SignImages) -> Edit:
    """The signer's signature and the agency's seal pictures, and whether the export prints them."""
    return replacing(doc, "Sửa ảnh chữ ký, con dấu", edits.set_sign_images, (doc.report_id,), images)


__all__ = ["rename_agency_from", "set_agency_field", "set_annex", "set_recipients", "set_report_field",
           "set_sign_images"]
