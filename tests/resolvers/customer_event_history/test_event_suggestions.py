"""Life events suggest leads through rules kept in the graph; events show their earlier versions."""

from __future__ import annotations

import pytest

from gateway.settings import Settings
from graph.database import Database
from tests.support import FRONTEND, load_event_types, load_small_bank, run

LIFE = """
mutation ($input: CaptureLifeEventInput!) {
  captureLifeEvent(input: $input) { eventId suggestedLeads { productId productName reason } versions { version } }
}"""


@pytest.fixture
async def bank(clean_graph: Database) -> Database:
    await load_small_bank(clean_graph, "event_references")
    await load_event_types(clean_graph)
    return clean_graph


async def test_a_relocation_suggests_a_mortgage_to_a_customer_without_one(bank: Database, settings: Settings) -> None:
    chloe = (await run(bank, settings, LIFE, FRONTEND, input={"customerId": "C0000003", "type": "RELOCATION"}))
    assert chloe["captureLifeEvent"]["suggestedLeads"] == [
        {"productId": "P-MORTGAGE-FIXED", "productName": "Fixed-Rate Mortgage", "reason": "A move often needs a mortgage"}]
    # Alice holds the mortgage, Bob has an open lead for it: nothing to suggest.
    for customer in ("C0000001", "C0000002"):
        data = await run(bank, settings, LIFE, FRONTEND, input={"customerId": customer, "type": "RELOCATION"})
        assert data["captureLifeEvent"]["suggestedLeads"] == []


async def test_the_rule_lives_in_the_graph(bank: Database, settings: Settings) -> None:
    await bank.write("MATCH (t:EventType {code: 'BIRTH'}), (p:Product {productId: 'P-CURRENT'}) "
                     "CREATE (t)-[:SUGGESTS {reason: 'A first account for the baby'}]->(p)")
    data = await run(bank, settings, LIFE, FRONTEND, input={"customerId": "C0000003", "type": "BIRTH"})
    assert data["captureLifeEvent"]["suggestedLeads"] == [
        {"productId": "P-CURRENT", "productName": "Current Account", "reason": "A first account for the baby"}]


async def test_an_updated_event_lists_its_earlier_versions(bank: Database, settings: Settings) -> None:
    event = (await run(bank, settings, LIFE, input={"customerId": "C0000003", "type": "MARRIAGE"}))["captureLifeEvent"]
    update = """mutation ($id: ID!) { updateLifeEvent(eventId: $id, changes: {type: "DIVORCE", record: "Corrected"}) {
                  type version versions { version type changedFields supersededBy } } }"""
    data = (await run(bank, settings, update, id=event["eventId"]))["updateLifeEvent"]
    assert data == {"type": "DIVORCE", "version": 2, "versions": [
        {"version": 1, "type": "MARRIAGE", "changedFields": ["record", "type"], "supersededBy": "tester"}]}
