// Creates an IndicatorType with its policy properties and who defined it when. Null
// properties are simply not stored (absent = not applicable). The uniqueness constraint
// on code turns a concurrent second definition into a constraint error.
// In Neo4j Browser:
// :param code => 'EXAMPLE_STATUS';
// :param kind => 'STATUS';
// :param name => 'Example status';
// :param description => 'An example';
// :param blocksSales => false;
// :param priorityBoost => 0;
// :param severity => null;
// :param confidential => false;
// :param allowedValues => ['true'];
// :param validityDays => 30;
// :param definedBy => 'analyst';
CREATE (t:IndicatorType {
  code: $code, kind: $kind, name: $name, description: $description, blocksSales: $blocksSales,
  priorityBoost: $priorityBoost, severity: $severity, confidential: $confidential,
  allowedValues: $allowedValues, validityDays: $validityDays, definedAt: datetime(), definedBy: $definedBy
})
RETURN t.code AS code
