#!/usr/bin/env bash
# The dependency floors are tested, not guessed: a second virtual environment gets the lowest
# version pyproject.toml allows of every runtime dependency (each ">=X" pinned "==X"), and the
# smoke tests (pytest -m smoke) run there, the Neo4j one against a real server.
#
#   bash .ci/floors.sh            # .ci/run calls it after the main suite
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${FLOORS_VENV:-.venv-floors}

constraints=$(mktemp)
trap 'rm -f "$constraints"' EXIT
python3 - "$constraints" <<'PY'
import re, sys, tomllib
deps = tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]
pins = []
for dep in deps:
    found = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*>=\s*([^,;\s]+)\s*", dep)
    if not found:
        sys.exit(f"floors.sh: {dep!r} has no plain '>=' floor to pin")
    pins.append(f"{found[1]}=={found[2]}")
open(sys.argv[1], "w").write("\n".join(pins) + "\n")
print("floors.sh: " + " ".join(pins))
PY

python3 -m venv "$VENV"
"$VENV/bin/pip" install -q -c "$constraints" -e '.[test]'
"$VENV/bin/pip" check
"$VENV/bin/python" -m pytest -m smoke -q -p no:cacheprovider --durations=5
