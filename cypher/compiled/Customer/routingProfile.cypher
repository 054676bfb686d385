// Customer.routingProfile(at): the customer's PartyState, answering for the instant {{asOf}}; null if none.
COLLECT {
  MATCH ({{customer}})-[:HAS_PROFILE]->({{state}}:PartyState)
  RETURN {{projection}} AS value
}[0]
