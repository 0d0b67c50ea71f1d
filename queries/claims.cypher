// claims: statements of a source beyond deals and roles, one row per claim, with the
// names of what it is about (ABOUT role 'subject', the default) and of the cases it
// cites (role 'example'). Parameters: $about (node id: only claims about it or about a
// deal it is acquirer or target of, or that moved it), $kind (claim kind or null).
// Embedded twin: queries/claims.py.
// The claims are found from that entity through its label's id index; without $about,
// queries/claims.py runs claims_all.cypher (every claim) instead.
CALL () {
  MATCH (c:Claim)-[:ABOUT]->(:Organization {id: $about}) RETURN c
  UNION
  MATCH (c:Claim)-[:ABOUT]->(:Person {id: $about}) RETURN c
  UNION
  MATCH (c:Claim)-[:ABOUT]->(:Deal {id: $about}) RETURN c
  UNION
  MATCH (c:Claim)-[:ABOUT]->(:Deal)-[:ACQUIRER|TARGET]->(:Organization {id: $about}) RETURN c
  UNION
  MATCH (c:Claim)-[:ABOUT]->(:Deal)-[:MOVED]->(:Person {id: $about}) RETURN c
}
WITH c WHERE $kind IS NULL OR c.kind = $kind
RETURN c.id AS id, c.name AS name, c.kind AS kind, c.text AS text, c.values AS values,
       c.values_qualifier AS qualifier, c.unit AS unit,
       COLLECT { MATCH (c)-[r:ABOUT]->(x) WHERE coalesce(r.role, 'subject') = 'subject'
                 RETURN DISTINCT x.name AS name ORDER BY name } AS about,
       COLLECT { MATCH (c)-[r:ABOUT]->(x) WHERE r.role = 'example'
                 RETURN DISTINCT x.name AS name ORDER BY name } AS examples,
       c.locators AS locators
ORDER BY id
