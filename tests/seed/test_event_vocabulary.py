"""The Customer Event History vocabulary: every generated event uses it, every lead rule resolves."""

from __future__ import annotations

from graph.seed import vocabulary as v
from graph.seed.generator import customer_batches, reference_data


def test_every_generated_event_has_a_type_of_its_category() -> None:
    _, workforce = reference_data(600, seed=7)
    vocabulary = {(kind.category, kind.code) for kind in v.EVENT_TYPES}
    used = {(event["category"], event["type"]) for batch in customer_batches(600, 7, workforce, 300) for event in batch.events}
    assert used and used <= vocabulary, used - vocabulary


def test_codes_are_unique_categories_known_and_suggested_products_exist() -> None:
    codes = [kind.code for kind in v.EVENT_TYPES]
    assert len(codes) == len(set(codes))
    assert {kind.category for kind in v.EVENT_TYPES} == set(v.EVENT_CATEGORIES)
    products = {product.product_id for product in v.PRODUCTS}
    suggested = {product for kind in v.EVENT_TYPES for product, _ in kind.suggests}
    assert suggested and suggested <= products
    assert all(kind.category == "LIFE" for kind in v.EVENT_TYPES if kind.suggests)
