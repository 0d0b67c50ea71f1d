// timeline: dated events in year order — deals, organizations founded, people
// founding organizations, people starting a role; with $entity, only the events that
// entity takes part in. Parameters: $entity (node id or null), $as_of (year or null).
// Embedded twin: deal_queries.timeline.
CALL () {
  MATCH (d:Deal)
  WHERE d.year IS NOT NULL
    AND ($entity IS NULL OR d.id = $entity OR EXISTS { (d)-[:TARGET|ACQUIRER|MOVED]->({id: $entity}) })
  RETURN d.year AS year, 'deal' AS event, d.name AS name, d.kind + ', ' + d.status AS detail, d.id AS id
  UNION ALL
  MATCH (o:Organization)
  WHERE o.founded IS NOT NULL AND ($entity IS NULL OR o.id = $entity)
  RETURN o.founded AS year, 'organization founded' AS event, o.name AS name, o.kind AS detail, o.id AS id
  UNION ALL
  MATCH (p:Person)-[r:FOUNDED]->(o:Organization)
  WHERE r.year IS NOT NULL AND ($entity IS NULL OR $entity IN [p.id, o.id])
  RETURN r.year AS year, 'founded' AS event, p.name + ' founded ' + o.name AS name, null AS detail,
         p.id + '>' + o.id + '>FOUNDED>' + coalesce(r.key, '') AS id
  UNION ALL
  MATCH (p:Person)-[r:LEADS|WORKED_AT]->(o:Organization)
  WHERE r.from IS NOT NULL AND ($entity IS NULL OR $entity IN [p.id, o.id])
  RETURN r.from AS year, 'joined' AS event, p.name + ' -> ' + o.name AS name, r.role AS detail,
         p.id + '>' + o.id + '>' + type(r) + '>' + coalesce(r.key, '') AS id
}
WITH year, event, name, detail, id
WHERE $as_of IS NULL OR year <= $as_of
RETURN year, event, name, detail, id
ORDER BY year, event, id
