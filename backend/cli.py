"""Command line of stadtstimme: migrate, load the demo, add municipalities and admins, manage Open311 keys,
write openapi.yaml."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import backend  # noqa: F401  (sets PICCOLO_CONF)
from backend.settings import PROJECT_ROOT, get_settings

OPENAPI_FILE = PROJECT_ROOT / "openapi.yaml"


async def migrate() -> None:
    from piccolo.apps.migrations.commands.forwards import run_forwards

    result = await run_forwards(app_name="all")
    if not result.success:
        raise SystemExit(f"Migration failed: {result.message}")


async def demo() -> None:
    from backend.demo import load_demo

    context = await load_demo(get_settings().password_hashing)
    print("Demo loaded: Taunusstein." if context else "Database has data already; demo not loaded.")


async def municipality_add(ags: str, slug: str | None, districts: list[str]) -> None:
    """The municipality, and its Mängelmelder ready to route: the default department and standard categories."""
    from defects.services.standard import start_mangelmelder
    from geo.services import create_from_ags
    from legal.services import hold_listing

    municipality = await create_from_ags(ags, slug=slug, district_names=districts)
    await hold_listing(municipality.id)  # not listed publicly before its Impressum and Datenschutzerklärung
    await start_mangelmelder(municipality)
    print(f"Created {municipality.name} (AGS {municipality.ags}) as /{municipality.slug}")
    print("Its reports go to the department 'Allgemeine Verwaltung' until you add others; enter its real address.")
    print("It is listed publicly once an admin has published its Impressum and Datenschutzerklärung.")


async def department_add(slug: str, name: str, emails: list[str], phone: str, default: bool) -> None:
    from defects.schemas import DepartmentCreate
    from defects.services.departments import create_department
    from geo.services import get_municipality

    municipality = await get_municipality(slug)
    try:
        data = DepartmentCreate(name=name, emails=emails, phone=phone, is_default=default)
    except ValueError as error:
        raise SystemExit(f"Ungültige Angabe / invalid input: {error}") from None
    department_id = await create_department(municipality.id, None, data)
    print(f"Department {department_id} ({name}) created for {municipality.name}.")


async def create_admin(email: str, password: str, slug: str, name: str) -> None:
    from backend.accounts.services import create_account
    from geo.roles import Role
    from geo.services import get_municipality, grant_role

    municipality = await get_municipality(slug)
    user_id = await create_account(email, password, name, verified=True, hashing=get_settings().password_hashing)
    await grant_role(user_id, municipality.id, Role.ADMIN)
    print(f"Admin {email} created for {municipality.name}.")


async def remind_overdue() -> int:
    """Mail departments about reports without a status change for DEFECT_REMINDER_DAYS days."""
    from backend.mail.outbox import Outbox
    from backend.mail.sender import deliver_pending
    from backend.schedule import jobs

    settings = get_settings()
    count = await jobs.remind_overdue(settings, Outbox())
    await deliver_pending(settings)
    print(f"Reminded departments of {count} overdue report(s).")
    return count


async def purge_unconfirmed() -> int:
    """Delete anonymous reports whose confirmation link was not opened within seven days."""
    from backend.schedule import jobs

    count = await jobs.purge_unconfirmed(get_settings())
    print(f"Deleted {count} unconfirmed report(s).")
    return count


async def recount_map() -> None:
    """Count the map's cells afresh from the reports (the migration does it once; after a bulk load or a repair)."""
    from defects.services.map_and_list import recount_map as recount

    await recount()
    print("Map cells counted afresh.")


async def send_digests() -> None:
    """Announce phases that have begun and send the daily digests of every kind of news (the app's scheduler
    does this each morning; this command is for operators who run it from cron instead)."""
    from backend.mail.outbox import Outbox
    from backend.schedule import jobs

    queued = await jobs.send_digests(get_settings(), Outbox())
    print(f"Queued {queued} digest mails and phase notices; the app's mail sender delivers them.")


async def send_moderation_mails() -> None:
    """Send the decision mails whose quiet time is over, one per author (for operators running jobs from cron)."""
    from backend.mail.outbox import Outbox
    from backend.schedule import jobs

    sent = await jobs.send_moderation_mails(Outbox())
    print(f"Queued {sent} moderation mail(s); the app's mail sender delivers them.")


async def open311_keys(slug: str, action: str, label: str, key_id: int | None, trusted: bool) -> None:
    """Issue (shown once), list, revoke, trust or distrust a municipality's Open311 API keys."""
    from defects.services import apikeys
    from geo.services import get_municipality

    municipality = await get_municipality(slug)
    if action == "issue":
        new_id, key = await apikeys.issue_key(municipality.id, label, trusted=trusted)
        print(f"Key {new_id} ({label}{', trusted' if trusted else ''}): {key}\nIt is shown only this once.")
        return
    if action != "list":
        if key_id is None:
            raise SystemExit("--id is needed to revoke, trust or distrust a key.")
        if action == "revoke":
            await apikeys.revoke_key(municipality.id, key_id)
        else:
            await apikeys.set_trusted(municipality.id, key_id, action == "trust")
    for k in await apikeys.list_keys(municipality.id):
        state = f"revoked {k.revoked_at:%Y-%m-%d}" if k.revoked_at else "active"
        print(
            f"{k.id}\t{k.label}\t{'trusted' if k.trusted else 'confirm by mail'}\t{state}\t"
            f"{k.requests_last_hour} request(s) in the last hour"
        )


