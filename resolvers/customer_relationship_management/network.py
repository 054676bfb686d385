"""The customer network (issue 7): the customers and households around a customer, for front ends
to draw and relationship managers to explore, and the shortest path between two customers.

Each field is one read statement, one round trip: the network is reached, capped and shaped in
Cypher; the bounds, the book check and the reads are domains/customer_relationship_management/network.py's,
the GraphQL types and the mapping are here. The same questions, returned as paths for Neo4j Browser, live next to the statements
(cypher/customer_relationship_management/network_*.cypher; docs/customer-network.md).
"""

from __future__ import annotations

import datetime
import enum
from typing import Annotated, Any

import strawberry

from domains.customer_relationship_management import network as network
from domains.customer_relationship_management.network import MAX_HOPS
from gateway.security.auth import Role, allow
from graph.temporal import native
from resolvers.context import Info
from resolvers.customer_relationship_management.access import principal

# Everyone reads the network: front ends draw it, RMs explore it (from their own book), analysts study it.
READERS = (Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ANALYST, Role.ADMIN)


@strawberry.enum(description="The kind of a RELATED_TO relationship between two customers.")
class NetworkRelationshipKind(enum.Enum):
    SPOUSE = strawberry.enum_value("SPOUSE", description="Married or civil partners.")
    PARENT = strawberry.enum_value("PARENT", description="From the parent to the child.")
    EMPLOYER = strawberry.enum_value("EMPLOYER", description="From the employing organisation to the employee.")
    DIRECTOR = strawberry.enum_value("DIRECTOR", description="From the director to the company.")
    OWNER = strawberry.enum_value("OWNER", description="From the owner (person or company) to what it owns.")
    GUARANTOR = strawberry.enum_value("GUARANTOR", description="From the guarantor to the customer guaranteed.")
    SUBSIDIARY = strawberry.enum_value("SUBSIDIARY", description="From the subsidiary to its parent company.")


@strawberry.enum(description="What a node of the customer network is.")
class NetworkNodeLabel(enum.Enum):
    CUSTOMER = strawberry.enum_value("CUSTOMER", description="A customer (person or organisation).")
    HOUSEHOLD = strawberry.enum_value("HOUSEHOLD", description="A household its member customers share.")


@strawberry.enum(description="The graph relationship an edge of the customer network stands for.")
class NetworkEdgeType(enum.Enum):
    RELATED_TO = strawberry.enum_value("RELATED_TO", description="One customer is related to another; see kind.")
    MEMBER_OF = strawberry.enum_value("MEMBER_OF", description="A customer is a member of a household; see role.")


