"""Workbook files coming into being: the bundled sample, or a catalogue with a first empty report.

One function for the command line's ``sample``, the start screen's "Tạo sổ báo cáo mới" and its example:
the file is whole when it returns, or not there at all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..domain.model import PeriodKind
from ..store import close_workbook, create_workbook
from ..store.seed import catalogues, install_catalogue, load_catalogue, start_report, write_bundled_sample

__all__ = ["catalogues", "new_workbook", "write_sample"]


def _fill(path: Path, fill: Callable) -> Path:
    path = Path(path)
    db = create_workbook(path)  # refuses an existing file: never written over
    try:
        fill(db)
    except BaseException:
        db.close()
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        raise
    close_workbook(db)  # one whole file, nothing beside it
    return path


def write_sample(path: str | Path) -> Path:
    """The bundled Đắk Nông 2023 sample as a new workbook at ``path``."""
    return _fill(Path(path), write_bundled_sample)


def new_workbook(path: str | Path, catalogue_id: str, year: int, kind: PeriodKind | str = PeriodKind.YEAR,
                 agency: dict[str, str] | None = None) -> Path:
    """A new workbook from a catalogue (a bundled or imported one's id, or a .toml file), with one report of that period ready to fill in,
    under the agency's header (cơ quan chủ quản, cơ quan ban hành, viết tắt, địa danh)."""
    if str(catalogue_id).lower().endswith(".toml"):  # a file: its faults are named with their line
        from .catalogue_files import read_catalogue_file

        catalogue = read_catalogue_file(catalogue_id)[0]
    else:
        catalogue = load_catalogue(catalogue_id)  # an unknown catalogue is refused before any file is made

    # the catalogue names the kind of agency it is for; the clerk types the province's own name over it
    agency = {k: v for k, v in (agency or {}).items() if v and v.strip()}
    agency.setdefault("name", catalogue.name)

    def fill(db) -> None:
        install_catalogue(db, catalogue)
        start_report(db, year, kind, agency)

    return _fill(Path(path), fill)
