// Deletes every node, 10,000 per transaction (second half of a wipe; run delete_relationships first).
MATCH (n)
CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS
