"""Who is asking: the principal from a bearer JWT, and the one permission check resolvers use.

Tokens are JWTs carrying `sub` and `roles` (a list of role names), signed HS256 with
GATEWAY_JWT_SECRET or RS256 with a key of GATEWAY_JWT_JWKS_FILE; `exp` is required. In
local-development mode a request without a token acts as the local developer with every role;
a token, when sent, is still verified.
"""

from __future__ import annotations

import enum
import hashlib
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jwt
import strawberry
from strawberry.extensions import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension

from gateway.security import jwt_keys
from gateway.settings import Settings
from graph.errors import Forbidden, Unauthenticated
from graph.lru import Lru

if TYPE_CHECKING:  # the context names the principal defined here
    from resolvers.context import Info


@strawberry.enum(description="What a principal may do; a token carries one or more.")
class Role(enum.Enum):
    FRONTEND = "frontend"
    RELATIONSHIP_MANAGER = "relationship_manager"
    ANALYST = "analyst"
    ADMIN = "admin"


ALL_ROLES = frozenset(Role)
# Who sees what is confidential: indicators such as POSSIBLE_FRAUD, alert narratives, fraud events.
CONFIDENTIAL_READERS = frozenset({Role.RELATIONSHIP_MANAGER, Role.ADMIN})


@dataclass(frozen=True)
class Principal:
    subject: str
    roles: frozenset[Role]
    # The servicing resource (resourceId) a relationship manager acts as, from the optional
    # `resourceId` claim; without it the subject is taken as the resourceId (acting_resource).
    resource_id: str | None = None

    def has_any(self, roles: frozenset[Role]) -> bool:
        return bool(self.roles & roles)

    @property
    def sees_confidential(self) -> bool:
        """Whether confidential routing indicators and fraud events are shown to this principal."""
        return self.has_any(CONFIDENTIAL_READERS)


LOCAL_DEVELOPER = Principal("local-developer", ALL_ROLES)


def authenticate(settings: Settings, authorization: str | None) -> Principal:
    """The principal behind an Authorization header value, or Unauthenticated."""
    token = bearer_token(settings, authorization)
    return LOCAL_DEVELOPER if token is None else principal_from_claims(decode_token(settings, token))


def bearer_token(settings: Settings, authorization: str | None) -> str | None:
    """The JWT of an Authorization header value; None for the local developer (development mode, no
    header); else Unauthenticated."""
    if not authorization:
        if settings.dev_mode:
            return None
        raise Unauthenticated("a bearer token is required: send 'Authorization: Bearer <JWT>'")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("the Authorization header must be 'Bearer <JWT>'")
    return token.strip()


# Tokens verified and still valid, remembered by their digest: a client sends the same token with every
# request, and verifying it (PyJWT, HS256) cost about 120 us of a 1 ms `{ __typename }`, twice per
# request with rate limiting on (the limiter keys its buckets by principal).
VERIFIED_TOKENS = 4096


@dataclass(frozen=True)
class _Verified:
    principal: Principal
    key: jwt_keys.SigningKey
    expires: int  # the token's `exp`, as PyJWT reads it


class Authenticator:
    """authenticate(), remembering the tokens it verified: a token seen before answers its principal
    without verifying its signature again, as long as it has not expired and the key that verified it
    is still the gateway's (a JWKS rotation that drops the key drops its tokens). Bounded: the least
    recently used token is forgotten first. Refusals are never remembered."""

    def __init__(self, settings: Settings, size: int = VERIFIED_TOKENS) -> None:
        self.settings = settings
        self.verified: Lru[bytes, _Verified] = Lru(size)

    def __call__(self, authorization: str | None) -> Principal:
        token = bearer_token(self.settings, authorization)
        if token is None:
            return LOCAL_DEVELOPER
        digest = hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()
        known = self.verified.get(digest)
        # Expired as PyJWT has it (jwt/api_jwt.py _validate_exp): a token that expires now is verified
        # again, and refused with the reason.
        if (known is not None and known.expires > time.time() - self.settings.jwt_leeway_seconds
                and known.key.still_held(self.settings)):
            return known.principal
        claims, key = jwt_keys.verify_with_key(self.settings, token)
        principal = principal_from_claims(claims)
        self.verified.put(digest, _Verified(principal, key, int(claims["exp"])))
        return principal


