"""Start-up stays light: loading the app does not import the heavy libraries only some requests need.

Every worker and every CLI call pays for what `import backend.app` pulls in (WeasyPrint and XlsxWriter alone
were ~1.3 s of CPU); they are imported where a PDF, an export, a photo or an outside request is made.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Each costs tens to hundreds of milliseconds to import and serves only a few requests.
HEAVY = ("weasyprint", "xlsxwriter", "PIL.Image", "pypdf", "pikepdf", "schemathesis", "httpx", "redis", "playwright")


def test_loading_the_app_imports_no_heavy_module() -> None:
    code = (
        "import json, sys; import backend.app; "
        f"print(json.dumps(sorted(m for m in {list(HEAVY)!r} if m in sys.modules)))"
    )
    env_path = {"PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**_environment(), **env_path},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def _environment() -> dict[str, str]:
    import os

    # REDIS_URL would (rightly) load redis: the check is about the app as shipped by default.
    return {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
