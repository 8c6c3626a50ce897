#!/usr/bin/env bash
# The unit and integration tests with the system clock set to other days (Debian's faketime):
# no test may depend on the calendar. Test binaries run directly, since cargo's own file-time
# checks are confused by a moved clock.
#   tests/paa_andre_datoer.sh ['2027-03-01 12:00:00' '2030-12-31 23:30:00' …]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v faketime >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y faketime)
[ $# -gt 0 ] || set -- '2027-03-01 12:00:00' '2030-12-31 23:30:00'
mapfile -t BINAERER < <(cargo test --features ssr --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["kind"] != ["bin"]:
        print(m["executable"])')
for dato in "$@"; do
  for b in "${BINAERER[@]}"; do
    echo "== $dato: $(basename "$b")"
    faketime "$dato" "$b" --test-threads=1 2>&1 | grep -E "^test result|FAILED|panicked" || true
    [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "FEIL: $b under faketime $dato"; exit 1; }
  done
done
echo "Alle testene besto på: $*"
