"""Work off the window's thread, by one rule: **no thread but the window's ever touches a Qt object.**

A worker thread runs a plain function on plain data — a function of ``app/`` and its arguments (a model, a path,
a ``threading.Event``) — and puts what it returns on a ``queue.SimpleQueue``, which is plain Python. It never
emits a signal, never holds a Qt wrapper (``Worker.run`` refuses work that would carry one) and never runs
Python's cyclic garbage collector, which could finalize a Qt wrapper there: automatic collection is off, and the
window's thread collects on a timer (``Collector``), the way large PyQt programs have long done it.

The window's thread drains the queue on a timer of its own (every ``DRAIN_MS`` while jobs are out, stopped when
none is) and calls each job's callback there. The queue, the timer and the collector belong to the application,
not to a window: they outlive every window, dialog and tab, and a callback whose owner died is dropped unheard.

Two lanes, one thread each: ``quick`` (the preview and the checks, only the newest result of each view matters)
and ``files`` (reading a Word file, writing a PDF: long, cancelled by an Event the work polls).
"""

from __future__ import annotations

import gc
import logging
import queue
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

log = logging.getLogger(__name__)
DRAIN_MS = 10  # a result waits at most this long for the window's thread
COLLECT_MS = 500  # how often the window's thread looks whether a collection is due
WHAT_FAILED = "Không cập nhật được bản xem trước hoặc phần kiểm tra; chi tiết đã được ghi vào tệp nhật ký. " \
              "Sổ báo cáo không bị ảnh hưởng."

_lanes: dict[str, ThreadPoolExecutor] = {}
_results: queue.SimpleQueue = queue.SimpleQueue()  # (job id, "done" | "progress", payload): plain data only
_jobs: dict[int, _Job] = {}  # touched by the window's thread only
_next_id = 0


class _Errors(QObject):
    failed = Signal(str)  # one Vietnamese sentence; the window shows it, the log has the traceback


errors = _Errors()


class _Job:
    __slots__ = ("done", "owner", "progress", "worker")

    def __init__(self, owner: QObject, done: Callable[[Any], None], progress: Callable[[Any], None] | None,
                 worker: Worker):
        self.owner = weakref.ref(owner)
        self.done, self.progress, self.worker = done, progress, worker

    def alive(self) -> bool:
        owner = self.owner()
        return owner is not None and shiboken6.isValid(owner)


class Cancelled(Exception):
    """Raised inside the work by ``progress`` when the job's owner was stopped (``Worker.forget``)."""


def _window_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _refuse_qt(work: Callable, args: tuple) -> None:
    """A worker must never hold a Qt wrapper: its last reference dropped there would destroy a QObject off the
    window's thread. A bound method of a QObject, a closure over one, or one passed as an argument is refused."""
    suspects: list[Any] = [getattr(work, "__self__", None), *args]
    suspects += [cell.cell_contents for cell in (getattr(work, "__closure__", None) or ())
                 if cell.cell_contents is not None]
    for value in suspects:
        if isinstance(value, shiboken6.Shiboken.Object):
            raise TypeError(f"work for a worker thread holds a Qt object ({type(value).__name__}); "
                            "pass plain data and a module-level function")


class _Drain(QObject):
    """The window's end of the queue: a timer on the application, running while jobs are out."""

    def __init__(self, app: QCoreApplication):
        super().__init__(app)
        self.timer = QTimer(self, interval=DRAIN_MS)
        self.timer.timeout.connect(drain)


_drain: _Drain | None = None


def _ensure_drain() -> _Drain:
    global _drain
    app = QCoreApplication.instance()
    if _drain is None or not shiboken6.isValid(_drain) or _drain.parent() is not app:
        _drain = _Drain(app)
    Collector.install(app)
    return _drain


