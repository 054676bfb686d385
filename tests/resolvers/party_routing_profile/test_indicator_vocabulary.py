"""Admins define and change the indicator vocabulary; every failure leaves the graph as it was."""

from __future__ import annotations

import asyncio
import datetime
from typing import Any

import pytest

from gateway.security.auth import Role
from gateway.settings import Settings
from graph.database import Database
from graph.seed import seed_bank
from tests.support import bank_graph, execute
from tests.support import snapshot as graph_snapshot

FIELDS = """
code category name description blocksSales priorityBoost severity confidential
requiredSkills { code name minProficiency } routesTo { poolId name } allowedValues validityDays
definedBy updatedBy
"""
DEFINE = "mutation ($input: IndicatorTypeInput!) { defineIndicatorType(input: $input) { " + FIELDS + " definedAt } }"
UPDATE = ("mutation ($code: String!, $changes: IndicatorTypeChanges!) { "
          "updateIndicatorType(code: $code, changes: $changes) { " + FIELDS + " updatedAt } }")
VOCABULARY = "query ($category: IndicatorCategory) { indicatorTypes(category: $category) { " + FIELDS + " } }"

POLICIES = """
MATCH (t:IndicatorType)
RETURN t.code AS code, properties(t) AS properties,
       [(t)-[r:REQUIRES_SKILL]->(s:Skill) | [s.code, r.minProficiency]] AS skills,
       [(t)-[:ROUTES_TO]->(p:ServicingPool) | p.poolId] AS pools
ORDER BY code
"""

COMPLAINT = {
    "code": "COMPLAINT_OPEN", "category": "ALERT", "name": "Complaint open",
    "description": "A complaint is being handled; value is its topic.", "blocksSales": False, "priorityBoost": 1,
    "severity": "MEDIUM", "confidential": False,
    "requiredSkills": [{"code": "COMPLAINTS_HANDLING", "minProficiency": 2},
                       {"code": "VULNERABLE_CUSTOMER_CARE", "minProficiency": 1}],
    "routesTo": "POOL-VULNERABLE-CARE", "allowedValues": ["FEES", "SERVICE", "PRODUCT", "DIGITAL"], "validityDays": 90,
}
COMPLAINT_AS_READ = {
    **COMPLAINT,
    "requiredSkills": [{"code": "COMPLAINTS_HANDLING", "name": "Complaints handling", "minProficiency": 2},
                       {"code": "VULNERABLE_CUSTOMER_CARE", "name": "Vulnerable customer care", "minProficiency": 1}],
    "routesTo": {"poolId": "POOL-VULNERABLE-CARE", "name": "Vulnerable customer care"},
    "definedBy": "tester", "updatedBy": None,
}
ARREARS_AS_READ = {
    "code": "IN_ARREARS", "category": "STATUS", "name": "In arrears",
    "description": "A repayment is overdue; value is the days-past-due band.", "blocksSales": True, "priorityBoost": 1,
    "severity": "HIGH", "confidential": False,
    "requiredSkills": [{"code": "COLLECTIONS", "name": "Collections and recoveries", "minProficiency": 2},
                       {"code": "DEBT_RESTRUCTURING", "name": "Debt restructuring", "minProficiency": 1}],
    "routesTo": {"poolId": "POOL-COLLECTIONS", "name": "Collections and recoveries"},
    "allowedValues": ["30_DPD", "60_DPD", "90_DPD"], "validityDays": None, "definedBy": None, "updatedBy": "tester",
}
ADMIN = frozenset({Role.ADMIN})
NOT_ADMINS = [frozenset({role}) for role in Role if role is not Role.ADMIN] + [frozenset(Role) - {Role.ADMIN}]


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "routing_profiles", "routing_policy")


async def snapshot(db: Database) -> tuple[tuple[list[str], list[str]], list[dict[str, Any]]]:
    """The graph (as tests.support sees it: the audit trail left out), and every indicator type's
    properties, skills and pool."""
    policies = await db.read(POLICIES)
    for row in policies:
        row["skills"].sort()
    return await graph_snapshot(db), policies


async def define(db: Database, settings: Settings, roles: frozenset[Role] = ADMIN, **changes: object) -> Any:
    result, _ = await execute(db, settings, DEFINE, {"input": {**COMPLAINT, **changes}}, roles)
    return result


async def update(db: Database, settings: Settings, code: str, roles: frozenset[Role] = ADMIN, **changes: object) -> Any:
    result, _ = await execute(db, settings, UPDATE, {"code": code, "changes": changes}, roles)
    return result


def recent(instant: str) -> bool:
    return abs(datetime.datetime.now(datetime.UTC) - datetime.datetime.fromisoformat(instant)) < datetime.timedelta(minutes=1)


