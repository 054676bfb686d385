"""Rules that more than one statement restates must say the same thing in each.

Cypher has no includes, and each of these answers stays one round trip, so the lead evaluation,
product matching and campaign grant each carry the sales-block rule (DOMAIN.md: an indicator in
force whose type blocks sales stops sales) and the first two the credit-rating rule; the book
access check and the customers list carry the book rule (docs/security.md: a relationship manager
reaches only its book). A change to one copy that is not made to the others fails here instead of
making the domains disagree.
"""

from __future__ import annotations

import re

import pytest

from graph import queries

SALES_BLOCK = re.compile(r"MATCH \(c\)-\[:HAS_PROFILE\].*?WHERE t\.blocksSales.*?ORDER BY block\.type", re.S)
CREDIT_RATING = re.compile(r"MATCH \(c\)-\[:HAS_PROFILE\][^\n]*'CREDIT_RATING'.*?LIMIT 1", re.S)
BOOK = re.compile(r"EXISTS \{ \(:ServicingResource \{resourceId: \$?bookOf\}\)-\[:MANAGES\].*?'OFFER_INITIATED'\] \}", re.S)
PARAMETER_MAPS = re.compile(r"\$(q|grant)\.")

SALES_BLOCK_STATEMENTS = ("lead_and_opportunity_management/evaluate_lead",
                          "customer_relationship_management/matching_product_suggestions",
                          "customer_relationship_management/plan_grant_context")
CREDIT_RATING_STATEMENTS = SALES_BLOCK_STATEMENTS[:2]
BOOK_STATEMENTS = ("customer_relationship_management/book_access", "customers/list_customers",
                   "compiled/book/in_book", "compiled/Query/customers")


def clause(rule: re.Pattern[str], statement: str) -> str:
    found = rule.search(queries.load(statement))
    assert found, f"{statement} no longer states the rule {rule.pattern!r}"
    # `$at` and `$q.at` are the same instant passed differently, as are `$bookOf` and `bookOf`
    # (a parameter, or a variable bound to one); whitespace is layout.
    return " ".join(PARAMETER_MAPS.sub("$", found.group(0)).replace("$bookOf", "bookOf").split())


@pytest.mark.parametrize(("rule", "statements"), [(SALES_BLOCK, SALES_BLOCK_STATEMENTS),
                                                   (CREDIT_RATING, CREDIT_RATING_STATEMENTS),
                                                   (BOOK, BOOK_STATEMENTS)],
                         ids=["sales-block", "credit-rating", "book"])
def test_every_statement_states_the_rule_alike(rule: re.Pattern[str], statements: tuple[str, ...]) -> None:
    clauses = {statement: clause(rule, statement) for statement in statements}
    assert len(set(clauses.values())) == 1, clauses
