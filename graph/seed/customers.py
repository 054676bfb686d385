"""Customers, their households and their network (RELATED_TO), one block at a time.

A block is a fixed run of consecutive customers with its own random stream, so households
and business networks form inside a block and the data never depends on how the loader
batches blocks. Households share a surname, language, country and (mostly) segment.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from graph.seed.chance import Weighted, chance, date_between, start_of
from graph.seed.names import (
    COMPANY_TRADES,
    COMPANY_WORDS,
    COUNTRIES,
    FIRST_NAMES,
    LAST_NAMES,
    LEGAL_FORMS,
)
from graph.seed.vocabulary import (
    ALWAYS_MANAGED_SEGMENTS,
    CUSTOMER_STATUSES,
    HOUSEHOLD_SIZES,
    LANGUAGES,
    ORGANIZATION_SEGMENTS,
    PERSON_SEGMENTS,
    PERSON_SHARE,
    SMALL_BUSINESS_MANAGED_SHARE,
)

Row = dict[str, Any]

FIRST_CUSTOMER_DATE = date(1985, 1, 1)
HOUSEHOLD_SHARE = 0.45  # chance that a person not yet placed starts a household
_LANGUAGE = Weighted(LANGUAGES)
_STATUS = Weighted(CUSTOMER_STATUSES)
_PERSON_SEGMENT = Weighted(PERSON_SEGMENTS)
_ORGANIZATION_SEGMENT = Weighted(ORGANIZATION_SEGMENTS)
_HOUSEHOLD_SIZE = Weighted(HOUSEHOLD_SIZES)


@dataclass(slots=True)
class Draft:
    """One customer while its block is generated; `row` is what becomes the Customer node."""

    row: Row
    surname: str = ""
    managed: bool = False
    rm: str | None = None
    credit_rating: int = 5
    held: list[str] = field(default_factory=list)
    blocked: bool = False  # carries an indicator that blocks sales

    @property
    def customer_id(self) -> str:
        return str(self.row["customerId"])

    def get(self, key: str) -> Any:
        return self.row[key]


@dataclass
class Household:
    household_id: str
    members: list[tuple[Draft, str]]  # (customer, role)

    def row(self) -> Row:
        head = self.members[0][0]
        members = [{"customerId": draft.customer_id, "role": role} for draft, role in self.members]
        return {"householdId": self.household_id, "name": f"{head.surname} household", "members": members}


def draft_customers(rng: random.Random, first_index: int, count: int, reference: datetime) -> list[Draft]:
    """Customers first_index+1 .. first_index+count, with kind, status, language and dates."""
    drafts = []
    for index in range(first_index + 1, first_index + count + 1):
        kind = "PERSON" if chance(rng, PERSON_SHARE) else "ORGANIZATION"
        drafts.append(_draft(rng, f"C{index:07d}", kind, reference))
    return drafts


def _draft(rng: random.Random, customer_id: str, kind: str, reference: datetime) -> Draft:
    status = _STATUS.pick(rng)
    language = _LANGUAGE.pick(rng)
    today = reference.date()
    if status == "PROSPECT":
        since = date_between(rng, today - timedelta(days=365), today - timedelta(days=1))
    else:
        since = date_between(rng, FIRST_CUSTOMER_DATE, today - timedelta(days=30))
    segment = (_PERSON_SEGMENT if kind == "PERSON" else _ORGANIZATION_SEGMENT).pick(rng)
    # The routing profile is created on the customer's first day; its first ratings start then.
    joined = start_of(since, reference)
    row = {
        "customerId": customer_id, "name": "", "kind": kind, "segment": segment, "status": status,
        "language": language, "customerSince": since, "country": rng.choice(COUNTRIES[language]),
        "profileCreatedAt": joined + timedelta(seconds=rng.randint(8 * 3600, 18 * 3600)),
    }
    return Draft(row, surname=rng.choice(LAST_NAMES[language]))


def form_households(rng: random.Random, drafts: list[Draft], next_number: int) -> list[Household]:
    """Groups consecutive persons of the block into households of 1-4, numbered from next_number."""
    persons = [draft for draft in drafts if draft.get("kind") == "PERSON"]
    households: list[Household] = []
    position = 0
    while position < len(persons):
        if not chance(rng, HOUSEHOLD_SHARE):
            position += 1
            continue
        size = min(_HOUSEHOLD_SIZE.pick(rng), len(persons) - position)
        group = persons[position:position + size]
        position += size
        household_id = f"H{next_number + len(households):07d}"
        households.append(Household(household_id, _assign_roles(rng, group)))
    return households


def _assign_roles(rng: random.Random, group: list[Draft]) -> list[tuple[Draft, str]]:
    """The head's language, country and surname carry over to the household."""
    head = group[0]
    members = [(head, "HEAD")]
    for position, draft in enumerate(group[1:]):
        role = "PARTNER" if position == 0 and chance(rng, 0.8) else "DEPENDANT"
        for key in ("language", "country"):
            draft.row[key] = head.get(key)
        if role == "DEPENDANT" or chance(rng, 0.6):
            draft.surname = head.surname
        if role == "PARTNER" and head.get("segment") in ALWAYS_MANAGED_SEGMENTS:
            draft.row["segment"] = head.get("segment")
        members.append((draft, role))
    return members


