"""The allocation lifecycle: QUEUED → PENDING → ACCEPTED → COMPLETED; PENDING → REJECTED or
TIMED_OUT (the contact is re-routed, never to the same resource); QUEUED, PENDING or ACCEPTED →
CANCELLED. Any other step is a CONFLICT; repeating a step that already happened changes nothing.

Plain codes, as stored on the Allocation node; the GraphQL enums (resolvers/contact_routing/
vocabulary.py) carry the same names with their descriptions.
"""

from __future__ import annotations

import enum


class Status(enum.StrEnum):
    QUEUED = "QUEUED"
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    COMPLETED = "COMPLETED"
    REJECTED = "REJECTED"
    TIMED_OUT = "TIMED_OUT"
    CANCELLED = "CANCELLED"


class Action(enum.StrEnum):
    ACCEPT = "ACCEPT"
    REJECT = "REJECT"
    COMPLETE = "COMPLETE"
    CANCEL = "CANCEL"


# action → (the statuses it may start from, the status it leads to)
TRANSITIONS: dict[Action, tuple[frozenset[Status], Status]] = {
    Action.ACCEPT: (frozenset({Status.PENDING}), Status.ACCEPTED),
    Action.REJECT: (frozenset({Status.PENDING}), Status.REJECTED),
    Action.COMPLETE: (frozenset({Status.ACCEPTED}), Status.COMPLETED),
    Action.CANCEL: (frozenset({Status.QUEUED, Status.PENDING, Status.ACCEPTED}), Status.CANCELLED),
}
# The statuses that occupy the resource's capacity on the contact's channel.
HOLDS_CAPACITY = frozenset({Status.PENDING, Status.ACCEPTED})
EVENT_TYPES = {Status.ACCEPTED: "CONTACT_ACCEPTED", Status.COMPLETED: "CONTACT_COMPLETED",
               Status.CANCELLED: "CONTACT_CANCELLED"}
