// Blocks until every index (including constraint-backing ones) is populated.
CALL db.awaitIndexes(300)
