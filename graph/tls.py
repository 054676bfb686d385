"""Encryption of the gateway's connection to Neo4j: which CA a `+s` URI trusts, and what to do when it fails.

NEO4J_URI's scheme chooses (docs/security.md "Encrypted connections to Neo4j"):

    bolt+s://, neo4j+s://      TLS, certificate chain and host name verified
    bolt+ssc://, neo4j+ssc://  TLS, any certificate accepted (a development server's self-signed one)
    bolt://, neo4j://          no TLS: for a Neo4j on the same machine only

A `+s` URI trusts the system's CAs (or the PEM bundle SSL_CERT_FILE names); NEO4J_TRUSTED_CA_FILE
makes it trust one private CA instead. The driver takes a custom CA only with the plain schemes
(`encrypted=True`), so that is how a `+s` URI with a CA file reaches it: the same verification.
"""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

from neo4j import TrustCustomCAs

from graph.errors import Unavailable

VERIFIED_SCHEMES = ("bolt+s", "neo4j+s")


class TlsSettingsError(ValueError):
    """NEO4J_TRUSTED_CA_FILE cannot be used with this NEO4J_URI or does not hold a CA certificate."""


class CertificateNotTrusted(Unavailable):
    """Neo4j's certificate failed verification: waiting will not help, a setting must change."""


def driver_security(uri: str, ca_file: Path | None) -> tuple[str, dict[str, Any]]:
    """The URI and driver options that connect to `uri`, trusting `ca_file` when one is given."""
    if ca_file is None:
        return uri, {}
    scheme, _, rest = uri.partition("://")
    return f"{scheme.removesuffix('+s')}://{rest}", {
        "encrypted": True, "trusted_certificates": TrustCustomCAs(str(ca_file))}


def check_trusted_ca(uri: str | None, ca_file: Path | None) -> None:
    """Refuse a CA file that would be ignored (no TLS, or every certificate accepted) or is no CA."""
    if ca_file is None:
        return
    scheme = (uri or "").partition("://")[0]
    if scheme not in VERIFIED_SCHEMES:
        raise TlsSettingsError(
            f"NEO4J_TRUSTED_CA_FILE is set, but NEO4J_URI's scheme {scheme or '(none: the local Neo4j)'!r} "
            "does not verify certificates: use bolt+s:// or neo4j+s://")
    try:
        ssl.create_default_context(cafile=str(ca_file))
    except ssl.SSLError as error:
        raise TlsSettingsError(
            f"NEO4J_TRUSTED_CA_FILE {str(ca_file)!r} holds no PEM CA certificate ({error.reason})") from None
    except OSError as error:
        raise TlsSettingsError(f"NEO4J_TRUSTED_CA_FILE {str(ca_file)!r} cannot be read ({error.strerror})") from None


def untrusted_certificate(error: BaseException, uri: str) -> CertificateNotTrusted | None:
    """What to do about `error` when its cause is a certificate Neo4j presented and we refused."""
    cause = _verification_failure(error)
    if cause is None:
        return None
    reason = cause.verify_message or str(cause)
    if "mismatch" in reason:
        advice = ("connect with a host name the certificate names (its subject alternative names), "
                  "or have the certificate re-issued for this one")
    else:
        advice = ("set NEO4J_TRUSTED_CA_FILE to the PEM file of the CA that signed it; for a development "
                  "server with a self-signed certificate use bolt+ssc:// or neo4j+ssc://")
    return CertificateNotTrusted(f"Neo4j at {uri} presented a TLS certificate this gateway does not trust "
                                 f"({reason}): {advice}")


def _verification_failure(error: BaseException, seen: frozenset[int] = frozenset()) -> ssl.SSLCertVerificationError | None:
    """The certificate verification error among `error`'s causes; a routing driver gathers one per
    router it tried in an exception group."""
    if isinstance(error, ssl.SSLCertVerificationError):
        return error
    if id(error) in seen:
        return None
    seen |= {id(error)}
    inner = list(error.exceptions) if isinstance(error, BaseExceptionGroup) else []
    for cause in (*inner, error.__cause__, error.__context__):
        found = _verification_failure(cause, seen) if cause is not None else None
        if found is not None:
            return found
    return None
