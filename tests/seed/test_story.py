"""The demo bank's story (graph/seed/story.py): the customers the README and the guides name are as
the docs describe them, on any day, for any seed and scale."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from graph.seed import story
from graph.seed.generator import CustomerBlock, customer_blocks, load_day, reference_data

Row = dict[str, Any]


def first_block(customers: int, seed: int, day: datetime) -> tuple[CustomerBlock, dict[str, str]]:
    _, workforce = reference_data(customers, seed, day)
    return next(customer_blocks(customers, seed, workforce, day)), story.relationship_managers(workforce)


def of(rows: list[Row], customer_id: str, key: str = "customerId") -> list[Row]:
    return [row for row in rows if row[key] == customer_id]


def current(block: CustomerBlock, customer_id: str) -> dict[str, str]:
    return {row["type"]: row["value"] for row in of(block.indicators, f"PS-{customer_id}", "partyStateId")
            if row["validTo"] is None}


@pytest.mark.parametrize(("customers", "seed", "day"), [
    (2000, 42, datetime(2026, 12, 6, tzinfo=UTC)), (6, 7, datetime(2031, 2, 28, tzinfo=UTC)), (200, 1, load_day()),
    (20000, 3, load_day())])
def test_the_story_is_told_at_any_scale_seed_and_day(customers: int, seed: int, day: datetime) -> None:
    block, rms = first_block(customers, seed, day)
    names = {row["customerId"]: row["name"] for row in block.customers}
    assert [names[c.customer_id] for c in story.CAST] == [
        "Alice Martin", "Bob Martin", "Chloe Martin", "Acme Widgets Ltd", "Dieter Braun", "Acme Holdings plc"]
    household = block.households[0]
    assert (household["householdId"], household["name"]) == ("H0000001", "Martin household")
    assert household["members"] == [{"customerId": "C0000001", "role": "HEAD"}, {"customerId": "C0000002", "role": "PARTNER"},
                                    {"customerId": "C0000003", "role": "DEPENDANT"}]
    # The story's RMs have the ids the README, the guides and cypher/ name, at every scale and seed.
    assert rms == {"POOL-PREMIER": "R000001", "POOL-CORPORATE": "R000002"}
    managers = {row["customerId"]: row["resourceId"] for row in block.managed_customers}
    assert {c: managers.get(c) for c in sorted(story.STORY_IDS)} == {
        "C0000001": "R000001", "C0000002": "R000001", "C0000003": None,
        "C0000004": "R000002", "C0000005": None, "C0000006": "R000002"}
    assert {plan["ownerId"] for plan in block.relationship_plans if plan["customerId"] in story.STORY_IDS} == {
        "R000001", "R000002"}
    # Alice: a status, ratings and an alert, nothing that blocks sales; an open lead; a plan due within days.
    assert current(block, "C0000001") == {"CREDIT_RATING": "8", "VALUE_TIER": "PLATINUM", "PROFITABILITY": "HIGH",
                                          "COMPLAINT_OPEN": "FEES", "SALES_PROSPECT": "P-PENSION-PLAN"}
    assert [(lead["leadId"], lead["status"]) for lead in of(block.leads, "C0000001")] == [("LD-C0000001-1", "QUALIFYING")]
    [plan] = of(block.relationship_plans, "C0000001")
    assert plan["status"] == "ACTIVE" and plan["reviewDue"] == day.date() + timedelta(days=5)
    held = {row["productId"] for row in of(block.holdings, "C0000001")}
    assert not held & {"P-SAVINGS-ACCOUNT", "P-MORTGAGE-FIXED"}, "the guides capture leads for these"
    # Bob's activity fell: five events 90-180 days ago, one in the last 90 days.
    ages = [(day - event["occurredAt"]).days for event in of(block.events, "C0000002")]
    assert sum(90 <= age < 180 for age in ages) == 5 and sum(age < 90 for age in ages) == 1
    assert of(block.relationship_plans, "C0000002") == []
    # Chloe's graduation, the life event cypher/customer_event_history/lead_suggestions_of_events names,
    # suggests a card she does not hold.
    [graduation] = [event for event in of(block.events, "C0000003") if event["category"] == "LIFE"]
    assert (graduation["eventId"], graduation["type"]) == ("EV-C0000003-01", "GRADUATION")
    assert "P-CREDIT-CARD-CLASSIC" not in {row["productId"] for row in of(block.holdings, "C0000003")}
    kinds = {(row["fromId"], row["kind"], row["toId"]) for row in block.related_customers}
    assert {("C0000001", "SPOUSE", "C0000002"), ("C0000001", "PARENT", "C0000003"), ("C0000004", "EMPLOYER", "C0000001"),
            ("C0000001", "DIRECTOR", "C0000004"), ("C0000004", "SUBSIDIARY", "C0000006"),
            ("C0000006", "OWNER", "C0000004"), ("C0000005", "GUARANTOR", "C0000004")} <= kinds
    # Nothing of the story is left to chance: no generated relation reaches its customers.
    assert {row["kind"] for row in block.related_customers
            if {row["fromId"], row["toId"]} & story.STORY_IDS} <= {"SPOUSE", "PARENT", *(r[2] for r in story.RELATIONS)}
    assert len([row for row in block.related_customers if {row["fromId"], row["toId"]} & story.STORY_IDS]) == 8


@pytest.mark.parametrize("customers", [6, 2000])
def test_alices_relationship_manager_is_at_work_and_handles_her_complaint(customers: int) -> None:
    reference, workforce = reference_data(customers, 42, load_day())
    rm = story.relationship_managers(workforce)["POOL-PREMIER"]
    [row] = [row for row in reference.servicing_resources if row["resourceId"] == rm]
    assert rm == "R000001" and row["status"] == "AVAILABLE" and row["capacityPhone"] >= 1
    assert row["kind"] == "RELATIONSHIP_MANAGER" and row["pools"] == ["POOL-PREMIER"]
    assert {"code": "COMPLAINTS_HANDLING", "proficiency": 3} in row["skills"]


@pytest.mark.parametrize("customers", [6, 200, 2000])
def test_resource_ids_stay_unique_and_dense_around_the_fixed_ones(customers: int) -> None:
    """The fixed RM ids take the first numbers; everyone else follows without gap or clash."""
    reference, _ = reference_data(customers, 42, load_day())
    ids = sorted(row["resourceId"] for row in reference.servicing_resources)
    assert ids == [f"R{n:06d}" for n in range(1, len(ids) + 1)]


def test_a_bank_too_small_for_the_story_is_left_to_chance() -> None:
    block, _ = first_block(5, 42, load_day())
    assert "Alice Martin" not in {row["name"] for row in block.customers}
