"""Join the parts of a document, each a tagged PDF (PDF/UA-1) from WeasyPrint, into one tagged PDF.

A plain page merge (pypdf's) drops the structure tree, and with it what a screen reader needs. Here the parts'
structure trees become one: the kids of each part's `Document` element move under the first part's, the keys of
each part's ParentTree (one per page, then one per link) are shifted past the ones before, and so are the pages'
`/StructParents` and the links' `/StructParent` (marked-content ids are per page and stay). The first part's
catalog (`/Lang`, `/MarkInfo`, `/ViewerPreferences`, the XMP metadata with the PDF/UA mark) is the document's.
The outline is built anew from every part's bookmarks, and the page numbers ("Seite 3 / 740") are laid over
each page from a stamp rendered once the total is known, marked as pagination artifacts.

pikepdf (libqpdf) is loaded here only: the worker that merges imports it, the app does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Name, OutlineItem, PageLocation, Pdf

from backend.documents.parts_model import Part

# The part's content in q/Q (so its graphics state cannot shift the number), then the number as an artifact
ARTIFACT = b"Q\nq /Artifact <</Type /Pagination /Subtype /Footer>> BDC %s Do EMC Q\n"
CSS_PX = 0.75  # WeasyPrint's positions are CSS pixels from the top left; PDF points from the bottom left


def _next_key(nums: Any) -> int:
    return max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1


def _copy(out: Pdf, value: Any) -> Any:
    """An object of another PDF, copied into `out`: indirect ones through qpdf's copier (which knows the pages
    copied before), direct arrays item by item, numbers as they are."""
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return out.copy_foreign(value)
    if isinstance(value, Array):
        return Array([_copy(out, item) for item in value])
    return value


def _shift_structure_keys(part: Pdf, offset: int) -> None:
    for page in part.pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots", Array()):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    nums = part.Root.StructTreeRoot.ParentTree.Nums
    for index in range(0, len(nums), 2):
        nums[index] = int(nums[index]) + offset


def _append(out: Pdf, part: Pdf) -> None:
    root = out.Root.StructTreeRoot
    document, nums = root.K[0], root.ParentTree.Nums
    _shift_structure_keys(part, _next_key(nums))
    part_document = part.Root.StructTreeRoot.K[0]
    for kid in part_document.K:
        del kid["/P"]  # else copying a kid would copy its old parents, and through them the whole old tree
    out.pages.extend(part.pages)  # first the pages: the copied elements' /Pg then point at these copies
    for kid in part_document.K:
        copied = _copy(out, kid)
        copied.P = document
        document.K.append(copied)
    for value in part.Root.StructTreeRoot.ParentTree.Nums:
        nums.append(_copy(out, value))
    root.ParentTreeNextKey = _next_key(nums)


def _outline(out: Pdf, parts: Sequence[Part]) -> None:
    with out.open_outline() as outline:
        outline.root.clear()
        stack: list[tuple[int, OutlineItem]] = []
        first = 0
        for part in parts:
            for mark in part.bookmarks:
                page = out.pages[first + mark.page]
                top = float(page.mediabox[3]) - mark.y * CSS_PX
                item = OutlineItem(mark.label, first + mark.page, PageLocation.XYZ, left=0, top=top)
                while stack and stack[-1][0] >= mark.level:
                    stack.pop()
                (stack[-1][1].children if stack else outline.root).append(item)
                stack.append((mark.level, item))
            first += part.pages


def _stamp(out: Pdf, stamp: Pdf) -> None:
    if len(stamp.pages) != len(out.pages):
        raise ValueError(f"page numbers for {len(stamp.pages)} pages, the document has {len(out.pages)}")
    for page, numbers in zip(out.pages, stamp.pages, strict=True):
        form = out.copy_foreign(stamp.make_indirect(numbers.as_form_xobject()))
        name = page.add_resource(form, Name.XObject, prefix="Num")
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(ARTIFACT % str(name).encode())


def merge(parts: Sequence[Part], stamp: Path, target: Path) -> int:
    """Write the parts, in order, as one tagged PDF to `target`; returns its number of pages."""
    out = Pdf.open(parts[0].path)
    opened = []
    for part in parts[1:]:
        source = Pdf.open(part.path)
        opened.append(source)
        _append(out, source)
    _outline(out, parts)
    with Pdf.open(stamp) as numbers:
        _stamp(out, numbers)
        target.parent.mkdir(parents=True, exist_ok=True)
        out.save(target, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    pages = len(out.pages)
    for source in opened:
        source.close()
    out.close()
    return pages
