"""Safe rich text for consultation bodies: paragraphs, lists and links only, cleaned by nh3 (ammonia)."""

from __future__ import annotations

import nh3

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}


def clean(html: str) -> str:
    """Everything else is dropped (scripts with their content, styles, event handlers, javascript: links)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()
