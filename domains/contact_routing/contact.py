"""A contact to route, in one shape from the request to the routing statement's parameters and
the Allocation node: the resolver builds it once from its input, the allocation stamps who asked
and when, and every attempt to serve it (a re-route, the queue) is routed again from it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from domains.contact_routing.vocabulary import LANGUAGE, PROFICIENCIES, in_range, once_each
from graph.errors import ValidationFailed

PRIORITIES = range(0, 11)
LIMITS = range(1, 51)
MAX_SKILLS = 20

Skills = tuple[tuple[str, int], ...]  # (skill code, minimum proficiency), most wanted first


@dataclass(frozen=True)
class Contact:
    """What was asked for a customer's contact, in the bank's terms (codes as stored in the graph)."""

    customer_id: str
    channel: str
    language: str | None = None
    product_id: str | None = None
    purpose: str | None = None
    required: Skills = ()
    optional: Skills = ()
    requested_priority: int = 0
    # Resources that rejected the contact or let its offer lapse: never offered it again.
    excluded: tuple[str, ...] = ()
    # Stamped when the contact is allocated; a dry run leaves them empty.
    contact_id: str = ""
    requested_at: datetime.datetime | None = None
    requested_by: str = ""
    idempotency_key: str | None = None
    fingerprint: str | None = None

    def asked(self) -> dict[str, Any]:
        """The routing request's own parameters: what the idempotency fingerprint covers."""
        return {
            "customerId": self.customer_id, "channel": self.channel, "language": self.language,
            "productId": self.product_id, "purpose": self.purpose, "priority": self.requested_priority,
            "requestSkills": [{"code": c, "minProficiency": m} for c, m in self.required],
            "optionalSkills": [{"code": c, "minProficiency": m} for c, m in self.optional],
            "excludedResourceIds": list(self.excluded),
        }

    def parameters(self, at: datetime.datetime, limit: int, explain: bool) -> dict[str, Any]:
        """routing_candidates.cypher's one parameter, `request`, for this contact at `at`: `limit`
        candidates, and with `explain` the rejected resources ranked too (an evaluation of every
        searched resource)."""
        return {"request": {**self.asked(), "at": at, "limit": limit, "explain": explain}}

    def properties(self) -> dict[str, Any]:
        """The Allocation node's properties that describe the contact (docs/graph-model.md)."""
        return {
            "contactId": self.contact_id, "customerId": self.customer_id, "channel": self.channel,
            "language": self.language, "productId": self.product_id, "purpose": self.purpose,
            "requiredSkillCodes": [c for c, _ in self.required], "requiredSkillMinimums": [m for _, m in self.required],
            "optionalSkillCodes": [c for c, _ in self.optional], "optionalSkillMinimums": [m for _, m in self.optional],
            "requestedPriority": self.requested_priority, "requestedAt": self.requested_at,
            "requestedBy": self.requested_by, "excludedResourceIds": list(self.excluded),
            "idempotencyKey": self.idempotency_key, "fingerprint": self.fingerprint,
        }

    @classmethod
    def from_node(cls, node: dict[str, Any]) -> Contact:
        """The contact an Allocation node serves (its idempotency key stays with the first attempt)."""
        return cls(
            contact_id=node["contactId"], customer_id=node["customerId"], channel=node["channel"],
            language=node.get("language"), product_id=node.get("productId"), purpose=node.get("purpose"),
            required=tuple(zip(node.get("requiredSkillCodes") or [], node.get("requiredSkillMinimums") or [], strict=True)),
            optional=tuple(zip(node.get("optionalSkillCodes") or [], node.get("optionalSkillMinimums") or [], strict=True)),
            requested_priority=node["requestedPriority"], requested_at=node["requestedAt"].to_native(),
            requested_by=node["requestedBy"], excluded=tuple(node.get("excludedResourceIds") or []),
        )


def checked(contact: Contact) -> Contact:
    """`contact` when a client may ask for it, else VALIDATION naming the request's field."""
    if contact.language is not None and not LANGUAGE.fullmatch(contact.language):
        raise ValidationFailed("language must be an ISO 639-1 code of 2 lower-case letters, e.g. fr",
                               field="request.language")
    _check_skills(contact.required, "request.requiredSkills")
    _check_skills(contact.optional, "request.optionalSkills")
    once_each([c for c, _ in contact.required + contact.optional], "request.optionalSkills",
              "skill, required or optional,")
    in_range(contact.requested_priority, PRIORITIES, "request.priority")
    return contact


def checked_limit(limit: int) -> int:
    return in_range(limit, LIMITS, "limit")


def _check_skills(skills: Skills, field: str) -> None:
    once_each((code for code, _ in skills), field, "skill")
    if len(skills) > MAX_SKILLS:
        raise ValidationFailed(f"at most {MAX_SKILLS} skills may be given", field=field)
    for _, minimum in skills:
        in_range(minimum, PROFICIENCIES, f"{field}.minProficiency")
