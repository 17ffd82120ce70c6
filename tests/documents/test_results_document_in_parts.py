"""A results document rendered in parts by worker processes and merged stays one tagged PDF (PDF/UA): one
structure tree over every page, the right page numbers, contents and outline pointing at the right pages."""

import re
import subprocess

from backend.documents import consultation as document
from backend.documents.labels import CONSULTATION
from backend.documents.verify import outline_pages, structure_problems
from geo import services as geo
from geo.roles import Role
from proposals.results import consultation_results
from tests.factories import person
from tests.proposals.factories import admin_of, consultation, proposal
from tests.support.moderation import post_moderated

TITLES = [f"Vorschlag Nummer {n} für die Innenstadt" for n in range(1, 6)]


def page_texts(path) -> list[str]:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")][:-1]


async def render_in_parts(taunusstein, tmp_path, **options):
    await post_moderated(taunusstein)
    admin = await admin_of(taunusstein)
    resident = await person("r@example.org", roles=(Role.RESIDENT,), municipality=taunusstein)
    cid = await consultation(taunusstein, admin, title="Innenstadt 2030")
    for title in TITLES:
        await proposal(taunusstein, cid, resident, title=title, body=f"{title}. " + "Begründung mit Worten. " * 90)
    results = await consultation_results(taunusstein.id, cid, lang="de")
    target = tmp_path / "results.pdf"
    pages = await document.render(results, await geo.territory_of(taunusstein), target, **options)
    return target, pages


async def test_a_report_in_parts_is_one_tagged_document_with_the_right_page_numbers(taunusstein, tmp_path):
    target, pages = await render_in_parts(taunusstein, tmp_path, chunk=2, workers=2)  # intro, 3 batches, closing

    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M) and re.search(rf"^Pages:\s+{pages}$", info, re.M)
    assert structure_problems(target) == []  # one tree; every page's StructParents resolves to its own elements
    texts = page_texts(target)
    assert len(texts) == pages >= 7
    for number, text in enumerate(texts, start=1):
        assert text.count(f"Seite {number} / {pages}") == 1, number

    labels = CONSULTATION["de"]
    contents = texts[1]
    for key in ("summary", "over_time", "by_district", "map", "ranking", "moderation", "method"):
        found = re.search(rf"{re.escape(labels[key])} \.[. ]*(\d+)", contents)
        assert found, key
        assert labels[key] in texts[int(found.group(1)) - 1], key  # the heading is on the page the contents name

    outline = outline_pages(target)
    ranking = next(index for index, (_, title, _) in enumerate(outline) if title == labels["ranking"])
    proposals = [row for row in outline[ranking + 1 :] if row[0] == 1]
    assert [title for _, title, _ in proposals] == [f"{n}. {title}" for n, title in enumerate(TITLES, start=1)]
    for _, title, page in outline:
        assert title in texts[page - 1]  # every bookmark opens its heading's page
    assert [n for n in range(1, 6) if f"{n}. {TITLES[n - 1]}" in " ".join(texts)] == [1, 2, 3, 4, 5]


async def test_a_small_report_renders_in_one_thread_with_the_same_structure(taunusstein, tmp_path):
    target, pages = await render_in_parts(taunusstein, tmp_path)  # 5 proposals: one batch, no worker processes
    assert structure_problems(target) == []
    texts = page_texts(target)
    assert [f"Seite {n} / {pages}" in text for n, text in enumerate(texts, start=1)] == [True] * pages
