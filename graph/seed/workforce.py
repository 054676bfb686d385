"""The bank's servicing resources: agents, specialists and relationship managers.

The workforce scales with the customer book (about one resource per 40 customers, at
least 12) and every pool gets members, so routing always has somewhere to go. Relationship
managers are sized so each carries a book of about RM_BOOK_SIZE managed customers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from graph.seed.chance import Weighted, chance
from graph.seed.names import FIRST_NAMES, LAST_NAMES
from graph.seed.vocabulary import (
    LANGUAGES,
    ORGANIZATION_SEGMENTS,
    PERSON_SEGMENTS,
    PERSON_SHARE,
    POOLS,
    RESOURCE_STATUSES,
    RM_BOOK_SIZE,
    SKILLS,
    SMALL_BUSINESS_MANAGED_SHARE,
    Pool,
)

Row = dict[str, Any]

MIN_RESOURCES = 12
# Every seeded pool's settings: an offered contact is withdrawn after OFFER_TIMEOUT_SECONDS, and
# the service level counts contacts answered within SERVICE_LEVEL_SECONDS (provideServicingPool's defaults).
OFFER_TIMEOUT_SECONDS = 30
SERVICE_LEVEL_SECONDS = 20
CUSTOMERS_PER_RESOURCE = 40
# The first RM of each relationship team has a fixed id, the same at every scale and seed, so the
# README, the guides and the query library can name the demo story's RMs (graph/seed/story.py);
# every other resource is numbered after them, in pool order.
TEAM_LEADS = {"POOL-PREMIER": "R000001", "POOL-CORPORATE": "R000002"}
CAPACITY = {  # phone, chat, video, branch, email; 0 = does not serve that channel
    "AGENT": (1, 3, 0, 0, 5),
    "SPECIALIST": (1, 2, 1, 0, 5),
    "RELATIONSHIP_MANAGER": (1, 2, 1, 1, 10),
}
_LANGUAGE = Weighted(LANGUAGES)
_STATUS = Weighted(RESOURCE_STATUSES)
_SKILL_CODES = [skill.code for skill in SKILLS]


@dataclass
class Workforce:
    resources: list[Row] = field(default_factory=list)
    backups: list[Row] = field(default_factory=list)
    members: dict[str, list[str]] = field(default_factory=dict)  # poolId -> resourceIds
    speakers: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (poolId, language) -> RMs

    def relationship_manager(self, rng: random.Random, pool_id: str, language: str) -> str:
        """An RM of the pool, preferring one who speaks the customer's language."""
        return rng.choice(self.speakers.get((pool_id, language)) or self.members[pool_id])

    def member(self, rng: random.Random, pool_id: str) -> str:
        return rng.choice(self.members[pool_id])


