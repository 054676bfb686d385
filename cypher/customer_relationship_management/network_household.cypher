// For Neo4j Browser: a household with its members and, where they have one, each member's
// relationship manager (ServicingResource-[:MANAGES]->Customer). The members are the ones
// Query.customerNetwork shows on the household for any member at depth 1.
// :param household => ({householdId: 'H0000001'});
MATCH members = (h:Household {householdId: $household.householdId})<-[:MEMBER_OF]-(c:Customer)
OPTIONAL MATCH managers = (c)<-[:MANAGES]-(:ServicingResource)
RETURN members, managers
