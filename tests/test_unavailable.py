"""Neo4j going away: UNAVAILABLE for clients, 503 from /readyz, and recovery without a restart.

This test runs its own local Neo4j (it has to stop it), separate from the session's, as a Neo4j
of NEO4J_URI: the gateway does not supervise it, only notices it going and coming back.
tests/test_supervision.py kills the gateway's own local Neo4j under load.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from starlette.testclient import TestClient

from app import create_app
from graph.local_neo4j import LocalNeo4j, free_port
from graph.settings import Settings
from resolvers.auth import ALL_ROLES, issue_token

QUERY = {"query": "{ customers(first: 1) { edges { node { customerId } } } }"}


def test_gateway_reports_unavailable_and_recovers(tmp_path: Path, settings: Settings) -> None:
    neo4j = LocalNeo4j(tmp_path, free_port(), free_port(), heap="512m", pagecache="64m").start()
    try:
        # The production retry budget: a down Neo4j must be answered at once, not after the retries.
        own = replace(settings.with_neo4j(neo4j.uri), retry_seconds=5.0)
        headers = {"Authorization": f"Bearer {issue_token(own, 'tester', ALL_ROLES)}"}
        with TestClient(create_app(own)) as client:
            assert client.post("/graphql", json=QUERY, headers=headers).json() == {"data": {"customers": {"edges": []}}}

            neo4j.stop()
            asked = time.monotonic()
            down = client.post("/graphql", json=QUERY, headers=headers).json()
            assert time.monotonic() - asked < 1.0
            assert down["data"] is None
            assert down["errors"][0]["message"] == "the graph database is unavailable; retry shortly"
            assert down["errors"][0]["extensions"] == {"code": "UNAVAILABLE"}
            ready = client.get("/readyz")
            assert (ready.status_code, ready.json()["status"]) == (503, "unavailable")

            neo4j.start()  # returns once Bolt answers
            ready = time.monotonic()
            while client.get("/readyz").status_code != 200 and time.monotonic() < ready + 60:
                time.sleep(0.1)
            assert time.monotonic() - ready < 5.0  # warmed (a fresh driver, the routing plan) and let through
            assert client.get("/readyz").json() == {"status": "ready"}
            assert client.post("/graphql", json=QUERY, headers=headers).json() == {"data": {"customers": {"edges": []}}}
    finally:
        neo4j.stop()
