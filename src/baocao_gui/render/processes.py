"""A converter's processes: started so that they end with the program, and stopped whole.

A converter is more than one process (LibreOffice's ``soffice`` runs ``oosplash``, which runs ``soffice.bin``), and
each of them must end when the conversion is cancelled, given up, interrupted (Ctrl+C), or when the program itself
is killed — a SIGKILL runs no handler, so what ends them then must already be in place:

- POSIX: the converter runs in a session of its own under a watchdog (``WATCHDOG``, a few lines of /bin/sh) that
  holds the read end of a pipe whose write end only this program holds. When the program ends, however it ends,
  the kernel closes that end; the watchdog reads end-of-file and kills its whole process group, itself included.
  (``prctl(PR_SET_PDEATHSIG)`` was not used: it fires when the *thread* that started the child ends — the window
  converts on a worker thread — it does not reach ``soffice.bin``, a grandchild, and it needs a ``preexec_fn``,
  which Python documents as unsafe in a program with threads.)
- Windows: the converter is started suspended, put in a Job Object with JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE, then
  resumed; the job's only handle is ours, so Windows ends every process in it when this program ends. Not run on
  the developers' Linux machines.

``Started.stop`` kills every process of the converter and returns only when none of them runs any more (a killed
``soffice.bin`` took tens of milliseconds more than its parent to end, on a busy machine): its temporary folder can
then be removed, and "Hủy" is true when it returns.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

STOP_WAIT_S = 10  # a killed process that has not ended by then is left to the system (it is not ours to wait on)

# $1…: the converter's command. fd 3: the pipe from the program (stdin); end-of-file on it means the program ended.
WATCHDOG = r"""
exec 3<&0 </dev/null
"$@" &
converter=$!
{ read -r _ <&3; kill -KILL 0; } &
watcher=$!
exec 3<&-
wait "$converter"
status=$?
kill "$watcher" 2>/dev/null
exit "$status"
"""


class Started:
    """A converter under way: ``popen`` (its first process), ``stop()`` and ``release()``."""

    def __init__(self, popen: subprocess.Popen, lifeline: int | None = None, job: int | None = None):
        self.popen = popen
        self._lifeline = lifeline  # POSIX: our end of the watchdog's pipe
        self._job = job  # Windows: the Job Object's handle

    def stop(self) -> None:
        """Kill the converter and everything it started; return when none of it runs."""
        held = _hold_interrupts()  # a second Ctrl+C must not cut the stop short: the folder is removed after it
        try:
            if sys.platform == "win32":
                _stop_windows(self.popen, self._job)
            else:
                try:
                    os.killpg(self.popen.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
                _reap(self.popen)
                _wait_for_group(self.popen.pid)
        finally:
            if held is not None:
                signal.signal(signal.SIGINT, held)
            self.release()

    def release(self) -> None:
        """The converter ended (or was stopped): drop the lifeline and the job without killing anything more."""
        if self._lifeline is not None:
            try:
                os.close(self._lifeline)
            except OSError:
                pass
            self._lifeline = None
        if self._job is not None:
            _close_job(self._job)
            self._job = None


def start(command: list[str], die_with_us: bool = True, env: dict[str, str] | None = None) -> Started:
    """``command`` in a process group of its own, its output piped; with ``die_with_us`` it also ends when this
    program ends (Microsoft Word's script is started without: killing it mid-way would leave Word open)."""
    if sys.platform == "win32":
        return _start_windows(command, die_with_us, env)
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "env": env}
    if not die_with_us:
        return Started(subprocess.Popen(command, stdin=subprocess.DEVNULL, start_new_session=True, **pipes))
    watched, lifeline = os.pipe()  # both ends close on exec; Popen gives the watchdog ``watched`` as its stdin
    try:
        popen = subprocess.Popen(["/bin/sh", "-c", WATCHDOG, "baocao-watchdog", *command], stdin=watched,
                                 start_new_session=True, **pipes)
    except BaseException:
        os.close(lifeline)
        raise
    finally:
        os.close(watched)
    return Started(popen, lifeline=lifeline)


def _hold_interrupts():
    if threading.current_thread() is not threading.main_thread():
        return None  # only the main thread hears SIGINT
    try:
        return signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (ValueError, OSError):
        return None


def _reap(popen: subprocess.Popen) -> None:
    try:
        popen.wait(timeout=STOP_WAIT_S)
    except subprocess.TimeoutExpired:
        popen.kill()


