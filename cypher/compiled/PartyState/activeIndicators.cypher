// PartyState.activeIndicators: the indicators in force at {{asOf}} (validFrom <= asOf < validTo), those of a
// confidential type only when $trusted (relationship managers, admins); statuses, ratings, alerts
// ($indicatorCategoryOrder), then by type and when each took effect.
COLLECT {
  MATCH ({{state}})-[:HAS_INDICATOR]->({{indicator}}:Indicator)-[:OF_TYPE]->(indicatorType:IndicatorType)
  WHERE ($trusted OR NOT coalesce(indicatorType.confidential, false))
    AND {{indicator}}.validFrom <= {{asOf}} AND ({{indicator}}.validTo IS NULL OR {{asOf}} < {{indicator}}.validTo)
  WITH {{indicator}}, toUpper([label IN labels({{indicator}}) WHERE label IN ['Status', 'Rating', 'Alert']][0]) AS {{category}}
  ORDER BY $indicatorCategoryOrder[{{category}}], {{indicator}}.type, {{indicator}}.validFrom
  RETURN {{projection}} AS value
}