@strawberry.type(description="A customer or household in the customer network.")
class NetworkNode:
    id: strawberry.ID = strawberry.field(description="The customerId or householdId.")
    label: NetworkNodeLabel = strawberry.field(description="Customer or household.")
    caption: str | None = strawberry.field(description="What to write on the node: the customer's or household's name.")
    customer_kind: str | None = strawberry.field(description="PERSON or ORGANIZATION; null for a household.")
    segment: str | None = strawberry.field(description="The customer's segment, e.g. PREMIER; null for a household.")
    status: str | None = strawberry.field(description="The customer's status, e.g. ACTIVE; null for a household.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> NetworkNode:
        return cls(id=strawberry.ID(row["id"]), label=NetworkNodeLabel(row["label"]), caption=row["caption"],
                   customer_kind=row["kind"], segment=row["segment"], status=row["status"])


@strawberry.type(description="A relationship in the customer network, in its direction in the graph.")
class NetworkEdge:
    from_: strawberry.ID = strawberry.field(name="from", description="The id of the node it starts at.")
    to: strawberry.ID = strawberry.field(description="The id of the node it ends at.")
    type: NetworkEdgeType = strawberry.field(description="RELATED_TO or MEMBER_OF.")
    kind: NetworkRelationshipKind | None = strawberry.field(description="A RELATED_TO's kind; null for MEMBER_OF.")
    role: str | None = strawberry.field(description="A MEMBER_OF's role in the household, e.g. HEAD; null for RELATED_TO.")
    since: datetime.date | None = strawberry.field(description="Since when the relationship holds, when known.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> NetworkEdge:
        kind = row["kind"] if row["type"] == "RELATED_TO" else None
        return cls(from_=strawberry.ID(row["from"]), to=strawberry.ID(row["to"]), type=NetworkEdgeType(row["type"]),
                   kind=None if kind is None else NetworkRelationshipKind(kind), role=row["role"],
                   since=native(row["since"]))


@strawberry.type(description="The customers and households around a customer, with the relationships that reach them.")
class CustomerNetwork:
    center: NetworkNode = strawberry.field(description="The customer the network is drawn around.")
    depth: int = strawberry.field(description="How many steps out the network reaches.")
    nodes: list[NetworkNode] = strawberry.field(description="The centre first, then the nodes reached, nearest first.")
    edges: list[NetworkEdge] = strawberry.field(description="The relationships that reach the nodes, between kept nodes.")
    truncated: bool = strawberry.field(
        description="True when more nodes were reached than the cap (500): the farthest were left out.")


@strawberry.type(description="The shortest path between two customers, through relationships and shared households.")
class CustomerPath:
    hops: int = strawberry.field(description="How many relationships the path has.")
    nodes: list[NetworkNode] = strawberry.field(description="The nodes in order, from the first customer to the second.")
    edges: list[NetworkEdge] = strawberry.field(
        description="The relationships in order: edges[i] joins nodes[i] and nodes[i+1], in either direction.")


@strawberry.type
class NetworkQuery:
    @strawberry.field(
        description="The customer network around a customer, for front ends to draw and RMs to explore: the "
                    "customers and households reached within depth steps, a step being one RELATED_TO "
                    "relationship or one shared household. At most 500 nodes; truncated says when capped.",
        extensions=allow(*READERS),
    )
    async def customer_network(
        self, info: Info,
        customer_id: Annotated[strawberry.ID, strawberry.argument(description="The customer at the centre.")],
        depth: Annotated[int, strawberry.argument(description="How many steps out, 1 to 3.")] = 1,
        kinds: Annotated[list[NetworkRelationshipKind] | None, strawberry.argument(
            description="Follow only RELATED_TO of these kinds (default: every kind); not empty.")] = None,
        households: Annotated[bool, strawberry.argument(
            description="Follow shared households (default true); false for corporate structures alone.")] = True,
    ) -> CustomerNetwork:
        row = await network.customer_network(info.context.db, principal(info), str(customer_id), depth,
                                             None if kinds is None else [k.name for k in kinds], households)
        nodes = [NetworkNode.from_record(n) for n in row["nodes"]]
        return CustomerNetwork(center=nodes[0], depth=depth, nodes=nodes,
                               edges=[NetworkEdge.from_record(e) for e in row["edges"]], truncated=row["truncated"])

    @strawberry.field(
        description="The shortest path between two customers through RELATED_TO relationships and shared "
                    "households; null when there is none of at most maxHops relationships.",
        extensions=allow(*READERS),
    )
    async def customer_path(
        self, info: Info,
        from_customer_id: Annotated[strawberry.ID, strawberry.argument(description="The customer the path starts at.")],
        to_customer_id: Annotated[strawberry.ID, strawberry.argument(
            description="The customer the path ends at; not the same as fromCustomerId.")],
        max_hops: Annotated[int, strawberry.argument(
            description="At most this many relationships, 1 to 6 (a shared household is two).")] = MAX_HOPS,
    ) -> CustomerPath | None:
        row = await network.customer_path(info.context.db, principal(info), str(from_customer_id), str(to_customer_id),
                                          max_hops)
        if row is None:
            return None
        return CustomerPath(hops=len(row["edges"]), nodes=[NetworkNode.from_record(n) for n in row["nodes"]],
                            edges=[NetworkEdge.from_record(e) for e in row["edges"]])


@strawberry.type
class NetworkMutation:
    """No mutations yet: the network is changed by the plan and contact operations that come later."""
