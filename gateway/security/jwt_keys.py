"""Verifying a bearer JWT: which key, which algorithm, which claims, each failure a clear UNAUTHENTICATED.

HS256 tokens verify against GATEWAY_JWT_SECRET only, RS256 tokens only against the RSA key
the token's `kid` names in GATEWAY_JWT_JWKS_FILE. The algorithm a token claims must be one
GATEWAY_JWT_ALGORITHMS accepts and decides the key *type* too, so neither `alg: none` nor an
HS256 token "signed" with the RSA public key (the algorithm-confusion attack) gets through.
"""

from __future__ import annotations

import functools
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

from gateway.security.jwks import JwksError, accepted_algorithms, load_jwks
from gateway.settings import Settings
from graph.errors import Unauthenticated

log = logging.getLogger("gateway.auth")

REQUIRED_CLAIMS = ["exp", "sub"]
TIME_CLAIMS = ("exp", "iat", "nbf")


@dataclass(frozen=True)
class SigningKey:
    """The key a token names (by its header's `alg` and `kid`) and the gateway holds."""

    algorithm: str
    kid: str | None
    key: str | RSAPublicKey

    def still_held(self, settings: Settings) -> bool:
        """Whether the gateway still verifies with this very key: false once a JWKS rotation dropped
        or replaced it (an HS256 secret never changes while the gateway runs)."""
        try:
            return signing_key(settings, self.algorithm, self.kid).key is self.key
        except Unauthenticated:
            return False


def verify(settings: Settings, token: str) -> dict[str, Any]:
    """The claims of `token` once its signature, algorithm, times, issuer and audience check out."""
    return verify_with_key(settings, token)[0]


def verify_with_key(settings: Settings, token: str) -> tuple[dict[str, Any], SigningKey]:
    """verify(), with the key that verified the token."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError as error:
        raise Unauthenticated(f"the bearer token is not valid: {error}") from None
    except (TypeError, ValueError):
        raise Unauthenticated("the bearer token is not valid: its header is not a JSON object") from None
    signing = signing_key(settings, header.get("alg"), header.get("kid"))
    key = signing.key
    algorithm = signing.algorithm
    leeway = settings.jwt_leeway_seconds
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=[algorithm],
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            leeway=leeway,
            options={"require": REQUIRED_CLAIMS, "verify_aud": settings.jwt_audience is not None},
        )
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("the bearer token has expired; ask for a new one") from None
    except jwt.ImmatureSignatureError as error:
        claim = "iat" if "(iat)" in str(error) else "nbf"
        raise Unauthenticated(
            f"the bearer token is not valid yet: its '{claim}' is in the future "
            f"(beyond the {leeway:g}s allowed for clock skew)") from None
    except jwt.MissingRequiredClaimError as error:
        raise Unauthenticated(f"the bearer token lacks the required '{error.claim}' claim") from None
    except jwt.InvalidIssuerError as error:
        raise Unauthenticated(
            f"the bearer token is not valid: {error}; its 'iss' must be {settings.jwt_issuer!r}") from None
    except jwt.InvalidAudienceError as error:
        raise Unauthenticated(
            f"the bearer token is not valid: {error}; its 'aud' must include {settings.jwt_audience!r}") from None
    except jwt.InvalidTokenError as error:
        raise Unauthenticated(f"the bearer token is not valid: {error}") from None
    except (TypeError, ValueError, AttributeError, KeyError):
        # PyJWT checks most claims' types itself; a claim it compares without checking (e.g. an
        # `aud` list holding an object) must still be the caller's fault, never a 500.
        raise Unauthenticated("the bearer token is not valid: a claim has the wrong JSON type") from None
    for claim in TIME_CLAIMS:
        # PyJWT takes JSON true and false for numbers (Python's bool is an int): not a time.
        if isinstance(claims.get(claim), bool):
            raise Unauthenticated(f"the bearer token's '{claim}' claim must be a number of seconds, not {claims[claim]}")
    return claims, signing


def signing_key(settings: Settings, algorithm: Any, kid: Any) -> SigningKey:
    """The key for a token's `alg` and `kid`, or Unauthenticated: an algorithm GATEWAY_JWT_ALGORITHMS
    does not accept, or a key the gateway does not hold."""
    accepted = accepted_algorithms(settings.jwt_algorithms, settings.jwt_secret, settings.jwt_jwks_file)
    if algorithm not in accepted:
        raise Unauthenticated(
            f"the bearer token is signed with algorithm {_shown(algorithm)}, which this gateway does not accept "
            f"(accepted: {', '.join(accepted)})")
    if algorithm == "HS256":
        if not settings.jwt_secret:
            raise Unauthenticated("the bearer token is signed with HS256 but this gateway has no GATEWAY_JWT_SECRET")
        return SigningKey(algorithm, kid if isinstance(kid, str) else None, settings.jwt_secret)
    return SigningKey(algorithm, kid if isinstance(kid, str) else None, _rsa_key(settings, kid))


def _rsa_key(settings: Settings, kid: Any) -> RSAPublicKey:
    path = settings.jwt_jwks_file
    if path is None:  # Settings.check refuses RS256 without a JWKS file; be safe anyway.
        raise Unauthenticated("the bearer token is signed with RS256 but this gateway has no RSA keys")
    try:
        keys = _keys(path)
    except JwksError as error:
        # The file was fine at start; a broken rotation is the operator's problem, not the caller's.
        log.error("cannot verify RS256 tokens: %s", error)
        raise Unauthenticated("the gateway cannot verify RS256 tokens right now; retry shortly") from None
    if kid is None:
        if len(keys) == 1:
            return next(iter(keys.values()))
        raise Unauthenticated("the bearer token names no signing key (kid) and the JWKS holds several")
    if not isinstance(kid, str) or kid not in keys:
        raise Unauthenticated(f"the bearer token names signing key kid {_shown(kid)}, which this gateway does not know")
    return keys[kid]


def _shown(value: Any) -> str:
    """A header value quoted back to the client, cut short: it is the caller's, not ours."""
    text = repr(value)
    return text if len(text) <= 66 else text[:64] + "…"


def _keys(path: Path) -> dict[str, RSAPublicKey]:
    """The JWKS keys, re-read whenever the file changes (key rotation without a restart)."""
    try:
        stat = os.stat(path)
    except OSError:
        return load_jwks(path)  # raises JwksError naming the file
    return _load_version(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _load_version(path: Path, mtime_ns: int, size: int) -> dict[str, RSAPublicKey]:
    return load_jwks(path)

