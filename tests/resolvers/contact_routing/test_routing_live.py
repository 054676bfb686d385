"""Live Contact Routing: allocationOffers and servicingPoolActivity over a real graphql-transport-ws WebSocket.

The changes are plain Cypher writes that follow the documented model (every step sets
updatedAt = datetime(); a status change sets statusSince), as the gateway's mutations, another
gateway instance or the dispatcher would make them.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, LiteralString

import anyio
import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from app import create_app
from gateway.security.auth import Role, issue_token
from gateway.settings import Settings
from graph.database import Database

POOLS_AND_RESOURCES: LiteralString = """
CREATE (:Customer {customerId: 'C0000001', name: 'Alice Martin'})
CREATE (a:ServicingPool {poolId: 'POOL-A', name: 'A', purpose: 'SERVICING', strategy: 'LONGEST_IDLE'})
CREATE (b:ServicingPool {poolId: 'POOL-B', name: 'B', purpose: 'SALES', strategy: 'LONGEST_IDLE'})
CREATE (:ServicingResource {resourceId: 'R000001', name: 'Ann Lee', kind: 'AGENT', status: 'AVAILABLE',
        statusSince: datetime('2026-01-05T09:00:00Z')})-[:MEMBER_OF]->(a)
CREATE (:ServicingResource {resourceId: 'R000002', name: 'Bob Ray', kind: 'AGENT', status: 'AVAILABLE',
        statusSince: datetime('2026-01-05T09:00:00Z')})-[:MEMBER_OF]->(b)
"""
# $age: how long before now the change is stamped; a late commit of an earlier transaction has one.
QUEUE: LiteralString = """
MATCH (c:Customer {customerId: 'C0000001'})
CREATE (x:Allocation {allocationId: $allocationId, contactId: $allocationId, customerId: 'C0000001', status: 'QUEUED',
        channel: 'CHAT', priority: 3, requestedAt: datetime('2026-01-05T10:00:00Z'),
        updatedAt: datetime() - duration({seconds: $age})})-[:FOR_CUSTOMER]->(c)
WITH x
UNWIND $poolIds AS poolId
MATCH (p:ServicingPool {poolId: poolId})
CREATE (x)-[:QUEUED_IN]->(p)
"""
OFFER: LiteralString = """
MATCH (x:Allocation {allocationId: $allocationId})-[waiting:QUEUED_IN]->()
DELETE waiting
WITH DISTINCT x
MATCH (r:ServicingResource {resourceId: $resourceId}), (p:ServicingPool {poolId: $poolId})
CREATE (x)-[:ASSIGNED_TO]->(r), (x)-[:IN_POOL]->(p)
SET x.status = 'PENDING', x.offeredAt = datetime(), x.offerExpiresAt = datetime('2026-01-05T10:00:30Z'),
    x.updatedAt = datetime()
"""
SET_STATUS: LiteralString = "MATCH (x:Allocation {allocationId: $allocationId}) SET x.status = $status, x.updatedAt = datetime()"
RESOURCE_STATUS: LiteralString = """
MATCH (r:ServicingResource {resourceId: $resourceId}) SET r.status = $status, r.statusSince = datetime()
"""

OFFERS = """subscription ($resourceId: ID!) { allocationOffers(resourceId: $resourceId) {
  allocationId contactId customerId status channel priority resourceId poolId queuedInPoolIds
  requestedAt offerExpiresAt updatedAt } }"""
ACTIVITY = """subscription ($poolId: ID!) { servicingPoolActivity(poolId: $poolId) {
  kind allocation { allocationId status resourceId poolId queuedInPoolIds } resourceId resourceStatus statusSince at } }"""


@pytest.fixture
async def graph(clean_graph: Database) -> Database:
    await clean_graph.write(POOLS_AND_RESOURCES)
    return clean_graph


@pytest.fixture
def client(settings: Settings, graph: Database) -> Iterator[TestClient]:
    with TestClient(create_app(replace(settings, routing_feed_interval=0.1))) as client:
        yield client


class Live:
    """One graphql-transport-ws connection, with a deadline on every receive."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws

    def receive(self, timeout: float = 5.0) -> Any:
        async def within_deadline() -> Any:
            with anyio.fail_after(timeout):
                return await self.ws._send_rx.receive()  # TestClient's receive_json has no deadline
        message = self.ws.portal.call(within_deadline)
        self.ws._raise_on_close(message)
        return json.loads(message["text"])

    def subscribe(self, id: str, query: str, **variables: Any) -> None:
        self.ws.send_json({"id": id, "type": "subscribe", "payload": {"query": query, "variables": variables}})

    def next(self, id: str) -> Any:
        message = self.receive()
        assert message["type"] == "next" and message["id"] == id, message
        return message["payload"]["data"]


