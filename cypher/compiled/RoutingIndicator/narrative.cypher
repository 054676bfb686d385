// RoutingIndicator.narrative: an alert's narrative only for $trusted principals (domains/party_routing_profile shown).
CASE WHEN {{category}} = 'ALERT' AND NOT $trusted THEN null ELSE {{indicator}}.narrative END
