"""Who a CRM resolver acts for: the request's principal, which the rules (domains/customer_relationship_management/
access.py) take as a plain value. NARRATIVE_READERS is named here too for gateway/security/matrix.py.
"""

from __future__ import annotations

from domains.customer_relationship_management.access import NARRATIVE_READERS
from gateway.security.auth import Principal
from resolvers.context import Info

__all__ = ["NARRATIVE_READERS", "principal"]


def principal(info: Info) -> Principal:
    found: Principal = info.context.caller
    return found
