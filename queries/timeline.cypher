// timeline: dated events in year order — deals, organizations founded, people
// founding organizations, people starting a role; with $entity, only the events that
// entity takes part in. Parameters: $entity (node id or null), $as_of (year or null).
// Embedded twin: deal_queries.timeline.
// With $entity, every part starts from that entity through its label's id index (the
// `{id: $entity}` patterns match nothing when it is null); only without it does a part
// read every deal, organization or role.
CALL () {
  CALL () {
    WITH $entity AS entity WHERE entity IS NULL
    MATCH (d:Deal)
    RETURN d
    UNION
    MATCH (d:Deal {id: $entity})
    RETURN d
    UNION
    MATCH (d:Deal)-[:TARGET|ACQUIRER]->(:Organization {id: $entity})
    RETURN d
    UNION
    MATCH (d:Deal)-[:MOVED]->(:Person {id: $entity})
    RETURN d
  }
  WITH d
  WHERE d.year IS NOT NULL
  RETURN d.year AS year, 'deal' AS event, d.name AS name, d.kind + ', ' + d.status AS detail, d.id AS id
  UNION ALL
  CALL () {
    WITH $entity AS entity WHERE entity IS NULL
    MATCH (o:Organization)
    RETURN o
    UNION ALL
    MATCH (o:Organization {id: $entity})
    RETURN o
  }
  WITH o
  WHERE o.founded IS NOT NULL
  RETURN o.founded AS year, 'organization founded' AS event, o.name AS name, o.kind AS detail, o.id AS id
  UNION ALL
  CALL () {
    WITH $entity AS entity WHERE entity IS NULL
    MATCH (p:Person)-[r:FOUNDED|LEADS|WORKED_AT]->(o:Organization)
    RETURN p, r, o
    UNION ALL
    MATCH (p:Person {id: $entity})-[r:FOUNDED|LEADS|WORKED_AT]->(o:Organization)
    RETURN p, r, o
    UNION ALL
    MATCH (p:Person)-[r:FOUNDED|LEADS|WORKED_AT]->(o:Organization {id: $entity})
    RETURN p, r, o
  }
  WITH p, r, o
  WHERE CASE type(r) WHEN 'FOUNDED' THEN r.year ELSE r.from END IS NOT NULL
  RETURN CASE type(r) WHEN 'FOUNDED' THEN r.year ELSE r.from END AS year,
         CASE type(r) WHEN 'FOUNDED' THEN 'founded' ELSE 'joined' END AS event,
         CASE type(r) WHEN 'FOUNDED' THEN p.name + ' founded ' + o.name ELSE p.name + ' -> ' + o.name END AS name,
         CASE type(r) WHEN 'FOUNDED' THEN null ELSE r.role END AS detail,
         p.id + '>' + o.id + '>' + type(r) + '>' + coalesce(r.key, '') AS id
}
WITH year, event, name, detail, id
WHERE $as_of IS NULL OR year <= $as_of
RETURN year, event, name, detail, id
ORDER BY year, event, id
