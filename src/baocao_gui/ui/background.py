"""Work off the window's thread: checks and the preview's composition run in a worker, and only the
newest result comes back to the window (typing must never wait for them)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)
_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="baocao-bg")


class _Errors(QObject):
    failed = Signal(str)  # one Vietnamese sentence; the window shows it, the log has the traceback


errors = _Errors()
WHAT_FAILED = "Không cập nhật được bản xem trước hoặc phần kiểm tra; chi tiết đã được ghi vào tệp nhật ký. " \
              "Sổ báo cáo không bị ảnh hưởng."


class Background(QObject):
    _done = Signal(int, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.generation = 0
        self._callbacks: dict[int, Callable[[Any], None]] = {}
        self._done.connect(self._deliver)  # queued: the callback runs on the window's thread

    def run(self, work: Callable[[], Any], callback: Callable[[Any], None]) -> None:
        self.generation += 1
        generation = self.generation
        self._callbacks = {generation: callback}

        def job() -> None:
            try:
                result = work()
            except Exception as exc:  # reported on the window's thread, never lost in the worker
                log.exception("background work failed")
                result = exc
            try:
                self._done.emit(generation, result)
            except RuntimeError:  # the window closed meanwhile
                pass

        _pool.submit(job)

    def busy(self) -> bool:
        return bool(self._callbacks)

    def _deliver(self, generation: int, result: Any) -> None:
        callback = self._callbacks.pop(generation, None)
        if isinstance(result, Exception):
            if callback is not None:
                errors.failed.emit(WHAT_FAILED)
            return
        if callback is not None:
            try:
                callback(result)
            except Exception:  # a view that cannot show a result must not take the window down
                log.exception("showing a background result failed")
                errors.failed.emit(WHAT_FAILED)
