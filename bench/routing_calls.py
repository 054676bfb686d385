"""The GraphQL calls the routing benchmark makes over HTTP, shared by its cases and its burst."""

from __future__ import annotations

from typing import Any

import httpx2 as httpx  # starlette 1.x tests use httpx2; the bench shares it
from harness import BenchError

ALLOCATE = """
mutation ($request: RoutingRequestInput!, $key: String) {
  requestAllocation(request: $request, idempotencyKey: $key) { replayed allocation { allocationId status } }
}
"""
CANCEL = """
mutation ($id: ID!) {
  updateAllocation(input: {allocationId: $id, action: CANCEL, reason: "bench"}) { allocationId status }
}
"""


async def post(client: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    """The response's data; BenchError for an HTTP error or any GraphQL error."""
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    body: dict[str, Any] = response.json()
    if response.status_code != 200 or body.get("errors") or not body.get("data"):
        raise BenchError(f"HTTP {response.status_code}: {body.get('errors') or body}")
    data: dict[str, Any] = body["data"]
    return data
