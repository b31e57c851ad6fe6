"""The handful of database calls the program makes, on a plain ``sqlite3`` connection.

They follow sqlite-utils' names and meaning (``query``, ``execute``, ``atomic``, ``db["table"].insert``…), but
sqlite-utils itself — about 50 ms of imports at every start and every export — is loaded only to migrate a
workbook written by an older version (``store/schema.py``).

The connection is in autocommit mode: a statement outside ``atomic()`` is committed when it returns; inside,
everything commits together or not at all (nested blocks use savepoints).
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

_savepoints = itertools.count(1)


class Db:
    def __init__(self, target: str | Path | sqlite3.Connection):
        self.conn = target if isinstance(target, sqlite3.Connection) else sqlite3.connect(str(target))
        if not self.conn.in_transaction and self.conn.isolation_level is not None:
            self.conn.isolation_level = None  # autocommit: transactions only where atomic() opens one

    def execute(self, sql: str, params: Iterable[Any] | dict | None = None) -> sqlite3.Cursor:
        return self.conn.execute(sql, params if params is not None else ())

    def executescript(self, sql: str) -> sqlite3.Cursor:
        return self.conn.executescript(sql)

    def query(self, sql: str, params: Iterable[Any] | dict | None = None) -> Iterator[dict[str, Any]]:
        cursor = self.execute(sql, params)
        keys = [d[0] for d in cursor.description or ()]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    def table_names(self) -> list[str]:
        return [r[0] for r in self.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Db]:
        if self.conn.in_transaction:
            savepoint = f"baocao_{next(_savepoints)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    @contextlib.contextmanager
    def ensure_autocommit_on(self) -> Iterator[None]:
        """For statements that refuse a transaction (``PRAGMA journal_mode``): the connection always is."""
        if self.conn.in_transaction:
            raise sqlite3.OperationalError("cannot change the journal inside a transaction")
        yield

    def close(self) -> None:
        self.conn.close()

    def __getitem__(self, name: str) -> Table:
        return Table(self, name)


class Table:
    def __init__(self, db: Db, name: str):
        self.db, self.name = db, name
        self.last_pk: int | None = None

    def _quote(self, column: str) -> str:
        return '"' + column.replace('"', '""') + '"'

    def insert(self, row: dict[str, Any]) -> Table:
        columns = list(row)
        cursor = self.db.execute(
            f"INSERT INTO {self._quote(self.name)} ({', '.join(map(self._quote, columns))}) "
            f"VALUES ({', '.join('?' * len(columns))})", [row[c] for c in columns])
        self.last_pk = cursor.lastrowid
        return self

    def insert_all(self, rows: Iterable[dict[str, Any]]) -> Table:
        with self.db.atomic():
            for row in rows:
                self.insert(row)
        return self

    def upsert(self, row: dict[str, Any], pk: str) -> Table:
        """Insert ``row``, or update the columns it names in the row with the same ``pk``."""
        columns = list(row)
        others = [c for c in columns if c != pk]
        update = (f"DO UPDATE SET {', '.join(f'{self._quote(c)} = excluded.{self._quote(c)}' for c in others)}"
                  if others else "DO NOTHING")
        cursor = self.db.execute(
            f"INSERT INTO {self._quote(self.name)} ({', '.join(map(self._quote, columns))}) "
            f"VALUES ({', '.join('?' * len(columns))}) ON CONFLICT({self._quote(pk)}) {update}",
            [row[c] for c in columns])
        self.last_pk = cursor.lastrowid
        return self

    def upsert_all(self, rows: Iterable[dict[str, Any]], pk: str) -> Table:
        with self.db.atomic():
            for row in rows:
                self.upsert(row, pk)
        return self
