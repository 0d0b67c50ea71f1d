// boomerangs: people a deal brought back to an employer (or one of its units) they had
// left — Noam Shazeer: Google -> Character.ai -> Google.
// Parameters: $person (node id or null), $as_of (year or null).
// Embedded twin: talent_queries.boomerangs.
// With $person, start from that person through the Person id index; without, every move.
CALL () {
  MATCH (d:Deal)-[:MOVED]->(p:Person {id: $person})
  RETURN d, p
  UNION ALL
  WITH $person AS person WHERE person IS NULL
  MATCH (d:Deal)-[:MOVED]->(p:Person)
  RETURN d, p
}
WITH d, p
WHERE $as_of IS NULL OR d.year <= $as_of
MATCH (d)-[:TARGET]->(through:Organization)<-[:FOUNDED|LEADS|WORKED_AT]-(p)
MATCH (d)-[:ACQUIRER]->(acq:Organization)
MATCH (p)-[before:FOUNDED|LEADS|WORKED_AT]->(old:Organization)-[:PART_OF*0..4]->(acq)
WHERE before.to IS NOT NULL AND (d.year IS NULL OR before.to <= d.year)
WITH DISTINCT p, d, through, acq, before, old
RETURN p.name AS person, old.name AS former_employer, before.to AS left_in, through.name AS via,
       d.name AS deal, d.year AS year, acq.name AS returned_to
ORDER BY d.year, d.id, p.id, through.id, acq.id, old.id, type(before), coalesce(before.key, '')
