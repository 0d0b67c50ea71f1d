// entities: the people or the organizations, each with how many deals it takes part in
// (as acquirer, target or person moved). Filters and order are applied by
// queries/listing.py, the same code the embedded store runs.
// Parameters: $label ('Person' or 'Organization'); the others are applied in Python.
CALL () {
  MATCH (n:Person) WHERE $label = 'Person' RETURN n
  UNION
  MATCH (n:Organization) WHERE $label = 'Organization' RETURN n
}
CALL (n) { OPTIONAL MATCH (n)<-[:ACQUIRER|TARGET|MOVED]-(d:Deal) RETURN count(DISTINCT d) AS deals }
RETURN n, deals
