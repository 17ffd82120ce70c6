"""The SQL of the map's cell counts (defects/mapcells.py): the table's triggers and its rebuild, per engine.

Kept apart so the migration that creates the table and the rebuild command share one text. Every statement
is built from constants of this module; no value from input ever reaches it.
"""

# ruff: noqa: S608  (every statement here is built from this module's constants; values never enter)

from __future__ import annotations

FINEST = 15  # the finest clustering zoom (the map shows single points from zoom 16 on)
LEVELS = (15, 12, 9, 6)  # zooms kept in the table; any other zoom rolls up from the next finer one
TABLE = "defect_map_cell"
VERSION_TABLE = "defect_map_version"
DELTA_TABLE = "defect_map_delta"  # PostgreSQL: what a transaction changed, until its commit
# What a row of the table is keyed by: the cell, and the filters the public map offers.
KEY = ("municipality", "level", "gy", "gx", "category", "status", "district", "shown")
# The columns whose change moves a report between cells or filters (or into or out of the map).
TRACKED = ("municipality", "lat", "lon", "category", "status", "district", "visibility", "placed", "confirmed_at")


def finest_cell_size() -> float:
    return 360.0 / (2**FINEST * 4)  # as geo.clustering.cell_size(FINEST): 45/2^14 degrees, exact in binary


def _cell(engine: str, column: str, offset: float) -> str:
    shifted = f"(({column} + {offset}) / {finest_cell_size()!r})"
    return f"CAST(floor{shifted} AS BIGINT)" if engine == "postgres" else f"CAST({shifted} AS INTEGER)"


def _levels_table() -> str:
    return " UNION ALL ".join(f"SELECT {level} AS level" for level in LEVELS)


def _shown(row: str) -> str:
    return f"(CASE WHEN {row}.visibility = 'public' AND {row}.placed THEN 1 ELSE 0 END)"


def _upsert(engine: str, row: str, sign: str, guard: str) -> str:
    """Add (sign 1) or take away (sign -1) the report `row` (NEW or OLD) in every kept level."""
    gy, gx = _cell(engine, f"{row}.lat", 90.0), _cell(engine, f"{row}.lon", 180.0)
    return (
        f"INSERT INTO {TABLE} ({', '.join(KEY)}, n, sum_lat, sum_lon, sum_id) "
        f"SELECT {row}.municipality, l.level, {gy} >> ({FINEST} - l.level), {gx} >> ({FINEST} - l.level), "
        f"{row}.category, {row}.status, COALESCE({row}.district, 0), {_shown(row)}, "
        f"{sign}, {sign} * {row}.lat, {sign} * {row}.lon, {sign} * {row}.id "
        f"FROM ({_levels_table()}) l WHERE {guard} "
        f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET n = {TABLE}.n + excluded.n, "
        f"sum_lat = {TABLE}.sum_lat + excluded.sum_lat, sum_lon = {TABLE}.sum_lon + excluded.sum_lon, "
        f"sum_id = {TABLE}.sum_id + excluded.sum_id"
    )


def _bump(row: str, guard: str) -> str:
    return (
        f"INSERT INTO {VERSION_TABLE} (municipality, version) SELECT {row}.municipality, 1 WHERE {guard} "
        f"ON CONFLICT (municipality) DO UPDATE SET version = {VERSION_TABLE}.version + 1"
    )


