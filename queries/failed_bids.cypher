// failed_bids: failed, rejected and abandoned bids, and the later deals in which the
// bidder took people from the same target (Meta's rejected SSI bid, then its CEO).
// Parameters: $acquirer (node id or null), $as_of (year or null).
// Embedded twin: talent_queries.failed_bids.
MATCH (bid:Deal)-[:ACQUIRER]->(acq:Organization)
WHERE bid.status IN ['failed', 'rejected', 'abandoned']
  AND ($acquirer IS NULL OR acq.id = $acquirer)
  AND ($as_of IS NULL OR bid.year <= $as_of)
MATCH (bid)-[:TARGET]->(t:Organization)
WITH DISTINCT bid, acq, t
OPTIONAL MATCH (next:Deal)-[:ACQUIRER]->(acq), (next)-[:TARGET]->(t), (next)-[:MOVED]->(p:Person)
WHERE next <> bid
  AND (bid.year IS NULL OR next.year IS NULL OR next.year >= bid.year)
  AND ($as_of IS NULL OR next.year <= $as_of)
WITH DISTINCT bid, acq, t, next, p
ORDER BY p.name
WITH bid, acq, t, next, collect(p.name) AS moved
RETURN bid.name AS bid, bid.status AS status, bid.year AS year, acq.name AS bidder, t.name AS target,
       next.name AS next_deal, next.kind AS next_kind, moved
ORDER BY bid.year, bid.id, acq.id, t.id, next.id
