"""The one place that finds the program's resources: checkout, installed wheel or frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # PyInstaller puts datas under the bundle; the spec keeps the same relative path
        return Path(frozen) / "baocao_gui" / "resources"
    return Path(__file__).resolve().parent / "resources"


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def user_dir(override_env: str, windows_name: str, xdg_env: str, xdg_default: str, linux_name: str) -> Path:
    """A per-user folder of the program: %LOCALAPPDATA%\\baocao-gui\\<windows_name> on Windows, the XDG
    folder on Linux; ``override_env`` (tests, portable installs) wins."""
    import os

    override = os.environ.get(override_env)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "baocao-gui" / windows_name
    return Path(os.environ.get(xdg_env) or Path.home() / xdg_default) / "baocao-gui" / linux_name


def usual_permissions(path: str | Path) -> None:
    """A file written through ``tempfile.mkstemp`` (readable by its owner only, 0600) gets the mode any new file
    gets (0666 less the umask) before it takes its name: an exported report a colleague on the same machine can
    read. Windows has no such bits."""
    import os

    if os.name != "posix":
        return
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def hide(path: str | Path) -> None:
    """Mark a file hidden on Windows (FILE_ATTRIBUTE_HIDDEN), as Word hides its ``~$`` owner files: the workbook's
    lock file is the program's business, not the clerk's. Elsewhere its name starting with a dot hides it. A file
    that cannot be marked stays as it is."""
    import os

    if os.name != "nt":
        return
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    attributes = kernel32.GetFileAttributesW(str(path))
    if attributes != -1 and attributes != 0xFFFFFFFF:
        kernel32.SetFileAttributesW(str(path), (attributes & ~0x80) | 0x2)  # not NORMAL, and HIDDEN
