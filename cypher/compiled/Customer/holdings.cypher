// Customer.holdings: open ones first, newest first, undated last, then by product (resolvers/customers.py).
COLLECT {
  MATCH ({{customer}})-[{{holding}}:HOLDS]->({{product}}:Product)
  WITH {{holding}}, {{product}}
  ORDER BY {{holding}}.status <> 'ACTIVE', {{holding}}.since IS NULL, {{holding}}.since DESC, {{product}}.productId
  RETURN {{projection}} AS value
}
