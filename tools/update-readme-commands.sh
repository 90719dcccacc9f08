#!/usr/bin/env bash
# Rewrites the supported-commands block of README.md from the command table, using the block
# that ReadmeCommandListTest prints when the two differ.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
mvn -B -o test -pl engine-core -Dtest=ReadmeCommandListTest -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1 || true
python3 - "$log" <<'PY'
import re, sys
log = open(sys.argv[1], errors="replace").read()
m = re.search(r"paste this block:\n(.*?)\]", log, re.S)
if not m:
    print("README command list already up to date"); sys.exit(0)
lines = [l for l in m.group(1).split("\n") if l.startswith("- **")]
s = open("README.md").read()
a = s.index("<!-- commands -->"); b = s.index("<!-- /commands -->")
block = s[a:b]
head = block[:block.index("\n- ") + 1] if "\n- " in block else block
s = s[:a] + head + "\n".join(lines) + "\n" + s[b:]
open("README.md", "w").write(s)
print("README command list updated")
PY
rm -f "$log"
