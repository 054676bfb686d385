"""The RSA public keys of a JSON Web Key Set file (GATEWAY_JWT_JWKS_FILE) and which JWT algorithms to accept.

It lives beside the settings because a JWKS file that does not parse must stop the gateway at
start (Settings.check), not fail every request later.
"""

from __future__ import annotations

import json
from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey, RSAPublicKey

# HS256 with the shared secret, RS256 with the JWKS keys; nothing else ("none" above all).
SUPPORTED_ALGORITHMS = ("HS256", "RS256")

# A key without a `kid` is filed under this name; a token without a `kid` may use it.
NO_KID = ""


class JwksError(ValueError):
    """The JWKS file cannot be read or holds no usable RSA signing key."""


def load_jwks(path: Path) -> dict[str, RSAPublicKey]:
    """The RSA signature keys of the JWKS file at `path`, by `kid`."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise JwksError(f"GATEWAY_JWT_JWKS_FILE {str(path)!r} cannot be read: {error.strerror}") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise JwksError(f"GATEWAY_JWT_JWKS_FILE {str(path)!r} is not JSON: {error}") from None
    entries = document.get("keys") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise JwksError(f"GATEWAY_JWT_JWKS_FILE {str(path)!r} is not a JWK Set: it needs a 'keys' list")
    keys: dict[str, RSAPublicKey] = {}
    for index, entry in enumerate(entries):
        # Encryption keys and other key types are not ours to use; skip them rather than fail.
        if not isinstance(entry, dict) or entry.get("kty") != "RSA" or entry.get("use", "sig") != "sig":
            continue
        kid = entry.get("kid", NO_KID)
        if not isinstance(kid, str):
            raise JwksError(f"GATEWAY_JWT_JWKS_FILE key #{index}: 'kid' must be a string")
        if kid in keys:
            raise JwksError(f"GATEWAY_JWT_JWKS_FILE holds two RSA keys with kid {kid!r}")
        try:
            key = jwt.PyJWK(entry, algorithm="RS256").key
        except (jwt.PyJWKError, jwt.InvalidKeyError, ValueError, KeyError) as error:
            raise JwksError(f"GATEWAY_JWT_JWKS_FILE key #{index} (kid {kid!r}) is not a valid RSA key: {error}") from None
        # A set published with private parts still only ever verifies here.
        keys[kid] = key.public_key() if isinstance(key, RSAPrivateKey) else key
    if not keys:
        raise JwksError(f"GATEWAY_JWT_JWKS_FILE {str(path)!r} holds no RSA signature key (kty 'RSA')")
    return keys


def accepted_algorithms(configured: tuple[str, ...], secret: str, jwks_file: Path | None) -> tuple[str, ...]:
    """GATEWAY_JWT_ALGORITHMS when given, else what the configured key sources can verify."""
    if configured:
        return configured
    if jwks_file is not None and not secret:
        return ("RS256",)
    return ("HS256", "RS256") if jwks_file is not None else ("HS256",)
