"""Markdown to safe HTML for every package (legal pages, consultation texts): markdown-it-py (CommonMark, raw
HTML off) and then nh3 as the one gate. One renderer, so every page cleans text the same way."""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "blockquote", "code", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Raw HTML in the Markdown is shown as text, never passed through; nh3 still cleans what the parser made.
_PARSER = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_H1 = re.compile(r"<(/?)h1>")
_EMPTY_PARAGRAPH = re.compile(r"\s*<p>\s*</p>")


def to_html(markdown: str) -> str:
    """The page title is the page's one h1, so a Markdown "#" heading becomes an h2."""
    html = _H1.sub(r"<\1h2>", _PARSER.render(markdown))
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # A paragraph that held only something removed (an image) would leave an empty gap.
    return _EMPTY_PARAGRAPH.sub("", cleaned).strip()
