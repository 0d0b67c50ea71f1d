#!/usr/bin/env bash
# Prepare a clean CI machine for the Neo4j tests: Java 17 (a JDK, since Launcher.java runs as
# a single-file source program and needs the compiler module) plus Maven, then the Neo4j jars
# into the cache, so the test session only starts the server.
#
# .ci/run calls this after installing the package (pip install -e '.[test]'), e.g.:
#   PYTHON=.venv/bin/python bash .ci/neo4j.sh
# The jars go to $TALENTGRAPH_NEO4J_HOME, or ~/.cache/talentgraph/neo4j-<version>; a second
# run with a complete cache returns at once.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null || ! command -v javac >/dev/null || ! command -v mvn >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless maven >/dev/null
  else
    echo "neo4j.sh: java, javac and mvn are needed (install openjdk-17-jdk-headless and maven)" >&2
    exit 1
  fi
fi

start=$(date +%s)
"${PYTHON:-python3}" -m talentgraph.graph.neo4j.server fetch
echo "neo4j.sh: jars ready in $(( $(date +%s) - start )) s"
