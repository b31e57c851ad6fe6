"""One export path for the window and the command line: the checks before signing, the writer chosen by
the target's suffix, the atomic write, the messages. ``.docx`` today; the PDF issue adds ``.pdf``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..compose import compose_outline
from ..compose.outline import Outline
from ..domain.checks import Finding, check_report
from ..domain.model import Report, Workbook
from ..errors import UserError


def _write_docx(outline: Outline, target: Path) -> Path:
    from ..render.word import write_docx  # python-docx and lxml load at the first export, not at start

    return write_docx(outline, target)


WRITERS: dict[str, Callable[[Outline, Path], Path]] = {".docx": _write_docx}
KINDS = {".docx": "Tệp Word"}


@dataclass(frozen=True)
class Exported:
    path: Path
    missing: tuple[str, ...]  # citations without a figure: the file shows [?] there


def export_target(path: str | Path, *, add_suffix: bool = False) -> Path:
    """The file to write: a known suffix, or (a name typed in a save dialog) ``.docx`` added."""
    path = Path(path)
    if path.suffix.lower() in WRITERS:
        return path
    if add_suffix:
        return path.with_name(path.name + ".docx")
    known = ", ".join(WRITERS)
    raise UserError(f"Tệp xuất “{path.name}” phải có đuôi {known}.", f"output {path.name} has no known suffix")


def export_report(workbook: Workbook, report: Report, target: str | Path | Callable[[], Path | None],
                  confirm: Callable[[list[Finding]], bool] | None = None) -> Exported | None:
    """Write ``report`` to ``target`` (whole or not at all). With ``confirm``, the checks before signing come
    first and an export the clerk does not confirm writes nothing (None). ``target`` may be a function that
    asks for the file (the window's save dialog) after the checks; None from it writes nothing."""
    if not callable(target):
        target = export_target(target)  # an unknown suffix is refused before anything else
    from .sent import as_sent

    workbook, report = as_sent(workbook, report)  # a report signed and sent exports what was sent
    if confirm is not None and not confirm(check_report(workbook, report)):
        return None
    if callable(target):
        chosen = target()
        if chosen is None:
            return None
        target = export_target(chosen)
    outline = compose_outline(workbook, report)
    WRITERS[target.suffix.lower()](outline, target)
    return Exported(target, outline.missing)
