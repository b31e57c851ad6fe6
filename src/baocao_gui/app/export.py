"""One export path for the window and the command line: the checks before signing, the writer chosen by
the target's suffix (``WRITERS``: ``app/writers/``, one module a format — .docx; .pdf, the .docx written beside it
first, then converted), the atomic write, the messages. A sent report exports its snapshot (``sent.as_sent``); ``paragraphs_differing`` tells how far a file
marked as sent is from what the export writes now."""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..compose import compose_outline
from ..domain.model import Report, Workbook
from ..errors import UserError
from ..render.conversion import Cancelled, NoConverter
from .sent import KEPT_SUFFIXES, as_sent, kept_bytes
from .writers import ExportInput, Progress, Writer, csv, docx, pdf, xlsx
from .writers import dhis2 as dhis2_writers

# Cancelled, NoConverter: what a PDF export can end with besides a file
__all__ = [
    "KINDS",
    "WRITERS",
    "Cancelled",
    "Exported",
    "NoConverter",
    "Writer",
    "choose_target",
    "dhis2_summary",
    "docx_paragraphs",
    "export_report",
    "export_target",
    "paragraphs_differing",
    "write_report",
    "writer_key",
]

if TYPE_CHECKING:  # the checks load only when an export asks for them (the command line's export does not)
    from ..domain.checks import Finding

# a new format: its line here. Keyed by suffix; a second writer of a suffix by its variant before it (".dhis2.csv")
WRITERS: dict[str, Writer] = {w.key: w for w in (docx.WRITER, pdf.WRITER, xlsx.WRITER, csv.WRITER,
                                                 dhis2_writers.JSON_WRITER, dhis2_writers.CSV_WRITER)}
KINDS = {key: w.kind for key, w in WRITERS.items()}


@dataclass(frozen=True)
class Exported:
    path: Path
    missing: tuple[str, ...]  # citations without a figure: the file shows [?] there
    beside: tuple[Path, ...] = ()  # other files written (the .docx a PDF was made from)


def writer_key(path: str | Path, dhis2: bool = False) -> str | None:
    """The writer a file's name asks for: the longest key its name ends with (``x.dhis2.csv`` → DHIS2's CSV,
    ``x.csv`` → the figures' CSV); with ``dhis2``, DHIS2's form of that suffix. None when no writer has it."""
    name = Path(path).name.lower()
    if dhis2:
        suffix = Path(name).suffix
        key = next((k for k, w in WRITERS.items() if w.suffix == suffix and w.variant == "dhis2"), None)
        if key is None and WRITERS.get(suffix) is dhis2_writers.JSON_WRITER:
            key = suffix  # .json is DHIS2's anyway
        if key is None:
            raise UserError(f"Tệp “{Path(path).name}”: --dhis2 chỉ dùng với tệp .json hoặc .csv.",
                            f"--dhis2 with {name}")
        return key
    return max((k for k in WRITERS if name.endswith(k) and len(name) > len(k)), key=len, default=None)


def export_target(path: str | Path, *, add_suffix: bool = False, suffix: str = ".docx", writer: str | None = None) \
        -> Path:
    """The file to write: a known suffix, or (a name typed in a save dialog) ``suffix`` added. With ``writer`` (a key
    of ``WRITERS``, chosen by the clerk), the name must end with that writer's suffix."""
    path = Path(path)
    if writer is not None:
        suffix = WRITERS[writer].suffix
        if path.name.lower().endswith(suffix):
            return path
    elif writer_key(path) is not None:
        return path
    if add_suffix:
        return path.with_name(path.name + suffix)
    known = ", ".join(k for k, w in WRITERS.items() if not w.variant)
    if writer is not None:
        known = suffix
    raise UserError(f"Tệp xuất “{path.name}” phải có đuôi {known}.", f"output {path.name} has no known suffix")


def choose_target(workbook: Workbook, report: Report, target: str | Path | Callable[[], Path | None],
                  confirm: Callable[[list[Finding]], bool] | None = None, *, writer: str | None = None,
                  known_words: frozenset[str] = frozenset()) -> Path | None:
    """The checks before signing (with ``confirm``: an export the clerk does not confirm writes nothing, None),
    then the file: ``target`` may be a function that asks for it (the window's save dialog), None writing nothing.
    ``known_words``: the clerk's dictionary, not flagged as spelling."""
    if not callable(target):
        target = export_target(target, writer=writer)  # an unknown suffix is refused before anything else
    workbook, report = as_sent(workbook, report)  # a report signed and sent exports what was sent
    if confirm is not None:
        from ..domain.checks import check_report

        if not confirm(check_report(workbook, report, known_words)):
            return None
    if callable(target):
        chosen = target()
        if chosen is None:
            return None
        target = export_target(chosen, writer=writer)
    return target