def _wait_for_group(group: int) -> None:
    """Until no process of ``group`` runs (a zombie waiting for its reaper has ended), at most STOP_WAIT_S."""
    end = time.monotonic() + STOP_WAIT_S
    while _group_running(group) and time.monotonic() < end:
        time.sleep(0.02)


def _group_running(group: int) -> bool:
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():  # no /proc (macOS): the group exists while any member does
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # state, ppid, pgrp…: after the command's name
        except (OSError, IndexError):
            continue
        if len(fields) > 2 and fields[2] == str(group) and fields[0] not in ("Z", "X"):
            return True
    return False


# --- Windows: a Job Object that dies with us. Written from the Win32 documentation; not run here. ------------

CREATE_SUSPENDED = 0x00000004
JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x00002000
JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS = 9


def _kernel32():
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.CreateJobObjectW.argtypes = (ctypes.c_void_p, wintypes.LPCWSTR)
    kernel32.SetInformationJobObject.argtypes = (wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD)
    kernel32.AssignProcessToJobObject.argtypes = (wintypes.HANDLE, wintypes.HANDLE)
    kernel32.TerminateJobObject.argtypes = (wintypes.HANDLE, wintypes.UINT)
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    return kernel32


def _limits(kill_on_close: bool):
    import ctypes
    from ctypes import wintypes

    class Basic(ctypes.Structure):  # JOBOBJECT_BASIC_LIMIT_INFORMATION
        _fields_ = [("PerProcessUserTimeLimit", ctypes.c_int64), ("PerJobUserTimeLimit", ctypes.c_int64),
                    ("LimitFlags", wintypes.DWORD), ("MinimumWorkingSetSize", ctypes.c_size_t),
                    ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", wintypes.DWORD),
                    ("Affinity", ctypes.c_size_t), ("PriorityClass", wintypes.DWORD),
                    ("SchedulingClass", wintypes.DWORD)]

    class IoCounters(ctypes.Structure):  # IO_COUNTERS
        _fields_ = [(name, ctypes.c_uint64) for name in (
            "ReadOperationCount", "WriteOperationCount", "OtherOperationCount", "ReadTransferCount",
            "WriteTransferCount", "OtherTransferCount")]

    class Extended(ctypes.Structure):  # JOBOBJECT_EXTENDED_LIMIT_INFORMATION
        _fields_ = [("BasicLimitInformation", Basic), ("IoInfo", IoCounters), ("ProcessMemoryLimit", ctypes.c_size_t),
                    ("JobMemoryLimit", ctypes.c_size_t), ("PeakProcessMemoryUsed", ctypes.c_size_t),
                    ("PeakJobMemoryUsed", ctypes.c_size_t)]

    info = Extended()
    info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE if kill_on_close else 0
    return info


def _start_windows(command: list[str], die_with_us: bool, env: dict[str, str] | None) -> Started:
    import ctypes

    flags = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW
    if not die_with_us:
        return Started(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        stdin=subprocess.DEVNULL, creationflags=flags, env=env))
    # Suspended until it is in the job: soffice.com starts soffice.bin at once, which must be in the job too.
    popen = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                             creationflags=flags | CREATE_SUSPENDED, env=env)
    handle = int(popen._handle)  # Popen keeps the process handle; it exposes no public name for it
    job = None
    try:
        kernel32 = _kernel32()
        job = kernel32.CreateJobObjectW(None, None) or None
        if job is not None:
            info = _limits(kill_on_close=True)
            if not (kernel32.SetInformationJobObject(job, JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS,
                                                     ctypes.byref(info), ctypes.sizeof(info))
                    and kernel32.AssignProcessToJobObject(job, handle)):
                kernel32.CloseHandle(job)  # nothing in it yet: closing kills nothing
                job = None
    finally:
        ctypes.WinDLL("ntdll").NtResumeProcess(ctypes.c_void_p(handle))  # always: never a converter left frozen
    return Started(popen, job=job)


def _stop_windows(popen: subprocess.Popen, job: int | None) -> None:
    if job is not None:
        _kernel32().TerminateJobObject(job, 1)
    else:
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(popen.pid)], capture_output=True, check=False)
    _reap(popen)


def _close_job(job: int) -> None:
    """Close the job without ending what is still in it (a converter that ended normally may leave a helper
    finishing): the kill-on-close limit is taken off first."""
    import ctypes

    kernel32 = _kernel32()
    info = _limits(kill_on_close=False)
    kernel32.SetInformationJobObject(job, JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS, ctypes.byref(info),
                                     ctypes.sizeof(info))
    kernel32.CloseHandle(job)
