"""Seeding a real Neo4j: what the report says is what the database holds, in the documented shape."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from graph import queries
from graph.database import Database
from graph.errors import Conflict
from graph.seed import SeedReport, seed_bank, wipe_graph
from graph.seed.generator import CustomerBlock, customer_batches, load_day, reference_data
from graph.seed.loader import wire
from graph.seed.templates import TEMPLATES

CUSTOMERS = 200
SEED = 42

LABELS = {
    "Customer", "Household", "Product", "Skill", "ServicingPool", "ServicingResource", "IndicatorType",
    "PartyState", "Indicator", "Status", "Rating", "Alert", "CustomerEventLog", "Event", "RelationshipEvent",
    "SalesEvent", "ServicingEvent", "ProductProcessingEvent", "FraudEvent", "LifeEvent", "Lead",
    "RelationshipPlan", "Goal", "EventType", "Campaign", "MessageTemplate", "DevelopmentTask", "Incident",
    "PlanContact",
}
RELATIONSHIP_TYPES = {
    "MEMBER_OF", "RELATED_TO", "HOLDS", "BROADER", "NEEDS_SKILL", "HAS_SKILL", "MANAGES", "BACKUP_FOR",
    "REQUIRES_SKILL", "ROUTES_TO", "HAS_PROFILE", "HAS_INDICATOR", "OF_TYPE", "HAS_EVENT_LOG", "RECORDED",
    "CONCERNS", "HAS_LEAD", "FOR_PRODUCT", "OWNED_BY", "HAS_PLAN", "HAS_GOAL", "SUGGESTS", "FROM_CAMPAIGN", "SETS",
    "HAS_DEVELOPMENT_TASK", "ASSIGNED_TO", "HAS_INCIDENT", "HAS_CONTACT", "WITH_RESOURCE",
}


@pytest.fixture
async def seeded(clean_graph: Database) -> tuple[Database, SeedReport]:
    report = await seed_bank(clean_graph, customers=CUSTOMERS, seed=SEED, progress=False, batch_size=60)
    return clean_graph, report


def expected_elements(customers: int, seed: int) -> tuple[int, int]:
    # Seeding dates the bank from the day of loading unless told otherwise.
    reference, workforce = reference_data(customers, seed, load_day())
    bank = CustomerBlock()
    for batch in customer_batches(customers, seed, workforce, batch_size=1000, reference=load_day()):
        bank.extend(batch)
    # Message templates are seeded apart from the generated rows (once, so Browser edits survive).
    return reference.nodes() + bank.nodes() + len(TEMPLATES), reference.relationships() + bank.relationships()


async def test_the_report_counts_what_the_database_holds(seeded: tuple[Database, SeedReport]) -> None:
    db, report = seeded
    counts = await db.read(queries.load("seed/count_elements"))
    customers = await db.read("MATCH (c:Customer) RETURN count(c) AS customers")
    assert counts == [{"nodes": report.nodes, "relationships": report.relationships}]
    assert customers == [{"customers": CUSTOMERS}] and report.customers == CUSTOMERS
    assert report.seconds > 0 and report.elements_per_second == pytest.approx(report.elements / report.seconds)


async def test_every_generated_row_lands(seeded: tuple[Database, SeedReport]) -> None:
    # A MATCH that finds nothing drops its row silently; the generator's own count catches it.
    _, report = seeded
    assert (report.nodes, report.relationships) == expected_elements(CUSTOMERS, SEED)


async def test_the_documented_labels_and_relationship_types_exist(seeded: tuple[Database, SeedReport]) -> None:
    db, _ = seeded
    # db.labels() also lists labels that only a schema rule mentions, so ask the data itself.
    labels = await db.read("MATCH (n) UNWIND labels(n) AS label RETURN collect(DISTINCT label) AS labels")
    types = await db.read("MATCH ()-[r]->() RETURN collect(DISTINCT type(r)) AS types")
    assert set(labels[0]["labels"]) == LABELS
    assert set(types[0]["types"]) == RELATIONSHIP_TYPES


async def test_every_customer_has_one_profile_and_one_event_log(seeded: tuple[Database, SeedReport]) -> None:
    db, _ = seeded
    rows = await db.read(
        "MATCH (c:Customer) "
        "RETURN count { (c)-[:HAS_PROFILE]->(:PartyState) } AS profiles, "
        "       count { (c)-[:HAS_EVENT_LOG]->(:CustomerEventLog) } AS logs, count(*) AS customers"
    )
    assert rows == [{"profiles": 1, "logs": 1, "customers": CUSTOMERS}]


async def test_every_event_carries_its_customer_s_id(seeded: tuple[Database, SeedReport]) -> None:
    db, _ = seeded
    rows = await db.read(
        "MATCH (c:Customer)-[:HAS_EVENT_LOG]->(:CustomerEventLog)-[:RECORDED]->(e:Event) "
        "RETURN count(*) > 0 AS some, all(same IN collect(e.customerId = c.customerId) WHERE same) AS carried"
    )
    assert rows == [{"some": True, "carried": True}]


async def test_customers_are_stored_as_generated(seeded: tuple[Database, SeedReport]) -> None:
    db, _ = seeded
    _, workforce = reference_data(CUSTOMERS, SEED, load_day())
    generated = [row for batch in customer_batches(CUSTOMERS, SEED, workforce, 1000, load_day()) for row in batch.customers]
    stored = await db.read(
        "MATCH (c:Customer)-[:HAS_PROFILE]->(p:PartyState) "
        "RETURN c { .*, customerSince: toString(c.customerSince) } AS customer, p.createdAt AS created "
        "ORDER BY c.customerId"
    )
    assert [row["customer"] for row in stored] == [
        {**{key: value.isoformat() if key == "customerSince" else value
            for key, value in row.items() if key != "profileCreatedAt"},
         "searchName": row["name"].lower()}
        for row in generated
    ]
    assert [row["created"].to_native() for row in stored] == [row["profileCreatedAt"] for row in generated]


async def test_temporal_properties_are_neo4j_dates_and_datetimes(seeded: tuple[Database, SeedReport]) -> None:
    db, _ = seeded
    rows = await db.read(
        "MATCH (c:Customer)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(i:Indicator) "
        "MATCH (c)-[h:HOLDS]->(:Product) "
        "WITH c, i, h LIMIT 1 "
        "RETURN valueType(c.customerSince) AS since, valueType(i.validFrom) AS validFrom, "
        "       valueType(h.since) AS held"
    )
    assert rows == [{"since": "DATE NOT NULL", "validFrom": "ZONED DATETIME NOT NULL", "held": "DATE NOT NULL"}]


async def test_sales_prospect_is_current_exactly_while_a_lead_is_open(seeded: tuple[Database, SeedReport]) -> None:
    db, _ = seeded
    rows = await db.read(
        "MATCH (c:Customer) "
        "WITH c, exists { (c)-[:HAS_LEAD]->(l:Lead) WHERE l.closedAt IS NULL } AS open, "
        "     exists { (c)-[:HAS_PROFILE]->()-[:HAS_INDICATOR]->(s:Status {type: 'SALES_PROSPECT'}) "
        "              WHERE s.validTo IS NULL } AS prospect "
        "RETURN open = prospect AS consistent, count(*) AS customers ORDER BY consistent"
    )
    assert rows == [{"consistent": True, "customers": CUSTOMERS}]


async def test_seeding_a_graph_that_holds_customers_is_refused(seeded: tuple[Database, SeedReport]) -> None:
    db, report = seeded
    with pytest.raises(Conflict, match="already holds 200 customers"):
        await seed_bank(db, customers=10, seed=1, progress=False)
    counts = await db.read(queries.load("seed/count_elements"))
    assert counts == [{"nodes": report.nodes, "relationships": report.relationships}]


async def test_seeding_again_after_a_wipe_gives_the_same_bank(seeded: tuple[Database, SeedReport]) -> None:
    db, first = seeded
    await wipe_graph(db)
    second = await seed_bank(db, customers=CUSTOMERS, seed=SEED, progress=False, writers=1)
    assert (second.nodes, second.relationships) == (first.nodes, first.relationships)


async def test_the_wipe_empties_the_graph(seeded: tuple[Database, SeedReport]) -> None:
    db, _ = seeded
    await wipe_graph(db)
    assert await db.read(queries.load("seed/count_elements")) == [{"nodes": 0, "relationships": 0}]


async def test_progress_is_a_bar_on_stderr_counting_customers(clean_graph: Database,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    await seed_bank(clean_graph, customers=30, seed=3, progress=True)
    shown = capsys.readouterr()
    assert "30/30" in shown.err and "customer" in shown.err and shown.out == ""


async def test_nothing_is_shown_without_progress(clean_graph: Database, capsys: pytest.CaptureFixture[str]) -> None:
    await seed_bank(clean_graph, customers=30, seed=3, progress=False)
    assert capsys.readouterr() == ("", "")


def test_rows_go_on_the_wire_without_python_temporal_values() -> None:
    # The driver packs Python dates and datetimes slowly; the loader sends strings and numbers.
    reference, workforce = reference_data(100, SEED)
    batch = next(customer_batches(100, SEED, workforce, 100))
    for name, table in reference.tables() + batch.tables():
        for row in wire(name, table):
            assert not _temporal_inside(row), row


def _temporal_inside(value: object) -> bool:
    if isinstance(value, dict):
        return any(_temporal_inside(item) for item in value.values())
    if isinstance(value, list):
        return any(_temporal_inside(item) for item in value)
    return isinstance(value, (date, datetime))
