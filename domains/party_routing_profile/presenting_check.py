"""The presenting-customer check (BIAN's example of use): identity, active status and steering.

As a customer presents, say on logging in online, the channel asks in one call: does this
customerId exist, is the customer active, are sales blocked, how much priority, which skills
and pools must serve them? One statement, one round trip, a seek on the customer_id
constraint, so it is cheap enough for every log-in (bench/presenting_check_bench.py).

Confidential indicators (e.g. POSSIBLE_FRAUD) must still steer the interaction for a
principal that may not see them: they count towards `salesBlocked` and `priorityBoost`, and
`withheldIndicators` says how many there are, but their type, skills and pool stay hidden
(presenting_customer_check.cypher, told whether the principal sees confidential indicators).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from domains.party_routing_profile.profile import shown
from gateway.security.auth import Principal
from gateway.security.book import require_reach
from graph.database import Database, Record
from graph.queries import load
from graph.temporal import instant_or_now

PRESENTING_CUSTOMER_CHECK = load("party_routing_profile/presenting_customer_check")
ACTIVE = "ACTIVE"  # the customer lifecycle status that counts as active


@dataclass(frozen=True)
class PresentingCheck:
    """The check's answer: the instant evaluated, the statement's row with the indicators as the
    principal sees them, and whether the customer is active."""

    as_of: datetime.datetime
    row: Record
    active: bool


async def check(db: Database, principal: Principal, customer_id: str, at: datetime.datetime | None) -> PresentingCheck:
    """The check for `customer_id` as of `at` (default: now); an unknown id is an answer, not an error."""
    await require_reach(db, principal, "customerId", f"customer with customerId {customer_id!r}", customerId=customer_id)
    trusted = principal.sees_confidential
    as_of = instant_or_now(at)
    [row] = await db.read(PRESENTING_CUSTOMER_CHECK, customerId=customer_id, at=as_of, seesConfidential=trusted)
    shown_row = {**row, "blockingIndicators": [shown(i, trusted) for i in row["blockingIndicators"]],
                 "steeringIndicators": [shown(i, trusted) for i in row["steeringIndicators"]]}
    return PresentingCheck(as_of=as_of, row=shown_row, active=row["customerStatus"] == ACTIVE)
