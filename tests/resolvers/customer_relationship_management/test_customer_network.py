"""The customer network (Query.customerNetwork, Query.customerPath) and the Neo4j Browser files
that ask the same questions, against tests/data/customer_network.cypher.

Alice (C0000001) heads the Martin household (H0000001) with Bob, her spouse, and Chloe, her
daughter; Chloe also shares a household (H0000101) with Frank. Acme Widgets (C0000004) employs
Alice, who directs it; Acme Components (C0000101) is Acme's subsidiary, Acme Holdings'
(C0000006), which Olga (C0000102) owns. Dieter (C0000005) guarantees Acme. Ivy (C0000104) is
related to no one.
"""

from __future__ import annotations

from typing import Any, LiteralString, cast

import pytest
from neo4j import AsyncManagedTransaction

from gateway.settings import Settings
from graph.database import Database
from graph.queries import CYPHER_DIR, load
from tests.support import ADMIN, ANALYST, FRONTEND, bank_graph, execute, fails, run

NODE = "id label caption customerKind segment status"
EDGE = "from to type kind role since"
NETWORK = f"""query ($id: ID!, $depth: Int, $kinds: [NetworkRelationshipKind!], $households: Boolean) {{
  customerNetwork(customerId: $id, depth: $depth, kinds: $kinds, households: $households) {{
    center {{ {NODE} }} depth truncated nodes {{ {NODE} }} edges {{ {EDGE} }}
  }}
}}"""
NETWORK_DEFAULTS = """query ($id: ID!) { customerNetwork(customerId: $id) { depth nodes { id } } }"""
PATH = f"""query ($from: ID!, $to: ID!, $maxHops: Int) {{
  customerPath(fromCustomerId: $from, toCustomerId: $to, maxHops: $maxHops) {{
    hops nodes {{ {NODE} }} edges {{ {EDGE} }}
  }}
}}"""
CORPORATE = ["EMPLOYER", "DIRECTOR", "OWNER", "SUBSIDIARY"]
HUB: LiteralString = """
MATCH (hub:Customer {customerId: 'C0000104'})
UNWIND range(1, 520) AS i
CREATE (:Customer {customerId: 'CH' + toString(1000 + i), name: 'Staff ' + i, kind: 'PERSON', segment: 'MASS',
                   status: 'ACTIVE'})<-[:RELATED_TO {kind: 'EMPLOYER'}]-(hub)
"""


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "customer_network")


async def network(db: Database, settings: Settings, customer_id: str, **variables: Any) -> Any:
    return (await run(db, settings, NETWORK, ADMIN, id=customer_id, **variables))["customerNetwork"]


def ids(items: list[dict[str, Any]]) -> set[str]:
    return {item["id"] for item in items}


def edge_keys(edges: list[dict[str, Any]]) -> set[tuple[str, str, str, str | None]]:
    return {(e["from"], e["to"], e["type"], e["kind"] or e["role"]) for e in edges}


async def test_depth_one_is_the_household_and_the_direct_relations(bank: Database, settings: Settings) -> None:
    result = await network(bank, settings, "C0000001")
    assert result["center"] == {"id": "C0000001", "label": "CUSTOMER", "caption": "Alice Martin",
                                "customerKind": "PERSON", "segment": "PREMIER", "status": "ACTIVE"}
    assert result["nodes"][0] == result["center"] and result["depth"] == 1 and result["truncated"] is False
    assert ids(result["nodes"]) == {"C0000001", "C0000002", "C0000003", "C0000004", "H0000001"}
    household = next(n for n in result["nodes"] if n["id"] == "H0000001")
    assert household == {"id": "H0000001", "label": "HOUSEHOLD", "caption": "Martin household", "customerKind": None,
                         "segment": None, "status": None}
    assert edge_keys(result["edges"]) == {
        ("C0000001", "H0000001", "MEMBER_OF", "HEAD"), ("C0000002", "H0000001", "MEMBER_OF", "PARTNER"),
        ("C0000003", "H0000001", "MEMBER_OF", "DEPENDANT"), ("C0000001", "C0000002", "RELATED_TO", "SPOUSE"),
        ("C0000001", "C0000003", "RELATED_TO", "PARENT"), ("C0000004", "C0000001", "RELATED_TO", "EMPLOYER"),
        ("C0000001", "C0000004", "RELATED_TO", "DIRECTOR")}
    spouse = next(e for e in result["edges"] if e["kind"] == "SPOUSE")
    assert spouse == {"from": "C0000001", "to": "C0000002", "type": "RELATED_TO", "kind": "SPOUSE", "role": None,
                      "since": "2014-06-21"}


