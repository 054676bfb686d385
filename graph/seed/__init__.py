"""The demo bank: a deterministic generator (generator.py) and the loader that writes it.

    report = await seed_bank(db, customers=500, seed=42, progress=True)

docs/graph-model.md describes what it writes.
"""

from __future__ import annotations

from graph.seed.loader import SeedReport, seed_bank, wipe_graph

__all__ = ["SeedReport", "seed_bank", "wipe_graph"]
