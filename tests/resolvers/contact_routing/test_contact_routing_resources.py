"""Servicing pools and resources: provide, update, register, capture status, books and backups.

Every failure leaves the graph as it was (`fails` compares a snapshot of the whole graph).
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from gateway.security.auth import ALL_ROLES, Principal, Role
from gateway.settings import Settings
from graph.database import Database
from tests.support import ADMIN, ANALYST, FRONTEND, RM, bank_graph, fails, run, snapshot

POOL_FIELDS = """poolId name purpose strategy offerTimeoutSeconds serviceLevelSeconds skills { code name }
members { resourceId name kind status statusSince }"""
RESOURCE_FIELDS = """resourceId name kind languages capacity { phone chat video branch email }
skills { code name proficiency } pools { poolId name } status statusSince managedCustomerCount
backup { resourceId name }"""
PROVIDE = "mutation ($input: ServicingPoolInput!) { provideServicingPool(input: $input) { " + POOL_FIELDS + " } }"
UPDATE_POOL = ("mutation ($poolId: ID!, $changes: ServicingPoolChanges!) { "
               "updateServicingPool(poolId: $poolId, changes: $changes) { " + POOL_FIELDS + " } }")
POOL = "query ($poolId: ID!) { servicingPool(poolId: $poolId) { " + POOL_FIELDS + """
  assignments { allocationId status customerId resourceId requestedAt } } }"""
REGISTER = ("mutation ($input: ServicingResourceInput!) { registerServicingResource(input: $input) { "
            + RESOURCE_FIELDS + " } }")
UPDATE_RESOURCE = ("mutation ($resourceId: ID!, $changes: ServicingResourceChanges!) { "
                   "updateServicingResource(resourceId: $resourceId, changes: $changes) { " + RESOURCE_FIELDS + " } }")
RESOURCE = "query ($resourceId: ID!) { servicingResource(resourceId: $resourceId) { " + RESOURCE_FIELDS + " } }"
CAPTURE = ("mutation ($resourceId: ID!, $status: ResourceStatus!) { captureServicingResourceStatus("
           "resourceId: $resourceId, status: $status) { resourceId status statusSince previousStatus changed } }")
ASSIGN = ("mutation ($customerId: ID!, $resourceId: ID!) { assignRelationshipManager(customerId: $customerId, "
          "resourceId: $resourceId) { customerId since previousResourceId relationshipManager { resourceId "
          "managedCustomerCount } } }")
BACKUP = ("mutation ($resourceId: ID!, $backupResourceId: ID) { setResourceBackup(resourceId: $resourceId, "
          "backupResourceId: $backupResourceId) { resourceId backup { resourceId name } } }")

MORTGAGES = {"poolId": "POOL-MORTGAGES", "name": "Mortgage desk", "purpose": "SALES", "strategy": "ROUND_ROBIN",
             "offerTimeoutSeconds": 60, "serviceLevelSeconds": 120, "skills": ["MORTGAGE_SALES", "SALES"]}
MORTGAGES_AS_READ = {**MORTGAGES, "skills": [{"code": "MORTGAGE_SALES", "name": "Mortgage sales"},
                                             {"code": "SALES", "name": "Sales"}], "members": []}
SALES_POOL = {"poolId": "POOL-SALES", "name": "Sales and cross-sell", "purpose": "SALES", "strategy": "LEAST_LOAD",
              "offerTimeoutSeconds": 45, "serviceLevelSeconds": 30, "skills": [{"code": "SALES", "name": "Sales"}],
              "members": [{"resourceId": "R000010", "name": "Ann Lee", "kind": "AGENT", "status": "AVAILABLE",
                           "statusSince": "2026-01-05T09:00:00+00:00"}]}
BEN = {"resourceId": "R000123", "name": "Ben Adams", "kind": "SPECIALIST", "languages": ["en", "nl"],
       "capacity": {"phone": 1, "chat": 2, "email": 4},
       "skills": [{"code": "FRAUD_INVESTIGATION", "proficiency": 4}, {"code": "SALES", "proficiency": 1}],
       "pools": ["POOL-FRAUD", "POOL-SALES"]}
BEN_AS_READ = {
    **BEN, "capacity": {"phone": 1, "chat": 2, "video": 0, "branch": 0, "email": 4},
    "skills": [{"code": "FRAUD_INVESTIGATION", "name": "Fraud investigation", "proficiency": 4},
               {"code": "SALES", "name": "Sales", "proficiency": 1}],
    "pools": [{"poolId": "POOL-FRAUD", "name": "Fraud desk"}, {"poolId": "POOL-SALES", "name": "Sales and cross-sell"}],
    "status": "OFFLINE", "managedCustomerCount": 0, "backup": None,
}
ANN = {
    "resourceId": "R000010", "name": "Ann Lee", "kind": "AGENT", "languages": ["en", "fr"],
    "capacity": {"phone": 1, "chat": 3, "video": 0, "branch": 0, "email": 5},
    "skills": [{"code": "MORTGAGE_SALES", "name": "Mortgage sales", "proficiency": 3},
               {"code": "SALES", "name": "Sales", "proficiency": 4}],
    "pools": [{"poolId": "POOL-SALES", "name": "Sales and cross-sell"}], "status": "AVAILABLE",
    "statusSince": "2026-01-05T09:00:00+00:00", "managedCustomerCount": 0, "backup": None,
}
NOT_ADMINS = [frozenset({role}) for role in Role if role is not Role.ADMIN] + [frozenset(Role) - {Role.ADMIN}]


def role_ids(roles: frozenset[Role]) -> str:
    return "+".join(sorted(r.value for r in roles))


def recent(instant: str) -> bool:
    return abs(datetime.datetime.now(datetime.UTC) - datetime.datetime.fromisoformat(instant)) < datetime.timedelta(minutes=1)


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "routing_profiles", "portfolio", "contact_routing")


# Pools


async def test_a_relationship_manager_provides_a_pool_that_every_role_reads(bank: Database, settings: Settings) -> None:
    assert await run(bank, settings, PROVIDE, input=MORTGAGES) == {"provideServicingPool": MORTGAGES_AS_READ}
    read = await run(bank, settings, POOL, FRONTEND, poolId="POOL-MORTGAGES")
    assert read == {"servicingPool": {**MORTGAGES_AS_READ, "assignments": []}}
    [stored] = await bank.read("MATCH (p:ServicingPool {poolId: 'POOL-MORTGAGES'}) RETURN properties(p) AS p")
    assert stored["p"].pop("providedAt") is not None
    assert stored["p"] == {"poolId": "POOL-MORTGAGES", "name": "Mortgage desk", "purpose": "SALES",
                           "strategy": "ROUND_ROBIN", "offerTimeoutSeconds": 60, "serviceLevelSeconds": 120,
                           "providedBy": "tester"}


async def test_a_pool_takes_the_default_timeouts_and_no_skills(bank: Database, settings: Settings) -> None:
    data = await run(bank, settings, PROVIDE, ADMIN, input={"poolId": "POOL-KYC", "name": " KYC reviews ",
                                                           "purpose": "KYC", "strategy": "LONGEST_IDLE"})
    assert data == {"provideServicingPool": {
        "poolId": "POOL-KYC", "name": "KYC reviews", "purpose": "KYC", "strategy": "LONGEST_IDLE",
        "offerTimeoutSeconds": 30, "serviceLevelSeconds": 20, "skills": [], "members": []}}


INVALID_POOLS = [  # (what the input changes, code, field)
    ({"poolId": "POOL-SALES"}, "CONFLICT", "input.poolId"),
    ({"poolId": "MORTGAGES"}, "VALIDATION", "input.poolId"),
    ({"poolId": "POOL-mortgages"}, "VALIDATION", "input.poolId"),
    ({"poolId": "POOL-"}, "VALIDATION", "input.poolId"),
    ({"poolId": "POOL-" + "M" * 60}, "VALIDATION", "input.poolId"),
    ({"name": "  "}, "VALIDATION", "input.name"),
    ({"name": "x" * 201}, "VALIDATION", "input.name"),
    ({"offerTimeoutSeconds": 4}, "VALIDATION", "input.offerTimeoutSeconds"),
    ({"offerTimeoutSeconds": 601}, "VALIDATION", "input.offerTimeoutSeconds"),
    ({"serviceLevelSeconds": 0}, "VALIDATION", "input.serviceLevelSeconds"),
    ({"serviceLevelSeconds": 3601}, "VALIDATION", "input.serviceLevelSeconds"),
    ({"skills": ["SALES", "SALES"]}, "VALIDATION", "input.skills"),
    ({"skills": ["SALES", "TELEPATHY"]}, "NOT_FOUND", "input.skills"),
    ({"strategy": "FASTEST"}, "VALIDATION", "input.strategy"),
]


@pytest.mark.parametrize(("changes", "code", "field"), INVALID_POOLS)
async def test_an_invalid_pool_fails_with_its_code_and_field_and_writes_nothing(
        bank: Database, settings: Settings, changes: dict[str, Any], code: str, field: str | None) -> None:
    error = await fails(bank, settings, PROVIDE, input={**MORTGAGES, **changes})
    assert (error["code"], error.get("field")) == (code, field)


async def test_unknown_pool_skills_are_named(bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, PROVIDE, input={**MORTGAGES, "skills": ["TELEPATHY", "SALES", "ASTROLOGY"]})
    assert error == {"message": "no skill has the code TELEPATHY, ASTROLOGY", "code": "NOT_FOUND", "field": "input.skills"}


async def test_a_pool_update_changes_only_the_fields_given(bank: Database, settings: Settings) -> None:
    changed = await run(bank, settings, UPDATE_POOL, poolId="POOL-SALES", changes={"strategy": "ROUND_ROBIN"})
    assert changed == {"updateServicingPool": {**SALES_POOL, "strategy": "ROUND_ROBIN"}}
    changed = await run(bank, settings, UPDATE_POOL, ADMIN, poolId="POOL-SALES",
                        changes={"offerTimeoutSeconds": 600, "skills": ["MORTGAGE_SALES", "COLLECTIONS"]})
    assert changed == {"updateServicingPool": {
        **SALES_POOL, "strategy": "ROUND_ROBIN", "offerTimeoutSeconds": 600,
        "skills": [{"code": "COLLECTIONS", "name": "Collections"}, {"code": "MORTGAGE_SALES", "name": "Mortgage sales"}]}}
    changed = await run(bank, settings, UPDATE_POOL, poolId="POOL-SALES", changes={"skills": []})
    assert changed["updateServicingPool"]["skills"] == []
    [stored] = await bank.read("MATCH (p:ServicingPool {poolId: 'POOL-SALES'}) RETURN p.updatedBy AS by, "
                               "p.updatedAt IS NOT NULL AS stamped, count { (p)-[:REQUIRES_SKILL]->() } AS skills")
    assert stored == {"by": "tester", "stamped": True, "skills": 0}


INVALID_POOL_CHANGES = [  # (changes, code, field)
    ({}, "VALIDATION", "changes"),
    ({"name": None}, "VALIDATION", "changes.name"),
    ({"name": " "}, "VALIDATION", "changes.name"),
    ({"strategy": None}, "VALIDATION", "changes.strategy"),
    ({"purpose": None}, "VALIDATION", "changes.purpose"),
    ({"offerTimeoutSeconds": None}, "VALIDATION", "changes.offerTimeoutSeconds"),
    ({"offerTimeoutSeconds": 700}, "VALIDATION", "changes.offerTimeoutSeconds"),
    ({"serviceLevelSeconds": -1}, "VALIDATION", "changes.serviceLevelSeconds"),
    ({"skills": None}, "VALIDATION", "changes.skills"),
    ({"skills": ["SALES", "SALES"]}, "VALIDATION", "changes.skills"),
    # The name is written before the unknown skill is found: the transaction takes both back.
    ({"name": "Renamed", "skills": ["TELEPATHY"]}, "NOT_FOUND", "changes.skills"),
]


@pytest.mark.parametrize(("changes", "code", "field"), INVALID_POOL_CHANGES)
async def test_an_invalid_pool_update_fails_and_changes_nothing(
        bank: Database, settings: Settings, changes: dict[str, Any], code: str, field: str) -> None:
    error = await fails(bank, settings, UPDATE_POOL, poolId="POOL-SALES", changes=changes)
    assert (error["code"], error["field"]) == (code, field)


async def test_an_unknown_pool_is_not_found(bank: Database, settings: Settings) -> None:
    missing = {"message": "no servicing pool has the id POOL-NOWHERE", "code": "NOT_FOUND", "field": "poolId"}
    assert await fails(bank, settings, UPDATE_POOL, poolId="POOL-NOWHERE", changes={"name": "x"}) == missing
    assert await fails(bank, settings, POOL, ANALYST, poolId="POOL-NOWHERE") == missing


async def test_a_pool_shows_its_members_and_its_assignments(bank: Database, settings: Settings) -> None:
    await bank.write("""
        MATCH (pool:ServicingPool {poolId: 'POOL-PREMIER'}), (alice:Customer {customerId: 'C0000001'}),
              (bob:Customer {customerId: 'C0000002'}), (rita:ServicingResource {resourceId: 'R000001'})
        CREATE (a1:Allocation {allocationId: 'AL-1', status: 'ACCEPTED', requestedAt: datetime('2026-01-05T10:00:00Z')})
        CREATE (a1)-[:IN_POOL]->(pool), (a1)-[:FOR_CUSTOMER]->(alice), (a1)-[:ASSIGNED_TO]->(rita)
        CREATE (a2:Allocation {allocationId: 'AL-2', status: 'QUEUED', requestedAt: datetime('2026-01-05T11:00:00Z')})
        CREATE (a2)-[:IN_POOL]->(pool), (a2)-[:FOR_CUSTOMER]->(bob)""")
    data = await run(bank, settings, POOL, ANALYST, poolId="POOL-PREMIER")
    assert data == {"servicingPool": {
        "poolId": "POOL-PREMIER", "name": "Premier team", "purpose": "PREMIER", "strategy": "LEAST_LOAD",
        "offerTimeoutSeconds": 30, "serviceLevelSeconds": 20, "skills": [],
        "members": [{"resourceId": "R000001", "name": "Rita Patel", "kind": "RELATIONSHIP_MANAGER", "status": "BUSY",
                     "statusSince": "2026-01-05T10:00:00+00:00"},
                    {"resourceId": "R000002", "name": "Sam Okafor", "kind": "RELATIONSHIP_MANAGER", "status": "OFFLINE",
                     "statusSince": "2026-01-04T18:00:00+00:00"}],
        "assignments": [
            {"allocationId": "AL-2", "status": "QUEUED", "customerId": "C0000002", "resourceId": None,
             "requestedAt": "2026-01-05T11:00:00+00:00"},
            {"allocationId": "AL-1", "status": "ACCEPTED", "customerId": "C0000001", "resourceId": "R000001",
             "requestedAt": "2026-01-05T10:00:00+00:00"}]}}


@pytest.mark.parametrize("roles", [FRONTEND, ANALYST, FRONTEND | ANALYST], ids=role_ids)
async def test_only_admins_and_relationship_managers_change_pools(
        bank: Database, settings: Settings, roles: frozenset[Role]) -> None:
    assert (await fails(bank, settings, PROVIDE, roles, input=MORTGAGES))["code"] == "FORBIDDEN"
    error = await fails(bank, settings, UPDATE_POOL, roles, poolId="POOL-SALES", changes={"name": "x"})
    assert error["code"] == "FORBIDDEN"


# Resources


async def test_an_admin_registers_a_resource_that_starts_offline(bank: Database, settings: Settings) -> None:
    created = (await run(bank, settings, REGISTER, ADMIN, input=BEN))["registerServicingResource"]
    assert recent(created.pop("statusSince"))
    assert created == BEN_AS_READ
    read = (await run(bank, settings, RESOURCE, FRONTEND, resourceId="R000123"))["servicingResource"]
    assert read.pop("statusSince") is not None and read == BEN_AS_READ
    pool = await run(bank, settings, POOL, ANALYST, poolId="POOL-FRAUD")
    assert [m["resourceId"] for m in pool["servicingPool"]["members"]] == ["R000123"]


async def test_a_resource_reads_with_its_skills_pools_capacity_book_and_backup(bank: Database, settings: Settings) -> None:
    assert await run(bank, settings, RESOURCE, ANALYST, resourceId="R000010") == {"servicingResource": ANN}
    rita = (await run(bank, settings, RESOURCE, FRONTEND, resourceId="R000001"))["servicingResource"]
    assert (rita["managedCustomerCount"], rita["backup"], rita["status"]) == (
        3, {"resourceId": "R000002", "name": "Sam Okafor"}, "BUSY")
    error = await fails(bank, settings, RESOURCE, resourceId="R999999")
    assert error == {"message": "no servicing resource has the id R999999", "code": "NOT_FOUND", "field": "resourceId"}


INVALID_RESOURCES = [  # (what the input changes, code, field)
    ({"resourceId": "R000010"}, "CONFLICT", "input.resourceId"),
    ({"resourceId": "R12345"}, "VALIDATION", "input.resourceId"),
    ({"resourceId": "X000123"}, "VALIDATION", "input.resourceId"),
    ({"resourceId": "R0001234"}, "VALIDATION", "input.resourceId"),
    ({"name": ""}, "VALIDATION", "input.name"),
    ({"languages": []}, "VALIDATION", "input.languages"),
    ({"languages": ["EN"]}, "VALIDATION", "input.languages"),
    ({"languages": ["eng"]}, "VALIDATION", "input.languages"),
    ({"languages": ["en", "nl", "en"]}, "VALIDATION", "input.languages"),
    ({"capacity": {"phone": 21}}, "VALIDATION", "input.capacity.phone"),
    ({"capacity": {"email": -1}}, "VALIDATION", "input.capacity.email"),
    ({"skills": [{"code": "SALES", "proficiency": 0}]}, "VALIDATION", "input.skills"),
    ({"skills": [{"code": "SALES", "proficiency": 6}]}, "VALIDATION", "input.skills"),
    ({"skills": [{"code": "SALES", "proficiency": 2}, {"code": "SALES", "proficiency": 3}]}, "VALIDATION", "input.skills"),
    ({"pools": ["POOL-SALES", "POOL-SALES"]}, "VALIDATION", "input.pools"),
    ({"skills": [{"code": "TELEPATHY", "proficiency": 2}]}, "NOT_FOUND", "input.skills"),
    ({"pools": ["POOL-SALES", "POOL-NOWHERE"]}, "NOT_FOUND", "input.pools"),
    ({"kind": "WIZARD"}, "VALIDATION", "input.kind"),
]


@pytest.mark.parametrize(("changes", "code", "field"), INVALID_RESOURCES)
async def test_an_invalid_resource_fails_with_its_code_and_field_and_writes_nothing(
        bank: Database, settings: Settings, changes: dict[str, Any], code: str, field: str | None) -> None:
    error = await fails(bank, settings, REGISTER, ADMIN, input={**BEN, **changes})
    assert (error["code"], error.get("field")) == (code, field)


async def test_unknown_skills_and_pools_are_named(bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, REGISTER, ADMIN, input={**BEN, "pools": ["POOL-NOWHERE", "POOL-X"]})
    assert error == {"message": "no servicing pool has the id POOL-NOWHERE, POOL-X", "code": "NOT_FOUND",
                     "field": "input.pools"}


async def test_a_resource_update_changes_only_the_fields_given(bank: Database, settings: Settings) -> None:
    async def update(**changes: Any) -> dict[str, Any]:
        data = await run(bank, settings, UPDATE_RESOURCE, ADMIN, resourceId="R000010", changes=changes)
        return dict(data["updateServicingResource"])

    assert await update(name="Ann Lee-Smith") == {**ANN, "name": "Ann Lee-Smith"}
    assert (await update(capacity={"chat": 5, "video": 1}))["capacity"] == {
        "phone": 1, "chat": 5, "video": 1, "branch": 0, "email": 5}
    changed = await update(skills=[{"code": "COLLECTIONS", "proficiency": 2}], pools=["POOL-COLLECTIONS", "POOL-FRAUD"],
                           languages=["fr"], kind="SPECIALIST")
    assert changed == {**ANN, "name": "Ann Lee-Smith", "kind": "SPECIALIST", "languages": ["fr"],
                       "capacity": {"phone": 1, "chat": 5, "video": 1, "branch": 0, "email": 5},
                       "skills": [{"code": "COLLECTIONS", "name": "Collections", "proficiency": 2}],
                       "pools": [{"poolId": "POOL-COLLECTIONS", "name": "Collections"},
                                 {"poolId": "POOL-FRAUD", "name": "Fraud desk"}]}
    assert (await update(skills=[], pools=[]))["skills"] == []
    assert await bank.read("MATCH (r:ServicingResource {resourceId: 'R000010'}) RETURN count { (r)--() } AS links, "
                           "r.updatedBy AS by, r.status AS status") == [{"links": 0, "by": "tester", "status": "AVAILABLE"}]


INVALID_RESOURCE_CHANGES = [  # (resource, changes, code, field)
    ("R000010", {}, "VALIDATION", "changes"),
    ("R000010", {"name": None}, "VALIDATION", "changes.name"),
    ("R000010", {"kind": None}, "VALIDATION", "changes.kind"),
    ("R000010", {"languages": None}, "VALIDATION", "changes.languages"),
    ("R000010", {"languages": ["xx1"]}, "VALIDATION", "changes.languages"),
    ("R000010", {"capacity": None}, "VALIDATION", "changes.capacity"),
    ("R000010", {"capacity": {"chat": None}}, "VALIDATION", "changes.capacity.chat"),
    ("R000010", {"capacity": {"branch": 25}}, "VALIDATION", "changes.capacity.branch"),
    ("R000010", {"skills": None}, "VALIDATION", "changes.skills"),
    ("R000010", {"pools": None}, "VALIDATION", "changes.pools"),
    ("R000010", {"name": "Renamed", "skills": [{"code": "TELEPATHY", "proficiency": 1}]}, "NOT_FOUND", "changes.skills"),
    ("R000010", {"name": "Renamed", "pools": ["POOL-NOWHERE"]}, "NOT_FOUND", "changes.pools"),
    ("R000001", {"kind": "AGENT"}, "CONFLICT", "changes.kind"),
    ("R999999", {"name": "Nobody"}, "NOT_FOUND", "resourceId"),
]


@pytest.mark.parametrize(("resource", "changes", "code", "field"), INVALID_RESOURCE_CHANGES)
async def test_an_invalid_resource_update_fails_and_changes_nothing(
        bank: Database, settings: Settings, resource: str, changes: dict[str, Any], code: str, field: str) -> None:
    error = await fails(bank, settings, UPDATE_RESOURCE, ADMIN, resourceId=resource, changes=changes)
    assert (error["code"], error["field"]) == (code, field)


async def test_an_rm_changes_kind_only_once_their_book_has_another_rm(bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, UPDATE_RESOURCE, ADMIN, resourceId="R000002", changes={"kind": "SPECIALIST"})
    assert error["message"] == ("R000002 manages 2 customers; assign them another relationship manager before "
                                "changing its kind")
    await run(bank, settings, ASSIGN, ADMIN, customerId="C0000004", resourceId="R000001")
    await run(bank, settings, ASSIGN, ADMIN, customerId="C0000006", resourceId="R000001")
    data = await run(bank, settings, UPDATE_RESOURCE, ADMIN, resourceId="R000002", changes={"kind": "SPECIALIST"})
    assert data["updateServicingResource"]["kind"] == "SPECIALIST"


@pytest.mark.parametrize("roles", NOT_ADMINS, ids=role_ids)
async def test_only_admins_register_and_change_resources(bank: Database, settings: Settings, roles: frozenset[Role]) -> None:
    assert (await fails(bank, settings, REGISTER, roles, input=BEN))["code"] == "FORBIDDEN"
    error = await fails(bank, settings, UPDATE_RESOURCE, roles, resourceId="R000010", changes={"name": "x"})
    assert error["code"] == "FORBIDDEN"
    error = await fails(bank, settings, ASSIGN, roles, customerId="C0000003", resourceId="R000001")
    assert error["code"] == "FORBIDDEN"
    error = await fails(bank, settings, BACKUP, roles, resourceId="R000010", backupResourceId="R000001")
    assert error["code"] == "FORBIDDEN"


# Status


# A relationship manager captures its own status (R000010's here); desktops and admins any resource's.
@pytest.mark.parametrize("roles", [FRONTEND, Principal("R000010", RM), ADMIN],
                         ids=["frontend", "relationship_manager", "admin"])
async def test_a_status_capture_begins_a_new_status_now(bank: Database, settings: Settings,
                                                        roles: frozenset[Role] | Principal) -> None:
    captured = (await run(bank, settings, CAPTURE, roles, resourceId="R000010", status="WRAP_UP"))
    result = captured["captureServicingResourceStatus"]
    assert recent(result.pop("statusSince"))
    assert result == {"resourceId": "R000010", "status": "WRAP_UP", "previousStatus": "AVAILABLE", "changed": True}
    read = (await run(bank, settings, RESOURCE, resourceId="R000010"))["servicingResource"]
    assert read["status"] == "WRAP_UP" and recent(read["statusSince"])


async def test_the_same_status_again_changes_nothing(bank: Database, settings: Settings) -> None:
    before = await snapshot(bank)
    data = await run(bank, settings, CAPTURE, FRONTEND, resourceId="R000010", status="AVAILABLE")
    assert data == {"captureServicingResourceStatus": {
        "resourceId": "R000010", "status": "AVAILABLE", "statusSince": "2026-01-05T09:00:00+00:00",
        "previousStatus": "AVAILABLE", "changed": False}}
    assert await snapshot(bank) == before


async def test_capturing_the_status_of_an_unknown_resource_or_as_an_analyst_fails(
        bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, CAPTURE, FRONTEND, resourceId="R999999", status="AWAY")
    assert error == {"message": "no servicing resource has the id R999999", "code": "NOT_FOUND", "field": "resourceId"}
    assert (await fails(bank, settings, CAPTURE, ANALYST, resourceId="R000010", status="AWAY"))["code"] == "FORBIDDEN"
    assert (await fails(bank, settings, CAPTURE, FRONTEND, resourceId="R000010", status="ASLEEP"))["code"] == "VALIDATION"


# Books and backups


async def test_assigning_an_rm_replaces_the_customer_s_rm_since_today(bank: Database, settings: Settings) -> None:
    data = await run(bank, settings, ASSIGN, ADMIN, customerId="C0000001", resourceId="R000002")
    assert data == {"assignRelationshipManager": {
        "customerId": "C0000001", "since": datetime.datetime.now(datetime.UTC).date().isoformat(),
        "previousResourceId": "R000001", "relationshipManager": {"resourceId": "R000002", "managedCustomerCount": 3}}}
    assert await bank.read("MATCH (r)-[:MANAGES]->(:Customer {customerId: 'C0000001'}) RETURN r.resourceId AS rm") == [
        {"rm": "R000002"}]
    chloe = await run(bank, settings, ASSIGN, ADMIN, customerId="C0000003", resourceId="R000001")
    assert chloe["assignRelationshipManager"]["previousResourceId"] is None
    assert chloe["assignRelationshipManager"]["relationshipManager"] == {"resourceId": "R000001", "managedCustomerCount": 3}
    logged = await bank.read("MATCH (:CustomerEventLog {customerId: 'C0000001'})-[:RECORDED]->(e:RelationshipEvent) "
                             "RETURN e.type AS type, e.record AS record")
    assert logged == [{"type": "RELATIONSHIP_MANAGER_ASSIGNED", "record": "relationship manager R000002, was R000001"}]


async def test_assigning_the_same_rm_again_changes_nothing(bank: Database, settings: Settings) -> None:
    before = await snapshot(bank)
    data = await run(bank, settings, ASSIGN, ADMIN, customerId="C0000002", resourceId="R000001")
    assert data["assignRelationshipManager"]["since"] == "2020-01-01"
    assert data["assignRelationshipManager"]["previousResourceId"] is None
    assert await snapshot(bank) == before


INVALID_ASSIGNMENTS = [  # (customer, resource, code, field)
    ("C9999999", "R000001", "NOT_FOUND", "customerId"),
    ("C0000003", "R999999", "NOT_FOUND", "resourceId"),
    ("C0000003", "R000010", "CONFLICT", "resourceId"),
]


@pytest.mark.parametrize(("customer", "resource", "code", "field"), INVALID_ASSIGNMENTS)
async def test_an_invalid_assignment_fails_and_changes_nothing(
        bank: Database, settings: Settings, customer: str, resource: str, code: str, field: str) -> None:
    error = await fails(bank, settings, ASSIGN, ADMIN, customerId=customer, resourceId=resource)
    assert (error["code"], error["field"]) == (code, field)


async def test_a_backup_is_set_replaced_and_removed(bank: Database, settings: Settings) -> None:
    data = await run(bank, settings, BACKUP, ADMIN, resourceId="R000010", backupResourceId="R000001")
    assert data == {"setResourceBackup": {"resourceId": "R000010", "backup": {"resourceId": "R000001", "name": "Rita Patel"}}}
    data = await run(bank, settings, BACKUP, ADMIN, resourceId="R000010", backupResourceId="R000002")
    assert data["setResourceBackup"]["backup"] == {"resourceId": "R000002", "name": "Sam Okafor"}
    data = await run(bank, settings, BACKUP, ADMIN, resourceId="R000001", backupResourceId=None)
    assert data == {"setResourceBackup": {"resourceId": "R000001", "backup": None}}
    assert await bank.read("MATCH (b)-[:BACKUP_FOR]->(r) RETURN b.resourceId AS backup, r.resourceId AS resource") == [
        {"backup": "R000002", "resource": "R000010"}]


INVALID_BACKUPS = [  # (resource, backup, code, field)
    ("R000010", "R000010", "VALIDATION", "backupResourceId"),
    ("R999999", "R000001", "NOT_FOUND", "resourceId"),
    ("R000010", "R999999", "NOT_FOUND", "backupResourceId"),
    ("R000001", "R000010", "CONFLICT", "backupResourceId"),
]


@pytest.mark.parametrize(("resource", "backup", "code", "field"), INVALID_BACKUPS)
async def test_an_invalid_backup_fails_and_changes_nothing(
        bank: Database, settings: Settings, resource: str, backup: str, code: str, field: str) -> None:
    error = await fails(bank, settings, BACKUP, ADMIN, resourceId=resource, backupResourceId=backup)
    assert (error["code"], error["field"]) == (code, field)


async def test_every_role_reads_pools_and_resources(bank: Database, settings: Settings) -> None:
    for role in ALL_ROLES:
        assert (await run(bank, settings, POOL, frozenset({role}), poolId="POOL-SALES"))["servicingPool"]["poolId"] == \
            "POOL-SALES"
        assert await run(bank, settings, RESOURCE, frozenset({role}), resourceId="R000010") == {"servicingResource": ANN}


async def test_a_resource_written_without_status_since_reads_null_and_the_next_capture_dates_it(
        bank: Database, settings: Settings) -> None:
    await bank.write("CREATE (:ServicingResource {resourceId: 'R000777', name: 'Ivy Import', kind: 'AGENT', "
                     "status: 'AVAILABLE', languages: ['en']})")  # as an analyst would, without statusSince
    read = (await run(bank, settings, RESOURCE, ANALYST, resourceId="R000777"))["servicingResource"]
    assert (read["status"], read["statusSince"]) == ("AVAILABLE", None)
    result = (await run(bank, settings, CAPTURE, FRONTEND, resourceId="R000777", status="AVAILABLE"))[
        "captureServicingResourceStatus"]
    dated = result.pop("statusSince")
    assert recent(dated) and result == {"resourceId": "R000777", "status": "AVAILABLE", "previousStatus": "AVAILABLE",
                                        "changed": False}
    before = await snapshot(bank)
    again = await run(bank, settings, CAPTURE, FRONTEND, resourceId="R000777", status="AVAILABLE")
    assert again["captureServicingResourceStatus"]["statusSince"] == dated and await snapshot(bank) == before


async def test_assigning_the_rm_of_a_manages_written_without_since_dates_it_today(
        bank: Database, settings: Settings) -> None:
    await bank.write("MATCH (r:ServicingResource {resourceId: 'R000001'}), (c:Customer {customerId: 'C0000003'}) "
                     "CREATE (r)-[:MANAGES]->(c)")  # as a relationship manager would in Browser, without since
    data = await run(bank, settings, ASSIGN, ADMIN, customerId="C0000003", resourceId="R000001")
    assert data == {"assignRelationshipManager": {
        "customerId": "C0000003", "since": datetime.datetime.now(datetime.UTC).date().isoformat(),
        "previousResourceId": None, "relationshipManager": {"resourceId": "R000001", "managedCustomerCount": 4}}}
    assert await bank.read("MATCH (r)-[m:MANAGES]->(:Customer {customerId: 'C0000003'}) "
                           "RETURN r.resourceId AS rm, m.since IS NOT NULL AS dated") == [{"rm": "R000001", "dated": True}]
