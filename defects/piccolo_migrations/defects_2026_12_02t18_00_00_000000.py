from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T18:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Report counts per map cell, kept by triggers in each report's transaction, counted once from the reports"

# The statements as defects/mapcells_sql.py wrote them on this day, frozen: a migration must not change when that
# module does (a later change of the triggers comes as a migration of its own).
FORWARDS = {
    "postgres": (
        "CREATE TABLE defect_map_cell (id SERIAL PRIMARY KEY, municipality INTEGER NOT NULL, level INTEGER "
        "NOT NULL, gy BIGINT NOT NULL, gx BIGINT NOT NULL, category INTEGER NOT NULL, status VARCHAR(20) NOT "
        "NULL, district INTEGER NOT NULL DEFAULT 0, shown INTEGER NOT NULL DEFAULT 0, n INTEGER NOT NULL "
        "DEFAULT 0, sum_lat DOUBLE PRECISION NOT NULL DEFAULT 0, sum_lon DOUBLE PRECISION NOT NULL DEFAULT "
        "0, sum_id BIGINT NOT NULL DEFAULT 0)",
        "CREATE UNIQUE INDEX defect_map_cell_key ON defect_map_cell (municipality, level, gy, gx, category, "
        "status, district, shown)",
        "CREATE TABLE defect_map_version (id SERIAL PRIMARY KEY, municipality INTEGER NOT NULL UNIQUE, "
        "version BIGINT NOT NULL DEFAULT 0)",
        "CREATE UNLOGGED TABLE defect_map_delta (txid BIGINT NOT NULL, municipality INTEGER NOT NULL, lat "
        "DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL, category INTEGER NOT NULL, status "
        "VARCHAR(20) NOT NULL, district INTEGER NOT NULL, shown INTEGER NOT NULL, id BIGINT NOT NULL, sign "
        "INTEGER NOT NULL)",
        "CREATE INDEX defect_map_delta_txid ON defect_map_delta (txid)",
        "CREATE FUNCTION defect_map_cell_track() RETURNS trigger LANGUAGE plpgsql AS $track$\n"
        "BEGIN\n"
        "    IF TG_OP <> 'INSERT' AND OLD.confirmed_at IS NOT NULL THEN\n"
        "        INSERT INTO defect_map_delta VALUES (txid_current(), OLD.municipality, OLD.lat, OLD.lon, "
        "OLD.category,\n"
        "            OLD.status, COALESCE(OLD.district, 0), (CASE WHEN OLD.visibility = 'public' AND "
        "OLD.placed THEN 1 ELSE 0 END), OLD.id, -1);\n"
        "    END IF;\n"
        "    IF TG_OP <> 'DELETE' AND NEW.confirmed_at IS NOT NULL THEN\n"
        "        INSERT INTO defect_map_delta VALUES (txid_current(), NEW.municipality, NEW.lat, NEW.lon, "
        "NEW.category,\n"
        "            NEW.status, COALESCE(NEW.district, 0), (CASE WHEN NEW.visibility = 'public' AND "
        "NEW.placed THEN 1 ELSE 0 END), NEW.id, 1);\n"
        "    END IF;\n"
        "    RETURN NULL;\n"
        "END\n"
        "$track$",
        "CREATE FUNCTION defect_map_cell_apply() RETURNS trigger LANGUAGE plpgsql AS $apply$\n"
        "BEGIN\n"
        "    IF NOT EXISTS (SELECT 1 FROM defect_map_delta WHERE txid = txid_current()) THEN\n"
        "        RETURN NULL;  -- an earlier firing of this commit applied them all\n"
        "    END IF;\n"
        "    INSERT INTO defect_map_version (municipality, version)\n"
        "        SELECT DISTINCT municipality, 1 FROM defect_map_delta WHERE txid = txid_current() ORDER BY "
        "municipality\n"
        "        ON CONFLICT (municipality) DO UPDATE SET version = defect_map_version.version + 1;\n"
        "    INSERT INTO defect_map_cell (municipality, level, gy, gx, category, status, district, shown, n, "
        "sum_lat, sum_lon, sum_id)\n"
        "        SELECT d.municipality, l.level, CAST(floor((d.lat + 90.0) / 0.00274658203125) AS BIGINT) >> "
        "(15 - l.level), CAST(floor((d.lon + 180.0) / 0.00274658203125) AS BIGINT) >> (15 - l.level),\n"
        "            d.category, d.status, d.district, d.shown,\n"
        "            SUM(d.sign), SUM(d.sign * d.lat), SUM(d.sign * d.lon), SUM(d.sign * d.id)\n"
        "        FROM defect_map_delta d, (SELECT 15 AS level UNION ALL SELECT 12 AS level UNION ALL SELECT "
        "9 AS level UNION ALL SELECT 6 AS level) l WHERE d.txid = txid_current()\n"
        "        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8\n"
        "        ON CONFLICT (municipality, level, gy, gx, category, status, district, shown) DO UPDATE SET "
        "n = defect_map_cell.n + excluded.n,\n"
        "            sum_lat = defect_map_cell.sum_lat + excluded.sum_lat, sum_lon = defect_map_cell.sum_lon "
        "+ excluded.sum_lon,\n"
        "            sum_id = defect_map_cell.sum_id + excluded.sum_id;\n"
        "    DELETE FROM defect_map_delta WHERE txid = txid_current();\n"
        "    RETURN NULL;\n"
        "END\n"
        "$apply$",
        "CREATE TRIGGER defect_map_cell_insert AFTER INSERT OR DELETE ON defect_report FOR EACH ROW EXECUTE "
        "FUNCTION defect_map_cell_track()",
        "CREATE TRIGGER defect_map_cell_update AFTER UPDATE ON defect_report FOR EACH ROW WHEN "
        "(OLD.municipality IS DISTINCT FROM NEW.municipality OR OLD.lat IS DISTINCT FROM NEW.lat OR OLD.lon "
        "IS DISTINCT FROM NEW.lon OR OLD.category IS DISTINCT FROM NEW.category OR OLD.status IS DISTINCT "
        "FROM NEW.status OR OLD.district IS DISTINCT FROM NEW.district OR OLD.visibility IS DISTINCT FROM "
        "NEW.visibility OR OLD.placed IS DISTINCT FROM NEW.placed OR OLD.confirmed_at IS DISTINCT FROM "
        "NEW.confirmed_at) EXECUTE FUNCTION defect_map_cell_track()",
        "CREATE CONSTRAINT TRIGGER defect_map_cell_apply AFTER INSERT ON defect_map_delta DEFERRABLE "
        "INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION defect_map_cell_apply()",
        "DELETE FROM defect_map_cell",
        "DELETE FROM defect_map_version",
        "INSERT INTO defect_map_cell (municipality, level, gy, gx, category, status, district, shown, n, "
        "sum_lat, sum_lon, sum_id) SELECT r.municipality AS municipality, 15 AS level, CAST(floor((r.lat + "
        "90.0) / 0.00274658203125) AS BIGINT) >> 0 AS gy, CAST(floor((r.lon + 180.0) / 0.00274658203125) AS "
        "BIGINT) >> 0 AS gx, r.category AS category, r.status AS status, COALESCE(r.district, 0) AS "
        "district, (CASE WHEN r.visibility = 'public' AND r.placed THEN 1 ELSE 0 END) AS shown, COUNT(*) AS "
        "n, SUM(r.lat) AS sum_lat, SUM(r.lon) AS sum_lon, SUM(r.id) AS sum_id FROM defect_report r WHERE "
        "r.confirmed_at IS NOT NULL GROUP BY r.municipality, 3, 4, r.category, r.status, "
        "COALESCE(r.district, 0), 8",
        "INSERT INTO defect_map_cell (municipality, level, gy, gx, category, status, district, shown, n, "
        "sum_lat, sum_lon, sum_id) SELECT r.municipality AS municipality, 12 AS level, CAST(floor((r.lat + "
        "90.0) / 0.00274658203125) AS BIGINT) >> 3 AS gy, CAST(floor((r.lon + 180.0) / 0.00274658203125) AS "
        "BIGINT) >> 3 AS gx, r.category AS category, r.status AS status, COALESCE(r.district, 0) AS "
        "district, (CASE WHEN r.visibility = 'public' AND r.placed THEN 1 ELSE 0 END) AS shown, COUNT(*) AS "
        "n, SUM(r.lat) AS sum_lat, SUM(r.lon) AS sum_lon, SUM(r.id) AS sum_id FROM defect_report r WHERE "
        "r.confirmed_at IS NOT NULL GROUP BY r.municipality, 3, 4, r.category, r.status, "
        "COALESCE(r.district, 0), 8",
        "INSERT INTO defect_map_cell (municipality, level, gy, gx, category, status, district, shown, n, "
        "sum_lat, sum_lon, sum_id) SELECT r.municipality AS municipality, 9 AS level, CAST(floor((r.lat + "
        "90.0) / 0.00274658203125) AS BIGINT) >> 6 AS gy, CAST(floor((r.lon + 180.0) / 0.00274658203125) AS "
        "BIGINT) >> 6 AS gx, r.category AS category, r.status AS status, COALESCE(r.district, 0) AS "
        "district, (CASE WHEN r.visibility = 'public' AND r.placed THEN 1 ELSE 0 END) AS shown, COUNT(*) AS "
        "n, SUM(r.lat) AS sum_lat, SUM(r.lon) AS sum_lon, SUM(r.id) AS sum_id FROM defect_report r WHERE "
        "r.confirmed_at IS NOT NULL GROUP BY r.municipality, 3, 4, r.category, r.status, "
        "COALESCE(r.district, 0), 8",
        "INSERT INTO defect_map_cell (municipality, level, gy, gx, category, status, district, shown, n, "
        "sum_lat, sum_lon, sum_id) SELECT r.municipality AS municipality, 6 AS level, CAST(floor((r.lat + "
        "90.0) / 0.00274658203125) AS BIGINT) >> 9 AS gy, CAST(floor((r.lon + 180.0) / 0.00274658203125) AS "
        "BIGINT) >> 9 AS gx, r.category AS category, r.status AS status, COALESCE(r.district, 0) AS "
        "district, (CASE WHEN r.visibility = 'public' AND r.placed THEN 1 ELSE 0 END) AS shown, COUNT(*) AS "
        "n, SUM(r.lat) AS sum_lat, SUM(r.lon) AS sum_lon, SUM(r.id) AS sum_id FROM defect_report r WHERE "
        "r.confirmed_at IS NOT NULL GROUP BY r.municipality, 3, 4, r.category, r.status, "
        "COALESCE(r.district, 0), 8",
        "INSERT INTO defect_map_version (municipality, version) SELECT DISTINCT municipality, 1 FROM defect_map_cell",
    ),
    "sqlite": (
        "CREATE TABLE defect_map_cell (id INTEGER PRIMARY KEY, municipality INTEGER NOT NULL, level INTEGER "
        "NOT NULL, gy BIGINT NOT NULL, gx BIGINT NOT NULL, category INTEGER NOT NULL, status VARCHAR(20) NOT "
        "NULL, district INTEGER NOT NULL DEFAULT 0, shown INTEGER NOT NULL DEFAULT 0, n INTEGER NOT NULL "
        "DEFAULT 0, sum_lat DOUBLE PRECISION NOT NULL DEFAULT 0, sum_lon DOUBLE PRECISION NOT NULL DEFAULT 0, "
        "sum_id BIGINT NOT NULL DEFAULT 0)",
        "CREATE UNIQUE INDEX defect_map_cell_key ON defect_map_cell (municipality, level, gy, gx, category, "
        "status, district, shown)",
        "CREATE TABLE defect_map_version (id INTEGER PRIMARY KEY, municipality INTEGER NOT NULL UNIQUE, "
        "version BIGINT NOT NULL DEFAULT 0)",
        "CREATE TRIGGER defect_map_cell_insert AFTER INSERT ON defect_report WHEN NEW.confirmed_at IS NOT NULL "
        "BEGIN INSERT INTO defect_map_version (municipality, version) SELECT NEW.municipality, 1 WHERE true ON "
        "CONFLICT (municipality) DO UPDATE SET version = defect_map_version.version + 1; INSERT INTO "
        "defect_map_cell (municipality, level, gy, gx, category, status, district, shown, n, sum_lat, sum_lon, "
        "sum_id) SELECT NEW.municipality, l.level, CAST(((NEW.lat + 90.0) / 0.00274658203125) AS INTEGER) >> "
        "(15 - l.level), CAST(((NEW.lon + 180.0) / 0.00274658203125) AS INTEGER) >> (15 - l.level), "
        "NEW.category, NEW.status, COALESCE(NEW.district, 0), (CASE WHEN NEW.visibility = 'public' AND "
        "NEW.placed THEN 1 ELSE 0 END), 1, 1 * NEW.lat, 1 * NEW.lon, 1 * NEW.id FROM (SELECT 15 AS level UNION "
        "ALL SELECT 12 AS level UNION ALL SELECT 9 AS level UNION ALL SELECT 6 AS level) l WHERE true ON "
        "CONFLICT (municipality, level, gy, gx, category, status, district, shown) DO UPDATE SET n = "
        "defect_map_cell.n + excluded.n, sum_lat = defect_map_cell.sum_lat + excluded.sum_lat, sum_lon = "
        "defect_map_cell.sum_lon + excluded.sum_lon, sum_id = defect_map_cell.sum_id + excluded.sum_id; END",
        "CREATE TRIGGER defect_map_cell_delete AFTER DELETE ON defect_report WHEN OLD.confirmed_at IS NOT NULL "
        "BEGIN INSERT INTO defect_map_version (municipality, version) SELECT OLD.municipality, 1 WHERE true ON "
        "CONFLICT (municipality) DO UPDATE SET version = defect_map_version.version + 1; INSERT INTO "
        "defect_map_cell (municipality, level, gy, gx, category, status, district, shown, n, sum_lat, sum_lon, "
        "sum_id) SELECT OLD.municipality, l.level, CAST(((OLD.lat + 90.0) / 0.00274658203125) AS INTEGER) >> "
        "(15 - l.level), CAST(((OLD.lon + 180.0) / 0.00274658203125) AS INTEGER) >> (15 - l.level), "
        "OLD.category, OLD.status, COALESCE(OLD.district, 0), (CASE WHEN OLD.visibility = 'public' AND "
        "OLD.placed THEN 1 ELSE 0 END), -1, -1 * OLD.lat, -1 * OLD.lon, -1 * OLD.id FROM (SELECT 15 AS level "
        "UNION ALL SELECT 12 AS level UNION ALL SELECT 9 AS level UNION ALL SELECT 6 AS level) l WHERE true ON "
        "CONFLICT (municipality, level, gy, gx, category, status, district, shown) DO UPDATE SET n = "
        "defect_map_cell.n + excluded.n, sum_lat = defect_map_cell.sum_lat + excluded.sum_lat, sum_lon = "
        "defect_map_cell.sum_lon + excluded.sum_lon, sum_id = defect_map_cell.sum_id + excluded.sum_id; END",
        "CREATE TRIGGER defect_map_cell_update AFTER UPDATE OF municipality, lat, lon, category, status, "
        "district, visibility, placed, confirmed_at ON defect_report WHEN OLD.municipality IS NOT "
        "NEW.municipality OR OLD.lat IS NOT NEW.lat OR OLD.lon IS NOT NEW.lon OR OLD.category IS NOT "
        "NEW.category OR OLD.status IS NOT NEW.status OR OLD.district IS NOT NEW.district OR OLD.visibility IS "
        "NOT NEW.visibility OR OLD.placed IS NOT NEW.placed OR OLD.confirmed_at IS NOT NEW.confirmed_at BEGIN "
        "INSERT INTO defect_map_version (municipality, version) SELECT OLD.municipality, 1 WHERE "
        "OLD.confirmed_at IS NOT NULL ON CONFLICT (municipality) DO UPDATE SET version = "
        "defect_map_version.version + 1; INSERT INTO defect_map_version (municipality, version) SELECT "
        "NEW.municipality, 1 WHERE NEW.confirmed_at IS NOT NULL ON CONFLICT (municipality) DO UPDATE SET "
        "version = defect_map_version.version + 1; INSERT INTO defect_map_cell (municipality, level, gy, gx, "
        "category, status, district, shown, n, sum_lat, sum_lon, sum_id) SELECT OLD.municipality, l.level, "
        "CAST(((OLD.lat + 90.0) / 0.00274658203125) AS INTEGER) >> (15 - l.level), CAST(((OLD.lon + 180.0) / "
        "0.00274658203125) AS INTEGER) >> (15 - l.level), OLD.category, OLD.status, COALESCE(OLD.district, 0), "
        "(CASE WHEN OLD.visibility = 'public' AND OLD.placed THEN 1 ELSE 0 END), -1, -1 * OLD.lat, -1 * "
        "OLD.lon, -1 * OLD.id FROM (SELECT 15 AS level UNION ALL SELECT 12 AS level UNION ALL SELECT 9 AS "
        "level UNION ALL SELECT 6 AS level) l WHERE OLD.confirmed_at IS NOT NULL ON CONFLICT (municipality, "
        "level, gy, gx, category, status, district, shown) DO UPDATE SET n = defect_map_cell.n + excluded.n, "
        "sum_lat = defect_map_cell.sum_lat + excluded.sum_lat, sum_lon = defect_map_cell.sum_lon + "
        "excluded.sum_lon, sum_id = defect_map_cell.sum_id + excluded.sum_id; INSERT INTO defect_map_cell "
        "(municipality, level, gy, gx, category, status, district, shown, n, sum_lat, sum_lon, sum_id) SELECT "
        "NEW.municipality, l.level, CAST(((NEW.lat + 90.0) / 0.00274658203125) AS INTEGER) >> (15 - l.level), "
        "CAST(((NEW.lon + 180.0) / 0.00274658203125) AS INTEGER) >> (15 - l.level), NEW.category, NEW.status, "
        "COALESCE(NEW.district, 0), (CASE WHEN NEW.visibility = 'public' AND NEW.placed THEN 1 ELSE 0 END), 1, "
        "1 * NEW.lat, 1 * NEW.lon, 1 * NEW.id FROM (SELECT 15 AS level UNION ALL SELECT 12 AS level UNION ALL "
        "SELECT 9 AS level UNION ALL SELECT 6 AS level) l WHERE NEW.confirmed_at IS NOT NULL ON CONFLICT "
        "(municipality, level, gy, gx, category, status, district, shown) DO UPDATE SET n = defect_map_cell.n "
        "+ excluded.n, sum_lat = defect_map_cell.sum_lat + excluded.sum_lat, sum_lon = defect_map_cell.sum_lon "
        "+ excluded.sum_lon, sum_id = defect_map_cell.sum_id + excluded.sum_id; END",
        "DELETE FROM defect_map_cell",
        "DELETE FROM defect_map_version",
        "INSERT INTO defect_map_cell (municipality, level, gy, gx, category, status, district, shown, n, "
        "sum_lat, sum_lon, sum_id) SELECT r.municipality AS municipality, 15 AS level, CAST(((r.lat + 90.0) / "
        "0.00274658203125) AS INTEGER) >> 0 AS gy, CAST(((r.lon + 180.0) / 0.00274658203125) AS INTEGER) >> 0 "
        "AS gx, r.category AS category, r.status AS status, COALESCE(r.district, 0) AS district, (CASE WHEN "
        "r.visibility = 'public' AND r.placed THEN 1 ELSE 0 END) AS shown, COUNT(*) AS n, SUM(r.lat) AS "
        "sum_lat, SUM(r.lon) AS sum_lon, SUM(r.id) AS sum_id FROM defect_report r WHERE r.confirmed_at IS NOT "
        "NULL GROUP BY r.municipality, 3, 4, r.category, r.status, COALESCE(r.district, 0), 8",
        "INSERT INTO defect_map_cell (municipality, level, gy, gx, category, status, district, shown, n, "
        "sum_lat, sum_lon, sum_id) SELECT r.municipality AS municipality, 12 AS level, CAST(((r.lat + 90.0) / "
        "0.00274658203125) AS INTEGER) >> 3 AS gy, CAST(((r.lon + 180.0) / 0.00274658203125) AS INTEGER) >> 3 "
        "AS gx, r.category AS category, r.status AS status, COALESCE(r.district, 0) AS district, (CASE WHEN "
        "r.visibility = 'public' AND r.placed THEN 1 ELSE 0 END) AS shown, COUNT(*) AS n, SUM(r.lat) AS "
        "sum_lat, SUM(r.lon) AS sum_lon, SUM(r.id) AS sum_id FROM defect_report r WHERE r.confirmed_at IS NOT "
        "NULL GROUP BY r.municipality, 3, 4, r.category, r.status, COALESCE(r.district, 0), 8",
        "INSERT INTO defect_map_cell (municipality, level, gy, gx, category, status, district, shown, n, "
        "sum_lat, sum_lon, sum_id) SELECT r.municipality AS municipality, 9 AS level, CAST(((r.lat + 90.0) / "
        "0.00274658203125) AS INTEGER) >> 6 AS gy, CAST(((r.lon + 180.0) / 0.00274658203125) AS INTEGER) >> 6 "
        "AS gx, r.category AS category, r.status AS status, COALESCE(r.district, 0) AS district, (CASE WHEN "
        "r.visibility = 'public' AND r.placed THEN 1 ELSE 0 END) AS shown, COUNT(*) AS n, SUM(r.lat) AS "
        "sum_lat, SUM(r.lon) AS sum_lon, SUM(r.id) AS sum_id FROM defect_report r WHERE r.confirmed_at IS NOT "
        "NULL GROUP BY r.municipality, 3, 4, r.category, r.status, COALESCE(r.district, 0), 8",
        "INSERT INTO defect_map_cell (municipality, level, gy, gx, category, status, district, shown, n, "
        "sum_lat, sum_lon, sum_id) SELECT r.municipality AS municipality, 6 AS level, CAST(((r.lat + 90.0) / "
        "0.00274658203125) AS INTEGER) >> 9 AS gy, CAST(((r.lon + 180.0) / 0.00274658203125) AS INTEGER) >> 9 "
        "AS gx, r.category AS category, r.status AS status, COALESCE(r.district, 0) AS district, (CASE WHEN "
        "r.visibility = 'public' AND r.placed THEN 1 ELSE 0 END) AS shown, COUNT(*) AS n, SUM(r.lat) AS "
        "sum_lat, SUM(r.lon) AS sum_lon, SUM(r.id) AS sum_id FROM defect_report r WHERE r.confirmed_at IS NOT "
        "NULL GROUP BY r.municipality, 3, 4, r.category, r.status, COALESCE(r.district, 0), 8",
        "INSERT INTO defect_map_version (municipality, version) SELECT DISTINCT municipality, 1 FROM defect_map_cell",
    ),
}

BACKWARDS = {
    "postgres": (
        "DROP TRIGGER defect_map_cell_insert ON defect_report",
        "DROP TRIGGER defect_map_cell_update ON defect_report",
        "DROP TABLE defect_map_delta",
        "DROP FUNCTION defect_map_cell_apply()",
        "DROP FUNCTION defect_map_cell_track()",
        "DROP TABLE defect_map_cell",
        "DROP TABLE defect_map_version",
    ),
    "sqlite": (
        "DROP TRIGGER defect_map_cell_insert",
        "DROP TRIGGER defect_map_cell_update",
        "DROP TRIGGER defect_map_cell_delete",
        "DROP TABLE defect_map_cell",
        "DROP TABLE defect_map_version",
    ),
}


class RawTable(Table):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="defects", description=DESCRIPTION)

    async def run():
        for statement in FORWARDS[RawTable._meta.db.engine_type]:
            await RawTable.raw(statement)

    async def run_backwards():
        for statement in BACKWARDS[RawTable._meta.db.engine_type]:
            await RawTable.raw(statement)

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