def failures(result: Any) -> list[dict[str, Any]]:
    assert result.data is None
    return [error.extensions for error in result.errors or []]


async def test_the_seeded_vocabulary_carries_allowed_values_and_validity(clean_graph: Database, settings: Settings) -> None:
    await seed_bank(clean_graph, customers=10, seed=7, progress=False)
    result, _ = await execute(clean_graph, settings, "{ indicatorTypes { code allowedValues validityDays } }",
                              roles=frozenset({Role.FRONTEND}))
    assert result.data == {"indicatorTypes": [
        {"code": "COMPLAINT_OPEN", "allowedValues": None, "validityDays": 90},
        {"code": "POSSIBLE_FRAUD", "allowedValues": None, "validityDays": None},
        {"code": "VULNERABLE_CUSTOMER", "allowedValues": None, "validityDays": 365},
        {"code": "CREDIT_RATING", "allowedValues": [str(n) for n in range(1, 11)], "validityDays": None},
        {"code": "PROFITABILITY", "allowedValues": ["LOW", "MEDIUM", "HIGH"], "validityDays": None},
        {"code": "VALUE_TIER", "allowedValues": ["BRONZE", "SILVER", "GOLD", "PLATINUM"], "validityDays": None},
        {"code": "ACCOUNT_IN_DISTRESS", "allowedValues": ["FORBEARANCE", "RESTRUCTURING", "RECOVERY"], "validityDays": None},
        {"code": "DORMANT", "allowedValues": None, "validityDays": None},
        {"code": "IN_ARREARS", "allowedValues": ["30_DPD", "60_DPD", "90_DPD"], "validityDays": None},
        {"code": "KYC_EXPIRED", "allowedValues": None, "validityDays": None},
        {"code": "SALES_PROSPECT", "allowedValues": None, "validityDays": 180},
    ]}


# Define


async def test_an_admin_defines_a_type_that_everyone_then_reads(bank: Database, settings: Settings) -> None:
    result = await define(bank, settings)
    assert result.errors is None, result.errors
    created = result.data["defineIndicatorType"]
    assert recent(created.pop("definedAt"))
    assert created == COMPLAINT_AS_READ
    read, _ = await execute(bank, settings, VOCABULARY, {"category": "ALERT"}, frozenset({Role.FRONTEND}))
    assert [t["code"] for t in read.data["indicatorTypes"]] == ["COMPLAINT_OPEN", "POSSIBLE_FRAUD", "VULNERABLE_CUSTOMER"]
    assert read.data["indicatorTypes"][0] == COMPLAINT_AS_READ


async def test_what_a_definition_leaves_out_takes_its_default_or_stays_absent(bank: Database, settings: Settings) -> None:
    result, _ = await execute(bank, settings, DEFINE, {"input": {"code": "DECEASED", "category": "STATUS", "name": " Deceased "}}, ADMIN)
    created = result.data["defineIndicatorType"]  # type: ignore[index]
    assert recent(created.pop("definedAt"))
    assert created == {
        "code": "DECEASED", "category": "STATUS", "name": "Deceased", "description": None, "blocksSales": False,
        "priorityBoost": 0, "severity": "LOW", "confidential": False, "requiredSkills": [], "routesTo": None,
        "allowedValues": None, "validityDays": None, "definedBy": "tester", "updatedBy": None,
    }
    stored = await bank.read("MATCH (t:IndicatorType {code: 'DECEASED'}) RETURN keys(t) AS keys, "
                             "count { (t)--() } AS relationships")
    assert sorted(stored[0]["keys"]) == ["blocksSales", "code", "confidential", "definedAt", "definedBy", "kind", "name",
                                         "priorityBoost", "severity"]
    assert stored[0]["relationships"] == 0