def name_customers(rng: random.Random, drafts: list[Draft]) -> None:
    """Persons get a first name in their language; organizations a company name."""
    for draft in drafts:
        if draft.get("kind") == "PERSON":
            first = rng.choice(FIRST_NAMES[draft.get("language")])
            draft.row["name"] = f"{first} {draft.surname}"
        else:
            draft.row["name"] = _company_name(rng, draft)


def _company_name(rng: random.Random, draft: Draft) -> str:
    legal_form = LEGAL_FORMS[draft.get("country")]
    pattern = rng.randrange(3)
    if pattern == 0:
        other = rng.choice(LAST_NAMES[draft.get("language")])
        return f"{draft.surname} & {other} {legal_form}"
    if pattern == 1:
        return f"{draft.surname} {rng.choice(COMPANY_TRADES)} {legal_form}"
    return f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_TRADES)} {legal_form}"


def decide_management(rng: random.Random, drafts: list[Draft]) -> None:
    """PREMIER, PRIVATE and CORPORATE customers have an RM, as do most small businesses."""
    for draft in drafts:
        segment = draft.get("segment")
        eligible = segment in ALWAYS_MANAGED_SEGMENTS or (
            segment == "SMALL_BUSINESS" and chance(rng, SMALL_BUSINESS_MANAGED_SHARE)
        )
        draft.managed = eligible and draft.get("status") != "CLOSED"


def household_relations(rng: random.Random, households: list[Household], reference: datetime) -> list[Row]:
    """SPOUSE between head and partner; PARENT from head and partner to each dependant."""
    rows: list[Row] = []
    for household in households:
        parents = [draft for draft, role in household.members if role in ("HEAD", "PARTNER")]
        for draft, role in household.members[1:]:
            if role == "PARTNER":
                rows.append(_relation(rng, parents[0], draft, "SPOUSE", reference))
            else:
                rows.extend(_relation(rng, parent, draft, "PARENT", reference) for parent in parents)
    return rows


def business_relations(rng: random.Random, drafts: list[Draft], reference: datetime) -> list[Row]:
    """Employees, directors, owners and guarantors of the block's organizations, and group structures."""
    persons = [draft for draft in drafts if draft.get("kind") == "PERSON"]
    organizations = [draft for draft in drafts if draft.get("kind") == "ORGANIZATION"]
    rows: list[Row] = []
    for position, organization in enumerate(organizations):
        rows.extend(_people_of(rng, organization, persons, reference))
        earlier = organizations[:position]
        if earlier and organization.get("segment") == "CORPORATE" and chance(rng, 0.3):
            parent = rng.choice(earlier)
            rows.append(_relation(rng, organization, parent, "SUBSIDIARY", reference))
            if chance(rng, 0.5):
                rows.append(_relation(rng, parent, organization, "OWNER", reference))
    return rows


def _people_of(rng: random.Random, organization: Draft, persons: list[Draft], reference: datetime) -> list[Row]:
    if not persons:
        return []
    rows = [_relation(rng, organization, employee, "EMPLOYER", reference)
            for employee in rng.sample(persons, min(len(persons), rng.randint(0, 3)))]
    director = rng.choice(persons)
    rows.append(_relation(rng, director, organization, "DIRECTOR", reference))
    if organization.get("segment") == "SMALL_BUSINESS" and chance(rng, 0.7):
        rows.append(_relation(rng, director, organization, "OWNER", reference))
        if chance(rng, 0.25):
            rows.append(_relation(rng, director, organization, "GUARANTOR", reference))
    return rows


def _relation(rng: random.Random, a: Draft, b: Draft, kind: str, reference: datetime) -> Row:
    """`a` is the <kind> of `b`, since a day on which both were already customers."""
    start = max(a.get("customerSince"), b.get("customerSince"))
    since = date_between(rng, start, reference.date())
    return {"fromId": a.customer_id, "toId": b.customer_id, "kind": kind, "since": since}