async def test_depth_two_and_three_reach_the_corporate_group_and_the_second_household(
        bank: Database, settings: Settings) -> None:
    two = await network(bank, settings, "C0000001", depth=2)
    assert ids(two["nodes"]) == {"C0000001", "C0000002", "C0000003", "C0000004", "H0000001", "C0000005",
                                 "C0000006", "C0000101", "H0000101", "C0000103"}
    assert {("C0000004", "C0000006", "RELATED_TO", "SUBSIDIARY"), ("C0000101", "C0000004", "RELATED_TO", "SUBSIDIARY"),
            ("C0000005", "C0000004", "RELATED_TO", "GUARANTOR"), ("C0000103", "H0000101", "MEMBER_OF", "PARTNER")
            } <= edge_keys(two["edges"])
    # Nearest first: the depth-one nodes come before the second ring.
    assert ids(two["nodes"][:5]) == {"C0000001", "C0000002", "C0000003", "C0000004", "H0000001"}
    three = await network(bank, settings, "C0000001", depth=3)
    assert ids(three["nodes"]) == ids(two["nodes"]) | {"C0000102"}
    assert ("C0000102", "C0000006", "RELATED_TO", "OWNER") in edge_keys(three["edges"])
    assert "C0000104" not in ids(three["nodes"])
    assert (await run(bank, settings, NETWORK_DEFAULTS, FRONTEND, id="C0000001"))["customerNetwork"]["depth"] == 1


async def test_kinds_and_households_narrow_what_is_followed(bank: Database, settings: Settings) -> None:
    spouse = await network(bank, settings, "C0000001", depth=3, kinds=["SPOUSE"], households=False)
    assert ids(spouse["nodes"]) == {"C0000001", "C0000002"}
    assert edge_keys(spouse["edges"]) == {("C0000001", "C0000002", "RELATED_TO", "SPOUSE")}
    group = await network(bank, settings, "C0000004", depth=3, kinds=CORPORATE, households=False)
    assert ids(group["nodes"]) == {"C0000004", "C0000001", "C0000006", "C0000101", "C0000102"}
    with_households = await network(bank, settings, "C0000001", depth=1, kinds=["PARENT"])
    assert ids(with_households["nodes"]) == {"C0000001", "C0000002", "C0000003", "H0000001"}


async def test_a_customer_related_to_no_one_is_alone(bank: Database, settings: Settings) -> None:
    alone = await network(bank, settings, "C0000104", depth=3)
    assert (ids(alone["nodes"]), alone["edges"], alone["truncated"]) == ({"C0000104"}, [], False)


async def test_a_hub_is_capped_at_500_nodes_and_says_so(bank: Database, settings: Settings) -> None:
    await bank.write(HUB)
    hub = await network(bank, settings, "C0000104")
    assert (len(hub["nodes"]), hub["truncated"], hub["nodes"][0]["id"]) == (500, True, "C0000104")
    assert len(hub["edges"]) == 499
    kept = ids(hub["nodes"])
    assert all(e["from"] in kept and e["to"] in kept for e in hub["edges"])


async def test_every_role_reads_the_network_in_one_round_trip(bank: Database, settings: Settings) -> None:
    for roles in (FRONTEND, ADMIN, ANALYST, ADMIN):
        result, context = await execute(bank, settings, NETWORK, {"id": "C0000001", "depth": 3}, roles)
        assert result.errors is None and context.db.round_trips == 1
        result, context = await execute(bank, settings, PATH, {"from": "C0000005", "to": "C0000103"}, roles)
        assert result.errors is None and context.db.round_trips == 1


@pytest.mark.parametrize(("variables", "field", "words"), [
    ({"id": "C0000001", "depth": 4}, "depth", "between 1 and 3"),
    ({"id": "C0000001", "depth": 0}, "depth", "between 1 and 3"),
    ({"id": "C0000001", "kinds": []}, "kinds", "at least one"),
])
async def test_bad_network_input_is_refused(bank: Database, settings: Settings, variables: dict[str, Any],
                                            field: str, words: str) -> None:
    error = await fails(bank, settings, NETWORK, ADMIN, **variables)
    assert (error["code"], error["field"]) == ("VALIDATION", field) and words in error["message"]


async def test_an_unknown_customer_has_no_network(bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, NETWORK, ADMIN, id="C9999999")
    assert (error["code"], error["field"]) == ("NOT_FOUND", "customerId") and "C9999999" in error["message"]


async def test_the_shortest_path_runs_through_relationships_and_shared_households(
        bank: Database, settings: Settings) -> None:
    path = (await run(bank, settings, PATH, ADMIN, **{"from": "C0000101", "to": "C0000102"}))["customerPath"]
    assert path["hops"] == 3 and [n["id"] for n in path["nodes"]] == ["C0000101", "C0000004", "C0000006", "C0000102"]
    assert [(e["from"], e["to"], e["kind"]) for e in path["edges"]] == [
        ("C0000101", "C0000004", "SUBSIDIARY"), ("C0000004", "C0000006", "SUBSIDIARY"), ("C0000102", "C0000006", "OWNER")]
    # Dieter to Frank: guarantor of Acme, Alice's employer; Alice's daughter Chloe shares a household with Frank.
    far = (await run(bank, settings, PATH, ADMIN, **{"from": "C0000005", "to": "C0000103"}))["customerPath"]
    assert far["hops"] == 5
    assert [n["id"] for n in far["nodes"]] == ["C0000005", "C0000004", "C0000001", "C0000003", "H0000101", "C0000103"]
    assert [e["type"] for e in far["edges"]][-2:] == ["MEMBER_OF", "MEMBER_OF"]


