"""The live feed across gateway processes: two real gateways (uvicorn, separate processes) on one
Neo4j, a servicingPoolActivity subscriber on one of them over a real graphql-transport-ws
WebSocket, and bursts of requestAllocation alternated between both. Every allocation the burst
creates reaches the subscriber exactly once, whichever process wrote it and however its commit
interleaved with the others'.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx2
import pytest
from websockets.asyncio.client import ClientConnection, connect

from gateway.security.auth import Role, issue_token
from gateway.settings import Settings
from graph.database import Database
from graph.local_neo4j import free_port
from tests.support import load_kyc_desk

PROJECT = Path(__file__).resolve().parents[3]
RUNS = 3
BURST = 300
CONCURRENCY = 16
REQUEST = """mutation ($request: RoutingRequestInput!) {
  requestAllocation(request: $request) { allocation { allocationId status updatedAt } }
}"""
ACTIVITY = """subscription ($poolId: ID!) {
  servicingPoolActivity(poolId: $poolId) { kind allocation { allocationId status updatedAt } }
}"""
Key = tuple[str, str, str]  # allocationId, status, updatedAt: one committed state of an allocation


@contextlib.contextmanager
def gateway(settings: Settings, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`python app.py` in its own process on a free port, production mode, against the session's Neo4j."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GATEWAY_", "NEO4J_", "ROUTING_", "LOCAL_NEO4J"))}
    env.update({
        "NEO4J_URI": settings.neo4j_uri or "", "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password, "NEO4J_DATABASE": settings.neo4j_database,
        "GATEWAY_PORT": str(port), "GATEWAY_JWT_SECRET": settings.jwt_secret, "GATEWAY_LOG_LEVEL": "WARNING",
        # Only the burst writes allocations: a dispatcher serving the queue would change them meanwhile.
        "ROUTING_DISPATCH_INTERVAL_SECONDS": "0", "GATEWAY_RATE_LIMIT_PER_MINUTE": "0",
    })
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "app.py"], cwd=PROJECT, env=env, stdout=out, stderr=out)
    try:
        yield f"127.0.0.1:{port}", process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def ready(client: httpx2.AsyncClient, address: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while True:
        assert process.poll() is None, f"the gateway at {address} exited\n{log.read_text()}"
        with contextlib.suppress(httpx2.TransportError):
            if (await client.get(f"http://{address}/readyz")).status_code == 200:
                return
        assert time.monotonic() < deadline, f"the gateway at {address} is not ready\n{log.read_text()}"
        await asyncio.sleep(0.2)


class Subscriber:
    """One servicingPoolActivity subscription; every allocation state it receives, in order."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.received: list[Key] = []
        self.arrived: dict[str, float] = {}

    async def listen(self) -> None:
        async for text in self.ws:
            message = json.loads(text)
            assert message["type"] == "next" and message["id"] == "pool", message
            assert "errors" not in message["payload"], message
            allocation = message["payload"]["data"]["servicingPoolActivity"]["allocation"]
            self.received.append((allocation["allocationId"], allocation["status"], allocation["updatedAt"]))
            self.arrived.setdefault(allocation["allocationId"], time.monotonic())

    async def until(self, keys: set[Key], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not keys <= set(self.received) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)


@contextlib.asynccontextmanager
async def subscribed(address: str, settings: Settings) -> AsyncIterator[Subscriber]:
    token = issue_token(settings, "kyc-dashboard", frozenset({Role.ADMIN}))
    async with connect(f"ws://{address}/graphql", subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        await ws.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}))
        assert json.loads(await asyncio.wait_for(ws.recv(), 10)) == {"type": "connection_ack"}
        await ws.send(json.dumps({"id": "pool", "type": "subscribe",
                                  "payload": {"query": ACTIVITY, "variables": {"poolId": "POOL-KYC"}}}))
        subscriber = Subscriber(ws)
        listening = asyncio.ensure_future(subscriber.listen())
        try:
            yield subscriber
        finally:
            listening.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await listening


