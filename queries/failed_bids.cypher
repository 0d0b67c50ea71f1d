// failed_bids: failed, rejected and abandoned bids, and the later deals in which the
// bidder took people from the same target (Meta's rejected SSI bid, then its CEO).
// Parameters: $acquirer (node id or null), $as_of (year or null).
// Embedded twin: talent_queries.failed_bids.
// With $acquirer, start from that organization through the Organization id index;
// without, every deal.
CALL () {
  MATCH (offer:Deal)-[:ACQUIRER]->(acq:Organization {id: $acquirer})
  RETURN offer, acq
  UNION ALL
  WITH $acquirer AS acquirer WHERE acquirer IS NULL
  MATCH (offer:Deal)-[:ACQUIRER]->(acq:Organization)
  RETURN offer, acq
}
WITH offer, acq
WHERE offer.status IN ['failed', 'rejected', 'abandoned']
  AND ($as_of IS NULL OR offer.year <= $as_of)
MATCH (offer)-[:TARGET]->(t:Organization)
WITH DISTINCT offer, acq, t
OPTIONAL MATCH (next:Deal)-[:ACQUIRER]->(acq), (next)-[:TARGET]->(t), (next)-[:MOVED]->(p:Person)
WHERE next <> offer
  AND (offer.year IS NULL OR next.year IS NULL OR next.year >= offer.year)
  AND ($as_of IS NULL OR next.year <= $as_of)
WITH DISTINCT offer, acq, t, next, p
ORDER BY p.name
WITH offer, acq, t, next, collect(p.name) AS moved
RETURN offer.name AS bid, offer.status AS status, offer.year AS year, acq.name AS bidder, t.name AS target,
       next.name AS next_deal, next.kind AS next_kind, moved
ORDER BY offer.year, offer.id, acq.id, t.id, next.id
