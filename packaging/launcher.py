"""The frozen program's entry: the same `main` as the `baocao-gui` console script (baocao_gui.cli:main).

On Windows older than 10 1809 (build 17763) Qt 6 cannot load, and the windowed program would vanish without
a word. Before anything imports Qt, the launcher asks Windows its real version (RtlGetVersion, which no
compatibility setting or manifest changes) and, on too old a Windows, says so in one Vietnamese sentence — in
a message box (user32.MessageBoxW: no Qt needed) from the windowed program, on the console from
baocao-gui-cli.exe — and exits with 2. The installer refuses such Windows already; this is for a folder copied
by hand. (Windows 7 never gets this far: the bundled Python 3.13 itself needs Windows 8.1.)
"""

import sys

MIN_BUILD = 17763  # Windows 10 1809
TITLE = "Báo cáo"
TOO_OLD = ("Chương trình Báo cáo cần Windows 10 (phiên bản 1809) trở lên hoặc Windows 11; "
           "máy này đang chạy Windows {name} (bản dựng {build}).")


def windows_version() -> tuple[int, int, int] | None:
    """(major, minor, build) as Windows itself reports it; None if it cannot be asked."""
    try:
        import ctypes
        from ctypes import wintypes

        class OSVERSIONINFOW(ctypes.Structure):
            _fields_ = [("size", wintypes.DWORD), ("major", wintypes.DWORD), ("minor", wintypes.DWORD),
                        ("build", wintypes.DWORD), ("platform", wintypes.DWORD), ("csd", wintypes.WCHAR * 128)]

        info = OSVERSIONINFOW()
        info.size = ctypes.sizeof(info)
        if ctypes.WinDLL("ntdll").RtlGetVersion(ctypes.byref(info)) != 0:
            return None
        return info.major, info.minor, info.build
    except (OSError, AttributeError, ValueError):  # never keep the program from starting over the question
        return None


def refuse_old_windows() -> int | None:
    """2 after telling the clerk, on Windows older than 10 1809; None where the program can run."""
    version = windows_version()
    if version is None or version[2] >= MIN_BUILD:
        return None
    major, minor, build = version
    name = {(6, 1): "7", (6, 2): "8", (6, 3): "8.1"}.get((major, minor), f"{major}.{minor}")
    message = TOO_OLD.format(name=name, build=build)
    if sys.stderr is not None:  # baocao-gui-cli.exe, or a console that started it
        if hasattr(sys.stderr, "reconfigure"):  # a pipe on Windows is cp1252: Vietnamese must not crash
            sys.stderr.reconfigure(encoding="utf-8", errors="replace")
        print(message, file=sys.stderr)
    else:  # the windowed program: no console, no Qt; a plain Windows message box
        import ctypes

        ctypes.WinDLL("user32").MessageBoxW(None, message, TITLE, 0x10)  # MB_ICONERROR
    return 2


if __name__ == "__main__":
    if sys.platform == "win32" and (code := refuse_old_windows()) is not None:
        sys.exit(code)
    from baocao_gui.cli import main

    sys.exit(main())
