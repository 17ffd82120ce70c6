"""The web shell of stadtstimme: the only package that imports Litestar."""

import os

# Piccolo finds its engine through this module path; set it before any table is used.
os.environ.setdefault("PICCOLO_CONF", "backend.piccolo_conf")
