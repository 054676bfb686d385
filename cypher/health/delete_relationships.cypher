// Deletes every relationship, 10,000 per transaction (first half of a wipe that survives dense nodes).
// Deleting relationships before nodes keeps each transaction small: a DETACH DELETE of a product or
// indicator type would drop its hundreds of thousands of relationships in one transaction.
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
