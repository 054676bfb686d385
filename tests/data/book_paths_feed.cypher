// The live feed's view of POOL-PATHS (tests/gateway/security/test_book_paths.py, after book_paths.cypher):
// every allocation of the pool changes now, a millisecond apart in a fixed order, so a
// subscription that starts in the next few seconds replays them all in that order.
MATCH (a:Allocation) WHERE a.allocationId STARTS WITH 'AL-PATHS-'
WITH a ORDER BY a.allocationId
WITH collect(a) AS allocations
UNWIND range(0, size(allocations) - 1) AS i
WITH allocations[i] AS a, size(allocations) - i AS before
SET a.updatedAt = datetime() - duration({milliseconds: 10 * before})
