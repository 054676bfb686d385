// Every Skill has one code.
CREATE CONSTRAINT skill_code IF NOT EXISTS FOR (n:Skill) REQUIRE n.code IS UNIQUE
