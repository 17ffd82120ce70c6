"""Checks of a merged document's accessibility structure, for the tests and the benchmark (pikepdf, no rendering).

What a plain merge loses and ours must keep: one structure tree, every page's `/StructParents` resolving in the
ParentTree to elements on that very page, unique keys, `/Lang`, `/MarkInfo`, the outline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pikepdf


def _page_of(element: Any) -> Any:
    while element is not None:
        if "/Pg" in element:
            return element.Pg
        element = element.get("/P")
    return None


def structure_problems(path: Path) -> list[str]:
    """What is wrong with the tagging of the PDF at `path` (empty when nothing is)."""
    problems: list[str] = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        if not str(root.get("/Lang", "")):
            problems.append("no /Lang")
        mark_info = root.get("/MarkInfo")
        if mark_info is None or not bool(mark_info.get("/Marked", False)):
            problems.append("not marked (/MarkInfo)")
        if "/StructTreeRoot" not in root:
            return [*problems, "no structure tree"]
        tree = root.StructTreeRoot
        if len(tree.K) != 1 or tree.K[0].get("/S") != "/Document":
            problems.append("the structure tree has not one Document element")
        nums = tree.ParentTree.Nums
        keys = [int(nums[index]) for index in range(0, len(nums), 2)]
        if len(keys) != len(set(keys)):
            problems.append("ParentTree keys repeat")
        entries = {int(nums[index]): nums[index + 1] for index in range(0, len(nums), 2)}
        seen: set[int] = set()
        for number, page in enumerate(pdf.pages, start=1):
            key = page.obj.get("/StructParents")
            if key is None or int(key) not in entries:
                problems.append(f"page {number}: StructParents does not resolve")
                continue
            if int(key) in seen:
                problems.append(f"page {number}: StructParents shared with another page")
            seen.add(int(key))
            for element in entries[int(key)]:
                owner = _page_of(element)
                if owner is None or owner.objgen != page.obj.objgen:
                    problems.append(f"page {number}: a marked content belongs to an element of another page")
                    break
        with pdf.open_outline() as outline:
            if not outline.root:
                problems.append("no outline")
    return problems


def outline_pages(path: Path) -> list[tuple[int, str, int]]:
    """The outline as (depth from 0, title, page number from 1), in order."""
    rows: list[tuple[int, str, int]] = []
    with pikepdf.open(path) as pdf:
        numbers = {page.obj.objgen: index for index, page in enumerate(pdf.pages, start=1)}
        with pdf.open_outline() as outline:

            def walk(items: Any, depth: int) -> None:
                for item in items:
                    rows.append((depth, item.title, numbers.get(item.destination[0].objgen, 0)))
                    walk(item.children, depth + 1)

            walk(outline.root, 0)
    return rows
