"""What "Giới thiệu" shows, and the third-party notices the installed program carries.

The notices are made from the bundled packages' own metadata (``importlib.metadata``: each distribution's name,
version, licence and licence files), walking the program's requirements in pyproject order; then Python's own
licence, Qt's (LGPL-3.0, with how to replace its libraries, as that licence asks), and the texts kept in
``packaging/third_party/`` (the spelling dictionary's, for instance). ``packaging/build.sh`` runs this file as a
script with the build's own interpreter (the bundle's packages), and puts THIRD-PARTY-NOTICES.txt and LICENSE.txt
beside the program; run from the source, "Giới thiệu" makes the same text from the packages installed.

This module's top has no import of the program: the build runs it as a plain script.
"""

from __future__ import annotations

import re
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

NOTICES = "THIRD-PARTY-NOTICES.txt"
LICENCE = "LICENSE.txt"
# The program's requirements (pyproject.toml's [project] dependencies, by distribution name)
REQUIREMENTS = ("PySide6-Essentials", "python-docx", "sqlite-utils", "openpyxl", "python-calamine")
# Not imported by the program but part of what is shipped: PyInstaller's bootloader starts it (GPL-2.0 with the
# bootloader exception, which allows it in any program)
BUILT_WITH = ("pyinstaller",)
# Required by a bundled package but left out of the bundle (packaging/baocao-gui.spec's PY_UNUSED)
NOT_BUNDLED = {"pip", "setuptools", "numpy", "tzdata"}
COMMON_LICENCES = Path("/usr/share/common-licenses")  # Debian's base-files: the LGPL-3 and GPL-3 texts

QT_NOTICE = """Qt 6 and Qt for Python (PySide6, shiboken6)
============================================

The window uses the Qt libraries and their Python binding, PySide6, from The Qt Company, under the GNU Lesser
General Public License version 3 (LGPL-3.0-only; the full text is below, with the GNU GPL version 3 it builds on).
Their source code: https://download.qt.io/official_releases/qt/ and https://download.qt.io/official_releases/QtForPython/
(the version is the PySide6-Essentials version above).

Replacing the Qt libraries (LGPL-3.0, section 4): the program does not link Qt statically. Every Qt library is a
file of its own in the program's folder — on Windows _internal\\PySide6\\Qt6Core.dll, Qt6Gui.dll,
Qt6Widgets.dll and the plugins under _internal\\PySide6\\plugins; on Linux _internal/PySide6/Qt/lib/libQt6*.so.6 —
loaded when the program starts. To use a modified Qt, build the same Qt version (with the same configuration) and
put your libraries in place of those files; the program loads them unchanged. Nothing in the program prevents it.
"""


def _requirement_names(requires: list[str] | None) -> list[str]:
    """The distributions a package needs, extras and other platforms' markers left out."""
    out = []
    for line in requires or ():
        name, _, marker = line.partition(";")
        if "extra" in marker:
            continue
        if marker.strip():
            try:
                from packaging.markers import Marker  # PyInstaller's own dependency: there in every build

                if not Marker(marker.strip()).evaluate():
                    continue
            except ImportError:
                pass
        found = re.match(r"\s*([A-Za-z0-9._-]+)", name)
        if found:
            out.append(found.group(1))
    return out


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def bundled_distributions() -> list:
    """Every installed distribution the program needs, its requirements first then theirs, each once; then what
    builds it into the program (``BUILT_WITH``), when installed."""
    import importlib.metadata as md

    seen: dict[str, object] = {}
    queue = list(REQUIREMENTS)
    while queue:
        name = queue.pop(0)
        key = _canonical(name)
        if key in seen or key in NOT_BUNDLED:
            continue
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        seen[key] = dist
        queue += _requirement_names(dist.requires)
    for name in BUILT_WITH:
        try:
            seen.setdefault(_canonical(name), md.distribution(name))
        except md.PackageNotFoundError:
            pass
    return list(seen.values())


def _licence_of(dist) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [c.rsplit("::", 1)[-1].strip() for c in meta.get_all("Classifier") or () if c.startswith("License")]
    text = (meta.get("License") or "").strip()
    if classifiers:
        return "; ".join(classifiers)
    return text.splitlines()[0] if text else "không ghi trong gói (xem văn bản giấy phép dưới đây)"


def _licence_texts(dist) -> list[tuple[str, str]]:
    texts = []
    for f in dist.files or ():
        if re.search(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", f.name, re.IGNORECASE) and ".dist-info" in str(f):
            try:
                texts.append((f.name, f.locate().read_text(encoding="utf-8", errors="replace").strip()))
            except OSError:
                continue
    return texts


def _python_licence() -> str:
    for folder in (Path(sys.base_prefix), Path(sysconfig.get_paths()["stdlib"])):
        for name in ("LICENSE.txt", "LICENSE"):
            if (folder / name).is_file():
                return (folder / name).read_text(encoding="utf-8", errors="replace").strip()
    return "Python Software Foundation License Version 2 (PSF-2.0): https://docs.python.org/3/license.html"


def third_party_notices(extra: Path | None = None) -> str:
    """The notices of everything the program is built with, as one UTF-8 text; ``extra``: a folder of notices
    written by hand (packaging/third_party), each file appended whole."""
    rule = "=" * 78
    parts = ["Thông báo về phần mềm của bên thứ ba — Third-party notices", rule,
             ("baocao-gui (giấy phép MIT, tệp LICENSE.txt) được đóng gói cùng các phần mềm dưới đây, mỗi phần mềm theo "
              "giấy phép của nó."), ""]
    v = sys.version_info
    parts += [f"Python {v.major}.{v.minor}.{v.micro} — PSF-2.0", rule, _python_licence(), ""]
    for dist in bundled_distributions():
        meta = dist.metadata
        parts += [f"{meta['Name']} {dist.version} — {_licence_of(dist)}", rule]
        home = meta.get("Home-page") or next((u.split(",", 1)[-1].strip() for u in meta.get_all("Project-URL") or ()
                                              if "source" in u.lower() or "home" in u.lower()), "")
        if home:
            parts.append(f"Nguồn / source: {home}")
        texts = _licence_texts(dist)
        for name, text in texts:
            parts += [f"--- {name} ---", text]
        if not texts:
            parts.append("(Gói không kèm văn bản giấy phép; xem giấy phép ghi ở trên.)")
        parts.append("")
    parts += [QT_NOTICE]
    for name in ("LGPL-3", "GPL-3"):
        path = COMMON_LICENCES / name
        if path.is_file():
            parts += [f"--- {name} ---", path.read_text(encoding="utf-8", errors="replace").strip(), ""]
        else:
            parts += [f"--- {name}: https://www.gnu.org/licenses/{name.lower()}.0.html ---", ""]
    if extra is not None and extra.is_dir():
        for path in sorted(extra.glob("*.txt")):
            parts += [path.read_text(encoding="utf-8").strip(), ""]
    return "\n".join(parts).rstrip() + "\n"


@dataclass(frozen=True)
class About:
    version: str
    format_version: int  # how many migrations the program knows: the workbook format's number
    format_name: str  # the last migration's name
    log_folder: Path
    licence: str  # the program's own licence (MIT)
    notices: str  # the third-party notices


def _beside_program() -> Path | None:
    """The folder holding LICENSE.txt and the notices: the installed program's, else the source checkout's."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    root = Path(__file__).resolve().parents[3]
    return root if (root / "pyproject.toml").is_file() else None


def about() -> About:
    from .. import __version__
    from ..logsetup import log_dir
    from ..store.schema import migrations

    folder = _beside_program()
    licence = notices = ""
    if folder is not None:
        for name in (LICENCE, "LICENSE"):
            if (folder / name).is_file():
                licence = (folder / name).read_text(encoding="utf-8")
                break
        if (folder / NOTICES).is_file():
            notices = (folder / NOTICES).read_text(encoding="utf-8")
    if not notices:  # run from the source: the same text, from the packages installed
        notices = third_party_notices(folder / "packaging" / "third_party" if folder is not None else None)
    known = migrations.known
    return About(__version__, len(known), known[-1], log_dir(), licence or "MIT License", notices)


if __name__ == "__main__":  # packaging/build.sh: python src/baocao_gui/app/about.py OUT [THIRD_PARTY_FOLDER]
    target = Path(sys.argv[1])
    target.write_text(third_party_notices(Path(sys.argv[2]) if len(sys.argv) > 2 else None), encoding="utf-8",
                      newline="\r\n" if target.suffix == ".txt" and "win" in sys.platform else "\n")
    print(f"{target}: {target.stat().st_size} bytes")