def submit(owner: QObject, work: Callable[..., Any], args: tuple, done: Callable[[Any], None],
           progress: Callable[[Any], None] | None = None, lane: str = "quick", worker: Worker | None = None) -> int:
    """Run ``work(*args)`` (and ``report`` as keyword ``progress`` when ``progress`` is given) on ``lane``; call
    ``done(result)`` on the window's thread, unless ``owner`` died meanwhile. An exception in the work is logged
    there and handed to ``done`` as the exception object."""
    global _next_id
    if not _window_thread():
        raise RuntimeError("jobs are started from the window's thread only")
    _refuse_qt(work, args)
    drain_point = _ensure_drain()
    _next_id += 1
    job_id = _next_id
    _jobs[job_id] = _Job(owner, done, progress, worker)
    results = _results

    def report(payload: Any) -> None:  # on the worker: plain data onto the queue, nothing else
        results.put((job_id, "progress", payload))

    def job() -> None:
        try:
            result = work(*args, progress=report) if progress is not None else work(*args)
        except Exception as exc:  # reported on the window's thread, never lost in the worker
            if not isinstance(exc, Cancelled):
                log.exception("background work failed")
            result = exc
        results.put((job_id, "done", result))

    pool = _lanes.get(lane)
    if pool is None:
        pool = _lanes[lane] = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"baocao-{lane}")
    drain_point.timer.start()
    pool.submit(job)
    return job_id


def drain() -> None:
    """Deliver what the workers finished (on the window's thread; the timer calls it, so may a test)."""
    while True:
        try:
            job_id, kind, payload = _results.get_nowait()
        except queue.Empty:
            break
        job = _jobs.get(job_id) if kind == "progress" else _jobs.pop(job_id, None)
        if job is None or not job.alive():
            continue
        if job.worker is not None and not job.worker.wants(job_id, kind):
            continue
        callback = job.progress if kind == "progress" else job.done
        try:
            callback(payload)
        except Exception:  # a view that cannot show a result must not take the window down
            log.exception("showing a background result failed")
            errors.failed.emit(WHAT_FAILED)
    if not _jobs and _drain is not None and shiboken6.isValid(_drain):
        _drain.timer.stop()


def pending() -> int:
    """Jobs started and not yet delivered (tests wait for 0)."""
    return len(_jobs)


class Worker:
    """One view's background work (the preview's composition, the checks, one Word file's reading): only the
    newest job's result is delivered; an older one still running is let finish and dropped."""

    def __init__(self, owner: QObject, lane: str = "quick"):
        self._owner = weakref.ref(owner)
        self.lane = lane
        self.newest = 0

    def run(self, work: Callable[..., Any], *args: Any, done: Callable[[Any], None],
            progress: Callable[[Any], None] | None = None, failed: str | None = WHAT_FAILED) -> None:
        """``done(result)`` on the window's thread. An exception in the work says ``failed`` in the status bar (the
        log has the traceback) and ``done`` is not called; ``failed=None`` hands the exception to ``done``."""
        owner = self._owner()
        if owner is None:
            return

        def deliver(result: Any) -> None:
            if isinstance(result, Exception) and failed is not None:
                if not isinstance(result, Cancelled):
                    errors.failed.emit(failed)
                return
            done(result)

        self.newest = submit(owner, work, args, deliver, progress, self.lane, self)

    def wants(self, job_id: int, kind: str) -> bool:
        return job_id == self.newest

    def busy(self) -> bool:
        return self.newest in _jobs

    def forget(self) -> None:
        """Drop the result of the job under way (its owner is going away, or the clerk moved on)."""
        self.newest = 0


class Collector:
    """Python's cyclic garbage collector, run on the window's thread only. Automatic collection is off for the
    whole program (a worker allocating would otherwise start it there); a timer on the application looks every
    ``COLLECT_MS`` whether a generation is due, by the same counts and thresholds Python itself uses."""

    _installed: weakref.ref | None = None

    @classmethod
    def install(cls, app: QCoreApplication) -> None:
        if cls._installed is not None and cls._installed() is app:
            return
        gc.disable()
        timer = QTimer(app, interval=COLLECT_MS)
        timer.setObjectName("baocao-gc")
        timer.timeout.connect(cls.collect_if_due)
        timer.start()
        cls._installed = weakref.ref(app)

    @staticmethod
    def collect_if_due() -> int:
        """Collect the oldest generation whose count passed its threshold; the number of objects freed."""
        threshold = gc.get_threshold()
        count = gc.get_count()
        for generation in (2, 1, 0):
            if threshold[generation] and count[generation] > threshold[generation]:
                return gc.collect(generation)
        return 0
