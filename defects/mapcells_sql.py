"""The SQL of the map's cell counts (defects/mapcells.py): the table's triggers and its rebuild, per engine.

Kept apart so the migration that creates the table and the rebuild command share one text. Every statement
is built from constants of this module; no value from input ever reaches it.
"""

from __future__ import annotations

FINEST = 15  # the finest clustering zoom (the map shows single points from zoom 16 on)
LEVELS = (15, 12, 9, 6)  # zooms kept in the table; any other zoom rolls up from the next finer one
TABLE = "defect_map_cell"
VERSION_TABLE = "defect_map_version"
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
        f"INSERT INTO {TABLE} ({', '.join(KEY)}, n, sum_lat, sum_lon, sum_id) "  # noqa: S608 (constants of this module)
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
        distinct = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in TRACKED)
        statements += [
            f"""CREATE FUNCTION {TABLE}_track() RETURNS trigger LANGUAGE plpgsql AS $track$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        {_upsert(engine, "OLD", "-1", "OLD.confirmed_at IS NOT NULL")};
        {_bump("OLD", "OLD.confirmed_at IS NOT NULL")};
    END IF;
    IF TG_OP <> 'DELETE' THEN
        {_upsert(engine, "NEW", "1", "NEW.confirmed_at IS NOT NULL")};
        {_bump("NEW", "NEW.confirmed_at IS NOT NULL")};
    END IF;
    RETURN NULL;
END
$track$""",
            f"CREATE TRIGGER {TABLE}_insert AFTER INSERT OR DELETE ON defect_report "
            f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_track()",
            f"CREATE TRIGGER {TABLE}_update AFTER UPDATE ON defect_report FOR EACH ROW WHEN ({distinct}) "
            f"EXECUTE FUNCTION {TABLE}_track()",
        ]
        return statements
    distinct = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in TRACKED)
    old_guard, new_guard = "OLD.confirmed_at IS NOT NULL", "NEW.confirmed_at IS NOT NULL"
    statements += [
        f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON defect_report WHEN {new_guard} BEGIN "
        f"{_upsert(engine, 'NEW', '1', 'true')}; {_bump('NEW', 'true')}; END",
        f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON defect_report WHEN {old_guard} BEGIN "
        f"{_upsert(engine, 'OLD', '-1', 'true')}; {_bump('OLD', 'true')}; END",
        f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF {', '.join(TRACKED)} ON defect_report WHEN {distinct} BEGIN "
        f"{_upsert(engine, 'OLD', '-1', old_guard)}; {_bump('OLD', old_guard)}; "
        f"{_upsert(engine, 'NEW', '1', new_guard)}; {_bump('NEW', new_guard)}; END",
    ]
    return statements


def drop_statements(engine: str) -> list[str]:
    statements = [f"DROP TRIGGER {TABLE}_insert" + (" ON defect_report" if engine == "postgres" else "")]
    statements.append(f"DROP TRIGGER {TABLE}_update" + (" ON defect_report" if engine == "postgres" else ""))
    if engine == "postgres":
        statements.append(f"DROP FUNCTION {TABLE}_track()")
    else:
        statements.append(f"DROP TRIGGER {TABLE}_delete")
    return [*statements, f"DROP TABLE {TABLE}", f"DROP TABLE {VERSION_TABLE}"]


def fresh_counts_sql(engine: str, level: int = FINEST) -> str:
    """The counts of one level computed from the reports themselves: what the table must always hold."""
    shift = FINEST - level
    gy, gx = _cell(engine, "r.lat", 90.0), _cell(engine, "r.lon", 180.0)
    return (
        f"SELECT r.municipality AS municipality, {level} AS level, {gy} >> {shift} AS gy, {gx} >> {shift} AS gx, "  # noqa: S608
        f"r.category AS category, r.status AS status, COALESCE(r.district, 0) AS district, {_shown('r')} AS shown, "
        "COUNT(*) AS n, SUM(r.lat) AS sum_lat, SUM(r.lon) AS sum_lon, SUM(r.id) AS sum_id "
        "FROM defect_report r WHERE r.confirmed_at IS NOT NULL "
        "GROUP BY r.municipality, 3, 4, r.category, r.status, COALESCE(r.district, 0), 8"
    )


def rebuild_statements(engine: str) -> list[str]:
    """Recount every level from the reports (the backfill of existing data, and a repair)."""
    columns = f"{', '.join(KEY)}, n, sum_lat, sum_lon, sum_id"
    statements = [f"DELETE FROM {TABLE}", f"DELETE FROM {VERSION_TABLE}"]  # noqa: S608
    statements += [f"INSERT INTO {TABLE} ({columns}) {fresh_counts_sql(engine, level)}" for level in LEVELS]
    statements.append(
        f"INSERT INTO {VERSION_TABLE} (municipality, version) SELECT DISTINCT municipality, 1 FROM {TABLE}"  # noqa: S608
    )
    return statements