def openapi_document() -> str:
    from backend.api_docs import contract_yaml
    from backend.app import create_app

    return contract_yaml(create_app().openapi_schema.to_schema())


def write_openapi(check: bool) -> None:
    document = openapi_document()
    if check:
        if not OPENAPI_FILE.exists() or OPENAPI_FILE.read_text(encoding="utf-8") != document:
            raise SystemExit("openapi.yaml differs from the app: run `just openapi` and commit it.")
        print("openapi.yaml matches the app.")
        return
    OPENAPI_FILE.write_text(document, encoding="utf-8")
    print(f"Wrote {OPENAPI_FILE.relative_to(Path.cwd()) if OPENAPI_FILE.is_relative_to(Path.cwd()) else OPENAPI_FILE}")


def main(argv: list[str] | None = None) -> None:
    from geo.errors import DomainError

    parser = argparse.ArgumentParser(prog="stadtstimme")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="run all database migrations")
    commands.add_parser("demo", help="load the Taunusstein demo into an empty database")
    add = commands.add_parser("municipality-add", help="create a municipality from the shipped Hessian boundaries")
    add.add_argument("--ags", required=True, help="8-digit Amtlicher Gemeindeschlüssel, e.g. 06434011")
    add.add_argument("--slug", help="URL name; derived from the name when left out")
    add.add_argument("--district", action="append", default=[], help="a district name (repeatable)")
    department = commands.add_parser("department-add", help="add a department that receives defect reports")
    department.add_argument("--municipality", required=True, help="slug of the municipality")
    department.add_argument("--name", required=True)
    department.add_argument("--email", action="append", required=True, help="an address (repeatable; all get mail)")
    department.add_argument("--phone", default="")
    department.add_argument("--default", action="store_true", help="receives what no category routes elsewhere")
    admin = commands.add_parser("create-admin", help="create the first admin of a municipality")
    admin.add_argument("--email", required=True)
    admin.add_argument("--password", required=True)
    admin.add_argument("--municipality", required=True, help="slug of the municipality")
    admin.add_argument("--name", default="Administration")
    commands.add_parser("remind-overdue", help="remind departments of reports open too long (run daily)")
    commands.add_parser("purge-unconfirmed", help="delete reports not confirmed within 7 days (run daily)")
    commands.add_parser("recount-map", help="count the map's cells afresh from the reports (after a bulk load)")
    commands.add_parser("send-digests", help="send the daily digests and announce phases that began")
    commands.add_parser("send-moderation-mails", help="send held moderation decision mails, one per author")
    keys = commands.add_parser("open311-keys", help="issue, list, revoke, trust or distrust Open311 API keys")
    keys.add_argument("action", choices=["list", "issue", "revoke", "trust", "distrust"])
    keys.add_argument("--municipality", required=True, help="slug of the municipality")
    keys.add_argument("--label", default="Open311-App", help="issue: who the key is for")
    keys.add_argument("--trusted", action="store_true", help="issue: a trusted partner (reporters confirmed)")
    keys.add_argument("--id", type=int, help="revoke, trust, distrust: the key's number (see list)")
    spec = commands.add_parser("openapi", help="write openapi.yaml from the app")
    spec.add_argument("--check", action="store_true", help="fail when the committed file differs")
    args = parser.parse_args(argv)

    from backend.wiring import content_registry

    content_registry().install()  # moderation decisions (e.g. the demo's) reach the content rows
    try:
        if args.command == "migrate":
            asyncio.run(migrate())
        elif args.command == "demo":
            asyncio.run(demo())
        elif args.command == "municipality-add":
            asyncio.run(municipality_add(args.ags, args.slug, args.district))
        elif args.command == "department-add":
            asyncio.run(department_add(args.municipality, args.name, args.email, args.phone, args.default))
        elif args.command == "create-admin":
            asyncio.run(create_admin(args.email, args.password, args.municipality, args.name))
        elif args.command == "purge-unconfirmed":
            asyncio.run(purge_unconfirmed())
        elif args.command == "remind-overdue":
            asyncio.run(remind_overdue())
        elif args.command == "recount-map":
            asyncio.run(recount_map())
        elif args.command == "send-digests":
            asyncio.run(send_digests())
        elif args.command == "send-moderation-mails":
            asyncio.run(send_moderation_mails())
        elif args.command == "open311-keys":
            asyncio.run(open311_keys(args.municipality, args.action, args.label, args.id, args.trusted))
        elif args.command == "openapi":
            write_openapi(args.check)
    except DomainError as error:
        print(f"{error.de}\n{error.en}", file=sys.stderr)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
