"""Schema of the workbook, as a list of migrations (sqlite_utils.Migrations, each in a transaction).

Never edit a migration that has shipped: add a new one. A file carrying a migration this program
does not know was written by a newer version and is refused untouched.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from ..domain.period_kinds import PeriodKind
from .db import Db as Database

APPLICATION_ID = 0x42434755  # "BCGU" in the SQLite header: marks a .baocao workbook
MIGRATION_SET = "baocao"


@dataclass(frozen=True)
class Migration:
    name: str
    fn: Callable[[Database], None] | None = None  # None for a record of one already applied


class _Migrations:
    """The workbook's migrations, recorded as sqlite-utils records them (table ``_sqlite_migrations``): reading
    what was applied needs no sqlite-utils; applying loads it."""

    migrations_table = "_sqlite_migrations"

    def __init__(self, name: str):
        self.name = name
        self._migrations: list[Migration] = []

    def __call__(self) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
        def register(fn: Callable[[Database], None]) -> Callable[[Database], None]:
            self._migrations.append(Migration(fn.__name__, fn))
            return fn

        return register

    @property
    def known(self) -> tuple[str, ...]:
        """The names of every migration this program has, in order: a file that applied another was written by a
        newer version."""
        return tuple(m.name for m in self._migrations)

    def applied(self, db: Database) -> list[Migration]:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                          [self.migrations_table]).fetchone():
            return []
        return [Migration(row[0]) for row in db.execute(
            f"SELECT name FROM {self.migrations_table} WHERE migration_set = ? ORDER BY rowid", [self.name])]

    def pending(self, db: Database) -> list[Migration]:
        done = {m.name for m in self.applied(db)}
        return [m for m in self._migrations if m.name not in done]

    def apply(self, db: Database, stop_before: str | None = None) -> None:
        """Each pending migration and its record in one transaction (sqlite-utils' Migrations)."""
        hidden = "numpy" not in sys.modules  # sqlite-utils imports numpy only to accept numpy values
        if hidden:
            sys.modules["numpy"] = None  # type: ignore[assignment]
        try:
            import sqlite_utils
        finally:
            if hidden:
                del sys.modules["numpy"]
        runner = sqlite_utils.Migrations(self.name)
        for m in self._migrations:  # they run on sqlite-utils' Database (its executescript keeps the transaction)
            runner(name=m.name)(m.fn)
        # A migration that rebuilds a table drops the old one: with foreign keys on, SQLite would first delete
        # every row that refers to it (ON DELETE CASCADE). Off while migrating (it cannot change inside a
        # transaction); each such migration checks the keys itself before it commits.
        keys = db.execute("PRAGMA foreign_keys").fetchone()[0]
        db.execute("PRAGMA foreign_keys = OFF")
        db.conn.isolation_level = ""  # sqlite-utils' own mode (its migrations were written against it)
        try:
            runner.apply(sqlite_utils.Database(db.conn, execute_plugins=False), stop_before=stop_before)
        finally:
            if db.conn.in_transaction:
                db.conn.rollback()
            db.conn.isolation_level = None  # back to the autocommit the store's connection works in
            db.execute(f"PRAGMA foreign_keys = {int(keys)}")


migrations = _Migrations(MIGRATION_SET)


@migrations()
def m001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE agency (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            parent_name TEXT NOT NULL DEFAULT '',
            name TEXT NOT NULL DEFAULT '',
            abbreviation TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE label (key TEXT PRIMARY KEY, text TEXT NOT NULL);
        CREATE TABLE sector (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            position INTEGER NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('staff', 'sector')),
            title TEXT NOT NULL,
            task_title TEXT NOT NULL
        );
        CREATE TABLE indicator (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            sector_id INTEGER NOT NULL REFERENCES sector(id) ON DELETE CASCADE,
            parent_id INTEGER REFERENCES indicator(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            unit TEXT NOT NULL DEFAULT '',
            parts_complete INTEGER NOT NULL DEFAULT 0,
            plan_meaning TEXT NOT NULL DEFAULT 'level' CHECK (plan_meaning IN ('level', 'decrease')),
            pad INTEGER NOT NULL DEFAULT 1,
            sentence TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE report (
            id INTEGER PRIMARY KEY,
            period_kind TEXT NOT NULL DEFAULT 'year' CHECK (period_kind IN ('year', '6m', '9m')),
            year INTEGER NOT NULL,
            number INTEGER,
            date TEXT,
            type_name TEXT NOT NULL DEFAULT 'BÁO CÁO',
            summary TEXT NOT NULL DEFAULT '',
            signer_authority TEXT NOT NULL DEFAULT '',
            signer_title TEXT NOT NULL DEFAULT '',
            signer_name TEXT NOT NULL DEFAULT '',
            UNIQUE (year, period_kind)
        );
        CREATE TABLE recipient (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE TABLE value (
            report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
            actual REAL, plan REAL, last REAL, target REAL,
            PRIMARY KEY (report_id, indicator_id)
        );
        CREATE TABLE override (
            report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
            field TEXT NOT NULL CHECK (field IN ('pct_plan', 'pct_last', 'pct_parent', 'delta')),
            value REAL NOT NULL,
            PRIMARY KEY (report_id, indicator_id, field)
        );
        CREATE TABLE block (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            part TEXT NOT NULL,
            sector_id INTEGER REFERENCES sector(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL DEFAULT 'paragraph' CHECK (kind IN ('paragraph', 'heading', 'bullet')),
            text TEXT NOT NULL
        );
        CREATE INDEX block_place ON block (report_id, part, sector_id, position);
        CREATE INDEX indicator_sector ON indicator (sector_id, position);
        """
    )
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


@migrations()
def m002_rules(db: Database) -> None:
    """Validation rules copied from the catalogue (domain/rules.py says what the columns mean)."""
    db.executescript(
        """
        CREATE TABLE rule (
            id TEXT PRIMARY KEY,
            position INTEGER NOT NULL,
            left_side TEXT NOT NULL,
            operator TEXT NOT NULL CHECK (operator IN ('==', '!=', '<', '<=', '>', '>=')),
            right_side TEXT NOT NULL,
            importance TEXT NOT NULL CHECK (importance IN ('error', 'warning')),
            message TEXT NOT NULL,
            missing TEXT NOT NULL DEFAULT 'skip_if_any_value_missing'
        );
        """
    )


@migrations()
def m003_table_blocks(db: Database) -> None:
    """A block may be a table (its JSON in ``text``). SQLite cannot change a CHECK, so the table is rebuilt;
    statement by statement (``executescript`` would commit the migration's transaction half way)."""
    for statement in (
        """CREATE TABLE block_new (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            part TEXT NOT NULL,
            sector_id INTEGER REFERENCES sector(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL DEFAULT 'paragraph' CHECK (kind IN ('paragraph', 'heading', 'bullet', 'table')),
            text TEXT NOT NULL
        )""",
        """INSERT INTO block_new (id, report_id, part, sector_id, position, kind, text)
           SELECT id, report_id, part, sector_id, position, kind, text FROM block""",
        "DROP TABLE block",
        "ALTER TABLE block_new RENAME TO block",
        "CREATE INDEX block_place ON block (report_id, part, sector_id, position)",
    ):
        db.execute(statement)


# The kinds of period a workbook may hold: the codes of the table of kinds (domain/period_kinds.py). The CHECK on
# ``report.period_kind`` that enforces them is what the migrations wrote, not this tuple: a kind added to the table
# needs a migration that allows it (tests/domain/test_period_kinds.py fails until one does).
PERIOD_KINDS = tuple(kind.value for kind in PeriodKind)
# The kinds m004 allows, as it shipped: written out so that a kind added later does not change what m004 makes.
M004_PERIOD_KINDS = ("year", "9m", "6m", "q1", "q2", "q3", "q4",
                     "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12")
_EDITED = "strftime('%Y-%m-%d %H:%M:%f', 'now')"


@migrations()
def m004_report_header(db: Database) -> None:
    """Each report keeps its own header (the agency, copied from the workbook-wide row into every report), the
    periods of the reporting regime (quarters, months), the record of a report signed and sent, and when
    anything of a report last changed (kept by triggers, so every edit counts, whatever code makes it)."""
    kinds = ", ".join(f"'{k}'" for k in M004_PERIOD_KINDS)
    for statement in (
        f"""CREATE TABLE report_new (
            id INTEGER PRIMARY KEY,
            period_kind TEXT NOT NULL DEFAULT 'year' CHECK (period_kind IN ({kinds})),
            year INTEGER NOT NULL,
            number INTEGER,
            date TEXT,
            type_name TEXT NOT NULL DEFAULT 'BÁO CÁO',
            summary TEXT NOT NULL DEFAULT '',
            signer_authority TEXT NOT NULL DEFAULT '',
            signer_title TEXT NOT NULL DEFAULT '',
            signer_name TEXT NOT NULL DEFAULT '',
            parent_name TEXT NOT NULL DEFAULT '',
            agency_name TEXT NOT NULL DEFAULT '',
            abbreviation TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT '',
            sent_at TEXT,
            sent_file TEXT NOT NULL DEFAULT '',
            sent_sha256 TEXT NOT NULL DEFAULT '',
            sent_snapshot TEXT NOT NULL DEFAULT '',
            sent_locked INTEGER NOT NULL DEFAULT 0,
            edited_at TEXT NOT NULL DEFAULT '',
            UNIQUE (year, period_kind)
        )""",
        """INSERT INTO report_new (id, period_kind, year, number, date, type_name, summary, signer_authority,
                                   signer_title, signer_name, parent_name, agency_name, abbreviation, place)
           SELECT r.id, r.period_kind, r.year, r.number, r.date, r.type_name, r.summary, r.signer_authority,
                  r.signer_title, r.signer_name, coalesce(a.parent_name, ''), coalesce(a.name, ''),
                  coalesce(a.abbreviation, ''), coalesce(a.place, '')
           FROM report r LEFT JOIN agency a ON a.id = 1""",
        "DROP TABLE report",
        "ALTER TABLE report_new RENAME TO report",
    ):
        db.execute(statement)
    for table in ("value", "override", "block", "recipient"):
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            db.execute(f"""CREATE TRIGGER {table}_{event.lower()}_edits_report AFTER {event} ON {table}
                BEGIN UPDATE report SET edited_at = {_EDITED} WHERE id = {row}.report_id; END""")
    db.execute(f"""CREATE TRIGGER report_edited AFTER UPDATE OF period_kind, year, number, date, type_name, summary,
        signer_authority, signer_title, signer_name, parent_name, agency_name, abbreviation, place ON report
        BEGIN UPDATE report SET edited_at = {_EDITED} WHERE id = NEW.id; END""")
    # a sector left out of one report (not reported this period): its figures and paragraphs stay in the workbook
    db.execute("""CREATE TABLE report_sector_off (
        report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
        sector_id INTEGER NOT NULL REFERENCES sector(id) ON DELETE CASCADE,
        PRIMARY KEY (report_id, sector_id))""")
    for event, row in (("INSERT", "NEW"), ("DELETE", "OLD")):
        db.execute(f"""CREATE TRIGGER report_sector_off_{event.lower()}_edits_report AFTER {event} ON report_sector_off
            BEGIN UPDATE report SET edited_at = {_EDITED} WHERE id = {row}.report_id; END""")
    problems = db.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise RuntimeError(f"foreign keys broken by m004: {problems[:5]}")


@migrations()
def m005_annex_and_sign_images(db: Database) -> None:
    """The report's figures annex, when the clerk chose one: its sectors (a JSON list of codes; NULL for every
    sector with figures) and its columns (a JSON list, in order); no row: no annex. The signer's signature and
    the agency's seal as PNG pictures for a printed copy (``printed``: put them in the export)."""
    db.execute(
        """CREATE TABLE annex (
            report_id INTEGER PRIMARY KEY REFERENCES report(id) ON DELETE CASCADE,
            sectors TEXT,
            columns TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE sign_image (
            report_id INTEGER PRIMARY KEY REFERENCES report(id) ON DELETE CASCADE,
            signature BLOB,
            seal BLOB,
            seal_mm REAL NOT NULL DEFAULT 35 CHECK (seal_mm BETWEEN 10 AND 80),
            printed INTEGER NOT NULL DEFAULT 0 CHECK (printed IN (0, 1))
        )"""
    )
    for table in ("annex", "sign_image"):
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):  # as m004 does for the rest
            db.execute(f"""CREATE TRIGGER {table}_{event.lower()}_edits_report AFTER {event} ON {table}
                BEGIN UPDATE report SET edited_at = {_EDITED} WHERE id = {row}.report_id; END""")


@migrations()
def m006_figure_precision(db: Database) -> None:
    """Figures as departments write them: an indicator's precision (decimals of its percentages), a plan or
    target typed as a range (its upper end beside the lower one), and a report's default precision.

    ``report_format`` has no foreign key to ``report`` (``store.edits.delete_report`` removes a report's row
    itself); a change of it marks its report edited, as m004 and m005 do for the rest."""
    for statement in (
        "ALTER TABLE indicator ADD COLUMN precision INTEGER CHECK (precision IS NULL OR precision BETWEEN 0 AND 4)",
        "ALTER TABLE value ADD COLUMN plan_high REAL",
        "ALTER TABLE value ADD COLUMN target_high REAL",
        """CREATE TABLE report_format (
            report_id INTEGER PRIMARY KEY,
            pct_precision INTEGER CHECK (pct_precision IS NULL OR pct_precision BETWEEN 0 AND 4)
        )""",
    ):
        db.execute(statement)
    for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        db.execute(f"""CREATE TRIGGER report_format_{event.lower()}_edits_report AFTER {event} ON report_format
            BEGIN UPDATE report SET edited_at = {_EDITED} WHERE id = {row}.report_id; END""")


@migrations()
def m007_sectors_off_everywhere(db: Database) -> None:
    """``report_sector_off`` was added to m004 after m004 had first landed (never in a release): a workbook
    migrated by that first m004 lacks it. Made here when missing; a no-op everywhere else."""
    db.execute("""CREATE TABLE IF NOT EXISTS report_sector_off (
        report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
        sector_id INTEGER NOT NULL REFERENCES sector(id) ON DELETE CASCADE,
        PRIMARY KEY (report_id, sector_id))""")
    for event, row in (("INSERT", "NEW"), ("DELETE", "OLD")):
        db.execute(f"""CREATE TRIGGER IF NOT EXISTS report_sector_off_{event.lower()}_edits_report
            AFTER {event} ON report_sector_off
            BEGIN UPDATE report SET edited_at = {_EDITED} WHERE id = {row}.report_id; END""")


@migrations()
def m008_workbook_identity(db: Database) -> None:
    """A workbook's own id, written into every export (docProps/custom.xml) so that an edited export brought back
    is known to be of this workbook. A copy of the file keeps it (it is the same workbook)."""
    import uuid

    db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('workbook_id', ?)", [str(uuid.uuid4())])


@migrations()
def m009_sent_record_sha256(db: Database) -> None:
    """The SHA-256 of a sent report's record (when, the file, the file's SHA-256, the snapshot), written when it is
    marked sent, so that a copy changed or cut short afterwards is told apart from what was sent. Reports marked
    sent before keep '' (nothing can prove now what their copy said then: they are not sealed after the fact)."""
    db.execute("ALTER TABLE report ADD COLUMN sent_record_sha256 TEXT NOT NULL DEFAULT ''")


@migrations()
def m010_sent_files(db: Database) -> None:
    """The file a report was sent as, kept in the workbook (zlib-compressed): exporting a report marked sent gives
    those very bytes, whatever a later version computes or lays out differently. One row per kind of file: the file
    chosen when marking it sent (its SHA-256 is the record's ``sent_sha256``), and the .docx beside a PDF that was
    sent (the PDF was made from it). Gone with its report; "Mở khóa để sửa" keeps it (the report then exports as
    edited, and the copy stays what was sent)."""
    db.execute("""CREATE TABLE sent_file (
        report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
        suffix TEXT NOT NULL CHECK (suffix IN ('.docx', '.pdf')),
        name TEXT NOT NULL DEFAULT '',
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        data BLOB NOT NULL,
        PRIMARY KEY (report_id, suffix))""")


@migrations()
def m011_plan_direction(db: Database) -> None:
    """Plans as departments write them (issue 21).

    ``indicator.plan_direction``: how the actual (for a reduction plan, ``plan_meaning = 'decrease'``, the fall since
    last year) is held against the plan, and the words it is printed with: 'reach' (at least the plan, printed bare,
    what every plan was before), 'at_least' ("từ 2% trở lên"), 'above' ("trên 2%", strictly more), 'at_most'
    ("không quá 5%") and 'below' ("dưới 3%", strictly less). ``plan_meaning`` keeps its two values.

    ``value.places``: the decimals a figure was typed with where its REAL cannot show them (trailing zeros), as a JSON
    object by column, e.g. ``{"plan_high": 1}`` for a plan typed "0,6–1,0"; '' when every figure shows as typed."""
    for statement in (
        ("ALTER TABLE indicator ADD COLUMN plan_direction TEXT NOT NULL DEFAULT 'reach' "
         "CHECK (plan_direction IN ('reach', 'at_least', 'above', 'at_most', 'below'))"),
        "ALTER TABLE value ADD COLUMN places TEXT NOT NULL DEFAULT ''",
    ):
        db.execute(statement)


@migrations()
def m012_figure_sources(db: Database) -> None:
    """A roll-up (tổng hợp số liệu từ các sổ, issue 22): where each figure of a report came from — which workbook
    file (name and identity), which of its reports and when it was last edited, when it was taken, and that part's
    own figures (the annex's column per part; what a second roll-up compares with). And a rate's recipe:
    ``indicator.rate_of``, the JSON ``[numerator, denominator]`` of two indicator codes, recomputed by a roll-up."""
    db.execute("ALTER TABLE indicator ADD COLUMN rate_of TEXT")
    db.execute(
        """CREATE TABLE figure_source (
            report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
            indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            file TEXT NOT NULL,
            workbook TEXT NOT NULL DEFAULT '',
            agency TEXT NOT NULL DEFAULT '',
            source_report TEXT NOT NULL DEFAULT '',
            source_edited_at TEXT NOT NULL DEFAULT '',
            taken_at TEXT NOT NULL DEFAULT '',
            actual REAL, plan REAL, last REAL, target REAL,
            PRIMARY KEY (report_id, indicator_id, position)
        )"""
    )
    for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):  # as m004 does for the rest
        db.execute(f"""CREATE TRIGGER figure_source_{event.lower()}_edits_report AFTER {event} ON figure_source
            BEGIN UPDATE report SET edited_at = {_EDITED} WHERE id = {row}.report_id; END""")


@migrations()
def m013_dhis2_mapping(db: Database) -> None:
    """Where the figures go in DHIS2 (issue 23): per indicator, the data element of each typed field and the
    category option combo (``indicator.dhis2``, compact JSON as ``domain.dhis2.mapping_json`` writes it, '' for
    none); per workbook, the data set and the agency's organisation unit (``meta`` keys ``dhis2_data_set`` and
    ``dhis2_org_unit``, written when set)."""
    db.execute("ALTER TABLE indicator ADD COLUMN dhis2 TEXT NOT NULL DEFAULT ''")


@migrations()
def m014_report_style(db: Database) -> None:
    """The tone-mark style a report is written in, once the clerk chose it (issue 24.3): "old" (hòa, thủy), "new"
    (hoà, thuỷ), or '' while none was chosen. Pasted and imported text is converted to it."""
    db.execute("ALTER TABLE report ADD COLUMN tone_style TEXT NOT NULL DEFAULT '' "
               "CHECK (tone_style IN ('', 'old', 'new'))")
