"""The demo bank as rows for the loader: pure, deterministic, no I/O.

`reference_data` is the bank's fixed vocabulary and its workforce; `customer_blocks` yields
the customers BLOCK_SIZE at a time with their whole neighbourhood. Each block draws from
its own seeded stream and ids are numbered by position, so the same seed and scale give the
same bank however the loader groups blocks into write batches, and memory stays flat.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

from graph.seed import events, profile, sales, story
from graph.seed.customers import (
    Draft,
    business_relations,
    decide_management,
    draft_customers,
    form_households,
    household_relations,
    name_customers,
)
from graph.seed.vocabulary import (
    CAMPAIGNS,
    EVENT_TYPES,
    INDICATOR_TYPES,
    POOLS,
    PRODUCTS,
    SKILLS,
    IndicatorType,
    Product,
)
from graph.seed.workforce import OFFER_TIMEOUT_SECONDS, SERVICE_LEVEL_SECONDS, Workforce, build_workforce

Row = dict[str, Any]

# "Today" for the data: seed_bank uses the day of loading (load_day); the generator's functions
# default to this fixed day so that their tests compare like with like.
REFERENCE_INSTANT = datetime(2026, 1, 1, tzinfo=UTC)
BLOCK_SIZE = 50


def load_day(now: datetime | None = None) -> datetime:
    """Midnight UTC of the day of loading: the bank is deterministic for a seed and a day."""
    moment = now or datetime.now(UTC)
    return datetime(moment.year, moment.month, moment.day, tzinfo=UTC)


@dataclass
class Rows:
    """Rows per loader statement; `nodes` and `relationships` say what they will create."""

    def nodes(self) -> int:
        return sum(_NODES.get(name, _none)(row) for name, rows in self.tables() for row in rows)

    def relationships(self) -> int:
        return sum(_RELATIONSHIPS.get(name, _none)(row) for name, rows in self.tables() for row in rows)

    def tables(self) -> list[tuple[str, list[Row]]]:
        return [(item.name, getattr(self, item.name)) for item in fields(self)]


@dataclass
class ReferenceData(Rows):
    skills: list[Row] = field(default_factory=list)
    broader_skills: list[Row] = field(default_factory=list)
    products: list[Row] = field(default_factory=list)
    servicing_pools: list[Row] = field(default_factory=list)
    indicator_types: list[Row] = field(default_factory=list)
    event_types: list[Row] = field(default_factory=list)
    campaigns: list[Row] = field(default_factory=list)
    servicing_resources: list[Row] = field(default_factory=list)
    backup_resources: list[Row] = field(default_factory=list)


@dataclass
class CustomerBlock(Rows):
    customers: list[Row] = field(default_factory=list)
    households: list[Row] = field(default_factory=list)
    related_customers: list[Row] = field(default_factory=list)
    holdings: list[Row] = field(default_factory=list)
    managed_customers: list[Row] = field(default_factory=list)
    indicators: list[Row] = field(default_factory=list)
    leads: list[Row] = field(default_factory=list)
    relationship_plans: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)

    def extend(self, other: CustomerBlock) -> None:
        for name, rows in other.tables():
            getattr(self, name).extend(rows)


def _none(row: Row) -> int:
    return 0


def _one(row: Row) -> int:
    return 1


_NODES: dict[str, Callable[[Row], int]] = {
    "skills": _one, "products": _one, "servicing_pools": _one, "indicator_types": _one, "event_types": _one,
    "servicing_resources": _one, "campaigns": _one, "customers": lambda row: 3, "households": _one, "indicators": _one,
    "leads": _one, "events": _one,
    "relationship_plans": lambda row: 1 + sum(len(row[work]) for work in ("goals", "tasks", "incidents", "contacts")),
}
_RELATIONSHIPS: dict[str, Callable[[Row], int]] = {
    "broader_skills": _one, "products": lambda row: len(row["needsSkills"]),
    "indicator_types": lambda row: len(row["requires"]) + int(row["routesTo"] is not None),
    "event_types": lambda row: len(row["suggests"]),
    "servicing_resources": lambda row: len(row["skills"]) + len(row["pools"]), "backup_resources": _one,
    "customers": lambda row: 2, "households": lambda row: len(row["members"]), "related_customers": _one,
    "holdings": _one, "managed_customers": _one, "indicators": lambda row: 2,
    "leads": lambda row: 4 + int(row["campaignId"] is not None),  # HAS_LEAD, FOR_PRODUCT, OWNED_BY, SETS
    # HAS_PLAN, OWNED_BY; HAS_GOAL; HAS_DEVELOPMENT_TASK + ASSIGNED_TO; HAS_INCIDENT + ASSIGNED_TO + CONCERNS;
    # HAS_CONTACT + WITH_RESOURCE
    "relationship_plans": lambda row: (2 + len(row["goals"]) + 2 * len(row["tasks"]) + 2 * len(row["contacts"])
                                       + sum(2 + len(incident["productIds"]) for incident in row["incidents"])),
    "events": lambda row: 1 + int(row["productId"] is not None) + int(row["resourceId"] is not None),
}


# Which fields of each table hold a date or datetime (the loader converts them for the wire).
TEMPORAL_FIELDS: dict[str, tuple[str, ...]] = {
    "servicing_resources": ("statusSince",), "customers": ("customerSince", "profileCreatedAt"),
    "related_customers": ("since",), "holdings": ("since",), "managed_customers": ("since",),
    "indicators": ("validFrom", "validTo", "capturedAt"), "leads": ("createdAt", "closedAt"),
    "relationship_plans": ("validFrom", "validTo", "reviewDue"), "events": ("occurredAt",),
}


def reference_data(customers: int, seed: int, reference: datetime = REFERENCE_INSTANT) -> tuple[ReferenceData, Workforce]:
    """Skills, products, pools and indicator types, and a workforce sized for `customers`."""
    workforce = build_workforce(customers, seed, reference)
    story.staff(workforce)
    data = ReferenceData(
        skills=[{"code": skill.code, "name": skill.name} for skill in SKILLS],
        broader_skills=[{"code": skill.code, "broader": skill.broader} for skill in SKILLS if skill.broader],
        products=[_product(product) for product in PRODUCTS],
        servicing_pools=[
            {"poolId": pool.pool_id, "name": pool.name, "purpose": pool.purpose, "strategy": pool.strategy,
             "offerTimeoutSeconds": OFFER_TIMEOUT_SECONDS, "serviceLevelSeconds": SERVICE_LEVEL_SECONDS}
            for pool in POOLS
        ],
        indicator_types=[_indicator_type(kind) for kind in INDICATOR_TYPES],
        event_types=event_type_rows(),
        campaigns=[{"campaignId": c.campaign_id, "name": c.name, "type": c.type, "version": c.version,
                    "startsOn": c.starts_on, "endsOn": c.ends_on} for c in CAMPAIGNS],
        servicing_resources=workforce.resources,
        backup_resources=workforce.backups,
    )
    return data, workforce


def event_type_rows() -> list[Row]:
    """The Customer Event History vocabulary as rows for cypher/seed/create_event_types."""
    return [{"code": kind.code, "category": kind.category, "name": kind.name,
             "suggests": [{"productId": product, "reason": reason} for product, reason in kind.suggests]}
            for kind in EVENT_TYPES]


def _product(product: Product) -> Row:
    return {
        "productId": product.product_id, "name": product.name, "family": product.family,
        "segments": list(product.segments), "minCreditRating": product.min_credit_rating,
        "needsSkills": list(product.needs_skills),
    }


def _indicator_type(kind: IndicatorType) -> Row:
    return {
        "code": kind.code, "kind": kind.kind, "name": kind.name, "description": kind.description,
        "blocksSales": kind.blocks_sales, "priorityBoost": kind.priority_boost, "severity": kind.severity,
        "requires": [{"code": code, "minProficiency": level} for code, level in kind.requires],
        "routesTo": kind.routes_to, "confidential": kind.confidential,
        "allowedValues": None if kind.allowed_values is None else list(kind.allowed_values),
        "validityDays": kind.validity_days,
    }


def customer_blocks(customers: int, seed: int, workforce: Workforce,
                    reference: datetime = REFERENCE_INSTANT) -> Iterator[CustomerBlock]:
    """Customers C0000001..C<customers>, BLOCK_SIZE per block, each with its neighbourhood."""
    next_household = 1
    for first in range(0, customers, BLOCK_SIZE):
        rng = random.Random(f"{seed}/customers/{first // BLOCK_SIZE}")
        block, households = _block(rng, first, min(BLOCK_SIZE, customers - first), next_household,
                                   workforce, reference)
        next_household += households
        yield block


def _block(rng: random.Random, first: int, count: int, next_household: int, workforce: Workforce,
           reference: datetime) -> tuple[CustomerBlock, int]:
    drafts = draft_customers(rng, first, count, reference)
    # The story's customers (graph/seed/story.py) are written by hand; chance makes the others.
    told = story.told_in(drafts)
    others = [draft for draft in drafts if not (told and draft.customer_id in story.STORY_IDS)]
    if told:
        story.cast(drafts, reference)
    households = [story.household(drafts, f"H{next_household:07d}")] if told else []
    households += form_households(rng, others, next_household + len(households))
    name_customers(rng, others)
    decide_management(rng, others)
    block = CustomerBlock(
        customers=[draft.row for draft in drafts],
        households=[household.row() for household in households],
        related_customers=household_relations(rng, households, reference) + business_relations(rng, others, reference)
        + (story.relations() if told else []),
    )
    for draft in drafts:
        if told and draft.customer_id in story.STORY_IDS:
            for name, rows in story.neighbourhood(draft, workforce, reference).items():
                getattr(block, name).extend(rows)
        else:
            _neighbourhood(rng, draft, workforce, reference, block)
    return block, len(households)


def _neighbourhood(rng: random.Random, draft: Draft, workforce: Workforce, reference: datetime,
                   block: CustomerBlock) -> None:
    """Profile, holdings, RM, leads, plan and events of one customer, in dependency order."""
    party = profile.Profile(draft, reference)
    profile.ratings(rng, party)
    held = sales.holdings(rng, draft, reference)
    block.holdings.extend(held)
    profile.statuses(rng, party)
    profile.alerts(rng, party)
    block.managed_customers.extend(sales.assign_manager(rng, draft, workforce, reference))
    leads, won = sales.leads(rng, draft, workforce, party)
    profile.sales_prospects(party, leads)
    block.holdings.extend(won)
    block.leads.extend(leads)
    block.indicators.extend(party.rows)
    active = [row["productId"] for row in held if row["status"] == "ACTIVE"]
    block.relationship_plans.extend(sales.relationship_plan(rng, draft, reference, active))
    block.events.extend(events.event_log(rng, draft, workforce, reference, leads, party.rows))


def customer_batches(customers: int, seed: int, workforce: Workforce, batch_size: int,
                     reference: datetime = REFERENCE_INSTANT) -> Iterator[CustomerBlock]:
    """Blocks grouped into write batches of about `batch_size` customers (whole blocks)."""
    blocks_per_batch = max(1, batch_size // BLOCK_SIZE)
    batch = CustomerBlock()
    for number, block in enumerate(customer_blocks(customers, seed, workforce, reference), start=1):
        batch.extend(block)
        if number % blocks_per_batch == 0:
            yield batch
            batch = CustomerBlock()
    if batch.customers:
        yield batch
