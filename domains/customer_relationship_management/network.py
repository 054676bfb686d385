"""The customer network's rules (docs/customer-network.md): the bounds of a walk, the book check on
the customer it starts from, and the two reads, each one statement and one round trip. The network is
reached, capped and shaped in Cypher; the resolver maps the records it answers.
"""

from __future__ import annotations

from domains.found import unknown
from gateway.security.auth import Principal
from gateway.security.book import require_reach
from graph.database import Database, Record
from graph.errors import ValidationFailed
from graph.queries import load

CUSTOMER_NETWORK = load("customer_relationship_management/network_customer_network")
CUSTOMER_PATH = load("customer_relationship_management/network_customer_path")

MAX_DEPTH = 3
MAX_HOPS = 6
NODE_LIMIT = 500


def check_range(value: int, low: int, high: int, field: str) -> None:
    if not low <= value <= high:
        raise ValidationFailed(f"{field} must be between {low} and {high}, not {value}", field=field)


async def customer_network(db: Database, who: Principal, customer_id: str, depth: int, kinds: list[str] | None,
                           households: bool) -> Record:
    """The network within `depth` steps of the customer (its first node the customer): {nodes, edges, truncated}."""
    check_range(depth, 1, MAX_DEPTH, "depth")
    if kinds is not None and not kinds:
        raise ValidationFailed("kinds must name at least one relationship kind, or be left out for every kind",
                               field="kinds")
    network = {"customerId": customer_id, "depth": depth, "households": households, "limit": NODE_LIMIT,
               "kinds": kinds}
    await require_reach(db, who, "customerId", f"customer has the id {customer_id}", customerId=customer_id)
    rows = await db.read(CUSTOMER_NETWORK, network=network)
    if not rows:
        raise unknown("customer", customer_id, "customerId")
    return rows[0]


async def customer_path(db: Database, who: Principal, from_customer_id: str, to_customer_id: str,
                        max_hops: int) -> Record | None:
    """The shortest path of at most `max_hops` relationships ({nodes, edges}), None when there is none."""
    check_range(max_hops, 1, MAX_HOPS, "maxHops")
    if from_customer_id == to_customer_id:
        raise ValidationFailed("toCustomerId must differ from fromCustomerId: a customer has no path to itself",
                               field="toCustomerId")
    await require_reach(db, who, "fromCustomerId", f"customer has the id {from_customer_id}",
                        customerId=from_customer_id)
    route = {"fromCustomerId": from_customer_id, "toCustomerId": to_customer_id, "maxHops": max_hops}
    row = (await db.read(CUSTOMER_PATH, route=route))[0]
    for found, customer_id, field in ((row["fromFound"], from_customer_id, "fromCustomerId"),
                                      (row["toFound"], to_customer_id, "toCustomerId")):
        if not found:
            raise unknown("customer", customer_id, field)
    return None if row["nodes"] is None else row
