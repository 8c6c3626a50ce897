#!/usr/bin/env bash
# The largest answer and the slowest anonymous request the public statistics still give, against
# the release build (`make bygg`) with the demo data, on the demo's fixed day. Prints one line
# per request: status, bytes, seconds, path; then the largest and the slowest.
#   benches/offentlig_verstefall.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DB=target/maaling/klagesak.db
PORT=${PORT:-3190}
mkdir -p target/maaling
rm -f "$DB" "$DB-wal" "$DB-shm"
export KLAGESAK_IDAG=2026-11-23 DATABASE_URL="sqlite:$DB" KLAGESAK_STATISTIKK_STOET=100000 RUST_LOG=warn
./target/release/klagesak demo >/dev/null
LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR=127.0.0.1:$PORT LEPTOS_ENV=PROD ./target/release/klagesak serve &
PID=$!
trap 'kill $PID' EXIT
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.2; done

SPORSMAAL=(
  "/api/v1/statistikk?fra=2000-01-01&til=2027-11-23"
  "/api/v1/statistikk?fra=2000-01-01&til=2027-11-23&grunnlag=mottatt"
  "/statistikk?fra=2000-01-01&til=2027-11-23"
  "/api/v1/statistikk.csv?fra=2000-01-01&til=2027-11-23"
  "/api/v1/statistikk.xlsx?fra=2000-01-01&til=2027-11-23"
  "/api/v1/statistikk?fra=2025-01-01&til=2025-12-31&statsforvalter=innlandet"
  "/api/v1/statistikk?fra=2025-01-01&til=2025-12-31&statsforvalter=innlandet&kategori=ikke_ip"
  "/api/v1/statistikk?fra=2024-01-01&til=2024-12-31&fylke=34"
  "/api/v1/statistikk?fra=2024-01-01&til=2024-12-31&kommune=3403"
  "/api/v1/statistikk.xlsx?fra=2024-01-01&til=2024-12-31&statsforvalter=ostfold-buskerud-oslo-akershus"
  "/statistikk?fra=2024-01-01&til=2024-12-31&statsforvalter=ostfold-buskerud-oslo-akershus"
  "/api/v1/statistikk?fra=0001-01-01&til=2027-11-23"
  "/api/v1/statistikk?fra=2000-01-01&til=%2B200000-12-31"
  "/api/v1/statistikk?fra=2024-01-01&til=2024-12-31&kommune=3403&kommune=3405"
)
for aar in 2020 2021 2022 2023 2024 2025 2026 2027; do
  for sf in agder innlandet more-og-romsdal nordland ostfold-buskerud-oslo-akershus rogaland troms-og-finnmark trondelag vestfold-og-telemark vestland; do
    SPORSMAAL+=("/api/v1/statistikk?fra=$aar-01-01&til=$aar-12-31&statsforvalter=$sf")
  done
done
for q in "${SPORSMAAL[@]}"; do
  curl -s -o /dev/null -w "%{http_code} %{size_download} %{time_total} $q\n" "http://127.0.0.1:$PORT$q"
done | tee target/maaling/svar.txt
echo "Største svar:";  sort -k2 -n target/maaling/svar.txt | tail -1
echo "Tregeste svar:"; sort -k3 -n target/maaling/svar.txt | tail -1