INVALID_DEFINITIONS = [  # (what the input changes, code, field)
    ({"code": "IN_ARREARS"}, "CONFLICT", "input.code"),
    ({"code": "complaint_open"}, "VALIDATION", "input.code"),
    ({"code": "C"}, "VALIDATION", "input.code"),
    ({"code": "_COMPLAINT"}, "VALIDATION", "input.code"),
    ({"code": "C" * 65}, "VALIDATION", "input.code"),
    ({"code": "COMPLAINT-OPEN"}, "VALIDATION", "input.code"),
    ({"name": "   "}, "VALIDATION", "input.name"),
    ({"priorityBoost": -1}, "VALIDATION", "input.priorityBoost"),
    ({"priorityBoost": 11}, "VALIDATION", "input.priorityBoost"),
    ({"requiredSkills": [{"code": "COMPLAINTS_HANDLING", "minProficiency": 0}]}, "VALIDATION", "input.requiredSkills"),
    ({"requiredSkills": [{"code": "COMPLAINTS_HANDLING", "minProficiency": 6}]}, "VALIDATION", "input.requiredSkills"),
    ({"requiredSkills": [{"code": "COMPLAINTS_HANDLING", "minProficiency": 2}] * 2}, "VALIDATION", "input.requiredSkills"),
    ({"routesTo": "POOL-NOWHERE"}, "VALIDATION", "input.routesTo"),
    ({"allowedValues": []}, "VALIDATION", "input.allowedValues"),
    ({"allowedValues": ["FEES", " "]}, "VALIDATION", "input.allowedValues"),
    ({"allowedValues": ["FEES", "SERVICE", "FEES"]}, "VALIDATION", "input.allowedValues"),
    ({"validityDays": 0}, "VALIDATION", "input.validityDays"),
]


@pytest.mark.parametrize(("changes", "code", "field"), INVALID_DEFINITIONS)
async def test_an_invalid_definition_fails_with_its_code_and_field_and_writes_nothing(
        bank: Database, settings: Settings, changes: dict[str, object], code: str, field: str) -> None:
    before = await snapshot(bank)
    assert failures(await define(bank, settings, **changes)) == [{"code": code, "field": field}]
    assert await snapshot(bank) == before


async def test_unknown_skills_are_named_and_nothing_is_written(bank: Database, settings: Settings) -> None:
    before = await snapshot(bank)
    skills = [{"code": code, "minProficiency": 2} for code in ("COMPLAINTS_HANDLING", "TELEPATHY", "ASTROLOGY")]
    result = await define(bank, settings, requiredSkills=skills)
    assert failures(result) == [{"code": "VALIDATION", "field": "input.requiredSkills"}]
    assert result.errors[0].message == "no skill has the code TELEPATHY, ASTROLOGY"
    assert await snapshot(bank) == before


async def test_a_code_defined_twice_at_once_exists_once(bank: Database, settings: Settings) -> None:
    results = await asyncio.gather(define(bank, settings), define(bank, settings))
    outcomes = sorted("ok" if r.errors is None else r.errors[0].extensions["code"] for r in results)
    assert outcomes == ["CONFLICT", "ok"]
    assert await bank.read("MATCH (t:IndicatorType {code: 'COMPLAINT_OPEN'}) RETURN count { (t)--() } AS links") == [
        {"links": 3}]


@pytest.mark.parametrize("roles", NOT_ADMINS, ids=lambda roles: "+".join(sorted(r.value for r in roles)))
async def test_only_admins_change_the_vocabulary(bank: Database, settings: Settings, roles: frozenset[Role]) -> None:
    before = await snapshot(bank)
    assert failures(await define(bank, settings, roles)) == [{"code": "FORBIDDEN"}]
    assert failures(await update(bank, settings, "IN_ARREARS", roles, priorityBoost=5)) == [{"code": "FORBIDDEN"}]
    assert await snapshot(bank) == before


# Update


async def change(bank: Database, settings: Settings, **changes: object) -> dict[str, Any]:
    result = await update(bank, settings, "IN_ARREARS", **changes)
    assert result.errors is None, result.errors
    changed: dict[str, Any] = result.data["updateIndicatorType"]
    assert recent(changed.pop("updatedAt"))
    return changed


async def test_an_update_changes_only_the_fields_given(bank: Database, settings: Settings) -> None:
    before = await bank.read("MATCH (t:IndicatorType {code: 'IN_ARREARS'}) RETURN properties(t) AS p")
    assert await change(bank, settings, priorityBoost=4, severity="MEDIUM") == {
        **ARREARS_AS_READ, "priorityBoost": 4, "severity": "MEDIUM"}
    after = await bank.read("MATCH (t:IndicatorType {code: 'IN_ARREARS'}) RETURN properties(t) AS p")
    assert after[0]["p"].pop("updatedBy") == "tester" and after[0]["p"].pop("updatedAt") is not None
    assert after[0]["p"] == {**before[0]["p"], "priorityBoost": 4, "severity": "MEDIUM"}


async def test_an_update_replaces_the_whole_set_of_skills(bank: Database, settings: Settings) -> None:
    skills = [{"code": "DEBT_RESTRUCTURING", "minProficiency": 3}, {"code": "VULNERABLE_CUSTOMER_CARE", "minProficiency": 2}]
    assert (await change(bank, settings, requiredSkills=skills))["requiredSkills"] == [
        {"code": "DEBT_RESTRUCTURING", "name": "Debt restructuring", "minProficiency": 3},
        {"code": "VULNERABLE_CUSTOMER_CARE", "name": "Vulnerable customer care", "minProficiency": 2},
    ]
    assert await change(bank, settings, requiredSkills=[]) == {**ARREARS_AS_READ, "requiredSkills": []}
    assert await bank.read("MATCH (:IndicatorType {code: 'IN_ARREARS'})-[r:REQUIRES_SKILL]->() RETURN count(r) AS n") == [{"n": 0}]