def pool_sizes(customers: int) -> dict[str, int]:
    """How many resources each pool gets at this scale (each resource has one home pool)."""
    total = max(MIN_RESOURCES, customers // CUSTOMERS_PER_RESOURCE)
    rm_pools = {"POOL-PREMIER": _premier_share(), "POOL-CORPORATE": _corporate_share()}
    sizes = {pool: max(2, round(customers * share / RM_BOOK_SIZE)) for pool, share in rm_pools.items()}
    others = [pool for pool in POOLS if pool.weight > 0]
    rest = max(total - sum(sizes.values()), len(others))
    weight = sum(pool.weight for pool in others)
    for pool in others[1:]:
        sizes[pool.pool_id] = max(1, rest * pool.weight // weight)
    sizes[others[0].pool_id] = rest - sum(sizes[pool.pool_id] for pool in others[1:])
    return sizes


def _premier_share() -> float:
    return PERSON_SHARE * (PERSON_SEGMENTS["PREMIER"] + PERSON_SEGMENTS["PRIVATE"]) / sum(PERSON_SEGMENTS.values())


def _corporate_share() -> float:
    total = sum(ORGANIZATION_SEGMENTS.values())
    managed = ORGANIZATION_SEGMENTS["CORPORATE"] + ORGANIZATION_SEGMENTS["SMALL_BUSINESS"] * SMALL_BUSINESS_MANAGED_SHARE
    return (1 - PERSON_SHARE) * managed / total


def build_workforce(customers: int, seed: int, reference: datetime) -> Workforce:
    rng = random.Random(f"{seed}/workforce")
    workforce = Workforce()
    sizes = pool_sizes(customers)
    numbered = len(TEAM_LEADS)
    for pool in POOLS:
        workforce.members.setdefault(pool.pool_id, [])
        for position in range(sizes[pool.pool_id]):
            if position == 0 and pool.pool_id in TEAM_LEADS:
                resource_id = TEAM_LEADS[pool.pool_id]
            else:
                numbered += 1
                resource_id = f"R{numbered:06d}"
            row = _resource(rng, resource_id, pool, reference, first_in_pool=position == 0)
            workforce.resources.append(row)
            _enrol(workforce, row)
    workforce.backups = _backups(workforce)
    return workforce


def _resource(rng: random.Random, resource_id: str, pool: Pool, reference: datetime, first_in_pool: bool) -> Row:
    languages = _languages(rng, english=first_in_pool)
    phone, chat, video, branch, email = CAPACITY[pool.resource_kind]
    return {
        "resourceId": resource_id,
        "name": f"{rng.choice(FIRST_NAMES[languages[0]])} {rng.choice(LAST_NAMES[languages[0]])}",
        "kind": pool.resource_kind,
        "status": _STATUS.pick(rng),
        "statusSince": reference - timedelta(seconds=rng.randint(60, 8 * 3600)),
        "languages": languages,
        "capacityPhone": phone, "capacityChat": chat, "capacityVideo": video if chance(rng, 0.7) else 0,
        "capacityBranch": branch, "capacityEmail": email,
        "skills": _skills(rng, pool),
        "pools": _pools(rng, pool),
    }


def _languages(rng: random.Random, english: bool) -> list[str]:
    """Primary language first; most staff also speak English (the first of each pool always)."""
    primary = "en" if english else _LANGUAGE.pick(rng)
    spoken = [primary]
    if primary != "en" and chance(rng, 0.85):
        spoken.append("en")
    extra = _LANGUAGE.pick(rng)
    if extra not in spoken and chance(rng, 0.25):
        spoken.append(extra)
    return spoken


def _skills(rng: random.Random, pool: Pool) -> list[Row]:
    """The pool's core skills at working level or better, plus a couple of side skills."""
    low = 2 if pool.resource_kind == "AGENT" else 3
    skills = {code: rng.randint(low, 5) for code in pool.skills}
    if pool.pool_id == "POOL-SERVICING" and chance(rng, 0.3):
        skills["COMPLAINTS_HANDLING"] = rng.randint(2, 4)
    for code in rng.sample(_SKILL_CODES, 2):
        skills.setdefault(code, rng.randint(1, 3))
    return [{"code": code, "proficiency": level} for code, level in skills.items()]


def _pools(rng: random.Random, pool: Pool) -> list[str]:
    """A home pool; some servicing agents also take sales calls."""
    if pool.pool_id == "POOL-SERVICING" and chance(rng, 0.15):
        return [pool.pool_id, "POOL-SALES"]
    return [pool.pool_id]


def _enrol(workforce: Workforce, row: Row) -> None:
    for pool_id in row["pools"]:
        workforce.members.setdefault(pool_id, []).append(row["resourceId"])
    if row["kind"] == "RELATIONSHIP_MANAGER":
        for language in row["languages"]:
            workforce.speakers.setdefault((row["pools"][0], language), []).append(row["resourceId"])


def _backups(workforce: Workforce) -> list[Row]:
    """Each RM is backed up by the next RM of the same pool, in a ring."""
    rows: list[Row] = []
    for pool in POOLS:
        if pool.resource_kind != "RELATIONSHIP_MANAGER":
            continue
        ring = workforce.members[pool.pool_id]
        for index, resource_id in enumerate(ring):
            rows.append({"resourceId": ring[(index + 1) % len(ring)], "backupFor": resource_id})
    return rows
