"""What the window's views show, computed from plain data on any thread: the preview page (the outline the .docx
is written from, trimmed, as HTML), the findings before signing, how a new page differs from the one on screen,
and whether a chosen annex prints. A report signed and sent is shown and checked as it was sent (as it is, when
the copy of what was sent fails its proof: app.sent.as_shown). No Qt here: the window hands these
functions a model and gets plain data back (ui/workers.py runs them off the window's thread).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compose import Heading, Level, Outline, Paragraph, compose_outline
from ..compose.annex import COLUMN_LABELS, compose_annex
from ..domain.checks import Finding, check_report
from ..domain.model import AnnexChoice, Report, Workbook
from ..render.html import PICTURE_URLS, outline_to_html, trimmed, zoomed
from .sent import as_shown


@dataclass(frozen=True)
class PreviewPage:
    outline: Outline  # the whole composed outline
    shown: Outline  # the part of it on screen (trimmed)
    html: str
    pictures: dict[str, bytes]  # resource URL the HTML names → PNG bytes (signature, seal)

    def heading_index(self, text: str) -> int | None:
        """The body index of the first heading reading ``text`` (the sector the clerk works on)."""
        return next((i for i, item in enumerate(self.outline.body)
                     if isinstance(item, Heading) and item.text == text), None)


def page_html(page: PreviewPage, zoom: float) -> str:
    """The page's HTML at ``zoom`` times its size (1: the page as composed, about 600 px of text width)."""
    return zoomed(page.html, zoom)


def preview_page(workbook: Workbook, report: Report | None) -> PreviewPage | None:
    """The page for ``report``; None when the workbook has no report yet."""
    if report is None:
        return None
    workbook, report = as_shown(workbook, report)  # a sent copy that cannot be trusted: the live report (the banner says)
    outline = compose_outline(workbook, report)
    shown = trimmed(outline)
    pictures = {url: data for kind, url in PICTURE_URLS.items()
                if (data := getattr(outline.signature, f"{kind}_png", None))}
    return PreviewPage(outline, shown, outline_to_html(shown), pictures)


def findings(workbook: Workbook, report: Report | None, known_words: frozenset[str] = frozenset()) -> list[Finding]:
    """The checks before signing, of the report as it will print (as sent, once sent); ``known_words``: the clerk's
    own dictionary (lower case), not flagged as spelling."""
    if report is None:
        return []
    return check_report(*as_shown(workbook, report), known_words)


def changed_lines(old: PreviewPage | None, new: PreviewPage) -> list[tuple[int, str]] | None:
    """The paragraphs whose text alone changed between two pages, as (body index, new line); None when anything
    else changed (the front, the signature, the annex, a heading's level, a paragraph's bullet, a missing figure's
    red mark, the number of items): then the page is laid out afresh."""
    if old is None:
        return None
    a_page, b_page = old.shown, new.shown
    if (a_page.front != b_page.front or a_page.signature != b_page.signature or a_page.annex != b_page.annex
            or len(a_page.body) != len(b_page.body)):
        return None
    changed = []
    for index, (a, b) in enumerate(zip(a_page.body, b_page.body, strict=True)):
        if a == b:
            continue
        same_shape = type(a) is type(b) and (
            (isinstance(a, Paragraph) and a.bullet == b.bullet)
            or (isinstance(a, Heading) and a.level == b.level and a.level != Level.PART))
        if not same_shape or a.missing or b.missing:
            return None
        changed.append((index, b.line))
    return changed


ANNEX_COLUMN_LABELS = COLUMN_LABELS  # what the window calls each column of the figures annex


def annex_prints(workbook: Workbook, report: Report, choice: AnnexChoice) -> bool:
    """Whether the annex ``choice`` describes has a figure to print (else it is left out of the report)."""
    return compose_annex(workbook, report, choice) is not None
