// claims (every claim): statements of a source beyond deals and roles, one row per
// claim, with the names of what it is about and of the cases it cites — what
// queries/claims.py runs without $about (claims.cypher starts from that entity).
// Parameters: $kind (claim kind or null). Embedded twin: queries/claims.py.
MATCH (c:Claim)
WHERE $kind IS NULL OR c.kind = $kind
RETURN c.id AS id, c.name AS name, c.kind AS kind, c.text AS text, c.values AS values,
       c.values_qualifier AS qualifier, c.unit AS unit,
       COLLECT { MATCH (c)-[r:ABOUT]->(x) WHERE coalesce(r.role, 'subject') = 'subject'
                 RETURN DISTINCT x.name AS name ORDER BY name } AS about,
       COLLECT { MATCH (c)-[r:ABOUT]->(x) WHERE r.role = 'example'
                 RETURN DISTINCT x.name AS name ORDER BY name } AS examples,
       c.locators AS locators
ORDER BY id