def write_report(workbook: Workbook, report: Report, target: Path, *, annex: bool | None = None,
                 cancel: threading.Event | None = None, progress: Progress | None = None,
                 writer: str | None = None) -> Exported:
    """Write ``report`` to ``target`` (whole or not at all), the figures annex as the report chose it (``annex``
    True or False overrides). ``cancel`` stops a PDF conversion; ``progress`` hears what is being done. ``writer``
    (a key of ``WRITERS``) when the name alone does not say (DHIS2's CSV)."""
    target = export_target(target, writer=writer)
    key = writer or writer_key(target)
    # a report signed and sent exports what was sent: the file itself when the workbook kept it, else its snapshot
    kept = {suffix: data for suffix in KEPT_SUFFIXES if (data := kept_bytes(report, suffix)) is not None}
    workbook, report = as_sent(workbook, report)
    if report.frozen:
        annex = None  # with the annex it was sent with, or without one: never another document
    chosen = WRITERS[key]
    if chosen.figures:  # the figures alone: the text is not composed
        chosen.write(ExportInput(workbook, report, annex=annex), target, cancel, progress or (lambda _: None))
        return Exported(target, (), chosen.beside(target))
    outline = compose_outline(workbook, report, annex=annex)
    chosen.write(ExportInput(workbook, report, outline, kept), target, cancel, progress or (lambda _: None))
    return Exported(target, outline.missing, chosen.beside(target))


def export_report(workbook: Workbook, report: Report, target: str | Path | Callable[[], Path | None],
                  confirm: Callable[[list[Finding]], bool] | None = None, *, annex: bool | None = None,
                  progress: Progress | None = None, writer: str | None = None) -> Exported | None:
    """The checks, the file, then the writing, in one call (the command line; the window's Word export)."""
    chosen = choose_target(workbook, report, target, confirm, writer=writer)
    if chosen is None:
        return None
    return write_report(workbook, report, chosen, annex=annex, progress=progress, writer=writer)


def dhis2_summary(workbook: Workbook, report: Report) -> list[str]:
    """``export -o X.json --dry-run``: what the DHIS2 file would carry (data set, period, org unit, counts), in
    Vietnamese lines; nothing is written. One sentence (UserError) when nothing could be sent."""
    workbook, report = as_sent(workbook, report)
    return dhis2_writers.summary(workbook, report)


def docx_paragraphs(path: Path) -> list[str]:
    """The text of a .docx, paragraph by paragraph (table cells after), blank ones left out. A line break inside a
    paragraph reads as a space: where a header's name breaks is layout, not text (issue 21.5)."""
    import docx

    def text(paragraph) -> str:
        return paragraph.text.replace("\n", " ")

    document = docx.Document(str(path))
    texts = [text(p) for p in document.paragraphs]
    texts += ["\n".join(text(p) for p in c.paragraphs) for t in document.tables for row in t.rows for c in row.cells]
    return [t.strip() for t in texts if t.strip()]


def paragraphs_differing(workbook: Workbook, report: Report, sent_file: Path) -> int | None:
    """How many paragraphs of ``sent_file`` differ from the report as the workbook would export it now; None
    when that cannot be told (not a .docx, or unreadable)."""
    if Path(sent_file).suffix.lower() != ".docx":
        return None
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        sent = docx_paragraphs(sent_file)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, PackageNotFoundError, XMLSyntaxError):
        return None  # not a Word file python-docx can read: nothing to compare with
    try:
        with tempfile.TemporaryDirectory() as folder:
            now = docx_paragraphs(export_report(workbook, report, Path(folder) / "now.docx").path)
    except (UserError, OSError):  # the report cannot be written now (a temporary folder full): not told apart
        return None
    import difflib  # here, not at the top: an export does not compare (the command line's never does)

    matcher = difflib.SequenceMatcher(a=sent, b=now, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
