"""resolvers/bian_coverage.toml against BIAN's YAML files and the exported schema."""

from __future__ import annotations

from pathlib import Path

from resolvers.coverage import BIAN_DIR, COVERAGE_FILE, bian_operations, coverage, report, schema_fields
from resolvers.schema import export_sdl


def test_the_five_bian_domains_define_73_operations() -> None:
    operations = bian_operations()
    assert {domain: len(ops) for domain, ops in operations.items()} == {
        "ContactRouting": 8, "CustomerEventHistory": 21, "CustomerRelationshipManagement": 22,
        "LeadandOpportunityManagement": 8, "PartyRoutingProfile": 14,
    }


def test_every_domain_has_a_table_and_maps_only_known_operations() -> None:
    domains = coverage()
    assert len(domains) == 5
    assert {d.domain: d.unknown for d in domains} == {d.domain: [] for d in domains}


def test_every_mapped_field_exists_in_the_schema() -> None:
    fields = schema_fields(export_sdl())
    dangling = {f"{d.domain}.{op}": field for d in coverage() for op, field in d.mapped.items() if field not in fields}
    assert dangling == {}


def test_checks_catch_a_wrong_map(tmp_path: Path) -> None:
    wrong = tmp_path / "coverage.toml"
    wrong.write_text('[PartyRoutingProfile]\nInitiate = "Mutation.nothingHere"\nMadeUp = "Query.customer"\n')
    domain = next(d for d in coverage(BIAN_DIR, wrong) if d.domain == "PartyRoutingProfile")
    assert domain.unknown == ["MadeUp"]
    assert domain.mapped["Initiate"] not in schema_fields(export_sdl())
    assert "Initiate" not in domain.missing


def test_report_counts_per_domain() -> None:
    text = report(coverage(BIAN_DIR, COVERAGE_FILE))
    assert text.splitlines()[-1].split()[-1].endswith("/73")
    assert "PartyRoutingProfile" in text
