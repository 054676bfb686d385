"""Bearer JWTs: HS256 with the shared secret, RS256 with a JWKS file, and every way a token is refused."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from starlette.testclient import TestClient

from app import create_app
from gateway.security import jwt_keys
from gateway.security.auth import Authenticator, Principal, Role, authenticate
from gateway.settings import Settings, SettingsError
from graph.database import Database
from graph.errors import Unauthenticated

SECRET = "hs256-secret-for-the-jwt-tests-" + "s" * 20
ISSUER = "https://idp.bank.example"
AUDIENCE = "customer-gateway"
QUERY = "{ customers(first: 1) { edges { node { customerId } } } }"


@dataclass(frozen=True)
class Keys:
    private: rsa.RSAPrivateKey
    spare: rsa.RSAPrivateKey  # the previous key, still published during a rotation
    other: rsa.RSAPrivateKey  # not in the JWKS: a forger's key
    jwks_file: Path


def _jwk(key: rsa.RSAPrivateKey, kid: str) -> dict[str, Any]:
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return {**public, "kid": kid, "use": "sig", "alg": "RS256"}


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    spare = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = tmp_path_factory.mktemp("jwks") / "jwks.json"
    # An encryption key and a symmetric key sit in the set too: neither may ever verify a token.
    jwks = {"keys": [_jwk(private, "signing-2026"), _jwk(spare, "signing-2025"),
                     {**_jwk(other, "encryption"), "use": "enc"}, {"kty": "oct", "kid": "hmac", "k": "c2VjcmV0"}]}
    path.write_text(json.dumps(jwks))
    return Keys(private, spare, other, path)


def gateway(keys: Keys, **changes: Any) -> Settings:
    base = Settings(dev_mode=False, jwt_secret=SECRET, jwt_jwks_file=keys.jwks_file, jwt_issuer=ISSUER,
                    jwt_audience=AUDIENCE, jwt_algorithms=("HS256", "RS256"))
    settings = replace(base, **changes)
    settings.check()
    return settings


def claims(**changes: Any) -> dict[str, Any]:
    now = int(time.time())
    base: dict[str, Any] = {"sub": "R000301", "roles": ["relationship_manager"], "iss": ISSUER, "aud": AUDIENCE,
                            "iat": now, "nbf": now, "exp": now + 600}
    base.update(changes)
    return {name: value for name, value in base.items() if value is not None}


def rs256(keys: Keys, kid: str | None = "signing-2026", key: rsa.RSAPrivateKey | None = None, **changes: Any) -> str:
    headers = {"kid": kid} if kid is not None else {}
    return jwt.encode(claims(**changes), key or keys.private, algorithm="RS256", headers=headers)


def hs256(**changes: Any) -> str:
    return jwt.encode(claims(**changes), SECRET, algorithm="HS256")


def refusal(settings: Settings, token: str) -> str:
    with pytest.raises(Unauthenticated) as refused:
        authenticate(settings, f"Bearer {token}")
    return refused.value.message


def test_hs256_and_rs256_tokens_are_accepted(keys: Keys) -> None:
    settings = gateway(keys)
    expected = Principal("R000301", frozenset({Role.RELATIONSHIP_MANAGER}))
    assert authenticate(settings, f"Bearer {hs256()}").roles == expected.roles
    assert authenticate(settings, f"Bearer {rs256(keys)}").subject == "R000301"
    # The token's kid picks the key: the previous key still verifies what it signed.
    assert authenticate(settings, f"Bearer {rs256(keys, kid='signing-2025', key=keys.spare)}").subject == "R000301"
    assert refusal(settings, rs256(keys, kid="signing-2026", key=keys.spare)) == (
        "the bearer token is not valid: Signature verification failed")


def test_an_rs256_only_gateway_accepts_rs256_by_default(keys: Keys) -> None:
    # Only a JWKS configured: RS256 is what is accepted, HS256 is refused outright.
    settings = gateway(keys, jwt_secret="", jwt_algorithms=())
    assert authenticate(settings, f"Bearer {rs256(keys)}").subject == "R000301"
    assert refusal(settings, hs256()) == (
        "the bearer token is signed with algorithm 'HS256', which this gateway does not accept (accepted: RS256)")


def test_time_claims_allow_the_configured_clock_skew(keys: Keys) -> None:
    settings = gateway(keys, jwt_leeway_seconds=30)
    now = int(time.time())
    # Within the leeway: a token minted by a clock 20s ahead, or one that expired 20s ago, passes.
    assert authenticate(settings, f"Bearer {rs256(keys, nbf=now + 20, iat=now + 20)}").subject == "R000301"
    assert authenticate(settings, f"Bearer {hs256(exp=now - 20)}").subject == "R000301"
    skew = "(beyond the 30s allowed for clock skew)"
    assert refusal(settings, rs256(keys, nbf=now + 120, iat=now)) == (
        f"the bearer token is not valid yet: its 'nbf' is in the future {skew}")
    assert refusal(settings, rs256(keys, nbf=None, iat=now + 120)) == (
        f"the bearer token is not valid yet: its 'iat' is in the future {skew}")
    assert refusal(settings, rs256(keys, exp=now - 120)) == "the bearer token has expired; ask for a new one"
    assert refusal(replace(settings, jwt_leeway_seconds=0), hs256(exp=now - 20)) == (
        "the bearer token has expired; ask for a new one")


@pytest.mark.parametrize(("case", "message"), [
    ("wrong issuer", "the bearer token is not valid: Invalid issuer; its 'iss' must be 'https://idp.bank.example'"),
    ("wrong audience", "the bearer token is not valid: Audience doesn't match; its 'aud' must include 'customer-gateway'"),
    ("missing audience", "the bearer token lacks the required 'aud' claim"),
    ("missing exp", "the bearer token lacks the required 'exp' claim"),
    ("missing sub", "the bearer token lacks the required 'sub' claim"),
    ("rs256 bad signature", "the bearer token is not valid: Signature verification failed"),
    ("hs256 bad signature", "the bearer token is not valid: Signature verification failed"),
    ("unknown kid", "the bearer token names signing key kid 'retired-2019', which this gateway does not know"),
    ("encryption key kid", "the bearer token names signing key kid 'encryption', which this gateway does not know"),
    ("no kid, several keys", "the bearer token names no signing key (kid) and the JWKS holds several"),
    ("alg none", "the bearer token is signed with algorithm 'none', which this gateway does not accept "
                 "(accepted: HS256, RS256)"),
    ("alg RS512", "the bearer token is signed with algorithm 'RS512', which this gateway does not accept "
                  "(accepted: HS256, RS256)"),
    ("malformed", "the bearer token is not valid: Invalid header padding"),
])
def test_bad_tokens_are_unauthenticated_with_a_clear_message(keys: Keys, case: str, message: str) -> None:
    tokens = {
        "wrong issuer": lambda: rs256(keys, iss="https://evil.example"),
        "wrong audience": lambda: hs256(aud="another-service"),
        "missing audience": lambda: rs256(keys, aud=None),
        "missing exp": lambda: rs256(keys, exp=None),
        "missing sub": lambda: hs256(sub=None),
        "rs256 bad signature": lambda: rs256(keys, key=keys.other),
        "hs256 bad signature": lambda: jwt.encode(claims(), "a-different-secret-" * 3, algorithm="HS256"),
        "unknown kid": lambda: rs256(keys, kid="retired-2019"),
        "encryption key kid": lambda: rs256(keys, kid="encryption", key=keys.other),
        "no kid, several keys": lambda: rs256(keys, kid=None),
        "alg none": lambda: jwt.encode(claims(roles=["admin"]), None, algorithm="none"),
        "alg RS512": lambda: jwt.encode(claims(), keys.private, algorithm="RS512", headers={"kid": "signing-2026"}),
        "malformed": lambda: "eyJhbGciOiJIUzI1NiJ9x.e30.c2ln",
    }
    assert refusal(gateway(keys), tokens[case]()) == message


def test_hs256_signed_with_the_rsa_public_key_is_refused(keys: Keys) -> None:
    """The algorithm-confusion attack: the public key is public, so an HMAC made with it proves nothing."""
    pem = keys.private.public_key().public_bytes(serialization.Encoding.PEM,
                                                 serialization.PublicFormat.SubjectPublicKeyInfo)
    header = jwt.utils.base64url_encode(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "signing-2026"}).encode())
    payload = jwt.utils.base64url_encode(json.dumps(claims(roles=["admin"])).encode())
    signature = jwt.utils.base64url_encode(hmac.new(pem, header + b"." + payload, hashlib.sha256).digest())
    forged = (header + b"." + payload + b"." + signature).decode()
    # With HS256 accepted, it must verify against the shared secret only, and does not.
    assert refusal(gateway(keys), forged) == "the bearer token is not valid: Signature verification failed"
    # With only RS256 accepted, its algorithm alone refuses it.
    assert refusal(gateway(keys, jwt_secret="", jwt_algorithms=()), forged) == (
        "the bearer token is signed with algorithm 'HS256', which this gateway does not accept (accepted: RS256)")


def test_a_rotated_jwks_file_is_picked_up_without_a_restart(keys: Keys, tmp_path: Path) -> None:
    path = tmp_path / "rotating.json"
    path.write_text(json.dumps({"keys": [_jwk(keys.other, "old")]}))
    settings = gateway(keys, jwt_jwks_file=path)
    assert refusal(settings, rs256(keys)) == (
        "the bearer token names signing key kid 'signing-2026', which this gateway does not know")
    path.write_text(json.dumps({"keys": [_jwk(keys.other, "old"), _jwk(keys.private, "signing-2026")]}))
    assert authenticate(settings, f"Bearer {rs256(keys)}").subject == "R000301"


def test_a_remembered_token_is_not_verified_again_until_it_expires(keys: Keys, monkeypatch: pytest.MonkeyPatch) -> None:
    verified: list[str] = []
    verify = jwt_keys.verify_with_key

    def counted(settings: Settings, token: str) -> Any:
        verified.append(token)
        return verify(settings, token)

    monkeypatch.setattr(jwt_keys, "verify_with_key", counted)
    authenticator = Authenticator(gateway(keys, jwt_leeway_seconds=0))
    expires = int(time.time()) + 2
    token = hs256(exp=expires)
    principal = authenticator(f"Bearer {token}")
    assert authenticator(f"Bearer  {token} ") == principal == Principal("R000301", frozenset({Role.RELATIONSHIP_MANAGER}))
    assert verified == [token]
    # Refusals are never remembered: each is verified, and refused, again.
    forged = jwt.encode(claims(roles=["admin"]), "a-different-secret-" * 3, algorithm="HS256")
    for _ in range(2):
        with pytest.raises(Unauthenticated, match="Signature verification failed"):
            authenticator(f"Bearer {forged}")
    assert verified == [token, forged, forged]
    while time.time() < expires:
        time.sleep(0.05)
    with pytest.raises(Unauthenticated, match="the bearer token has expired; ask for a new one"):
        authenticator(f"Bearer {token}")


def test_a_remembered_token_is_refused_once_a_rotation_drops_or_replaces_its_key(keys: Keys, tmp_path: Path) -> None:
    path = tmp_path / "rotating.json"
    path.write_text(json.dumps({"keys": [_jwk(keys.private, "signing-2026"), _jwk(keys.spare, "signing-2025")]}))
    authenticator = Authenticator(gateway(keys, jwt_jwks_file=path))
    current, previous = rs256(keys), rs256(keys, kid="signing-2025", key=keys.spare)
    assert authenticator(f"Bearer {current}").subject == authenticator(f"Bearer {previous}").subject == "R000301"
    # signing-2025 retired, and signing-2026 now names another key (a compromised one replaced).
    path.write_text(json.dumps({"keys": [_jwk(keys.other, "signing-2026")]}))
    with pytest.raises(Unauthenticated, match="kid 'signing-2025', which this gateway does not know"):
        authenticator(f"Bearer {previous}")
    with pytest.raises(Unauthenticated, match="Signature verification failed"):
        authenticator(f"Bearer {current}")


def test_remembered_tokens_are_bounded(keys: Keys) -> None:
    authenticator = Authenticator(gateway(keys), size=3)
    for subject in ("a", "b", "c", "d", "e"):
        assert authenticator(f"Bearer {hs256(sub=subject)}").subject == subject
    assert len(authenticator.verified) == 3


@pytest.mark.parametrize(("changes", "message"), [
    ({"jwt_secret": "", "jwt_jwks_file": None, "jwt_algorithms": ()}, "GATEWAY_JWT_SECRET must be set to at least 32"),
    ({"jwt_secret": "short", "jwt_algorithms": ()}, "GATEWAY_JWT_SECRET must be set to at least 32"),
    ({"jwt_algorithms": ("HS256", "none")}, "GATEWAY_JWT_ALGORITHMS may only name HS256, RS256, got 'none'"),
    ({"jwt_jwks_file": None}, "GATEWAY_JWT_ALGORITHMS accepts RS256 but GATEWAY_JWT_JWKS_FILE is not set"),
    ({"jwt_secret": ""}, "GATEWAY_JWT_ALGORITHMS accepts HS256 but GATEWAY_JWT_SECRET is not set"),
    ({"jwt_leeway_seconds": 301}, "GATEWAY_JWT_LEEWAY_SECONDS must be between 0 and 300, got 301"),
    ({"jwt_jwks_file": Path("/nonexistent/jwks.json")}, "GATEWAY_JWT_JWKS_FILE '/nonexistent/jwks.json' cannot be read"),
])
def test_unsafe_jwt_settings_fail_at_start(keys: Keys, changes: dict[str, Any], message: str) -> None:
    with pytest.raises(SettingsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        gateway(keys, **changes)


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "is not JSON"),
    ('{"kid": "x"}', "is not a JWK Set: it needs a 'keys' list"),
    ('{"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}', "holds no RSA signature key"),
    ('{"keys": [{"kty": "RSA", "kid": "broken", "n": "AQAB"}]}', "key #0 (kid 'broken') is not a valid RSA key"),
])
def test_a_jwks_file_that_does_not_parse_fails_at_start(keys: Keys, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "jwks.json"
    path.write_text(content)
    with pytest.raises(SettingsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        gateway(keys, jwt_jwks_file=path)


def test_settings_from_the_environment() -> None:
    settings = Settings.from_env({"GATEWAY_JWT_JWKS_FILE": "/etc/gateway/jwks.json",
                                  "GATEWAY_JWT_ALGORITHMS": "RS256, HS256", "GATEWAY_JWT_LEEWAY_SECONDS": "5"})
    assert (settings.jwt_jwks_file, settings.jwt_algorithms, settings.jwt_leeway_seconds) == (
        Path("/etc/gateway/jwks.json"), ("RS256", "HS256"), 5.0)
    defaults = Settings.from_env({})
    assert (defaults.jwt_jwks_file, defaults.jwt_algorithms, defaults.jwt_leeway_seconds) == (None, (), 30.0)


@pytest.fixture
def rs256_client(settings: Settings, clean_graph: Database, keys: Keys) -> Iterator[TestClient]:
    with TestClient(create_app(replace(settings, jwt_jwks_file=keys.jwks_file))) as client:
        yield client


def test_over_http_a_forged_token_is_401_and_a_real_one_is_served(rs256_client: TestClient, keys: Keys) -> None:
    def post(token: str) -> Any:
        return rs256_client.post("/graphql", json={"query": QUERY}, headers={"Authorization": f"Bearer {token}"})

    forged = post(rs256(keys, key=keys.other, iss=None, aud=None))
    assert forged.status_code == 401
    assert forged.headers["www-authenticate"] == 'Bearer realm="graphql"'
    assert forged.json() == {"data": None, "errors": [{
        "message": "the bearer token is not valid: Signature verification failed",
        "extensions": {"code": "UNAUTHENTICATED"}}]}
    served = post(rs256(keys, iss=None, aud=None))
    assert (served.status_code, served.json()) == (200, {"data": {"customers": {"edges": []}}})


def test_over_http_a_remembered_token_still_expires(settings: Settings, clean_graph: Database) -> None:
    """Through the app, rate limiting on (limiter and endpoint share the remembered tokens): a token
    served twice is refused with the reason once its `exp` has passed."""
    expires = int(time.time()) + 2
    token = jwt.encode({"sub": "R000301", "roles": ["analyst"], "exp": expires}, settings.jwt_secret, algorithm="HS256")
    with TestClient(create_app(replace(settings, jwt_leeway_seconds=0, rate_limit_per_minute=600))) as client:
        def post() -> Any:
            return client.post("/graphql", json={"query": QUERY}, headers={"Authorization": f"Bearer {token}"})

        assert [post().status_code for _ in range(2)] == [200, 200]
        while time.time() < expires:
            time.sleep(0.05)
        expired = post()
    assert expired.status_code == 401
    assert expired.json()["errors"][0]["message"] == "the bearer token has expired; ask for a new one"
