// Whether a servicing resource is free for a contact: the resource $booking.resourceId, write-locked
// for the rest of the transaction (so two bookings of one resource, even on different plans, run
// one after the other), and the first SCHEDULED contact with it that overlaps
// [$booking.start, $booking.end), leaving out $booking.exceptContactId (a contact being moved).
// A contact without durationMinutes counts as 60 minutes. No row: no such resource.
// In Neo4j Browser:
// :param booking => ({resourceId: 'R000001', start: datetime() + duration('P1D'), end: datetime() + duration('P1DT1H'), exceptContactId: null});
MATCH (r:ServicingResource {resourceId: $booking.resourceId})
SET r.bookingLocked = true
REMOVE r.bookingLocked
WITH r
OPTIONAL CALL (r) {
  MATCH (r)<-[:WITH_RESOURCE]-(other:PlanContact {status: 'SCHEDULED'})
  WHERE other.contactId <> coalesce($booking.exceptContactId, '')
    AND other.scheduledAt < $booking.end
    AND other.scheduledAt + duration({minutes: coalesce(other.durationMinutes, 60)}) > $booking.start
  RETURN other ORDER BY other.scheduledAt LIMIT 1
}
RETURN r.resourceId AS resourceId, other.contactId AS clashId, other.scheduledAt AS clashAt,
       coalesce(other.durationMinutes, 60) AS clashMinutes
