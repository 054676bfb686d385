"""The BIAN coverage map (resolvers/bian_coverage.toml) checked against BIAN's YAML and the schema.

`python -m resolvers.coverage [BIAN_DIR]` prints, per service domain, how many operations
have a GraphQL field, and lists the missing ones.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml
from graphql import build_schema

from gateway.settings import PROJECT_ROOT

COVERAGE_FILE = Path(__file__).resolve().parent / "bian_coverage.toml"
BIAN_DIR = PROJECT_ROOT / "docs" / "bian-v12"  # BIAN 12.0.0 semantic APIs, Apache-2.0


@dataclass(frozen=True)
class DomainCoverage:
    domain: str
    operations: list[str]
    mapped: dict[str, str]

    @property
    def missing(self) -> list[str]:
        return [op for op in self.operations if op not in self.mapped]

    @property
    def unknown(self) -> list[str]:
        return sorted(set(self.mapped) - set(self.operations))


def bian_operations(bian_dir: Path = BIAN_DIR) -> dict[str, list[str]]:
    """operationIds per service domain, in the order BIAN lists them."""
    domains: dict[str, list[str]] = {}
    for path in sorted(bian_dir.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        domains[path.stem] = [
            operation["operationId"]
            for item in spec.get("paths", {}).values()
            for operation in item.values()
            if isinstance(operation, dict) and "operationId" in operation
        ]
    return domains


def coverage(bian_dir: Path = BIAN_DIR, coverage_file: Path = COVERAGE_FILE) -> list[DomainCoverage]:
    mapped = tomllib.loads(coverage_file.read_text(encoding="utf-8"))
    return [DomainCoverage(domain, ops, dict(mapped.get(domain, {}))) for domain, ops in bian_operations(bian_dir).items()]


def schema_fields(sdl: str) -> set[str]:
    """Every root field of the SDL as "Query.x" / "Mutation.y" / "Subscription.z"."""
    schema = build_schema(sdl)
    roots = (schema.query_type, schema.mutation_type, schema.subscription_type)
    return {f"{root.name}.{name}" for root in roots if root is not None for name in root.fields}


def report(domains: list[DomainCoverage]) -> str:
    lines = []
    for d in domains:
        lines.append(f"{d.domain:<34} {len(d.operations) - len(d.missing):>3}/{len(d.operations)}")
        if d.missing:
            lines.append(f"    missing: {', '.join(d.missing)}")
    covered = sum(len(d.operations) - len(d.missing) for d in domains)
    lines.append(f"{'all five domains':<34} {covered:>3}/{sum(len(d.operations) for d in domains)}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(coverage(Path(sys.argv[1]) if len(sys.argv) > 1 else BIAN_DIR)))