@contextmanager
def connect(client: TestClient, settings: Settings, role: Role) -> Iterator[Live]:
    token = issue_token(settings, "desk", frozenset({role}))
    with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
        ws.send_json({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
        assert ws.receive_json() == {"type": "connection_ack"}
        yield Live(ws)


def recent(value: str) -> bool:
    age = datetime.datetime.now(datetime.UTC) - datetime.datetime.fromisoformat(value)
    return datetime.timedelta(seconds=-5) < age < datetime.timedelta(seconds=30)


async def test_a_desktop_receives_its_offers_and_their_outcome_only(client: TestClient, settings: Settings,
                                                                    graph: Database) -> None:
    with connect(client, settings, Role.FRONTEND) as live:
        live.subscribe("1", OFFERS, resourceId="R000001")
        await graph.write(QUEUE, allocationId="AL-other", poolIds=["POOL-B"], age=0)
        await graph.write(OFFER, allocationId="AL-other", resourceId="R000002", poolId="POOL-B")
        await graph.write(QUEUE, allocationId="AL-mine", poolIds=["POOL-A", "POOL-B"], age=0)
        await graph.write(OFFER, allocationId="AL-mine", resourceId="R000001", poolId="POOL-A")
        offered = live.next("1")["allocationOffers"]
        assert recent(offered.pop("updatedAt"))
        assert offered == {
            "allocationId": "AL-mine", "contactId": "AL-mine", "customerId": "C0000001", "status": "PENDING",
            "channel": "CHAT", "priority": 3, "resourceId": "R000001", "poolId": "POOL-A", "queuedInPoolIds": [],
            "requestedAt": "2026-01-05T10:00:00+00:00", "offerExpiresAt": "2026-01-05T10:00:30+00:00",
        }
        await graph.write(SET_STATUS, allocationId="AL-other", status="ACCEPTED")
        await graph.write(SET_STATUS, allocationId="AL-mine", status="TIMED_OUT")
        assert live.next("1")["allocationOffers"]["status"] == "TIMED_OUT"
        live.ws.send_json({"id": "1", "type": "complete"})


async def test_a_pool_dashboard_receives_its_queue_and_member_statuses_only(client: TestClient, settings: Settings,
                                                                           graph: Database) -> None:
    with connect(client, settings, Role.ANALYST) as live:
        live.subscribe("d", ACTIVITY, poolId="POOL-A")
        await graph.write(QUEUE, allocationId="AL-b-only", poolIds=["POOL-B"], age=0)
        await graph.write(RESOURCE_STATUS, resourceId="R000002", status="AWAY")
        await graph.write(QUEUE, allocationId="AL-both", poolIds=["POOL-A", "POOL-B"], age=0)
        await graph.write(RESOURCE_STATUS, resourceId="R000001", status="BUSY")
        queued, status = live.next("d")["servicingPoolActivity"], live.next("d")["servicingPoolActivity"]
        assert recent(queued.pop("at")) and recent(status.pop("at")) and recent(status.pop("statusSince"))
        assert (queued, status) == (
            {"kind": "ALLOCATION", "statusSince": None, "resourceId": None, "resourceStatus": None,
             "allocation": {"allocationId": "AL-both", "status": "QUEUED", "resourceId": None, "poolId": None,
                            "queuedInPoolIds": ["POOL-A", "POOL-B"]}},
            {"kind": "RESOURCE_STATUS", "allocation": None, "resourceId": "R000001", "resourceStatus": "BUSY"},
        )
        # Served from POOL-A by R000001: the dashboard sees the queue shrink.
        await graph.write(OFFER, allocationId="AL-both", resourceId="R000001", poolId="POOL-A")
        served = live.next("d")["servicingPoolActivity"]
        assert (served["allocation"]["status"], served["resourceId"]) == ("PENDING", "R000001")


async def test_a_relationship_manager_sees_only_the_reference_of_a_contact_outside_its_book(
        client: TestClient, settings: Settings, graph: Database) -> None:
    # "desk" manages nobody: the pool's queue is outside its book (docs/security.md, the book on every path).
    with connect(client, settings, Role.RELATIONSHIP_MANAGER) as live:
        live.subscribe("d", ACTIVITY, poolId="POOL-A")
        await graph.write(QUEUE, allocationId="AL-first", poolIds=["POOL-A"], age=0)
        message = live.receive()
        assert message["type"] == "next" and message["id"] == "d", message
        activity = message["payload"]["data"]["servicingPoolActivity"]
        assert activity["kind"] == "ALLOCATION" and set(activity["allocation"].values()) == {None}
        errors = message["payload"]["errors"]
        assert {e["extensions"]["code"] for e in errors} == {"FORBIDDEN"}
        assert {".".join(map(str, e["path"])) for e in errors} == {
            f"servicingPoolActivity.allocation.{field}" for field in activity["allocation"]}


async def test_a_change_committed_late_with_an_older_timestamp_is_delivered_once(
        client: TestClient, settings: Settings, graph: Database) -> None:
    with connect(client, settings, Role.ANALYST) as live:
        live.subscribe("d", ACTIVITY, poolId="POOL-A")
        await graph.write(QUEUE, allocationId="AL-first", poolIds=["POOL-A"], age=0)
        assert live.next("d")["servicingPoolActivity"]["allocation"]["allocationId"] == "AL-first"
        # Stamped 20 s before the change already delivered, as by a transaction that committed that
        # late: beyond the 5 s the feed once re-read, within the transaction timeout it now covers.
        await graph.write(QUEUE, allocationId="AL-late", poolIds=["POOL-A"], age=20)
        assert live.next("d")["servicingPoolActivity"]["allocation"]["allocationId"] == "AL-late"
        await graph.write(QUEUE, allocationId="AL-last", poolIds=["POOL-A"], age=0)
        # Nothing in between: neither earlier change came twice.
        assert live.next("d")["servicingPoolActivity"]["allocation"]["allocationId"] == "AL-last"


@pytest.mark.parametrize(("role", "query", "variables", "error"), [
    (Role.ANALYST, ACTIVITY, {"poolId": "POOL-NOPE"},
     {"message": "no servicing pool has the id POOL-NOPE", "path": ["servicingPoolActivity"],
      "extensions": {"code": "NOT_FOUND", "field": "poolId"}}),
    (Role.FRONTEND, OFFERS, {"resourceId": "R999999"},
     {"message": "no servicing resource has the id R999999", "path": ["allocationOffers"],
      "extensions": {"code": "NOT_FOUND", "field": "resourceId"}}),
    (Role.ANALYST, OFFERS, {"resourceId": "R000001"},
     {"message": "Subscription.allocationOffers needs one of the roles: admin, frontend, relationship_manager",
      "path": ["allocationOffers"], "extensions": {"code": "FORBIDDEN"}}),
])
def test_unknown_targets_and_other_roles_are_refused_at_subscribe_time(
        client: TestClient, settings: Settings, role: Role, query: str, variables: dict[str, str],
        error: dict[str, Any]) -> None:
    with connect(client, settings, role) as live:
        live.subscribe("x", query, **variables)
        message = live.receive()
        assert message["type"] == "error" and message["id"] == "x", message
        assert [{k: v for k, v in e.items() if k != "locations"} for e in message["payload"]] == [error]


def test_an_unauthenticated_connection_is_refused(client: TestClient) -> None:
    with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
        ws.send_json({"type": "connection_init", "payload": {"Authorization": "Bearer forged"}})
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 4403
