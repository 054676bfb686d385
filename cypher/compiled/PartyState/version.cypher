// PartyState.version: counts the profile's changes; a profile never changed has none stored.
coalesce({{state}}.version, 0)
