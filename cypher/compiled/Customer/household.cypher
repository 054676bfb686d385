// Customer.household: the household the customer is a MEMBER_OF, with its role in it; null if none.
COLLECT {
  MATCH ({{customer}})-[{{membership}}:MEMBER_OF]->({{household}}:Household)
  RETURN {{projection}} AS value
}[0]
