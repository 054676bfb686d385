// For Neo4j Browser: a company's corporate structure: its directors, owners, employees,
// subsidiaries and parents, and theirs, up to three RELATED_TO steps of the corporate kinds
// (EMPLOYER, DIRECTOR, OWNER, SUBSIDIARY), so a chain of subsidiaries shows whole. The same
// customers as Query.customerNetwork(kinds: [EMPLOYER, DIRECTOR, OWNER, SUBSIDIARY], depth: 3,
// households: false).
// :param company => ({customerId: 'C0000004'});
MATCH (company:Customer {customerId: $company.customerId})
MATCH p = (company)-[r:RELATED_TO WHERE r.kind IN ['EMPLOYER', 'DIRECTOR', 'OWNER', 'SUBSIDIARY']]-{1,3}(other)
WHERE other <> company
RETURN p