async def test_an_update_reroutes_or_removes_the_pool(bank: Database, settings: Settings) -> None:
    rerouted = await change(bank, settings, routesTo="POOL-VULNERABLE-CARE")
    assert rerouted == {**ARREARS_AS_READ, "routesTo": {"poolId": "POOL-VULNERABLE-CARE", "name": "Vulnerable customer care"}}
    assert await change(bank, settings, routesTo=None) == {**ARREARS_AS_READ, "routesTo": None}
    assert await bank.read("MATCH (:IndicatorType {code: 'IN_ARREARS'})-[r:ROUTES_TO]->() RETURN count(r) AS n") == [{"n": 0}]
    assert await bank.read("MATCH (p:ServicingPool) RETURN count(p) AS n") == [{"n": 3}]


async def test_an_update_sets_and_removes_the_optional_policy(bank: Database, settings: Settings) -> None:
    assert await change(bank, settings, validityDays=30, allowedValues=["90_DPD"], name="Overdue") == {
        **ARREARS_AS_READ, "validityDays": 30, "allowedValues": ["90_DPD"], "name": "Overdue"}
    assert await change(bank, settings, validityDays=None, allowedValues=None, description=None) == {
        **ARREARS_AS_READ, "allowedValues": None, "description": None, "name": "Overdue"}
    stored = await bank.read("MATCH (t:IndicatorType {code: 'IN_ARREARS'}) RETURN keys(t) AS keys")
    assert not {"validityDays", "allowedValues", "description"} & set(stored[0]["keys"])


INVALID_CHANGES = [  # (changes, code, field)
    ({}, "VALIDATION", "changes"),
    ({"name": None}, "VALIDATION", "changes.name"),
    ({"name": " "}, "VALIDATION", "changes.name"),
    ({"blocksSales": None}, "VALIDATION", "changes.blocksSales"),
    ({"severity": None}, "VALIDATION", "changes.severity"),
    ({"priorityBoost": 11}, "VALIDATION", "changes.priorityBoost"),
    ({"priorityBoost": None}, "VALIDATION", "changes.priorityBoost"),
    ({"requiredSkills": None}, "VALIDATION", "changes.requiredSkills"),
    ({"requiredSkills": [{"code": "COLLECTIONS", "minProficiency": 9}]}, "VALIDATION", "changes.requiredSkills"),
    # The name is written before the unknown skill is found: the transaction takes both back.
    ({"name": "Overdue", "requiredSkills": [{"code": "TELEPATHY", "minProficiency": 1}]}, "VALIDATION",
     "changes.requiredSkills"),
    ({"priorityBoost": 2, "routesTo": "POOL-NOWHERE"}, "VALIDATION", "changes.routesTo"),
    ({"allowedValues": ["30_DPD", "30_DPD"]}, "VALIDATION", "changes.allowedValues"),
    ({"validityDays": -5}, "VALIDATION", "changes.validityDays"),
]


@pytest.mark.parametrize(("changes", "code", "field"), INVALID_CHANGES)
async def test_an_invalid_update_fails_with_its_code_and_field_and_changes_nothing(
        bank: Database, settings: Settings, changes: dict[str, object], code: str, field: str) -> None:
    before = await snapshot(bank)
    assert failures(await update(bank, settings, "IN_ARREARS", **changes)) == [{"code": code, "field": field}]
    assert await snapshot(bank) == before


async def test_updating_an_unknown_type_is_not_found(bank: Database, settings: Settings) -> None:
    before = await snapshot(bank)
    result = await update(bank, settings, "NO_SUCH_TYPE", priorityBoost=2)
    assert failures(result) == [{"code": "NOT_FOUND", "field": "code"}]
    assert result.errors[0].message == "no indicator type has the code NO_SUCH_TYPE"
    assert await snapshot(bank) == before


async def test_the_category_can_never_change(bank: Database, settings: Settings) -> None:
    before = await snapshot(bank)
    query = 'mutation { updateIndicatorType(code: "IN_ARREARS", changes: {category: RATING, priorityBoost: 2}) { code } }'
    result, _ = await execute(bank, settings, query, roles=ADMIN)
    assert failures(result) == [{"code": "VALIDATION"}]
    assert "category" in result.errors[0].message
    assert await snapshot(bank) == before
