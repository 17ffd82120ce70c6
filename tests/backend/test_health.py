"""The health endpoint tells monitoring whether app and database work."""


async def test_health_reports_the_app_and_the_database(client):
    response = await client.get("/api/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["engine"] in {"sqlite", "postgres"}


async def test_the_app_works_with_a_connection_pool_and_gzip(db, smtp, taunusstein):
    """Production settings: a pool of database connections (PostgreSQL) and compressed answers."""
    from tests.conftest import make_settings
    from tests.support.client import api_client

    async with api_client(make_settings(smtp, database_pool_size=4)) as pooled:
        responses = [
            await pooled.get("/api/v1/municipalities/taunusstein", headers={"Accept-Encoding": "gzip"})
            for _ in range(3)
        ]
    assert all(r.status_code == 200 for r in responses)
    assert responses[0].headers["content-encoding"] == "gzip"
    assert responses[0].json()["name"] == "Taunusstein"
