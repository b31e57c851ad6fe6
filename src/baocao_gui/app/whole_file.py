"""A file the program writes for the clerk is whole or not there: written beside its target under a temporary name,
flushed to the disk, then renamed over it. A catalogue, a workbook's text file, and any export format of
``app/writers/`` that writes its own bytes (the .docx and the PDF have theirs in ``render/``)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..paths import usual_permissions


def write_whole(path: Path, data: str | bytes) -> Path:
    """``data`` (text as UTF-8 with ``\\n`` line ends) at ``path``, whole or not at all; OSError as the system gave it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".~baocao-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        usual_permissions(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
