// acquired_leaders: founders whose company was the target of a deal that moved them and
// who now lead a unit or product that is PART_OF the acquirer.
// Parameters: $acquirer (node id or null), $as_of (year or null).
// Embedded twin: talent_queries.acquired_leaders.
MATCH (d:Deal)-[:MOVED]->(p:Person)
WHERE $as_of IS NULL OR d.year <= $as_of
MATCH (d)-[:TARGET]->(org:Organization)<-[:FOUNDED]-(p)
MATCH (d)-[:ACQUIRER]->(acq:Organization)
WHERE $acquirer IS NULL OR acq.id = $acquirer
MATCH (p)-[r:LEADS]->(unit:Organization)-[:PART_OF*1..4]->(acq)
WHERE unit <> acq AND ($as_of IS NULL OR r.from IS NULL OR r.from <= $as_of)
WITH DISTINCT p, d, org, acq, r, unit
RETURN p.name AS founder, org.name AS founded, d.name AS deal, d.year AS year, acq.name AS acquirer,
       unit.name AS leads, unit.kind AS unit_kind, r.role AS role, r.from AS since
ORDER BY d.year, d.id, p.id, acq.id, unit.id, coalesce(r.key, '')
