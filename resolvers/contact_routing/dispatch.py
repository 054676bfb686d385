"""Where app.py and the tests import the dispatcher from until the merge repoints them at
domains/contact_routing/dispatch.py (then this module goes): the same names, and a Dispatcher
whose passes name their log lines with the gateway's request id."""

from __future__ import annotations

from domains.contact_routing import dispatch
from domains.contact_routing.contact import Contact
from domains.contact_routing.dispatch import new_allocation_id, plan_routing, serve_waiting_contacts, withdraw_lapsed_offers
from gateway.request_id import current_request_id
from graph.database import Database

__all__ = ["Contact", "Dispatcher", "new_allocation_id", "plan_routing", "serve_waiting_contacts",
           "withdraw_lapsed_offers"]


class Dispatcher(dispatch.Dispatcher):
    def __init__(self, db: Database, interval: float) -> None:
        super().__init__(db, interval, name_pass=current_request_id.set)
