from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T10:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "The address register: houses searched by a prefix key, and per municipality its source and geocoder"


class RawTable(Table):
    pass


def forwards_sql(postgres: bool) -> list[str]:
    # The keys hold only [a-z0-9 ]; PostgreSQL compares them in the "C" collation so that a prefix range
    # (key >= 'aarstr 1' AND key < 'aarstr 1~') is answered from the btree index, as SQLite does by default.
    collate = ' COLLATE "C"' if postgres else ""
    serial = "SERIAL" if postgres else "INTEGER"
    return [
        f"""CREATE TABLE geo_address (
            id {serial} PRIMARY KEY,
            municipality INTEGER NOT NULL REFERENCES municipality (id) ON DELETE CASCADE,
            street VARCHAR(150) NOT NULL,
            house_number VARCHAR(20) NOT NULL DEFAULT '',
            postcode VARCHAR(10) NOT NULL DEFAULT '',
            place VARCHAR(100) NOT NULL DEFAULT '',
            lat DOUBLE PRECISION NOT NULL,
            lon DOUBLE PRECISION NOT NULL,
            search_key VARCHAR(200){collate} NOT NULL,
            place_key VARCHAR(100){collate} NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX geo_address_search ON geo_address (municipality, search_key)",
        "CREATE INDEX geo_address_place ON geo_address (municipality, place_key, search_key)",
        "CREATE INDEX geo_address_lat ON geo_address (municipality, lat)",
        f"""CREATE TABLE geo_address_register (
            id {serial} PRIMARY KEY,
            municipality INTEGER NOT NULL UNIQUE REFERENCES municipality (id) ON DELETE CASCADE,
            licence VARCHAR(100) NOT NULL DEFAULT '',
            attribution VARCHAR(300) NOT NULL DEFAULT '',
            approximate BOOLEAN NOT NULL DEFAULT FALSE,
            address_count INTEGER NOT NULL DEFAULT 0,
            imported_at TIMESTAMPTZ NULL,
            outside_kind VARCHAR(10) NOT NULL DEFAULT '',
            outside_url VARCHAR(300) NOT NULL DEFAULT ''
        )""",
    ]


BACKWARDS = ["DROP TABLE geo_address_register", "DROP TABLE geo_address"]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="geo", description=DESCRIPTION)

    async def run():
        postgres = RawTable._meta.db.engine_type == "postgres"
        for statement in forwards_sql(postgres):
            await RawTable.raw(statement)

    async def run_backwards():
        for statement in BACKWARDS:
            await RawTable.raw(statement)

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
