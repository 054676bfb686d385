"""The demo-bank generator on its own: deterministic, and consistent the way a user would check."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta
from enum import Enum
from typing import Any

import pytest

from graph.seed import vocabulary as v
from graph.seed.generator import (
    BLOCK_SIZE,
    REFERENCE_INSTANT,
    CustomerBlock,
    ReferenceData,
    customer_batches,
    reference_data,
)
from resolvers.customer_relationship_management import vocabulary as crm

Row = dict[str, Any]
CUSTOMERS = 1200  # enough for a few RMs, fraud alerts and multi-lead customers


def generate(customers: int = CUSTOMERS, seed: int = 42, batch_size: int = 500) -> tuple[ReferenceData, CustomerBlock]:
    reference, workforce = reference_data(customers, seed)
    bank = CustomerBlock()
    for batch in customer_batches(customers, seed, workforce, batch_size):
        bank.extend(batch)
    return reference, bank


@pytest.fixture(scope="module")
def generated() -> tuple[ReferenceData, CustomerBlock]:
    return generate()


@pytest.fixture(scope="module")
def reference(generated: tuple[ReferenceData, CustomerBlock]) -> ReferenceData:
    return generated[0]


@pytest.fixture(scope="module")
def bank(generated: tuple[ReferenceData, CustomerBlock]) -> CustomerBlock:
    return generated[1]


@pytest.fixture(scope="module")
def customers(bank: CustomerBlock) -> dict[str, Row]:
    return {row["customerId"]: row for row in bank.customers}


def owner_of(indicator: Row) -> str:
    return str(indicator["partyStateId"]).removeprefix("PS-")


# Determinism


def test_same_seed_and_scale_give_identical_data() -> None:
    assert generate(300, seed=7) == generate(300, seed=7)


def test_data_does_not_depend_on_the_batch_size() -> None:
    assert generate(300, seed=7, batch_size=BLOCK_SIZE) == generate(300, seed=7, batch_size=10_000)


def test_a_different_seed_gives_a_different_bank() -> None:
    first, second = generate(300, seed=7)[1], generate(300, seed=8)[1]
    assert [row["name"] for row in first.customers] != [row["name"] for row in second.customers]
    assert first.events != second.events


# Identifiers


def test_customer_ids_are_sequential_and_zero_padded(bank: CustomerBlock) -> None:
    assert [row["customerId"] for row in bank.customers] == [f"C{n:07d}" for n in range(1, CUSTOMERS + 1)]


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("customers", "customerId"), ("households", "householdId"), ("indicators", "indicatorId"),
        ("events", "eventId"), ("leads", "leadId"), ("relationship_plans", "planId"),
    ],
)
def test_ids_are_unique(bank: CustomerBlock, table: str, key: str) -> None:
    ids = [row[key] for row in getattr(bank, table)]
    assert ids and len(ids) == len(set(ids))


def test_goal_and_resource_ids_are_unique(bank: CustomerBlock, reference: ReferenceData) -> None:
    goals = [goal["goalId"] for plan in bank.relationship_plans for goal in plan["goals"]]
    resources = [row["resourceId"] for row in reference.servicing_resources]
    assert len(goals) == len(set(goals)) and len(resources) == len(set(resources))


def test_household_ids_are_sequential(bank: CustomerBlock) -> None:
    ids = [row["householdId"] for row in bank.households]
    assert ids == [f"H{n:07d}" for n in range(1, len(ids) + 1)]


# Customers


def test_customers_use_the_documented_vocabularies(bank: CustomerBlock) -> None:
    for row in bank.customers:
        allowed = v.PERSON_SEGMENTS if row["kind"] == "PERSON" else v.ORGANIZATION_SEGMENTS
        assert row["segment"] in allowed, row
        assert row["status"] in v.CUSTOMER_STATUSES, row
        assert row["language"] in v.LANGUAGES, row
        assert len(row["country"]) == 2 and row["country"].isupper(), row
        assert row["customerSince"] < REFERENCE_INSTANT.date(), row


def test_the_book_looks_like_a_retail_bank(bank: CustomerBlock) -> None:
    kinds = Counter(row["kind"] for row in bank.customers)
    statuses = Counter(row["status"] for row in bank.customers)
    languages = Counter(row["language"] for row in bank.customers)
    assert 0.8 < kinds["PERSON"] / CUSTOMERS < 0.9
    assert statuses.most_common(1)[0][0] == "ACTIVE"
    assert languages.most_common(1)[0][0] == "en"


def test_households_hold_one_to_four_persons_with_one_head(bank: CustomerBlock, customers: dict[str, Row]) -> None:
    placed: list[str] = []
    for household in bank.households:
        members = household["members"]
        assert 1 <= len(members) <= 4
        assert [m["role"] for m in members].count("HEAD") == 1
        assert all(customers[m["customerId"]]["kind"] == "PERSON" for m in members)
        placed += [m["customerId"] for m in members]
    assert len(placed) == len(set(placed)), "a person belongs to at most one household"


RELATION_ENDS = {
    "SPOUSE": ({"PERSON"}, {"PERSON"}), "PARENT": ({"PERSON"}, {"PERSON"}),
    "EMPLOYER": ({"ORGANIZATION"}, {"PERSON"}), "DIRECTOR": ({"PERSON"}, {"ORGANIZATION"}),
    "OWNER": ({"PERSON", "ORGANIZATION"}, {"ORGANIZATION"}), "GUARANTOR": ({"PERSON"}, {"ORGANIZATION"}),
    "SUBSIDIARY": ({"ORGANIZATION"}, {"ORGANIZATION"}),
}


def test_relationships_join_the_right_kinds_of_customer(bank: CustomerBlock, customers: dict[str, Row]) -> None:
    seen = set()
    for row in bank.related_customers:
        sources, targets = RELATION_ENDS[row["kind"]]
        assert customers[row["fromId"]]["kind"] in sources and customers[row["toId"]]["kind"] in targets, row
        assert row["fromId"] != row["toId"]
        seen.add(row["kind"])
    assert seen == set(v.RELATION_KINDS)


# Products and relationship managers


def test_holdings_suit_the_segment_and_number_one_to_five(bank: CustomerBlock, customers: dict[str, Row]) -> None:
    products = {product.product_id: product for product in v.PRODUCTS}
    held = Counter(row["customerId"] for row in bank.holdings)
    for row in bank.holdings:
        assert customers[row["customerId"]]["segment"] in products[row["productId"]].segments, row
    for customer_id, row in customers.items():
        expected = range(1) if row["status"] == "PROSPECT" else range(1, 6)
        assert held[customer_id] in expected, customer_id


def test_managed_customers_are_in_managed_segments(bank: CustomerBlock, reference: ReferenceData,
                                                   customers: dict[str, Row]) -> None:
    kinds = {row["resourceId"]: row["kind"] for row in reference.servicing_resources}
    managed = [row["customerId"] for row in bank.managed_customers]
    assert len(managed) == len(set(managed)), "one RM per customer"
    for row in bank.managed_customers:
        assert customers[row["customerId"]]["segment"] in v.MANAGED_SEGMENTS
        assert kinds[row["resourceId"]] == "RELATIONSHIP_MANAGER"
    for customer_id, row in customers.items():
        if row["segment"] in v.ALWAYS_MANAGED_SEGMENTS and row["status"] != "CLOSED":
            assert customer_id in managed


def test_every_rm_has_exactly_one_backup_rm(reference: ReferenceData) -> None:
    rms = {row["resourceId"] for row in reference.servicing_resources if row["kind"] == "RELATIONSHIP_MANAGER"}
    backed_up = Counter(row["backupFor"] for row in reference.backup_resources)
    assert backed_up == Counter({rm: 1 for rm in rms})
    assert all(row["resourceId"] in rms and row["resourceId"] != row["backupFor"] for row in reference.backup_resources)


@pytest.mark.parametrize(("customers", "expected"), [(100, 12), (1200, 30), (100_000, 2500)])
def test_the_workforce_scales_and_covers_every_pool(customers: int, expected: int) -> None:
    reference, _ = reference_data(customers, seed=1)
    pools = {pool for row in reference.servicing_resources for pool in row["pools"]}
    assert len(reference.servicing_resources) == expected
    assert pools == {pool.pool_id for pool in v.POOLS}


# Routing profile


def current(indicators: list[Row], code: str) -> set[str]:
    return {owner_of(row) for row in indicators if row["type"] == code and row["validTo"] is None}


def test_every_customer_has_one_current_credit_rating_and_value_tier(bank: CustomerBlock) -> None:
    for code in ("CREDIT_RATING", "VALUE_TIER"):
        owners = Counter(owner_of(row) for row in bank.indicators if row["type"] == code and row["validTo"] is None)
        assert owners == Counter({row["customerId"]: 1 for row in bank.customers}), code
    ratings = {row["value"] for row in bank.indicators if row["type"] == "CREDIT_RATING"}
    assert ratings <= {str(n) for n in range(1, 11)}


def test_a_changed_rating_closes_the_old_value_when_the_new_one_starts(bank: CustomerBlock) -> None:
    history: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in bank.indicators:
        if row["label"] == "Rating":
            history[owner_of(row), row["type"]].append(row)
    changed = [rows for rows in history.values() if len(rows) > 1]
    assert changed, "some customers should have a rating history"
    for rows in changed:
        rows.sort(key=lambda row: row["validFrom"])
        assert [row["validTo"] for row in rows[:-1]] == [row["validFrom"] for row in rows[1:]]
        assert rows[-1]["validTo"] is None


def test_indicators_use_the_vocabulary(bank: CustomerBlock) -> None:
    kinds = {kind.code: v.INDICATOR_LABELS[kind.kind] for kind in v.INDICATOR_TYPES}
    for row in bank.indicators:
        assert kinds[row["type"]] == row["label"]
        assert row["validTo"] is None or row["validTo"] >= row["validFrom"]
        assert row["source"] in v.INDICATOR_SOURCES


def test_indicator_values_are_among_the_allowed_values_of_their_type(bank: CustomerBlock) -> None:
    allowed = {kind.code: kind.allowed_values for kind in v.INDICATOR_TYPES if kind.allowed_values is not None}
    assert set(allowed) == {"CREDIT_RATING", "VALUE_TIER", "PROFITABILITY", "IN_ARREARS", "ACCOUNT_IN_DISTRESS"}
    checked = [row for row in bank.indicators if row["type"] in allowed]
    assert {row["type"] for row in checked} == set(allowed)
    assert all(row["value"] in allowed[row["type"]] for row in checked)


def test_no_open_indicator_has_lapsed_at_the_reference_instant(bank: CustomerBlock) -> None:
    # A profile refresh closes an indicator validityDays after its validFrom: the seed holds none due.
    validity = {kind.code: kind.validity_days for kind in v.INDICATOR_TYPES if kind.validity_days is not None}
    assert validity == {"SALES_PROSPECT": 180, "COMPLAINT_OPEN": 90, "VULNERABLE_CUSTOMER": 365}
    lapsing = [row for row in bank.indicators if row["type"] in validity and row["validTo"] is None]
    assert {row["type"] for row in lapsing} == set(validity)
    for row in lapsing:
        assert row["validFrom"] + timedelta(days=validity[row["type"]]) > REFERENCE_INSTANT, row


def test_dormant_status_exactly_for_dormant_customers(bank: CustomerBlock) -> None:
    dormant = {row["customerId"] for row in bank.customers if row["status"] == "DORMANT"}
    assert dormant and current(bank.indicators, "DORMANT") == dormant


def test_sales_prospect_exactly_for_customers_with_an_open_lead(bank: CustomerBlock) -> None:
    open_leads = {row["customerId"] for row in bank.leads if row["status"] in v.OPEN_LEAD_STATUSES}
    assert open_leads and current(bank.indicators, "SALES_PROSPECT") == open_leads
    for lead in bank.leads:
        assert (lead["closedAt"] is None) == (lead["status"] in v.OPEN_LEAD_STATUSES)


def test_some_customers_carry_alerts_and_arrears(bank: CustomerBlock) -> None:
    for code in ("IN_ARREARS", "VULNERABLE_CUSTOMER", "COMPLAINT_OPEN"):
        assert 0 < len(current(bank.indicators, code)) < CUSTOMERS * 0.1, code
    assert len(current(bank.indicators, "POSSIBLE_FRAUD")) < CUSTOMERS * 0.02


def test_no_open_lead_progresses_while_sales_are_blocked(bank: CustomerBlock) -> None:
    blocking = {kind.code for kind in v.INDICATOR_TYPES if kind.blocks_sales}
    blocked = {owner_of(row) for row in bank.indicators if row["type"] in blocking and row["validTo"] is None}
    for lead in bank.leads:
        if lead["customerId"] in blocked and lead["closedAt"] is None:
            assert lead["status"] in ("CAPTURED", "QUALIFYING"), lead


CODE_FIELDS = [  # (table, field, allowed codes) for every enumerated property the seed writes
    ("products", "family", v.PRODUCT_FAMILIES), ("servicing_pools", "purpose", v.POOL_PURPOSES),
    ("servicing_pools", "strategy", v.POOL_STRATEGIES), ("servicing_resources", "kind", v.RESOURCE_KINDS),
    ("servicing_resources", "status", tuple(v.RESOURCE_STATUSES)), ("indicator_types", "kind", v.INDICATOR_KINDS),
    ("indicator_types", "severity", v.SEVERITIES), ("holdings", "status", v.HOLDING_STATUSES),
    ("leads", "status", tuple(v.LEAD_STATUSES)), ("leads", "campaignType", v.CAMPAIGN_TYPES),
    ("leads", "source", tuple(v.LEAD_SOURCES)), ("relationship_plans", "planType", tuple(v.PLAN_TYPES)),
    ("relationship_plans", "status", tuple(v.PLAN_STATUSES)), ("events", "channel", v.EVENT_CHANNELS),
]


@pytest.mark.parametrize(("table", "key", "allowed"), CODE_FIELDS)
def test_codes_come_from_the_documented_vocabularies(reference: ReferenceData, bank: CustomerBlock, table: str,
                                                     key: str, allowed: tuple[str, ...]) -> None:
    rows = getattr(reference, table, None) or getattr(bank, table)
    assert rows and {row[key] for row in rows} <= set(allowed)


def test_goals_and_resources_use_the_documented_vocabularies(reference: ReferenceData, bank: CustomerBlock) -> None:
    goals = [goal for plan in bank.relationship_plans for goal in plan["goals"]]
    assert {goal["goalType"] for goal in goals} <= set(v.GOAL_TYPES)
    assert {goal["result"] for goal in goals} <= set(v.GOAL_RESULTS)
    for row in reference.servicing_resources:
        assert set(row["languages"]) <= set(v.LANGUAGES)
        assert all(1 <= skill["proficiency"] <= 5 for skill in row["skills"])


def test_nothing_happens_before_the_customer_joined(bank: CustomerBlock, customers: dict[str, Row]) -> None:
    joined = {customer_id: row["profileCreatedAt"] for customer_id, row in customers.items()}
    assert all(row["validFrom"] >= joined[owner_of(row)] for row in bank.indicators)
    assert all(row["occurredAt"] >= joined["C" + row["eventLogId"].removeprefix("EL-C")] for row in bank.events)
    assert all(row["createdAt"] >= joined[row["customerId"]] for row in bank.leads)
    for table in (bank.holdings, bank.managed_customers):
        assert all(row["since"] >= customers[row["customerId"]]["customerSince"] for row in table)


# Event history


def test_event_logs_hold_zero_to_six_events_of_the_last_two_years(bank: CustomerBlock) -> None:
    per_log = Counter(row["eventLogId"] for row in bank.events)
    assert max(per_log.values()) <= 6
    horizon = REFERENCE_INSTANT - timedelta(days=730)
    labels = {"RELATIONSHIP": "RelationshipEvent", "SALES": "SalesEvent", "SERVICING": "ServicingEvent",
              "PRODUCT_PROCESSING": "ProductProcessingEvent", "FRAUD": "FraudEvent", "LIFE": "LifeEvent"}
    for row in bank.events:
        assert horizon <= row["occurredAt"] <= REFERENCE_INSTANT, row
        assert labels[row["category"]] == row["label"]
    assert {row["category"] for row in bank.events} == set(labels)


def test_every_event_carries_its_customer_s_id(bank: CustomerBlock) -> None:
    assert all(row["customerId"] == row["eventLogId"].removeprefix("EL-") for row in bank.events)


def test_plan_work_uses_the_gateways_codes(bank: CustomerBlock) -> None:
    # The seed may not import the resolvers; this keeps both vocabularies one.
    def codes(enum: type[Enum]) -> set[str]:
        return {member.value for member in enum}

    plans = bank.relationship_plans
    tasks = [task for plan in plans for task in plan["tasks"]]
    incidents = [incident for plan in plans for incident in plan["incidents"]]
    contacts = [contact for plan in plans for contact in plan["contacts"]]
    assert tasks and incidents and contacts
    assert {plan["status"] for plan in plans} <= codes(crm.PlanStatus)
    assert {plan["planType"] for plan in plans} <= codes(crm.PlanType)
    assert set(v.GOAL_TYPES) == codes(crm.GoalType) and set(v.GOAL_RESULTS) == codes(crm.GoalResult)
    assert set(v.DEVELOPMENT_TASK_TYPES) == codes(crm.DevelopmentTaskType)
    assert set(v.DEVELOPMENT_TASK_STATUSES) == codes(crm.DevelopmentTaskStatus)
    assert set(v.INCIDENT_TYPES) == codes(crm.IncidentType) and set(v.INCIDENT_SOURCES) == codes(crm.IncidentSource)
    assert set(v.INCIDENT_STATUSES) <= codes(crm.IncidentStatus)
    assert set(v.CONTACT_TYPES) <= codes(crm.ContactType) and set(v.CONTACT_STATUSES) <= codes(crm.ContactStatus)
    assert {task["status"] for task in tasks} <= codes(crm.DevelopmentTaskStatus)
    assert {incident["status"] for incident in incidents} <= codes(crm.IncidentStatus)
    assert all(1 <= incident["priority"] <= 5 for incident in incidents)
    assert {contact["status"] for contact in contacts} <= codes(crm.ContactStatus)


def test_a_closed_plan_has_no_open_work(bank: CustomerBlock) -> None:
    closed = [plan for plan in bank.relationship_plans if plan["status"] == "CLOSED"]
    assert closed
    for plan in closed:
        assert {task["status"] for task in plan["tasks"]} <= {"ACCEPTED", "CANCELLED"}
        assert {incident["status"] for incident in plan["incidents"]} <= {"CLOSED"}
        assert "SCHEDULED" not in {contact["status"] for contact in plan["contacts"]}
