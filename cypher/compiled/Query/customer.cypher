// Query.customer(customerId): one customer by id, index-backed (customer_id.cypher). Not found, or
// outside a relationship manager's book ({{inBook}}; `true` for principals no book bounds): no projection.
OPTIONAL MATCH ({{customer}}:Customer {customerId: {{customerId}}})
RETURN CASE WHEN {{customer}} IS NULL THEN {found: false}
            WHEN NOT {{inBook}} THEN {found: true, inBook: false}
            ELSE {found: true, inBook: true, value: {{projection}}} END AS {{column}}