def create_statements(engine: str) -> list[str]:
    """The two tables, their indexes and the triggers that keep the counts in the report's own transaction."""
    serial = "INTEGER PRIMARY KEY" if engine == "sqlite" else "SERIAL PRIMARY KEY"
    statements = [
        f"CREATE TABLE {TABLE} (id {serial}, municipality INTEGER NOT NULL, level INTEGER NOT NULL, "
        "gy BIGINT NOT NULL, gx BIGINT NOT NULL, category INTEGER NOT NULL, status VARCHAR(20) NOT NULL, "
        "district INTEGER NOT NULL DEFAULT 0, shown INTEGER NOT NULL DEFAULT 0, n INTEGER NOT NULL DEFAULT 0, "
        "sum_lat DOUBLE PRECISION NOT NULL DEFAULT 0, sum_lon DOUBLE PRECISION NOT NULL DEFAULT 0, "
        "sum_id BIGINT NOT NULL DEFAULT 0)",
        # The key in reading order: one town, one zoom, a range of rows and columns of cells.
        f"CREATE UNIQUE INDEX {TABLE}_key ON {TABLE} ({', '.join(KEY)})",
        f"CREATE TABLE {VERSION_TABLE} (id {serial}, municipality INTEGER NOT NULL UNIQUE, "
        "version BIGINT NOT NULL DEFAULT 0)",
    ]
    if engine == "postgres":
        # Row triggers only log deltas (plain inserts: no row locks); a deferred trigger applies the
        # transaction's deltas at commit, the version row first and then the cells in key order. So every
        # writer takes the map's locks in one order, after all its report rows: no deadlocks between writers,
        # however many reports a transaction moves (status in bulk, new districts, the purge).
        distinct = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in TRACKED)
        gy, gx = _cell(engine, "d.lat", 90.0), _cell(engine, "d.lon", 180.0)
        key = ", ".join(KEY)
        statements += [
            f"CREATE UNLOGGED TABLE {DELTA_TABLE} (txid BIGINT NOT NULL, municipality INTEGER NOT NULL, "
            "lat DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL, category INTEGER NOT NULL, "
            "status VARCHAR(20) NOT NULL, district INTEGER NOT NULL, shown INTEGER NOT NULL, "
            "id BIGINT NOT NULL, sign INTEGER NOT NULL)",
            f"CREATE INDEX {DELTA_TABLE}_txid ON {DELTA_TABLE} (txid)",
            f"""CREATE FUNCTION {TABLE}_track() RETURNS trigger LANGUAGE plpgsql AS $track$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.confirmed_at IS NOT NULL THEN
        INSERT INTO {DELTA_TABLE} VALUES (txid_current(), OLD.municipality, OLD.lat, OLD.lon, OLD.category,
            OLD.status, COALESCE(OLD.district, 0), {_shown("OLD")}, OLD.id, -1);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.confirmed_at IS NOT NULL THEN
        INSERT INTO {DELTA_TABLE} VALUES (txid_current(), NEW.municipality, NEW.lat, NEW.lon, NEW.category,
            NEW.status, COALESCE(NEW.district, 0), {_shown("NEW")}, NEW.id, 1);
    END IF;
    RETURN NULL;
END
$track$""",
            f"""CREATE FUNCTION {TABLE}_apply() RETURNS trigger LANGUAGE plpgsql AS $apply$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM {DELTA_TABLE} WHERE txid = txid_current()) THEN
        RETURN NULL;  -- an earlier firing of this commit applied them all
    END IF;
    INSERT INTO {VERSION_TABLE} (municipality, version)
        SELECT DISTINCT municipality, 1 FROM {DELTA_TABLE} WHERE txid = txid_current() ORDER BY municipality
        ON CONFLICT (municipality) DO UPDATE SET version = {VERSION_TABLE}.version + 1;
    INSERT INTO {TABLE} ({key}, n, sum_lat, sum_lon, sum_id)
        SELECT d.municipality, l.level, {gy} >> ({FINEST} - l.level), {gx} >> ({FINEST} - l.level),
            d.category, d.status, d.district, d.shown,
            SUM(d.sign), SUM(d.sign * d.lat), SUM(d.sign * d.lon), SUM(d.sign * d.id)
        FROM {DELTA_TABLE} d, ({_levels_table()}) l WHERE d.txid = txid_current()
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
        ON CONFLICT ({key}) DO UPDATE SET n = {TABLE}.n + excluded.n,
            sum_lat = {TABLE}.sum_lat + excluded.sum_lat, sum_lon = {TABLE}.sum_lon + excluded.sum_lon,
            sum_id = {TABLE}.sum_id + excluded.sum_id;
    DELETE FROM {DELTA_TABLE} WHERE txid = txid_current();
    RETURN NULL;
END
$apply$""",
            f"CREATE TRIGGER {TABLE}_insert AFTER INSERT OR DELETE ON defect_report "
            f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_track()",
            f"CREATE TRIGGER {TABLE}_update AFTER UPDATE ON defect_report FOR EACH ROW WHEN ({distinct}) "
            f"EXECUTE FUNCTION {TABLE}_track()",
            f"CREATE CONSTRAINT TRIGGER {TABLE}_apply AFTER INSERT ON {DELTA_TABLE} "
            f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {TABLE}_apply()",
        ]
        return statements
    distinct = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in TRACKED)
    old_guard, new_guard = "OLD.confirmed_at IS NOT NULL", "NEW.confirmed_at IS NOT NULL"
    statements += [
        f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON defect_report WHEN {new_guard} BEGIN "
        f"{_bump('NEW', 'true')}; {_upsert(engine, 'NEW', '1', 'true')}; END",
        f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON defect_report WHEN {old_guard} BEGIN "
        f"{_bump('OLD', 'true')}; {_upsert(engine, 'OLD', '-1', 'true')}; END",
        f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF {', '.join(TRACKED)} ON defect_report WHEN {distinct} BEGIN "
        f"{_bump('OLD', old_guard)}; {_bump('NEW', new_guard)}; "
        f"{_upsert(engine, 'OLD', '-1', old_guard)}; {_upsert(engine, 'NEW', '1', new_guard)}; END",
    ]
    return statements


