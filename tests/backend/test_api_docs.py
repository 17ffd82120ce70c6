"""The API docs at /schema come from our own copy of Swagger UI (npm), with no third-party host and no inline
script; the raw contract stays available as JSON and YAML."""

import re

import yaml


async def test_the_docs_page_loads_swagger_ui_only_from_our_own_origin(client):
    page = await client.get("/schema")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(source.startswith("/") and not source.startswith("//") for source in sources)
    assert "/vendor/swagger-ui/swagger-ui-bundle.js" in sources and "/js/api-docs.js" in sources
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page.text)  # every script is a file: no inline code
    assert "<style" not in page.text and "style=" not in page.text
    for source in sources:
        assert (await client.get(source)).status_code == 200, source
    assert (await client.get("/schema/swagger")).text == page.text
    assert (await client.get("/schema/redoc")).status_code == 404  # the CDN-loading pages are gone


async def test_the_raw_openapi_contract_is_served_as_json_and_yaml(client):
    as_json = await client.get("/schema/openapi.json")
    assert as_json.status_code == 200 and as_json.json()["info"]["title"] == "stadtstimme API"
    as_yaml = await client.get("/schema/openapi.yaml")
    assert as_yaml.status_code == 200 and yaml.safe_load(as_yaml.text)["paths"] == as_json.json()["paths"]


async def test_swagger_ui_is_the_pinned_npm_package_with_its_licence(client):
    import json
    from pathlib import Path

    manifest = json.loads((Path(__file__).parents[2] / "frontend" / "package.json").read_text())
    bundle = await client.get("/vendor/swagger-ui/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and bundle.headers["content-type"].startswith("text/javascript")
    assert manifest["dependencies"]["swagger-ui-dist"] == "5.35.0"
    licence = await client.get("/vendor/swagger-ui/LICENSE")
    assert licence.status_code == 200 and "Apache License" in licence.text