async def test_no_path_within_max_hops_is_null(bank: Database, settings: Settings) -> None:
    assert (await run(bank, settings, PATH, ADMIN, **{"from": "C0000005", "to": "C0000103", "maxHops": 4})
            )["customerPath"] is None
    assert (await run(bank, settings, PATH, ADMIN, **{"from": "C0000001", "to": "C0000104"}))["customerPath"] is None


@pytest.mark.parametrize(("variables", "code", "field"), [
    ({"from": "C0000001", "to": "C0000001"}, "VALIDATION", "toCustomerId"),
    ({"from": "C0000001", "to": "C0000002", "maxHops": 0}, "VALIDATION", "maxHops"),
    ({"from": "C0000001", "to": "C0000002", "maxHops": 7}, "VALIDATION", "maxHops"),
    ({"from": "C9999999", "to": "C0000002"}, "NOT_FOUND", "fromCustomerId"),
    ({"from": "C0000001", "to": "C9999999"}, "NOT_FOUND", "toCustomerId"),
])
async def test_bad_path_input_is_refused(bank: Database, settings: Settings, variables: dict[str, Any],
                                         code: str, field: str) -> None:
    error = await fails(bank, settings, PATH, ADMIN, **variables)
    assert (error["code"], error["field"]) == (code, field)


async def _paths(tx: AsyncManagedTransaction, query: LiteralString, params: dict[str, Any]) -> list[list[Any]]:
    return [list(record.values()) async for record in await tx.run(query, params)]


async def browser(db: Database, name: str) -> tuple[set[str], set[tuple[str, str, str, str | None]]]:
    """Run a Browser file with the values of its own :param line; the node ids and edges of its paths."""
    text = (CYPHER_DIR / f"customer_relationship_management/{name}.cypher").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("// :param "))
    param, _, value = line.removeprefix("// :param ").rstrip(";").partition(" => ")
    # The map literal comes from the repository's file, as Browser would evaluate it.
    values = (await db.read(cast(LiteralString, f"RETURN {value} AS value")))[0]["value"]
    # The driver's own session, in a read transaction: db.read flattens paths and drops their properties.
    async with db.driver.session(database=db.name, default_access_mode="READ") as session:
        query = load(f"customer_relationship_management/{name}")
        rows = await session.execute_read(lambda tx: _paths(tx, query, {param: values}))
    nodes: set[str] = set()
    edges: set[tuple[str, str, str, str | None]] = set()
    for row in rows:
        for path in row:
            if path is None:
                continue
            nodes |= {n.get("customerId") or n.get("householdId") or n.get("resourceId") for n in path.nodes}
            edges |= {(r.start_node.get("customerId") or r.start_node.get("householdId") or r.start_node["resourceId"],
                       r.end_node.get("customerId") or r.end_node.get("householdId"), r.type,
                       r.get("kind") or r.get("role")) for r in path.relationships}
    return nodes, edges


async def test_the_browser_files_reach_what_the_graphql_fields_return(bank: Database, settings: Settings) -> None:
    # network_around_customer: Alice at depth 2, every kind, households followed.
    nodes, edges = await browser(bank, "network_around_customer")
    two = await network(bank, settings, "C0000001", depth=2)
    assert (nodes, edges) == (ids(two["nodes"]), edge_keys(two["edges"]))
    # network_shortest_path: Dieter to Chloe.
    nodes, edges = await browser(bank, "network_shortest_path")
    path = (await run(bank, settings, PATH, ADMIN, **{"from": "C0000005", "to": "C0000003"}))["customerPath"]
    assert nodes == ids(path["nodes"]) and len(edges) == path["hops"] == 3
    # network_household: the Martin household's members are those the network shows on it, with Alice's RM.
    nodes, edges = await browser(bank, "network_household")
    one = await network(bank, settings, "C0000001")
    members = {e["from"] for e in one["edges"] if e["to"] == "H0000001"}
    assert nodes == members | {"H0000001", "R000101"} and ("R000101", "C0000001", "MANAGES", None) in edges
    # network_corporate_structure: Acme's group, as the network with the corporate kinds only.
    nodes, edges = await browser(bank, "network_corporate_structure")
    group = await network(bank, settings, "C0000004", depth=3, kinds=CORPORATE, households=False)
    assert (nodes, edges) == (ids(group["nodes"]), edge_keys(group["edges"]))
