// Changes some policy properties of an IndicatorType and records who did it when.
// $properties holds only the properties to change; a null in it removes that property.
// No row when the code is unknown.
// In Neo4j Browser:
// :param code => 'IN_ARREARS';
// :param properties => ({priorityBoost: 6});
// :param updatedBy => 'analyst';
MATCH (t:IndicatorType {code: $code})
SET t += $properties, t.updatedAt = datetime(), t.updatedBy = $updatedBy
RETURN t.code AS code
