// Every IndicatorType has one code.
CREATE CONSTRAINT indicator_type_code IF NOT EXISTS FOR (n:IndicatorType) REQUIRE n.code IS UNIQUE
