// Household.members: heads first, then partners, then dependants ($householdRoleOrder), then by customerId.
COLLECT {
  MATCH ({{member}}:Customer)-[{{membership}}:MEMBER_OF]->({{household}})
  WITH {{member}}, {{membership}}
  ORDER BY $householdRoleOrder[{{membership}}.role], {{member}}.customerId
  RETURN {{projection}} AS value
}
