// Every Indicator has one indicatorId.
CREATE CONSTRAINT indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.indicatorId IS UNIQUE
