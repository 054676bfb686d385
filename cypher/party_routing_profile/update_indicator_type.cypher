// Changes some policy properties of an IndicatorType and records who did it when.
// $properties holds only the properties to change; a null in it removes that property.
// No row when the code is unknown.
MATCH (t:IndicatorType {code: $code})
SET t += $properties, t.updatedAt = datetime(), t.updatedBy = $updatedBy
RETURN t.code AS code
