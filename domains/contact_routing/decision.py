"""The routing decision: who is best suited to serve a contact, and why.

One statement (`cypher/contact_routing/routing_candidates.cypher`) reads everything: the dry
run runs it alone, the allocation runs the same text inside its write transaction and allocates
`candidates[0]`, so the two can never disagree. docs/contact-routing.md states the rules in full:
required skills and where they come from, the hard constraints, sales blocking, the preference
tiers, and the routing score: preference first, then optional skills kept, then proficiencies
(computed in the statement, explained in the docs). This module reads the decision and words
what it found: unknown references, why a contact is queued, why a pool was forced.
"""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable
from typing import Any

from domains.contact_routing.contact import Contact, checked, checked_limit
from domains.found import found, unknown
from gateway.security.auth import Principal
from gateway.security.book import require_reach
from graph.database import Database, Record
from graph.queries import load

ROUTING_CANDIDATES = load("contact_routing/routing_candidates")

# The preference tiers, best first: a candidate's `tier` is its position here plus one.
PREFERENCES = ("OWN_RM", "RM_BACKUP", "HOUSEHOLD_RM", "RELATED_PARTY_RM", "QUALIFIED")
SALES = "SALES"

Runner = Callable[..., Awaitable[list[Record]]]


async def decide(run: Runner, contact: Contact, at: datetime.datetime, limit: int, explain: bool) -> Record:
    """The statement's row for `contact` at `at` (`run`: a Database's read or a Transaction's run)."""
    return routing_row(await run(ROUTING_CANDIDATES, **contact.parameters(at, limit, explain)), contact)


async def preview(db: Database, who: Principal, contact: Contact, at: datetime.datetime, limit: int,
                  explain: bool) -> Record:
    """The decision as a dry run, for a principal whose book (if any) holds the customer."""
    checked(contact)
    checked_limit(limit)
    await require_reach(db, who, "request.customerId", f"customer '{contact.customer_id}'",
                        customerId=contact.customer_id)
    return await decide(db.read, contact, at, limit, explain)


def routing_row(rows: list[Record], contact: Contact) -> Record:
    """The statement's one row, or NOT_FOUND naming the first unknown reference of the request."""
    row = found(rows, "customer", contact.customer_id, "request.customerId")
    if not row["productFound"]:
        raise unknown("product", contact.product_id, "request.productId")
    if row["unknownSkills"]:
        missing = set(row["unknownSkills"])
        field = ("request.requiredSkills" if any(code in missing for code, _ in contact.required)
                 else "request.optionalSkills")
        raise unknown("skill", ", ".join(row["unknownSkills"]), field, by="code")
    if not row["purposeKnown"]:
        raise unknown("servicing pool", contact.purpose, "request.purpose", by="purpose")
    return row


def preference(tier: int) -> str:
    """The name of a candidate's preference tier (1 is the customer's own RM)."""
    return PREFERENCES[tier - 1]


def relaxed(optional: list[str], kept: int) -> list[str]:
    """The optional skills dropped to admit a candidate that meets the first `kept`: relaxed last-first."""
    return list(reversed(optional[kept:]))


def shown(indicator: dict[str, Any], trusted: bool) -> str | None:
    """An indicator type's code, or None when it is confidential and the principal may not see it."""
    return indicator["type"] if trusted or not indicator["confidential"] else None


def notes(row: Record, trusted: bool) -> list[str]:
    """Why the purpose or the pools differ from the request (sales blocking), for the principal."""
    if not row["salesBlocked"]:
        return []
    names = [shown(b, trusted) or "a confidential indicator" for b in row["blockedBy"]]
    said = [f"sales are blocked by {', '.join(names)}: no member of a SALES pool may take the contact"]
    if row["requestedPurpose"] == SALES:
        said.append("the requested purpose SALES was overridden because sales are blocked")
    forced = row["forcedBy"]
    if forced:
        said.append(f"routed to {forced['pool']}, the specialist pool of "
                    f"{shown(forced, trusted) or 'a confidential indicator'}")
    return said


def why_queued(row: Record) -> str:
    """Why nobody qualifies for the contact, from the constraints the decision applied."""
    reason = f"no available resource with free {row['channel']} capacity speaks {row['language']}"
    if row["required"]:
        reason += " with " + ", ".join(f"{r['code']} ≥ {r['minProficiency']}" for r in row["required"])
    if row["forcedBy"]:
        reason += f" in {row['forcedBy']['pool']}"
    elif row["purpose"]:
        reason += f" among the customer's RMs and the {row['purpose']} pools"
    if row["salesBlocked"]:
        reason += " outside SALES pools"
    if row["optional"]:
        reason += ", even with every optional skill relaxed"
    return reason
