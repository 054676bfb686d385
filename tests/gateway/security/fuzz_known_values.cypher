// Which identifiers and codes exist in the graph, by property name (customerId, planId, code, ...):
// the fuzzer mixes them into its hostile values so requests get past "not found" into deeper code.
// No parameters.
MATCH (n)
UNWIND keys(n) AS key
WITH key, n[key] AS value
WHERE (key ENDS WITH 'Id' OR key = 'code') AND value IS :: STRING
WITH key, collect(DISTINCT value) AS values
RETURN key, values[..25] AS values
