// trace: the talent paths of one person — tie to the target, the deal, the acquirer,
// and the roles the person holds in the acquirer or its units.
// Parameters: $person (node id). Embedded twin: queries/trace.py, which talentgraph
// runs on the nodes and relationships returned here to shape each path.
MATCH (deal:Deal)-[moved:MOVED]->(p:Person {id: $person})
MATCH (deal)-[tgt:TARGET]->(target:Organization)
MATCH (deal)-[acq:ACQUIRER]->(acquirer:Organization)
OPTIONAL MATCH (p)-[tie:FOUNDED|LEADS|WORKED_AT]->(target)
OPTIONAL MATCH chain = (p)-[role:FOUNDED|LEADS|WORKED_AT]->(unit:Organization)-[:PART_OF*0..4]->(acquirer)
  WHERE unit <> target
WITH p, target, deal, acquirer, moved, tgt, acq, collect(DISTINCT tie) AS ties, collect(DISTINCT chain) AS chains
RETURN p, target, deal, acquirer, moved, tgt, acq, ties,
       [c IN chains | nodes(c)] AS role_nodes, [c IN chains | relationships(c)] AS role_rels
ORDER BY coalesce(deal.year, 1000000), deal.id, target.id, acquirer.id
