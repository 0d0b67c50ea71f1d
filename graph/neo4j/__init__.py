"""Neo4j: the store, its edit transactions and a local server launched from Maven jars."""
