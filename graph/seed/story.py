"""The demo bank's story: the customers the README, the guides and Neo4j Browser's guide name.

The generator leaves every customer to chance; these six are written by hand on top of it, in
the first block, so the examples show something on the day the bank is loaded (all their
dates count back from the load day) and do not depend on the seed or the scale:

- **Alice Martin** (C0000001), PREMIER, heads the Martin household. Her relationship manager
  is R000001, the premier team's first RM (its id is fixed: the same at every scale), AVAILABLE,
  who also handles complaints. Her routing profile: credit rating 8 (7 until about 200 days ago),
  value tier PLATINUM, profitability HIGH, an open complaint about fees (an alert, 20 days old)
  and a SALES_PROSPECT status for her open lead LD-C0000001-1 (a pension plan, QUALIFYING,
  after she changed employer). Nothing blocks sales. She holds a current account, a platinum
  card and investment funds; not savings nor a mortgage, which Bob and Chloe hold (product
  matching suggests them; the README captures a mortgage lead, the lead guide a savings one).
  Her plan RP-C0000001 is ACTIVE and due for review in 5 days, with an open payment incident,
  a task and a meeting booked. Her events run from six months ago to last week.
- **Bob Martin** (C0000002), her partner, PREMIER, managed by the same RM, holds savings, their
  fixed-rate mortgage and home insurance, has no plan yet (the guide creates one), and his
  activity fell from five events in the 90 days before last to one in the last 90 days: the
  RM's activity review flags him.
- **Chloe Martin** (C0000003), their daughter, AFFLUENT, no RM of her own. She graduated six
  weeks ago (EV-C0000003-01): the event suggests a first credit card, which she does not hold.
- **Acme Widgets Ltd** (C0000004), CORPORATE, employs Alice, who is one of its directors;
  managed by R000002, the corporate team's first RM (a fixed id too), with a plan.
- **Dieter Braun** (C0000005), AFFLUENT, German-speaking, guarantees Acme's business loan:
  the path from Dieter to Chloe runs through Acme and Alice.
- **Acme Holdings plc** (C0000006), CORPORATE, Acme's parent (SUBSIDIARY) and owner, same RM.

Everything is derived from the reference instant (the load day) and the workforce, never
from a random stream, so the story is the same for every seed and scale (from 6 customers up).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from graph.seed.chance import start_of
from graph.seed.customers import Draft, Household
from graph.seed.events import ASSISTED_CHANNELS, EVENT_LABELS
from graph.seed.profile import Profile
from graph.seed.sales import lead_score
from graph.seed.workforce import Workforce

Row = dict[str, Any]

ALICE, BOB, CHLOE, ACME, DIETER, HOLDINGS = (f"C000000{n}" for n in range(1, 7))
PREMIER_TEAM, CORPORATE_TEAM = "POOL-PREMIER", "POOL-CORPORATE"


@dataclass(frozen=True)
class Character:
    customer_id: str
    name: str
    surname: str
    kind: str
    segment: str
    language: str
    country: str
    since: date
    team: str | None  # the RM pool whose first RM manages the customer; None: no RM


CAST = (
    Character(ALICE, "Alice Martin", "Martin", "PERSON", "PREMIER", "en", "GB", date(2015, 3, 1), PREMIER_TEAM),
    Character(BOB, "Bob Martin", "Martin", "PERSON", "PREMIER", "en", "GB", date(2016, 5, 10), PREMIER_TEAM),
    Character(CHLOE, "Chloe Martin", "Martin", "PERSON", "AFFLUENT", "en", "GB", date(2021, 9, 1), None),
    Character(ACME, "Acme Widgets Ltd", "", "ORGANIZATION", "CORPORATE", "en", "GB", date(2010, 1, 15),
              CORPORATE_TEAM),
    Character(DIETER, "Dieter Braun", "Braun", "PERSON", "AFFLUENT", "de", "DE", date(2012, 7, 7), None),
    Character(HOLDINGS, "Acme Holdings plc", "", "ORGANIZATION", "CORPORATE", "en", "GB", date(2009, 11, 30),
              CORPORATE_TEAM),
)
STORY_IDS = frozenset(character.customer_id for character in CAST)
# (from, to, kind, since): who is what of whom, beyond the household's SPOUSE and PARENT.
RELATIONS = (
    (ACME, ALICE, "EMPLOYER", date(2018, 4, 1)), (ALICE, ACME, "DIRECTOR", date(2020, 1, 1)),
    (ACME, HOLDINGS, "SUBSIDIARY", date(2010, 1, 15)), (HOLDINGS, ACME, "OWNER", date(2010, 1, 15)),
    (DIETER, ACME, "GUARANTOR", date(2019, 3, 3)),
)
HOLDINGS_OF = {  # customerId -> (productId, since, status)
    ALICE: (("P-CURRENT-ACCOUNT", date(2015, 3, 1), "ACTIVE"), ("P-CREDIT-CARD-PLATINUM", date(2018, 6, 1), "ACTIVE"),
            ("P-INVESTMENT-FUNDS", date(2020, 9, 1), "ACTIVE")),
    BOB: (("P-CURRENT-ACCOUNT", date(2016, 5, 10), "ACTIVE"), ("P-SAVINGS-ACCOUNT", date(2017, 2, 1), "ACTIVE"),
          ("P-MORTGAGE-FIXED", date(2019, 6, 1), "ACTIVE"), ("P-HOME-INSURANCE", date(2019, 6, 1), "ACTIVE")),
    CHLOE: (("P-CURRENT-ACCOUNT", date(2021, 9, 1), "ACTIVE"), ("P-SAVINGS-ACCOUNT", date(2022, 1, 10), "ACTIVE")),
    ACME: (("P-BUSINESS-ACCOUNT", date(2010, 1, 15), "ACTIVE"), ("P-CASH-MANAGEMENT", date(2014, 4, 1), "ACTIVE"),
           ("P-BUSINESS-LOAN", date(2019, 3, 3), "ACTIVE")),
    DIETER: (("P-CURRENT-ACCOUNT", date(2012, 7, 7), "ACTIVE"),),
    HOLDINGS: (("P-BUSINESS-ACCOUNT", date(2009, 11, 30), "ACTIVE"), ("P-TRADE-FINANCE", date(2016, 8, 1), "ACTIVE")),
}
RATINGS = {  # customerId -> (credit rating, value tier, profitability or None)
    ALICE: ("8", "PLATINUM", "HIGH"), BOB: ("7", "GOLD", "MEDIUM"), CHLOE: ("6", "SILVER", None),
    ACME: ("7", "PLATINUM", "HIGH"), DIETER: ("6", "SILVER", "LOW"), HOLDINGS: ("8", "PLATINUM", "HIGH"),
}
# (customerId, days ago, category, type, channel, record, result, productId, handled by the RM)
EVENTS = (
    (ALICE, 170, "RELATIONSHIP", "REVIEW_MEETING", "BRANCH", "Relationship review meeting", "COMPLETED", None, True),
    (ALICE, 140, "SERVICING", "PAYMENT_ISSUE", "PHONE", "Payment not received by the payee", "ESCALATED",
     "P-CURRENT-ACCOUNT", False),
    (ALICE, 100, "LIFE", "JOB_CHANGE", "PHONE", "Customer changed employer", "RECORDED", None, True),
    (ALICE, 40, "SALES", "LEAD_CAPTURED", "BRANCH", "Lead captured: Personal pension plan: following a life event",
     "LEAD_CREATED", "P-PENSION-PLAN", True),
    (ALICE, 20, "SERVICING", "COMPLAINT_RAISED", "PHONE", "Complaint about FEES under investigation", "ESCALATED",
     None, True),
    (ALICE, 6, "PRODUCT_PROCESSING", "STATEMENT_ISSUED", "WEB", "Annual statement issued", "COMPLETED",
     "P-INVESTMENT-FUNDS", False),
    (BOB, 175, "SERVICING", "BALANCE_ENQUIRY", "MOBILE", "Balance and recent transactions enquiry", "RESOLVED", None,
     False),
    (BOB, 160, "SALES", "OFFER_PRESENTED", "PHONE", "Offer presented", "DECLINED", "P-LIFE-INSURANCE", True),
    (BOB, 140, "PRODUCT_PROCESSING", "PAYMENT_MISSED", "WEB", "Scheduled repayment missed", "FAILED",
     "P-MORTGAGE-FIXED", False),
    (BOB, 120, "SERVICING", "CARD_REPLACEMENT", "PHONE", "Replacement card ordered", "RESOLVED",
     "P-CURRENT-ACCOUNT", False),
    (BOB, 100, "RELATIONSHIP", "CONTACT_DETAILS_UPDATED", "WEB", "Contact details updated", "COMPLETED", None, False),
    (BOB, 12, "SERVICING", "ONLINE_ACCESS_RESET", "WEB", "Online banking access reset", "RESOLVED", None, False),
    (CHLOE, 45, "LIFE", "GRADUATION", "WEB", "Customer graduated", "RECORDED", None, False),
    (CHLOE, 30, "SERVICING", "BALANCE_ENQUIRY", "MOBILE", "Balance and recent transactions enquiry", "RESOLVED", None,
     False),
    (ACME, 60, "RELATIONSHIP", "REVIEW_MEETING", "BRANCH", "Relationship review meeting", "COMPLETED", None, True),
    (ACME, 15, "LIFE", "EXPANSION", "EMAIL", "Business opened a new site", "RECORDED", None, True),
    (DIETER, 50, "SERVICING", "ADDRESS_CHANGE", "BRANCH", "Postal address updated", "RESOLVED", None, False),
    (HOLDINGS, 25, "PRODUCT_PROCESSING", "LIMIT_CHANGED", "EMAIL", "Limit change requested", "COMPLETED",
     "P-TRADE-FINANCE", True),
)


def relationship_managers(workforce: Workforce) -> dict[str, str]:
    """The RM of each team the story uses: its first member, whose id is fixed (workforce.TEAM_LEADS)."""
    return {team: workforce.members[team][0] for team in (PREMIER_TEAM, CORPORATE_TEAM)}


def staff(workforce: Workforce) -> None:
    """Alice's RM is at work (AVAILABLE) and handles complaints, so routing her contacts chooses someone."""
    rm = relationship_managers(workforce)[PREMIER_TEAM]
    for row in workforce.resources:
        if row["resourceId"] == rm:
            row["status"] = "AVAILABLE"
            row["skills"] = [skill for skill in row["skills"] if skill["code"] != "COMPLAINTS_HANDLING"]
            row["skills"].append({"code": "COMPLAINTS_HANDLING", "proficiency": 3})


