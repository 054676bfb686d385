"""The book rule on types (gateway/security/book_guard.py), on the network an RM explores.

tests/data/relationship_plans.cypher: Tom (R000303) backs up Rita, so his book is Rita's customers
(Alice C0000001, Bob C0000002, Acme C0000004). Chloe (C0000003, no RM), Dieter (C0000005) and the
Acme group (C0000006, both Sam's) are outside it, yet reachable from Alice through her household and
related parties. tests/gateway/security/test_book_paths.py walks every path; this file shows the rule's
shape on the few a person would try first.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from gateway.security.auth import Principal, Role
from gateway.security.book_guard import customer_bearing
from gateway.settings import Settings
from graph.database import Database
from tests.support import SCHEMA, execute, load_small_bank

TOM = Principal("tom@bank", frozenset({Role.RELATIONSHIP_MANAGER}), resource_id="R000303")
ADMIN = Principal("boss", frozenset({Role.ADMIN}))

NETWORK = """{ customer(customerId: "C0000001") { name
  household { name members { role customer { customerId name kind segment holdings { status } } } }
  relatedParties { role party { customerId name kind status routingProfile { version } } } } }"""


async def _bank(db: Database) -> None:
    await load_small_bank(db, "relationship_plans", "authz_book")


def _forbidden_paths(result: Any) -> list[str]:
    assert all(e.extensions["code"] == "FORBIDDEN" for e in result.errors or []), result.errors
    return sorted(".".join(map(str, e.path)) for e in result.errors or [])


async def test_outside_the_book_only_the_reference_answers(clean_graph: Database, settings: Settings) -> None:
    await _bank(clean_graph)
    result, _ = await execute(clean_graph, settings, NETWORK, roles=TOM)
    members = {m["customer"]["customerId"]: m for m in result.data["customer"]["household"]["members"]}
    # Bob is in Tom's book: everything answers.
    assert members["C0000002"]["customer"] == {"customerId": "C0000002", "name": "Bob Martin", "kind": "PERSON",
                                               "segment": "PREMIER", "holdings": [{"status": "ACTIVE"}]}
    # Chloe is not: who she is, and nothing more; her place in Alice's household still shows.
    assert members["C0000003"] == {"role": "DEPENDANT", "customer": {
        "customerId": "C0000003", "name": "Chloe Martin", "kind": "PERSON", "segment": None, "holdings": None}}
    index = [m["customer"]["customerId"] for m in result.data["customer"]["household"]["members"]].index("C0000003")
    parties = result.data["customer"]["relatedParties"]
    outside = [i for i, p in enumerate(parties) if p["party"]["customerId"] in {"C0000003", "C0000005", "C0000006"}]
    assert outside, parties
    for i in outside:
        assert parties[i]["party"]["status"] is None and parties[i]["party"]["routingProfile"] is None
        assert parties[i]["party"]["name"]  # the reference still answers
    expected = [f"customer.household.members.{index}.customer.{f}" for f in ("holdings", "segment")]
    expected += [f"customer.relatedParties.{i}.party.{f}" for i in outside for f in ("routingProfile", "status")]
    assert _forbidden_paths(result) == sorted(expected)


async def test_an_admin_and_the_book_holder_see_everything(clean_graph: Database, settings: Settings) -> None:
    await _bank(clean_graph)
    admin, _ = await execute(clean_graph, settings, NETWORK, roles=ADMIN)
    assert admin.errors is None
    # Rita manages Alice, Bob and Acme and serves Chloe through an offer: all of Alice's network is hers.
    rita, _ = await execute(clean_graph, settings, NETWORK, roles=Principal("R000301", frozenset({Role.RELATIONSHIP_MANAGER})))
    assert rita.errors is None, rita.errors
    assert rita.data == admin.data


async def test_the_book_is_asked_once_per_wave_of_customers(clean_graph: Database, settings: Settings) -> None:
    await _bank(clean_graph)
    query = """{ customer(customerId: "C0000001") { household { members { customer { segment } } } } }"""
    resolvers_only = dataclasses.replace(settings, compiled_reads=False)  # compiled, it is one statement either way
    as_admin, admin_context = await execute(clean_graph, resolvers_only, query, roles=ADMIN)
    as_tom, tom_context = await execute(clean_graph, resolvers_only, query, roles=TOM)
    assert as_admin.errors is None and len(as_tom.errors or []) == 1
    # Tom's extra cost: the root's book check, and one check for all the household's members at once.
    assert tom_context.db.round_trips == admin_context.db.round_trips + 2
    compiled, compiled_context = await execute(clean_graph, settings, query, roles=TOM)
    assert compiled.data == as_tom.data and compiled_context.db.round_trips == 1


async def test_lists_that_name_customers_withhold_those_outside_the_book(clean_graph: Database,
                                                                         settings: Settings) -> None:
    await _bank(clean_graph)
    query = """{ customerNetwork(customerId: "C0000001", depth: 2) { nodes { id label caption customerKind segment status } } }"""
    result, _ = await execute(clean_graph, settings, query, roles=TOM)
    nodes = {n["id"]: n for n in result.data["customerNetwork"]["nodes"]}
    assert nodes["C0000002"]["segment"] == "PREMIER"
    assert nodes["C0000003"]["caption"] == "Chloe Martin" and nodes["C0000003"]["segment"] is None
    assert nodes["H0000001"]["caption"] == "Martin household"  # a household is nobody's object
    assert any(p.endswith(".segment") for p in _forbidden_paths(result))


def test_every_customer_bearing_field_is_nullable_so_a_refusal_stays_where_it_is() -> None:
    graphql = SCHEMA._schema
    bearing = customer_bearing(graphql)
    assert {"Customer", "Allocation", "AllocationChange", "Lead", "AgedLead", "RelationshipPlan", "CustomerEvent",
            "PartyState", "NetworkNode", "PoolAssignment"} <= set(bearing)
    assert "HouseholdMember" not in bearing  # a link: the Customer at its end guards itself
    for name in bearing:
        for field_name, field in graphql.type_map[name].fields.items():  # type: ignore[union-attr]
            if field_name not in {"customerId", "name", "kind", "id", "label", "caption", "customerKind"}:
                assert not str(field.type).endswith("!"), f"{name}.{field_name} is {field.type}"


def test_the_book_counts_the_open_leads_a_resource_owns() -> None:
    from domains.lead_and_opportunity_management.vocabulary import OPEN_STATUSES
    from graph.queries import load

    statuses = ", ".join(f"'{s.name}'" for s in sorted(OPEN_STATUSES, key=lambda s: s.name))
    for statement in ("customer_relationship_management/book_access", "customers/list_customers"):
        text = load(statement)
        found = text.split("<-[:OWNED_BY]-(l:Lead)<-[:HAS_LEAD]-(c)")[1].split("WHERE l.status IN [")[1].split("]")[0]
        assert ", ".join(sorted(found.split(", "))) == statuses, statement
