import html
import re

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-02T07:45:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Consultation texts are written in Markdown: the source is kept in 'body', body_html is rendered from it"


class RawTable(Table):
    pass


_LINK = re.compile(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', re.S)
_TAG = re.compile(r"<[^>]+>")


def to_markdown(body_html: str) -> str:
    """The stored HTML was only paragraphs, lists and links: write it back as the Markdown a person would type."""
    text = _LINK.sub(lambda m: f"[{m.group(2)}]({m.group(1)})", body_html)
    text = re.sub(r"<br\s*/?>", "  \n", text)
    text = re.sub(r"<li>", "- ", text)
    text = re.sub(r"</li>", "\n", text)
    text = re.sub(r"</(p|ul|ol)>", "\n\n", text)
    text = html.unescape(_TAG.sub("", text))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="proposals", description=DESCRIPTION)

    async def run():
        await RawTable.raw("ALTER TABLE consultation ADD COLUMN body TEXT NOT NULL DEFAULT ''")
        for row in await RawTable.raw("SELECT id, body_html FROM consultation WHERE body_html <> ''"):
            await RawTable.raw(
                "UPDATE consultation SET body = {} WHERE id = {}", to_markdown(row["body_html"]), row["id"]
            )

    async def run_backwards():
        await RawTable.raw("ALTER TABLE consultation DROP COLUMN body")

    manager.add_raw(run)
    manager.add_raw_backwards(run_backwards)
    return manager
