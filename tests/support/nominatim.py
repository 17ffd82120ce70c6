"""A real local HTTP server that speaks the Nominatim and Photon APIs (search and reverse), for tests.

It answers every query with the places it was given and records what it was asked, so a test can check both
what the platform did with the answer and what it sent out."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


class FakeGeocoder:
    def __init__(self) -> None:
        self.places: list[dict[str, Any]] = []  # Nominatim jsonv2 objects
        self.asked: list[tuple[str, dict[str, str]]] = []
        self.url = ""

    def photon(self) -> dict[str, Any]:
        features = []
        for place in self.places:
            parts = place.get("address", {})
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [float(place["lon"]), float(place["lat"])]},
                    "properties": {
                        "street": parts.get("road"),
                        "housenumber": parts.get("house_number"),
                        "postcode": parts.get("postcode"),
                        "district": parts.get("suburb"),
                    },
                }
            )
        return {"type": "FeatureCollection", "features": features}


@contextmanager
def nominatim_server() -> Iterator[FakeGeocoder]:
    fake = FakeGeocoder()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            fake.asked.append((url.path, query))
            if url.path == "/search":
                body: Any = fake.places
            elif url.path == "/reverse" and query.get("format") == "jsonv2":
                body = fake.places[0] if fake.places else {"error": "Unable to geocode"}
            elif url.path in ("/api", "/reverse"):
                body = fake.photon()
            else:
                self.send_error(404)
                return
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
