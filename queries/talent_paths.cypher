// talent_paths: person -> organization they founded, led or worked at -> deal that
// moved them -> acquirer -> the role they took there (at the acquirer or a unit PART_OF
// it), one row per role; a row with an empty role when none is recorded (a WORKED_AT
// without a role says nothing of the role: empty, never the placeholder 'worked_at').
// Parameters: $person, $acquirer (node ids or null), $kind (deal kind or null),
// $as_of (year or null). Embedded twin: talent_queries.talent_paths.
// The deals start from $person, else from $acquirer, through their label's uniqueness
// index; only without either does the query read every deal.
CALL () {
  MATCH (d:Deal)-[:MOVED]->(p:Person {id: $person})
  RETURN d, p
  UNION ALL
  WITH $person AS person WHERE person IS NULL
  MATCH (d:Deal)-[:ACQUIRER]->(:Organization {id: $acquirer})
  MATCH (d)-[:MOVED]->(p:Person)
  RETURN d, p
  UNION ALL
  WITH $person AS person, $acquirer AS acquirer WHERE person IS NULL AND acquirer IS NULL
  MATCH (d:Deal)-[:MOVED]->(p:Person)
  RETURN d, p
}
WITH d, p
WHERE ($kind IS NULL OR d.kind = $kind)
  AND ($as_of IS NULL OR d.year <= $as_of)
MATCH (d)-[:TARGET]->(org:Organization)
MATCH (d)-[:ACQUIRER]->(acq:Organization)
WHERE $acquirer IS NULL OR acq.id = $acquirer
MATCH (p)-[tie:FOUNDED|LEADS|WORKED_AT]->(org)
WHERE $as_of IS NULL OR tie.from IS NULL OR tie.from <= $as_of
WITH DISTINCT p, d, org, acq, type(tie) AS tie_type
ORDER BY tie_type
WITH p, d, org, acq, collect(tie_type) AS ties
OPTIONAL MATCH (p)-[r:FOUNDED|LEADS|WORKED_AT]->(unit:Organization)-[:PART_OF*0..4]->(acq)
WHERE unit <> org
  AND (r.to IS NULL OR d.year IS NULL OR r.to >= d.year)
  AND ($as_of IS NULL OR r.from IS NULL OR r.from <= $as_of)
WITH DISTINCT p, d, org, acq, ties, r, unit
RETURN p.name AS person, ties AS tie, org.name AS organization, d.name AS deal, d.kind AS kind,
       d.status AS status, d.year AS year, acq.name AS acquirer,
       CASE WHEN r.role IS NOT NULL THEN r.role WHEN type(r) = 'WORKED_AT' THEN null ELSE toLower(type(r)) END AS role,
       unit.name AS role_at
ORDER BY d.year, d.id, p.id, org.id, acq.id, unit.id, type(r), coalesce(r.key, '')
