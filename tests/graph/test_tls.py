"""Bolt over TLS against a real Neo4j: the gateway's own connection path (Settings → connect →
wait_until_reachable) with bolt+s, neo4j+s, bolt+ssc and neo4j+ssc URIs, a refused certificate
reported with what to do, and what someone listening on the wire sees."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from cryptography import x509

from gateway.settings import Settings, SettingsError
from graph import certificates, queries
from graph.certificates import ensure_bolt_certificates
from graph.database import PING, Database, connect
from graph.local_neo4j import LocalNeo4j, free_port
from graph.tls import CertificateNotTrusted
from tests.conftest import Neo4jServer

TLS_SETTINGS = queries.load("health/bolt_tls_settings")
BOLT_MAGIC = bytes.fromhex("6060b017")
TLS_HANDSHAKE_RECORD = b"\x16\x03"
UNTRUSTED_ADVICE = ("set NEO4J_TRUSTED_CA_FILE to the PEM file of the CA that signed it; for a development "
                    "server with a self-signed certificate use bolt+ssc:// or neo4j+ssc://")


@dataclass(frozen=True)
class TlsNeo4j:
    port: int
    ca_file: Path
    tls_settings: dict[str, str]

    def uri(self, scheme: str, host: str = "127.0.0.1", port: int | None = None) -> str:
        return f"{scheme}://{host}:{port or self.port}"


async def _tls_settings(database: Database) -> dict[str, str]:
    return {row["name"]: row["value"] for row in await database.read(TLS_SETTINGS)}


@pytest.fixture(scope="module")
async def tls_neo4j(database: Database, neo4j_server: Neo4jServer,
                    tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[TlsNeo4j]:
    """The session's Neo4j when it is the project's local one (it serves TLS); otherwise (Docker,
    NEO4J_URI) a local Neo4j of the project's own for this module."""
    found = await _tls_settings(database)
    if found.get("server.bolt.tls_level") == "OPTIONAL":
        port = int(neo4j_server.uri.rpartition(":")[2])
        yield TlsNeo4j(port, Path(found["dbms.ssl.policy.bolt.base_directory"]) / "trusted" / "ca.crt", found)
        return
    home = tmp_path_factory.mktemp("tls-neo4j")
    with LocalNeo4j(home, free_port(), free_port(), heap="512m", pagecache="64m") as local:
        own = connect(Settings(neo4j_database="neo4j").with_neo4j(local.uri))
        try:
            await own.wait_until_reachable(timeout=60)
            yield TlsNeo4j(local.bolt_port, local.ca_file, await _tls_settings(own))
        finally:
            await own.close()


async def ping(settings: Settings, timeout: float = 10) -> list[dict[str, object]]:
    """Connect the way the gateway does, prove the database answers, and run one read."""
    settings.check()
    database = connect(settings)
    try:
        await database.wait_until_reachable(timeout=timeout)
        return await database.read(PING)
    finally:
        await database.close()


