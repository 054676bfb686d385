"""Who a CRM resolver acts for: the request's principal, which the rules (domains/customer_relationship_management/
access.py) take as a plain value.
"""

from __future__ import annotations

from gateway.security.auth import Principal
from resolvers.context import Info

__all__ = ["principal"]


def principal(info: Info) -> Principal:
    found: Principal = info.context.caller
    return found