def told_in(drafts: list[Draft]) -> bool:
    """Whether these drafts (a block) hold every customer of the story."""
    return STORY_IDS <= {draft.customer_id for draft in drafts}


def cast(drafts: list[Draft], reference: datetime) -> None:
    """Rewrite the story's customers as the story has them (name, kind, segment, dates, management)."""
    by_id = {draft.customer_id: draft for draft in drafts}
    for character in CAST:
        draft = by_id[character.customer_id]
        draft.row.update({
            "name": character.name, "kind": character.kind, "segment": character.segment, "status": "ACTIVE",
            "language": character.language, "country": character.country, "customerSince": character.since,
            "profileCreatedAt": start_of(character.since, reference) + timedelta(hours=9),
        })
        draft.surname = character.surname
        draft.managed = character.team is not None


def household(drafts: list[Draft], household_id: str) -> Household:
    """The Martin household: Alice heads it, Bob is her partner, Chloe their daughter."""
    by_id = {draft.customer_id: draft for draft in drafts}
    return Household(household_id, [(by_id[ALICE], "HEAD"), (by_id[BOB], "PARTNER"), (by_id[CHLOE], "DEPENDANT")])


def relations() -> list[Row]:
    return [{"fromId": source, "toId": target, "kind": kind, "since": since} for source, target, kind, since in RELATIONS]


