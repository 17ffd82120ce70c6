"""The health endpoint tells monitoring whether app and database work."""


async def test_health_reports_the_app_and_the_database(client):
    response = await client.get("/api/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["engine"] in {"sqlite", "postgres"}
