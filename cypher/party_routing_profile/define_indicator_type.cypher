// Creates an IndicatorType with its policy properties and who defined it when. Null
// properties are simply not stored (absent = not applicable). The uniqueness constraint
// on code turns a concurrent second definition into a constraint error.
CREATE (t:IndicatorType {
  code: $code, kind: $kind, name: $name, description: $description, blocksSales: $blocksSales,
  priorityBoost: $priorityBoost, severity: $severity, confidential: $confidential,
  allowedValues: $allowedValues, validityDays: $validityDays, definedAt: datetime(), definedBy: $definedBy
})
RETURN t.code AS code
