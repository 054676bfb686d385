"""Settings from the environment: defaults, parsing, and refusals that say what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.settings import Settings, SettingsError


def test_defaults_start_a_local_neo4j_on_the_standard_ports() -> None:
    settings = Settings.from_env({})
    assert (settings.neo4j_uri, settings.local_bolt_port, settings.local_http_port) == (None, 7687, 7474)
    assert (settings.host, settings.port, settings.dev_mode) == ("127.0.0.1", 8000, False)
    # An empty environment gives exactly the documented defaults: each is written once, on the field.
    assert settings == Settings()


def test_values_are_read_and_secrets_never_printed() -> None:
    settings = Settings.from_env({
        "NEO4J_URI": "neo4j+s://abc.databases.neo4j.io", "NEO4J_PASSWORD": "hunter2", "GATEWAY_PORT": "9000",
        "GATEWAY_DEV_MODE": "yes", "GATEWAY_JWT_SECRET": "top-secret-value", "LOCAL_NEO4J_DATA_DIR": "/data/neo4j",
        "NEO4J_RETRY_SECONDS": "2.5",
    })
    assert (settings.neo4j_uri, settings.port, settings.dev_mode) == ("neo4j+s://abc.databases.neo4j.io", 9000, True)
    assert (settings.local_data_dir, settings.retry_seconds) == (Path("/data/neo4j"), 2.5)
    assert "hunter2" not in repr(settings) and "top-secret-value" not in repr(settings)


@pytest.mark.parametrize(("env", "message"), [
    ({"GATEWAY_PORT": "eighty"}, "GATEWAY_PORT must be a whole number, got 'eighty'"),
    ({"NEO4J_RETRY_SECONDS": "soon"}, "NEO4J_RETRY_SECONDS must be a number of seconds, got 'soon'"),
])
def test_unparseable_values_name_the_variable(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError) as error:
        Settings.from_env(env)
    assert str(error.value) == message