async def burst(client: httpx2.AsyncClient, addresses: list[str], settings: Settings, size: int,
                start: int) -> dict[Key, float]:
    """`size` requestAllocation mutations, the n-th to addresses[n % 2], CONCURRENCY at a time; each
    allocation's state as its mutation returned it, with when it returned."""
    token = issue_token(settings, "kyc-desk", frozenset({Role.FRONTEND}))
    gate = asyncio.Semaphore(CONCURRENCY)
    made: dict[Key, float] = {}

    async def request(n: int) -> None:
        variables = {"request": {"customerId": f"C9{n % 20 + 1:06d}", "channel": "PHONE", "purpose": "KYC",
                                 "requiredSkills": [{"code": "KYC_REVIEW", "minProficiency": 2}], "priority": n % 5}}
        async with gate:
            response = await client.post(f"http://{addresses[n % 2]}/graphql",
                                         json={"query": REQUEST, "variables": variables},
                                         headers={"Authorization": f"Bearer {token}"})
        body = response.json()
        assert response.status_code == 200 and "errors" not in body, body
        allocation = body["data"]["requestAllocation"]["allocation"]
        made[(allocation["allocationId"], allocation["status"], allocation["updatedAt"])] = time.monotonic()

    await asyncio.gather(*(request(n) for n in range(start, start + size)))
    return made


# A pool of 30 (10 reviewers, 3 calls each): the first contacts are offered, the rest queue in it.
@pytest.fixture
async def kyc_desk(clean_graph: Database) -> Database:
    await load_kyc_desk(clean_graph, customers=20, resources=10, capacity=3)
    return clean_graph


async def test_every_allocation_of_three_bursts_on_two_gateways_reaches_a_subscriber_exactly_once(
        kyc_desk: Database, settings: Settings) -> None:
    with tempfile.TemporaryDirectory(prefix="gateway-feed-") as logs, \
            gateway(settings, Path(logs) / "a.log") as (a, process_a), \
            gateway(settings, Path(logs) / "b.log") as (b, process_b):
        async with httpx2.AsyncClient(timeout=60, limits=httpx2.Limits(max_connections=CONCURRENCY)) as client:
            began = time.monotonic()
            await asyncio.gather(ready(client, a, process_a, Path(logs) / "a.log"),
                                 ready(client, b, process_b, Path(logs) / "b.log"))
            print(f"\ngateways ready in {time.monotonic() - began:.1f}s")
            async with subscribed(a, settings) as subscriber:
                # A first allocation through each gateway: the subscription is live once they arrive,
                # and each gateway has planned what a request runs.
                probe = await burst(client, [a, b], settings, 2, 0)
                await subscriber.until(set(probe), 30)
                assert sorted(subscriber.received) == sorted(probe)
                figures: list[str] = []
                everything = set(probe)
                for run in range(RUNS):
                    began = time.monotonic()
                    made = await burst(client, [a, b], settings, BURST, 2 + run * BURST)
                    took = time.monotonic() - began
                    await subscriber.until(set(made), 30)
                    counts = Counter(subscriber.received)
                    lost = [key for key in made if counts[key] == 0]
                    duplicated = {key: n for key, n in counts.items() if n > 1}
                    lag = max(subscriber.arrived[key[0]] - returned for key, returned in made.items()
                              if key[0] in subscriber.arrived)
                    figures.append(f"run {run + 1}: {len(made) - len(lost)} of {len(made)} received, "
                                   f"{len(lost)} lost, {len(duplicated)} twice, slowest {lag:.2f}s after its mutation; "
                                   f"burst took {took:.1f}s")
                    assert (len(made), lost, duplicated) == (BURST, [], {}), figures
                    everything.update(made)
                # A sweep every 2 s re-reads the whole window (all three bursts): a change delivered
                # twice would show within two of them.
                await asyncio.sleep(4.5)
                assert (len(subscriber.received), set(subscriber.received)) == (len(everything), everything), figures
                print("\n".join(figures))