def drop_statements(engine: str) -> list[str]:
    statements = [f"DROP TRIGGER {TABLE}_insert" + (" ON defect_report" if engine == "postgres" else "")]
    statements.append(f"DROP TRIGGER {TABLE}_update" + (" ON defect_report" if engine == "postgres" else ""))
    if engine == "postgres":
        statements += [f"DROP TABLE {DELTA_TABLE}", f"DROP FUNCTION {TABLE}_apply()", f"DROP FUNCTION {TABLE}_track()"]
    else:
        statements.append(f"DROP TRIGGER {TABLE}_delete")
    return [*statements, f"DROP TABLE {TABLE}", f"DROP TABLE {VERSION_TABLE}"]


def fresh_counts_sql(engine: str, level: int = FINEST) -> str:
    """The counts of one level computed from the reports themselves: what the table must always hold."""
    shift = FINEST - level
    gy, gx = _cell(engine, "r.lat", 90.0), _cell(engine, "r.lon", 180.0)
    return (
        f"SELECT r.municipality AS municipality, {level} AS level, {gy} >> {shift} AS gy, {gx} >> {shift} AS gx, "
        f"r.category AS category, r.status AS status, COALESCE(r.district, 0) AS district, {_shown('r')} AS shown, "
        "COUNT(*) AS n, SUM(r.lat) AS sum_lat, SUM(r.lon) AS sum_lon, SUM(r.id) AS sum_id "
        "FROM defect_report r WHERE r.confirmed_at IS NOT NULL "
        "GROUP BY r.municipality, 3, 4, r.category, r.status, COALESCE(r.district, 0), 8"
    )


def rebuild_statements(engine: str) -> list[str]:
    """Recount every level from the reports (the backfill of existing data, and a repair)."""
    columns = f"{', '.join(KEY)}, n, sum_lat, sum_lon, sum_id"
    statements = [f"DELETE FROM {TABLE}", f"DELETE FROM {VERSION_TABLE}"]
    statements += [f"INSERT INTO {TABLE} ({columns}) {fresh_counts_sql(engine, level)}" for level in LEVELS]
    statements.append(
        f"INSERT INTO {VERSION_TABLE} (municipality, version) SELECT DISTINCT municipality, 1 FROM {TABLE}"
    )
    return statements
