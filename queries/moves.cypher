// moves: people leaving one organization for another, read from consecutive stints.
// Needs Neo4j 5 (EXISTS subquery).
// A move is a stint with an end year followed by the person's next stint (the earliest
// start from that year on), at another organization. Nothing is stored for it, so
// moves always agree with the stints.
// Parameters: $person, $organization (node ids, or null). Embedded twin: queries/moves.py.
MATCH (p:Person)-[a:WORKED_AT]->(left:Organization)
WHERE a.to IS NOT NULL AND a.start_date IS NOT NULL AND ($person IS NULL OR p.id = $person)
MATCH (p)-[b:WORKED_AT]->(joined:Organization)
WHERE b.start_date IS NOT NULL AND b.from >= a.to AND b.start_date > a.start_date
WITH p, a, left, b, joined ORDER BY b.start_date, joined.id
WITH p, a, left, head(collect([b, joined])) AS next
WITH p, a, left, next[0] AS b, next[1] AS joined
WHERE joined <> left
  AND ($organization IS NULL OR left.id = $organization OR joined.id = $organization)
  // another role at the old organization that goes on means the person did not leave
  AND NOT EXISTS {
    MATCH (p)-[c:WORKED_AT]->(left)
    WHERE c <> a AND c.from <= b.from AND coalesce(c.to, b.from + 1) > b.from
  }
RETURN p.id AS person_id, p.name AS person, left.name AS from_org, a.role AS from_role,
       joined.name AS to_org, b.role AS to_role, b.from AS year
ORDER BY year, person_id, from_org, to_org