def neighbourhood(draft: Draft, workforce: Workforce, reference: datetime) -> dict[str, list[Row]]:
    """One story customer's holdings, RM, routing profile, leads, plan and events, as block tables."""
    customer_id = draft.customer_id
    character = next(c for c in CAST if c.customer_id == customer_id)
    rm = relationship_managers(workforce)[character.team] if character.team else None
    draft.rm = rm
    holdings: list[Row] = [{"customerId": customer_id, "productId": product, "since": since, "status": status}
                           for product, since, status in HOLDINGS_OF[customer_id]]
    draft.held = [product for product, _, _ in HOLDINGS_OF[customer_id]]
    managed: list[Row] = [] if rm is None else [{"resourceId": rm, "customerId": customer_id, "since": date(2019, 1, 10)}]
    profile = _profile(draft, reference)
    leads = _leads(draft, reference) if customer_id == ALICE else []
    for lead in leads:
        profile.add("SALES_PROSPECT", lead["productId"], lead["createdAt"], None, captured_by=lead["ownerId"])
    plans = _plans(draft, reference) if customer_id in (ALICE, ACME) else []
    return {"holdings": holdings, "managed_customers": managed, "indicators": profile.rows, "leads": leads,
            "relationship_plans": plans, "events": _events(draft, workforce, reference)}


def _profile(draft: Draft, reference: datetime) -> Profile:
    profile = Profile(draft, reference)
    rating, tier, profitability = RATINGS[draft.customer_id]
    draft.credit_rating = int(rating)
    if draft.customer_id == ALICE:  # her rating went up about 200 days ago
        changed = reference - timedelta(days=200, hours=-10)
        profile.add("CREDIT_RATING", "7", profile.created, changed)
        profile.add("CREDIT_RATING", rating, changed)
    else:
        profile.add("CREDIT_RATING", rating, profile.created)
    profile.add("VALUE_TIER", tier, profile.created)
    if profitability:
        profile.add("PROFITABILITY", profitability, profile.created)
    if draft.customer_id == ALICE:
        profile.add("COMPLAINT_OPEN", "FEES", _days_ago(reference, 20))
    return profile


