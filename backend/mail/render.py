"""Render a mail from a jinja2 template with a `subject` and a `body` block, in the reader's language.

Templates live in `<package>/templates/mail/<name>.<locale>.txt` of backend and each domain package,
so that a domain keeps its own wording; German is the fallback for every locale.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
)

from backend.settings import PROJECT_ROOT

TEMPLATE_DIRS = [PROJECT_ROOT / "backend" / "mail" / "templates"] + [
    PROJECT_ROOT / package / "templates" / "mail"
    for package in ("contributions", "defects", "proposals", "moderation", "legal", "surveys")
]


@lru_cache(maxsize=1)
def environment() -> Environment:
    loaders = [FileSystemLoader(str(d)) for d in TEMPLATE_DIRS if Path(d).is_dir()]
    return Environment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,  # noqa: S701 (plain-text mail, never HTML) keep_trailing_newline=True
    )


def render(template: str, context: Mapping[str, Any], locale: str = "de") -> tuple[str, str]:
    """(subject, body) of the mail; falls back to German when the locale has no template."""
    env = environment()
    try:
        tpl = env.get_template(f"{template}.{locale}.txt")
    except TemplateNotFound:
        tpl = env.get_template(f"{template}.de.txt")
    ctx = tpl.new_context(dict(context))
    subject = "".join(tpl.blocks["subject"](ctx)).strip()
    body = "".join(tpl.blocks["body"](ctx)).strip() + "\n"
    return subject, body
