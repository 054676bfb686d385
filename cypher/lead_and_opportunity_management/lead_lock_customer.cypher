// Write-locks a customer for lead capture for the rest of the transaction (a property set and
// removed again: the graph is unchanged), so concurrent captures for one customer run one at a
// time and the second sees the first's open lead. No row when the customer is unknown.
// :param customerId => 'C0000001';
MATCH (c:Customer {customerId: $customerId})
SET c.capturingLead = true
REMOVE c.capturingLead
RETURN c.customerId AS customerId
