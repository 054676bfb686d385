"""The local Neo4j's Bolt certificate: a private CA and a server certificate it signs, made once.

Laid out as Neo4j's `dbms.ssl.policy.bolt` expects under its base directory:

    <base>/private.key         the server's key (PKCS#8 PEM, owner-only)
    <base>/public.crt          the server certificate, then the CA's (the chain it presents)
    <base>/trusted/ca.crt      the CA: what a client trusts (NEO4J_TRUSTED_CA_FILE or SSL_CERT_FILE)
    <base>/revoked/            empty; Neo4j looks for revocation lists here

The CA's own key is never written: nothing else is ever signed with it, and a certificate that
needs replacing (gone, expiring, or naming other hosts) is replaced together with a new CA.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

# What the local Neo4j is reached as: it listens on 127.0.0.1 only.
LOCAL_HOSTS = ("localhost", "127.0.0.1")
VALIDITY = datetime.timedelta(days=825)  # the longest a TLS client library accepts for a server certificate
RENEW_BEFORE = datetime.timedelta(days=30)


@dataclass(frozen=True)
class BoltCertificates:
    base_directory: Path

    @property
    def private_key(self) -> Path:
        return self.base_directory / "private.key"

    @property
    def public_certificate(self) -> Path:
        return self.base_directory / "public.crt"

    @property
    def ca_file(self) -> Path:
        return self.base_directory / "trusted" / "ca.crt"


def ensure_bolt_certificates(base_directory: Path, hosts: tuple[str, ...] = LOCAL_HOSTS) -> BoltCertificates:
    """The certificates under `base_directory`, made now unless usable ones are already there."""
    certificates = BoltCertificates(base_directory)
    if not _usable(certificates, hosts):
        _make(certificates, hosts)
    return certificates


def _usable(certificates: BoltCertificates, hosts: tuple[str, ...]) -> bool:
    paths = (certificates.private_key, certificates.public_certificate, certificates.ca_file)
    if not all(path.is_file() for path in paths):
        return False
    try:
        server = x509.load_pem_x509_certificates(certificates.public_certificate.read_bytes())[0]
        names = server.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except (ValueError, x509.ExtensionNotFound):
        return False
    still_valid = server.not_valid_after_utc - _now() > RENEW_BEFORE
    return still_valid and _alternative_names(hosts) == set(names)


def _make(certificates: BoltCertificates, hosts: tuple[str, ...]) -> None:
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    # A name of its own: a client that trusts another of these CAs must not take it for this one.
    ca_name = x509.Name([x509.NameAttribute(
        NameOID.COMMON_NAME, f"customer-routing-gateway local Neo4j CA {secrets.token_hex(4)}")])
    ca = (_builder(ca_name, ca_name, ca_key.public_key())
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(_key_usage(key_cert_sign=True, crl_sign=True), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    server = (_builder(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0])]), ca_name, key.public_key())
              .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
              .add_extension(x509.SubjectAlternativeName(sorted(_alternative_names(hosts), key=str)), critical=False)
              .add_extension(_key_usage(digital_signature=True, key_encipherment=True), critical=True)
              .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
              # Strict verifiers (Python 3.13's default context) require the issuer's key id on a leaf.
              .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
              .sign(ca_key, hashes.SHA256()))
    pem = serialization.Encoding.PEM
    for directory in (certificates.base_directory, certificates.ca_file.parent, certificates.base_directory / "revoked"):
        directory.mkdir(parents=True, exist_ok=True)
    _write_private(certificates.private_key, key.private_bytes(
        pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    certificates.public_certificate.write_bytes(server.public_bytes(pem) + ca.public_bytes(pem))
    certificates.ca_file.write_bytes(ca.public_bytes(pem))


def _builder(subject: x509.Name, issuer: x509.Name, public_key: rsa.RSAPublicKey) -> x509.CertificateBuilder:
    now = _now()
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))  # a client clock slightly behind still accepts it
            .not_valid_after(now + VALIDITY))


def _key_usage(**allowed: bool) -> x509.KeyUsage:
    usages = ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment", "key_agreement",
              "key_cert_sign", "crl_sign", "encipher_only", "decipher_only")
    return x509.KeyUsage(**{usage: allowed.get(usage, False) for usage in usages})


def _alternative_names(hosts: tuple[str, ...]) -> set[x509.GeneralName]:
    names: set[x509.GeneralName] = set()
    for host in hosts:
        try:
            names.add(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.add(x509.DNSName(host))
    return names


def _write_private(path: Path, data: bytes) -> None:
    """Write `data` readable by its owner only, from the first byte on."""
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)