@pytest.fixture(autouse=True)
def no_ca_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what a test sets is trusted: the system's CAs, never the project's CA by accident."""
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


def test_the_local_neo4j_serves_bolt_with_tls_optional_and_its_own_certificate(tls_neo4j: TlsNeo4j) -> None:
    base = tls_neo4j.ca_file.parent.parent
    assert {name: tls_neo4j.tls_settings[name] for name in (
        "server.bolt.tls_level", "dbms.ssl.policy.bolt.enabled", "dbms.ssl.policy.bolt.client_auth",
        "dbms.ssl.policy.bolt.private_key", "dbms.ssl.policy.bolt.public_certificate",
    )} == {
        "server.bolt.tls_level": "OPTIONAL",  # plain bolt:// (tests, make run) keeps working
        "dbms.ssl.policy.bolt.enabled": "true",
        "dbms.ssl.policy.bolt.client_auth": "NONE",
        "dbms.ssl.policy.bolt.private_key": str(base / "private.key"),
        "dbms.ssl.policy.bolt.public_certificate": str(base / "public.crt"),
    }
    # What the port presents, checked as any TLS client would: signed by the CA, for the loopback names.
    context = ssl.create_default_context(cafile=str(tls_neo4j.ca_file))
    presented = ssl.DER_cert_to_PEM_cert(_peer_certificate(context, tls_neo4j.port)).encode()
    names = x509.load_pem_x509_certificate(presented).extensions.get_extension_for_class(x509.SubjectAlternativeName)
    assert sorted(map(str, names.value.get_values_for_type(x509.DNSName) + names.value.get_values_for_type(
        x509.IPAddress))) == ["127.0.0.1", "localhost"]


def _peer_certificate(context: ssl.SSLContext, port: int) -> bytes:
    import socket
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
            certificate = tls.getpeercert(binary_form=True)
    assert certificate is not None
    return certificate


@pytest.mark.parametrize("scheme", ["bolt+ssc", "neo4j+ssc"])
async def test_self_signed_schemes_connect_without_a_ca(settings: Settings, tls_neo4j: TlsNeo4j, scheme: str) -> None:
    assert await ping(settings.with_neo4j(tls_neo4j.uri(scheme))) == [{"ok": 1}]


@pytest.mark.parametrize("scheme", ["bolt+s", "neo4j+s"])
async def test_verified_schemes_connect_when_neo4j_trusted_ca_file_names_the_ca(
        settings: Settings, tls_neo4j: TlsNeo4j, scheme: str) -> None:
    env = Settings.from_env({"NEO4J_URI": tls_neo4j.uri(scheme), "NEO4J_TRUSTED_CA_FILE": str(tls_neo4j.ca_file)})
    assert env.neo4j_trusted_ca_file == tls_neo4j.ca_file
    trusting = replace(settings, neo4j_uri=env.neo4j_uri, neo4j_trusted_ca_file=env.neo4j_trusted_ca_file)
    assert await ping(trusting) == [{"ok": 1}]


@pytest.mark.parametrize("scheme", ["bolt+s", "neo4j+s"])
async def test_verified_schemes_connect_when_ssl_cert_file_trusts_the_ca(
        settings: Settings, tls_neo4j: TlsNeo4j, scheme: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_neo4j.ca_file))  # what the system's CA bundle would hold
    assert await ping(settings.with_neo4j(tls_neo4j.uri(scheme))) == [{"ok": 1}]


@pytest.mark.parametrize("scheme", ["bolt+s", "neo4j+s"])
async def test_an_untrusted_certificate_is_refused_at_once_saying_what_to_do(
        settings: Settings, tls_neo4j: TlsNeo4j, scheme: str) -> None:
    uri = tls_neo4j.uri(scheme)
    started = time.monotonic()
    with pytest.raises(CertificateNotTrusted) as refused:
        await ping(settings.with_neo4j(uri), timeout=30)
    assert str(refused.value) == (f"Neo4j at {uri} presented a TLS certificate this gateway does not trust "
                                  f"(self-signed certificate in certificate chain): {UNTRUSTED_ADVICE}")
    assert refused.value.code == "UNAVAILABLE"
    assert time.monotonic() - started < 10  # not retried until the 30 s connect timeout runs out


async def test_another_ca_is_not_trusted_in_its_place(settings: Settings, tls_neo4j: TlsNeo4j, tmp_path: Path) -> None:
    other_ca = ensure_bolt_certificates(tmp_path / "other").ca_file
    uri = tls_neo4j.uri("bolt+s")
    with pytest.raises(CertificateNotTrusted) as refused:
        await ping(replace(settings, neo4j_uri=uri, neo4j_trusted_ca_file=other_ca))
    assert str(refused.value) == (f"Neo4j at {uri} presented a TLS certificate this gateway does not trust "
                                  f"(self-signed certificate in certificate chain): {UNTRUSTED_ADVICE}")


@dataclass
class Wiretap:
    """A TCP relay in front of Neo4j that keeps every byte the client sent: what a listener sees."""

    port: int = 0
    sent: bytearray = field(default_factory=bytearray)


@contextlib.asynccontextmanager
async def wiretap(host: str, target_port: int) -> AsyncIterator[Wiretap]:
    tap = Wiretap()
    relays: list[asyncio.Future[object]] = []

    async def relay(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, keep: bool) -> None:
        try:
            while data := await reader.read(65536):
                if keep:
                    tap.sent += data
                writer.write(data)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    async def connected(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target_port)
        both = asyncio.gather(relay(client_reader, server_writer, True), relay(server_reader, client_writer, False))
        relays.append(both)
        await both

    server = await asyncio.start_server(connected, host, 0)
    tap.port = server.sockets[0].getsockname()[1]
    try:
        yield tap
    finally:
        server.close()
        await asyncio.gather(*relays)
        await server.wait_closed()


async def test_a_listener_on_the_wire_sees_neither_password_nor_query_over_tls(
        settings: Settings, tls_neo4j: TlsNeo4j) -> None:
    password, query = b"sniff-me-if-you-can", PING.encode()
    async with wiretap("127.0.0.1", tls_neo4j.port) as tap:
        ssc = settings.with_neo4j(tls_neo4j.uri("bolt+ssc", port=tap.port), "neo4j", password.decode())
        assert await ping(ssc) == [{"ok": 1}]
    assert tap.sent.startswith(TLS_HANDSHAKE_RECORD)
    assert password not in tap.sent and query not in tap.sent
    # The same tap on plain bolt:// shows both: it would have caught a connection left unencrypted.
    async with wiretap("127.0.0.1", tls_neo4j.port) as tap:
        assert await ping(settings.with_neo4j(tls_neo4j.uri("bolt", port=tap.port), "neo4j", password.decode())) == [
            {"ok": 1}]
    assert tap.sent.startswith(BOLT_MAGIC)
    assert password in tap.sent and query in tap.sent


@pytest.mark.parametrize("scheme", ["bolt+s", "neo4j+s"])
async def test_a_host_the_certificate_does_not_name_is_refused(
        settings: Settings, tls_neo4j: TlsNeo4j, scheme: str) -> None:
    # 127.0.0.2 reaches the same server (through a relay) but is not among the certificate's names.
    async with wiretap("127.0.0.2", tls_neo4j.port) as tap:
        uri = tls_neo4j.uri(scheme, host="127.0.0.2", port=tap.port)
        with pytest.raises(CertificateNotTrusted) as refused:
            await ping(replace(settings, neo4j_uri=uri, neo4j_trusted_ca_file=tls_neo4j.ca_file))
    assert str(refused.value) == (
        f"Neo4j at {uri} presented a TLS certificate this gateway does not trust (IP address mismatch, certificate "
        "is not valid for '127.0.0.2'.): connect with a host name the certificate names (its subject alternative "
        "names), or have the certificate re-issued for this one")


def test_the_certificates_are_made_once_and_reused(tmp_path: Path) -> None:
    made = ensure_bolt_certificates(tmp_path / "bolt")
    files = {path: path.read_bytes() for path in (made.private_key, made.public_certificate, made.ca_file)}
    assert made.private_key.stat().st_mode & 0o777 == 0o600  # the server's key: its owner only
    assert (tmp_path / "bolt" / "revoked").is_dir()
    again = ensure_bolt_certificates(tmp_path / "bolt")
    assert {path: path.read_bytes() for path in (again.private_key, again.public_certificate, again.ca_file)} == files


def test_certificates_for_other_hosts_or_close_to_expiry_are_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = ensure_bolt_certificates(tmp_path / "bolt").public_certificate.read_bytes()
    renamed = ensure_bolt_certificates(tmp_path / "bolt", hosts=("localhost", "127.0.0.1", "neo4j.internal"))
    assert renamed.public_certificate.read_bytes() != first
    monkeypatch.setattr(certificates, "VALIDITY", certificates.RENEW_BEFORE / 2)
    expiring = ensure_bolt_certificates(tmp_path / "short").public_certificate.read_bytes()
    monkeypatch.undo()
    assert ensure_bolt_certificates(tmp_path / "short").public_certificate.read_bytes() != expiring


def checked(**env: str) -> None:
    Settings.from_env({"GATEWAY_JWT_SECRET": "s" * 40, **env}).check()


@pytest.mark.parametrize("uri", ["bolt://db.bank.internal:7687", "neo4j+ssc://db.bank.internal:7687", ""])
def test_a_trusted_ca_file_is_refused_with_a_uri_that_would_ignore_it(tmp_path: Path, uri: str) -> None:
    ca = ensure_bolt_certificates(tmp_path).ca_file
    scheme = uri.partition("://")[0] if uri else "(none: the local Neo4j)"
    with pytest.raises(SettingsError) as refused:
        checked(NEO4J_URI=uri, NEO4J_TRUSTED_CA_FILE=str(ca))
    assert str(refused.value) == (f"NEO4J_TRUSTED_CA_FILE is set, but NEO4J_URI's scheme {scheme!r} does not "
                                  "verify certificates: use bolt+s:// or neo4j+s://")


def test_a_trusted_ca_file_must_hold_a_certificate(tmp_path: Path) -> None:
    uri = "neo4j+s://db.bank.internal:7687"
    with pytest.raises(SettingsError) as missing:
        checked(NEO4J_URI=uri, NEO4J_TRUSTED_CA_FILE=str(tmp_path / "ca.pem"))
    assert str(missing.value) == f"NEO4J_TRUSTED_CA_FILE {str(tmp_path / 'ca.pem')!r} cannot be read (No such file or directory)"
    key = ensure_bolt_certificates(tmp_path).private_key  # a PEM file, but a key, not a certificate
    with pytest.raises(SettingsError) as not_a_ca:
        checked(NEO4J_URI=uri, NEO4J_TRUSTED_CA_FILE=str(key))
    assert str(not_a_ca.value) == f"NEO4J_TRUSTED_CA_FILE {str(key)!r} holds no PEM CA certificate (NO_CERTIFICATE_OR_CRL_FOUND)"
    checked(NEO4J_URI=uri, NEO4J_TRUSTED_CA_FILE=str(ensure_bolt_certificates(tmp_path).ca_file))
