// moves: people leaving one organization for another, read from consecutive stints.
// Needs Neo4j 5 (EXISTS subquery).
// A move is a stint with an end year followed by the person's next stint (the earliest
// start from that year on), at another organization. A stint starts at its start_date
// where known, else at its from year. Nothing is stored for a move, so moves always
// agree with the stints.
// Parameters: $entity (a person's or an organization's id, or null), $as_of (a year, or
// null: only moves whose new stint started by then). Embedded twin: queries/moves.py.
// With $entity, only the careers it can appear in — that person's, or those of the people
// who worked at that organization — found through the id indexes; without, every career.
CALL () {
  MATCH (p:Person {id: $entity})
  RETURN p
  UNION
  MATCH (p:Person)-[:WORKED_AT]->(:Organization {id: $entity})
  RETURN p
  UNION
  WITH $entity AS entity WHERE entity IS NULL
  MATCH (p:Person)
  RETURN p
}
MATCH (p)-[a:WORKED_AT]->(left:Organization)
WHERE a.to IS NOT NULL
MATCH (p)-[b:WORKED_AT]->(joined:Organization)
WITH p, a, left, b, joined,
     coalesce(a.start_date, toString(a.from)) AS a_start, coalesce(b.start_date, toString(b.from)) AS b_start
WHERE b.from >= a.to AND (a_start IS NULL OR b_start > a_start)
WITH p, a, left, b, joined ORDER BY b_start, joined.id, b.key
WITH p, a, left, head(collect([b, joined])) AS next
WITH p, a, left, next[0] AS b, next[1] AS joined
WHERE joined <> left
  AND ($entity IS NULL OR p.id = $entity OR left.id = $entity OR joined.id = $entity)
  AND ($as_of IS NULL OR b.from <= $as_of)
  // another role at the old organization that goes on means the person did not leave
  AND NOT EXISTS {
    MATCH (p)-[c:WORKED_AT]->(left)
    WHERE c <> a AND c.from <= b.from AND coalesce(c.to, b.from + 1) > b.from
  }
RETURN p.id AS person_id, p.name AS person, left.name AS from_org, a.role AS from_role,
       joined.name AS to_org, b.role AS to_role, b.from AS year
ORDER BY year, person_id, from_org, to_org, from_role, to_role
