// Links a lead to the SALES_PROSPECT status it keeps open on the customer's routing profile:
// (lead)-[:SETS]->(status). Runs in the transaction that captured (or handed over) the status.
// :param leadId => 'LD-C0000001-1';
// :param indicatorId => 'IN-C0000001-06';
MATCH (l:Lead {leadId: $leadId}), (s:Status {indicatorId: $indicatorId})
MERGE (l)-[:SETS]->(s)
RETURN s.indicatorId AS indicatorId
