// PartyState.history(types): every value each indicator ever had, newest first (ties by indicatorId),
// only the types {{types}} when given; those of a confidential type only when $trusted.
COLLECT {
  MATCH ({{state}})-[:HAS_INDICATOR]->({{indicator}}:Indicator)-[:OF_TYPE]->(indicatorType:IndicatorType)
  WHERE ($trusted OR NOT coalesce(indicatorType.confidential, false))
    AND ({{types}} IS NULL OR {{indicator}}.type IN {{types}})
  WITH {{indicator}}, toUpper([label IN labels({{indicator}}) WHERE label IN ['Status', 'Rating', 'Alert']][0]) AS {{category}}
  ORDER BY {{indicator}}.validFrom DESC, {{indicator}}.indicatorId DESC
  RETURN {{projection}} AS value
}
