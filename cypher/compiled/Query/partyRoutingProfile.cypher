// Query.partyRoutingProfile(partyStateId, at): one routing profile by id, index-backed, with its
// customer. Not found, or its customer outside a relationship manager's book ({{inBook}}; `true` for
// principals no book bounds): no projection. `{{asOf}}` is `at`, or now.
OPTIONAL MATCH ({{customer}}:Customer)-[:HAS_PROFILE]->({{state}}:PartyState {partyStateId: {{partyStateId}}})
RETURN CASE WHEN {{state}} IS NULL THEN {found: false}
            WHEN NOT {{inBook}} THEN {found: true, inBook: false, customerId: {{customer}}.customerId}
            ELSE {found: true, inBook: true, value: {{projection}}} END AS {{column}}
