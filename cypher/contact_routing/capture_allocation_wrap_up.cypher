// Records the wrap-up of an accepted allocation (checked by the caller under lock_allocation).
// :param allocationId => 'AL-example';
// :param disposition => 'RESOLVED';
// :param note => 'Explained the fixed-rate offer';
// :param now => datetime();
// :param by => 'browser';
MATCH (a:Allocation {allocationId: $allocationId})
SET a.disposition = $disposition, a.wrapUpNote = $note, a.wrapUpAt = $now, a.wrapUpBy = $by,
    a.updatedAt = $now, a.updatedBy = $by
RETURN a.allocationId AS allocationId