def _leads(draft: Draft, reference: datetime) -> list[Row]:
    """Alice's open lead: a pension plan after her change of employer, with her RM."""
    score, basis, classification = lead_score(4, "EVENT", "PLATINUM", True)
    return [{
        "customerId": draft.customer_id, "leadId": f"LD-{draft.customer_id}-1", "status": "QUALIFYING",
        "campaignType": "CROSS_SELL", "source": "EVENT", "priority": 4,
        "description": "Personal pension plan: following a life event", "createdAt": _days_ago(reference, 40),
        "closedAt": None, "productId": "P-PENSION-PLAN", "productType": "INVESTMENTS", "ownerId": draft.rm,
        "score": score, "scoreBasis": basis, "classification": classification,
        "campaignId": None, "campaignVersion": None,
    }]


def _plans(draft: Draft, reference: datetime) -> list[Row]:
    """An ACTIVE plan, started 177 days ago so its half-yearly review is due in 5 days."""
    plan_id = f"RP-{draft.customer_id}"
    today = reference.date()
    valid_from = today - timedelta(days=177)
    created = int(start_of(valid_from, reference).timestamp())
    rm = draft.rm
    alice = draft.customer_id == ALICE
    return [{
        "customerId": draft.customer_id, "planId": plan_id, "planType": "MANAGEMENT", "status": "ACTIVE",
        "description": f"{'Premier' if alice else 'Corporate'} relationship plan for {draft.get('name')}",
        "validFrom": valid_from, "validTo": valid_from + timedelta(days=365), "reviewDue": today + timedelta(days=5),
        "createdAt": created, "acceptedAt": created, "closedAt": None, "ownerId": rm,
        "goals": [
            {"goalId": f"{plan_id}-G1", "goalType": "GROW_WALLET_SHARE",
             "definition": "Grow the share of the customer's wallet held with us",
             "target": "+10% balances within 12 months", "result": "ON_TRACK"},
            {"goalId": f"{plan_id}-G2", "goalType": "RETAIN" if alice else "CROSS_SELL",
             "definition": "Keep the relationship through the next renewal" if alice
             else "Add a product the customer does not hold yet",
             "target": "no product closed for 12 months" if alice else "1 new product(s) within 12 months",
             "result": "AT_RISK" if alice else "NOT_STARTED"},
        ],
        "tasks": [{"taskId": f"DT-{plan_id}-1", "taskType": "NEEDS_ANALYSIS", "status": "OPEN",
                   "description": "Analyse the customer's needs for the coming year",
                   "createdAt": _epoch(reference, 30), "assigneeId": rm, "result": None}],
        "incidents": [{
            "incidentId": f"IN-{plan_id}-1", "incidentType": "PAYMENT_ISSUE", "source": "CUSTOMER", "status": "OPEN",
            "priority": 4, "description": "A payment was not received by the payee", "resolution": None,
            "createdAt": _epoch(reference, 140), "resolvedAt": None, "assigneeId": rm,
            "productIds": ["P-CURRENT-ACCOUNT"],
        }] if alice else [],
        "contacts": [
            {"contactId": f"PC-{plan_id}-1", "contactType": "MEETING", "status": "HELD",
             "scheduledAt": _epoch(reference, 170), "purpose": "Plan review", "durationMinutes": 60,
             "result": "Discussed the plan's goals", "resourceId": rm},
            {"contactId": f"PC-{plan_id}-2", "contactType": "MEETING", "status": "SCHEDULED",
             "scheduledAt": _epoch(reference, -4), "purpose": "Annual review", "durationMinutes": 60,
             "result": None, "resourceId": rm},
        ],
    }]


def _events(draft: Draft, workforce: Workforce, reference: datetime) -> list[Row]:
    """The story's events; an assisted contact not handled by the RM concerns the first servicing agent."""
    agent = workforce.members["POOL-SERVICING"][0]
    rows = []
    mine = [event for event in EVENTS if event[0] == draft.customer_id]
    for number, (customer_id, days, category, type_, channel, record, result, product, by_rm) in enumerate(mine, 1):
        rows.append({
            "label": EVENT_LABELS[category], "category": category, "type": type_,
            "occurredAt": _days_ago(reference, days), "channel": channel, "record": record, "result": result,
            "productId": product, "resourceId": draft.rm if by_rm and draft.rm else agent if channel in ASSISTED_CHANNELS else None,
            "eventLogId": f"EL-{customer_id}", "customerId": customer_id, "eventId": f"EV-{customer_id}-{number:02d}",
        })
    return rows


def _days_ago(reference: datetime, days: int) -> datetime:
    """Mid-morning `days` days before the load day (the reference instant is its midnight)."""
    return reference - timedelta(days=days) + timedelta(hours=10)


def _epoch(reference: datetime, days: int) -> int:
    return int(_days_ago(reference, days).timestamp())
