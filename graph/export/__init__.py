"""Export formats (node-link JSON, GraphML, a cypher-shell script, neo4j-admin CSV) and their registry."""
