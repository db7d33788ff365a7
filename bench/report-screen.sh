#!/usr/bin/env bash
# The completion report's first screen (/reports, HR, no filter) under wrk, against the module page in the same run,
# alternating, on the database that `Academy.Bench reports --keep <folder>` generated (e.g. 50,000 × 100). Prints the
# median requests/s, p50 and p99 of each and the ratio; writes nothing to the repository (copy the output into
# bench/results/reports.md).
#
#   DATA=/tmp/rollups-data/50000x100 bench/report-screen.sh
#   RUNS=5 DURATION=20s CONNECTIONS=4 DATA=… bench/report-screen.sh
#   WEB_DIR=Academy.Web/bin/Release/net10.0 DATA=… bench/report-screen.sh     (a Release build already made)
#
# Only ever targets 127.0.0.1; every wrk run is bounded; the site is stopped on exit. The site runs on the kept
# database itself (Production, no demo accounts, no jobs, the generated content), so nothing else may use it meanwhile.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
DATA="${DATA:?DATA must name a folder kept by Academy.Bench reports --keep}"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-10s}"
THREADS="${THREADS:-1}"
# Few connections: a page of a second on 2 cores queues behind 32 connections, and then wrk measures the queue.
CONNECTIONS="${CONNECTIONS:-2}"
WEB="${WEB:-http://127.0.0.1:5101}"
EMAIL="bench-hr@academy.test"
PASSWORD="Academy-Bench-2026"

work="$(mktemp -d /tmp/academy-report-screen.XXXXXX)"
web_pid=""
cleanup() {
  [ -z "$web_pid" ] || { kill "$web_pid" 2>/dev/null || true; wait "$web_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*" >&2; }
die() { say "report-screen: $*"; exit 1; }

[ -f "$DATA/academy.db" ] && [ -d "$DATA/content" ] || die "$DATA holds no academy.db and content/"
if curl -s -o /dev/null --max-time 2 "$WEB/"; then die "something already listens on $WEB; stop it first"; fi

. "$repo/bench/site.sh"
# WEB_DIR: a Release build of the site already made (e.g. Academy.Web/bin/Release/net10.0), instead of publishing one.
web_dir="${WEB_DIR:-$work/web}"
if [ -z "${WEB_DIR:-}" ]; then
  say "Publishing Academy.Web (Release) into $work"
  dotnet publish "$repo/Academy.Web/Academy.Web.csproj" -c Release -o "$work/web" --nologo -v quiet >"$work/publish-web.log" 2>&1 \
    || { cat "$work/publish-web.log" >&2; die "publishing Academy.Web failed"; }
fi
mkdir -p "$work/home"
(
  cd "$web_dir"
  exec env HOME="$work/home" ASPNETCORE_ENVIRONMENT=Production Academy__Demo__Seed=false Academy__Jobs__Enabled=false \
    ConnectionStrings__Academy="Data Source=$DATA/academy.db" Academy__ContentPath="$DATA/content" \
    Academy__Mail__PickupPath="$work/mail" Logging__LogLevel__Default=Warning ASPNETCORE_URLS="$WEB" dotnet Academy.Web.dll
) >"$work/web.log" 2>&1 &
web_pid=$!
wait_for "$WEB/healthz" 300 "$web_pid" "$work/web.log" || { cat "$work/web.log" >&2; die "$WEB/healthz did not answer 200 within 300 s"; }
module="$(ls "$DATA/content/modules" | sort | head -n 1)"
MODULE_PAGE="/modules/$module/1"

cookie="$(sign_in "/reports")"
for page in /reports "$MODULE_PAGE"; do
  code="$(curl -sS -o "$work/page.html" -w '%{http_code}' -H "Cookie: $cookie" "$WEB$page")"
  [ "$code" = 200 ] || die "$page answered $code signed in"
  say "$page: $(wc -c <"$work/page.html") bytes"
done
report_bytes="$(curl -sS -H "Cookie: $cookie" "$WEB/reports" | wc -c)"

to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
  f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1;
  if (f < 0) exit 1; printf "%.2f", n * f }'; }
to_bytes() { awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
  f = (u == "B") ? 1 : (u == "KB") ? 1024 : (u == "MB") ? 1048576 : (u == "GB") ? 1073741824 : -1;
  if (f < 0) exit 1; printf "%.0f", n * f }'; }

# run name duration path: prints "rps p50_ms p99_ms bytes_per_response errors", signed in afresh.
run() {
  local out rps p50 p99 requests received errors
  cookie="$(sign_in "/reports")"
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --timeout 30s --latency -H "Cookie: $cookie" "$WEB$3")"
  printf '%s\n' "$out" >"$work/wrk-$1.txt"
  rps="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")"
  p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
  requests="$(awk '/requests in/ { print $1 }' <<<"$out")"
  received="$(to_bytes "$(awk '/requests in/ { print $5 }' <<<"$out")")"
  errors="$(awk '/Non-2xx or 3xx responses:/ { e += $NF } /Socket errors:/ { gsub(",", ""); e += $4 + $6 + $8 + $10 } END { print e + 0 }' <<<"$out")"
  echo "$rps $p50 $p99 $((received / (requests > 0 ? requests : 1))) $errors"
}

load_before="$(cut -d ' ' -f 1-3 /proc/loadavg)"
say "Warming up: $WARMUP on each"
run warmup-report "$WARMUP" /reports >/dev/null
run warmup-module "$WARMUP" "$MODULE_PAGE" >/dev/null
report_rps=() report_p50=() report_p99=() module_rps=() module_p50=() module_p99=()
echo "| run | page | requests/s | p50 ms | p99 ms | bytes/response | errors |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
for ((i = 1; i <= RUNS; i++)); do
  for target in report module; do
    path=/reports; [ "$target" = module ] && path="$MODULE_PAGE"
    read -r rps p50 p99 bytes errors <<<"$(run "$target-$i" "$DURATION" "$path")"
    # A redirect to the sign-in page would be small and fast: every report response must be the whole page.
    [ "$target" = module ] || [ "$bytes" -ge $((report_bytes * 9 / 10)) ] || die "report run $i: $bytes bytes a response (signed out?)"
    echo "| $i | $path | $rps | $p50 | $p99 | $bytes | $errors |"
    if [ "$target" = report ]; then report_rps+=("$rps"); report_p50+=("$p50"); report_p99+=("$p99")
    else module_rps+=("$rps"); module_p50+=("$p50"); module_p99+=("$p99"); fi
  done
done
load_after="$(cut -d ' ' -f 1-3 /proc/loadavg)"
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $RUNS runs each alternating after $WARMUP of warm-up; medians:"
echo "report $(median "${report_rps[@]}") requests/s, p50 $(median "${report_p50[@]}") ms, p99 $(median "${report_p99[@]}") ms;" \
  "module page $(median "${module_rps[@]}") requests/s, p50 $(median "${module_p50[@]}") ms, p99 $(median "${module_p99[@]}") ms;" \
  "ratio of requests/s $(awk -v r="$(median "${report_rps[@]}")" -v m="$(median "${module_rps[@]}")" 'BEGIN { printf "%.3f", r / m }')"
echo "load average $load_before before, $load_after after; commit $(git -C "$repo" rev-parse --short HEAD), $(git -C "$repo" status --porcelain | wc -l) changed paths"
