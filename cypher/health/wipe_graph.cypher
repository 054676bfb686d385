// Deletes every node and relationship in batches (tests and `python -m graph seed --wipe`).
MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
