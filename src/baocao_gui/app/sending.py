"""Sending an exported file: the system's mail program with the file attached where the system offers that
(Simple MAPI on Windows: Outlook, Thunderbird, eM Client…; ``xdg-email`` on Linux; Mail on macOS), otherwise
the file shown selected in its folder so that the clerk can drag it into a web mail or Zalo. No Qt here; the
window says which of the two happened. Nothing is sent by the program itself: the clerk's mail program opens
with the file attached and the clerk sends it.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import threading
from pathlib import Path

log = logging.getLogger(__name__)


def _mapi_send(path: Path, subject: str) -> bool:
    """Windows: MAPISendMailW with the file attached and the mail program's own window (MAPI_DIALOG). It runs on
    its own thread: some mail programs hold the call until their window closes."""
    import ctypes
    from ctypes import wintypes

    class MapiFileDescW(ctypes.Structure):
        _fields_ = [("ulReserved", wintypes.ULONG), ("flFlags", wintypes.ULONG), ("nPosition", wintypes.ULONG),
                    ("lpszPathName", wintypes.LPWSTR), ("lpszFileName", wintypes.LPWSTR),
                    ("lpFileType", ctypes.c_void_p)]

    class MapiMessageW(ctypes.Structure):
        _fields_ = [("ulReserved", wintypes.ULONG), ("lpszSubject", wintypes.LPWSTR),
                    ("lpszNoteText", wintypes.LPWSTR), ("lpszMessageType", wintypes.LPWSTR),
                    ("lpszDateReceived", wintypes.LPWSTR), ("lpszConversationID", wintypes.LPWSTR),
                    ("flFlags", wintypes.ULONG), ("lpOriginator", ctypes.c_void_p),
                    ("nRecipCount", wintypes.ULONG), ("lpRecips", ctypes.c_void_p),
                    ("nFileCount", wintypes.ULONG), ("lpFiles", ctypes.POINTER(MapiFileDescW))]

    try:
        mapi = ctypes.WinDLL("mapi32.dll")
        send = mapi.MAPISendMailW
    except (OSError, AttributeError):
        return False
    send.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(MapiMessageW), wintypes.ULONG, wintypes.ULONG]
    send.restype = wintypes.ULONG
    attached = MapiFileDescW(0, 0, 0xFFFFFFFF, str(path), path.name, None)
    message = MapiMessageW(0, subject, "", None, None, None, 0, None, 0, None, 1, ctypes.pointer(attached))
    mapi_logon_ui, mapi_dialog = 0x1, 0x8
    result: list[int] = []
    started = threading.Event()

    def call() -> None:
        started.set()
        result.append(send(None, None, ctypes.byref(message), mapi_logon_ui | mapi_dialog, 0))

    worker = threading.Thread(target=call, name="baocao-mapi", daemon=True)
    worker.start()
    worker.join(timeout=3)  # a failure (no mail program: MAPI_E_FAILURE…) comes back at once
    if result and result[0] not in (0, 1):  # SUCCESS_SUCCESS, MAPI_USER_ABORT
        log.info("MAPISendMailW returned %s", result[0])
        return False
    return True


def mail_with_attachment(path: Path, subject: str | None = None) -> bool:
    """Open the system's mail program with ``path`` attached; False when this system offers none."""
    path = Path(path).resolve()
    subject = subject or path.stem
    try:
        if sys.platform == "win32":
            return _mapi_send(path, subject)
        if sys.platform == "darwin":
            subprocess.Popen(["open", "-a", "Mail", str(path)])
            return True
        xdg_email = shutil.which("xdg-email")
        if xdg_email:
            subprocess.Popen([xdg_email, "--subject", subject, "--attach", str(path)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
            return True
    except OSError as exc:
        log.info("no mail program: %s", exc)
    return False


def show_in_folder(path: Path) -> bool:
    """Show ``path`` selected in the file manager where the system can select it; False to open the folder."""
    path = Path(path).resolve()
    try:
        if sys.platform == "win32":
            subprocess.Popen(["explorer", f"/select,{path}"])
            return True
        if sys.platform == "darwin":
            subprocess.Popen(["open", "-R", str(path)])
            return True
        gdbus = shutil.which("gdbus")
        if gdbus:
            shown = subprocess.run(
                [gdbus, "call", "--session", "--dest", "org.freedesktop.FileManager1", "--object-path",
                 "/org/freedesktop/FileManager1", "--method", "org.freedesktop.FileManager1.ShowItems",
                 f"['{path.as_uri()}']", ""], capture_output=True, timeout=5, check=False)
            return shown.returncode == 0
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.info("cannot show %s selected: %s", path, exc)
    return False