def decode_token(settings: Settings, token: str) -> dict[str, Any]:
    """The verified claims of `token` (HS256 or RS256, see gateway/security/jwt_keys.py), or Unauthenticated."""
    return jwt_keys.verify(settings, token)


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    raw = claims.get("roles", [])
    if not isinstance(raw, list) or not raw:
        raise Unauthenticated("the bearer token carries no 'roles' list")
    if not all(isinstance(name, str) for name in raw):
        raise Unauthenticated("the bearer token's 'roles' claim must be a list of role names (strings)")
    known = {role.value: role for role in Role}
    unknown = [name for name in raw if name not in known]
    if unknown:
        raise Unauthenticated(f"the bearer token names unknown roles {unknown}; known: {sorted(known)}")
    resource_id = claims.get("resourceId")
    if resource_id is not None and (not isinstance(resource_id, str) or not resource_id.strip()):
        raise Unauthenticated("the bearer token's 'resourceId' claim must be a non-empty string (a resourceId)")
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject.strip():
        raise Unauthenticated("the bearer token's 'sub' claim must be a non-empty string")
    return Principal(subject, frozenset(known[name] for name in raw), resource_id)


def issue_token(settings: Settings, subject: str, roles: frozenset[Role], ttl_seconds: int = 8 * 3600) -> str:
    """An HS256 token signed with GATEWAY_JWT_SECRET, e.g. the one `make run` prints for GraphiQL in
    development mode (production tokens come from the bank's identity provider)."""
    now = int(time.time())
    claims: dict[str, Any] = {"sub": subject, "roles": sorted(r.value for r in roles), "iat": now, "exp": now + ttl_seconds}
    if settings.jwt_issuer:
        claims["iss"] = settings.jwt_issuer
    if settings.jwt_audience:
        claims["aud"] = settings.jwt_audience
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")


# Development mode's token lives long: its secret survives restarts (development_secret).
DEVELOPMENT_TOKEN_SECONDS = 30 * 86400


def development_token(settings: Settings) -> str:
    """The local developer's token (every role): what `make run` prints and GraphiQL's headers pane starts with."""
    return issue_token(settings, LOCAL_DEVELOPER.subject, LOCAL_DEVELOPER.roles, ttl_seconds=DEVELOPMENT_TOKEN_SECONDS)


def development_secret(path: Path) -> str:
    """The HS256 secret of development mode: made once, kept in `path` (readable by its owner only), so
    tokens `make run` printed stay valid across restarts. Never used outside development mode."""
    if path.is_file():
        kept = path.read_text().strip()
        if len(kept) >= 32:
            return kept
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(secret)
    return secret


class RolesAllowed(BasePermission):
    """Lets the field resolve only for a principal holding one of `roles`."""

    def __init__(self, roles: frozenset[Role]) -> None:
        self.roles = roles

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal: Principal | None = info.context.principal
        if principal is None:
            raise Unauthenticated("a bearer token is required")
        if not principal.has_any(self.roles):
            names = ", ".join(sorted(r.value for r in self.roles))
            raise Forbidden(f"{info.path.typename}.{info.field_name} needs one of the roles: {names}")
        return True


def allow(*roles: Role) -> list[FieldExtension]:
    """Field extensions that restrict a field to `roles`: `@strawberry.field(extensions=allow(Role.ADMIN))`."""
    return [PermissionExtension(permissions=[RolesAllowed(frozenset(roles))], use_directives=False)]
