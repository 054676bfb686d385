// Every EventType (the Customer Event History vocabulary) has one code.
CREATE CONSTRAINT event_type_code IF NOT EXISTS FOR (n:EventType) REQUIRE n.code IS UNIQUE
