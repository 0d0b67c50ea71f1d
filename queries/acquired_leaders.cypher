// acquired_leaders: founders whose company was the target of a deal that moved them and
// who now lead a unit or product that is PART_OF the acquirer.
// Parameters: $acquirer (node id or null), $as_of (year or null).
// Embedded twin: talent_queries.acquired_leaders.
// With $acquirer, start from that organization through the Organization id index;
// without, every deal.
CALL () {
  MATCH (d:Deal)-[:ACQUIRER]->(acq:Organization {id: $acquirer})
  RETURN d, acq
  UNION ALL
  WITH $acquirer AS acquirer WHERE acquirer IS NULL
  MATCH (d:Deal)-[:ACQUIRER]->(acq:Organization)
  RETURN d, acq
}
WITH d, acq
WHERE $as_of IS NULL OR d.year <= $as_of
MATCH (d)-[:MOVED]->(p:Person)
MATCH (d)-[:TARGET]->(org:Organization)<-[:FOUNDED]-(p)
MATCH (p)-[r:LEADS]->(unit:Organization)-[:PART_OF*1..4]->(acq)
WHERE unit <> acq AND ($as_of IS NULL OR r.from IS NULL OR r.from <= $as_of)
WITH DISTINCT p, d, org, acq, r, unit
RETURN p.name AS founder, org.name AS founded, d.name AS deal, d.year AS year, acq.name AS acquirer,
       unit.name AS leads, unit.kind AS unit_kind, r.role AS role, r.from AS since
ORDER BY d.year, d.id, p.id, acq.id, unit.id, coalesce(r.key, '')
