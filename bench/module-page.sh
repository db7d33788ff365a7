#!/usr/bin/env bash
# Module page requests per second under wrk on loopback, as a ratio to a bare endpoint that returns the same
# bytes, measured in the same run. Release builds, Production, warning-level logs, both servers warmed up, then
# alternating runs; medians of requests/s and of p99 latency. Writes bench/results/module-page.md.
#
#   bench/module-page.sh                     (about 2 minutes: 2 x 10 s warm-up, 2 x 3 x 10 s runs)
#   RUNS=5 DURATION=15s bench/module-page.sh
#
# Only ever targets 127.0.0.1; every wrk run is bounded; both servers are stopped on exit.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-10s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
WEB="http://127.0.0.1:5080"
BARE="http://127.0.0.1:5081"
PAGE="/modules/warm-welcome/2"
EMAIL="newhire@academy.test"
PASSWORD="Academy-Demo-2026"

work="$(mktemp -d /tmp/academy-module-page.XXXXXX)"
web_pid=""
bare_pid=""
cleanup() {
  for pid in $web_pid $bare_pid; do kill "$pid" 2>/dev/null || true; done
  for pid in $web_pid $bare_pid; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# Without this, an interrupted run would leave both servers behind: bash runs no EXIT trap on a fatal signal.
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*" >&2; }
die() { say "module-page: $*"; exit 1; }

for url in "$WEB" "$BARE"; do
  if curl -s -o /dev/null --max-time 2 "$url/"; then die "something already listens on $url; stop it first"; fi
done

. "$repo/bench/site.sh"
publish_all
start_site "$work/bench.db"

cookie="$(sign_in "$PAGE")"
code="$(curl -sS -D "$work/page.headers" -o "$work/page.html" -w '%{http_code}' -H "Cookie: $cookie" "$WEB$PAGE")"
[ "$code" = 200 ] || die "$PAGE answered $code with the signed-in cookie"
grep -q 'Names, and reading the moment' "$work/page.html" || die "$PAGE is not the lesson expected"
page_bytes="$(wc -c <"$work/page.html")"
if grep -qi '^set-cookie:' "$work/page.headers"; then say "note: the module page sets a cookie on a request that already has both"; fi
say "Saved $PAGE: $page_bytes bytes"

say "Starting the bare server on $BARE"
(
  # Server GC, as Academy.Web has (the Web SDK's default); the bench project is a console app.
  exec env DOTNET_gcServer=1 ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    dotnet "$work/bench/Academy.Bench.dll" bare --file "$work/page.html" --urls "$BARE"
) >"$work/bare.log" 2>&1 &
bare_pid=$!
wait_for "$BARE/" 30 "$bare_pid" "$work/bare.log" || { cat "$work/bare.log" >&2; die "$BARE/ did not answer 200 within 30 s"; }
curl -sS "$BARE/" | cmp -s - "$work/page.html" || die "the bare server does not return the saved page"

# Converts wrk's latency ("850.00us", "14.50ms", "1.20s", "2.00m") to milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
  f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1;
  if (f < 0) exit 1; printf "%.2f", n * f }'; }
# Converts wrk's "123.45MB read" amount to bytes.
to_bytes() { awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
  f = (u == "B") ? 1 : (u == "KB") ? 1024 : (u == "MB") ? 1048576 : (u == "GB") ? 1073741824 : -1;
  if (f < 0) exit 1; printf "%.0f", n * f }'; }

# wrk_run name duration url [header]: prints "rps p50_ms p99_ms bytes_per_response errors".
wrk_run() {
  local name="$1" duration="$2" url="$3" out
  shift 3
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 5s --latency "$@" "$url")"
  printf '%s\n' "$out" >"$work/wrk-$name.txt"
  local rps p50 p99 requests received errors
  rps="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")"
  p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
  requests="$(awk '/requests in/ { print $1 }' <<<"$out")"
  received="$(to_bytes "$(awk '/requests in/ { print $5 }' <<<"$out")")"
  errors="$(awk '/Non-2xx or 3xx responses:/ { e += $NF } /Socket errors:/ { gsub(",", ""); e += $4 + $6 + $8 + $10 } END { print e + 0 }' <<<"$out")"
  echo "$rps $p50 $p99 $((received / (requests > 0 ? requests : 1))) $errors"
}

module_run() { # name duration
  cookie="$(sign_in "$PAGE")"
  wrk_run "$1" "$2" "$WEB$PAGE" -H "Cookie: $cookie"
}

load_before="$(cut -d ' ' -f 1-3 /proc/loadavg)"
say "Warming up: $WARMUP on each"
module_run warmup-module "$WARMUP" >/dev/null
wrk_run warmup-bare "$WARMUP" "$BARE/" >/dev/null

rows=""
module_rps=() module_p99=() bare_rps=() bare_p99=()
for ((run = 1; run <= RUNS; run++)); do
  for target in module bare; do
    if [ "$target" = module ]; then result="$(module_run "module-$run" "$DURATION")"; else result="$(wrk_run "bare-$run" "$DURATION" "$BARE/")"; fi
    read -r rps p50 p99 bytes errors <<<"$result"
    # A redirect to the sign-in page would be fast and small: every response must be the whole page.
    [ "$bytes" -ge "$page_bytes" ] || die "$target run $run: $bytes bytes a response, less than the page's $page_bytes (signed out?)"
    [ "$errors" = 0 ] || say "warning: $target run $run had $errors errors (see wrk output)"
    say "run $run $target: $rps requests/s, p50 $p50 ms, p99 $p99 ms, $bytes bytes/response"
    rows+="| $run | $target | $rps | $p50 | $p99 | $bytes | $errors |"$'\n'
    if [ "$target" = module ]; then module_rps+=("$rps"); module_p99+=("$p99"); else bare_rps+=("$rps"); bare_p99+=("$p99"); fi
  done
done
load_after="$(cut -d ' ' -f 1-3 /proc/loadavg)"

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
m_rps="$(median "${module_rps[@]}")"; b_rps="$(median "${bare_rps[@]}")"
m_p99="$(median "${module_p99[@]}")"; b_p99="$(median "${bare_p99[@]}")"
ratio="$(awk -v m="$m_rps" -v b="$b_rps" 'BEGIN { printf "%.3f", m / b }')"

summary="module page $m_rps requests/s (p99 $m_p99 ms), bare $b_rps requests/s (p99 $b_p99 ms), ratio $ratio"
echo "$summary"

mkdir -p "$repo/bench/results"
{
  echo "# Module page benchmark: last results"
  echo
  echo "Run $(date '+%Y-%m-%d %H:%M %z') by \`bench/module-page.sh\`: \`GET $PAGE\` signed in as $EMAIL, against a bare"
  echo "endpoint returning the same $page_bytes bytes, both on 127.0.0.1, Release, Production, warning-level logs."
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, after $WARMUP of warm-up on each; $RUNS runs each, alternating."
  echo
  echo '```'
  echo "$summary"
  echo '```'
  echo
  echo "| median | requests/s | p99 ms |"
  echo "| --- | ---: | ---: |"
  echo "| module page | $m_rps | $m_p99 |"
  echo "| bare endpoint | $b_rps | $b_p99 |"
  echo "| ratio (module / bare) | $ratio | |"
  echo
  echo "| run | target | requests/s | p50 ms | p99 ms | bytes/response | errors |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
  printf '%s' "$rows"
  echo
  echo "Machine: $(nproc) cores ($(awk -F ': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(uname -sr),"
  echo ".NET $(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App/ { v = $2 } END { print v }') (ASP.NET Core); load average $load_before before, $load_after after."
  echo "wrk, the site and the bare server share the same $(nproc) cores, and other work on this machine adds noise: compare"
  echo "the ratio, not the absolute numbers, across runs."
  echo "Commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown), $(git -C "$repo" status --porcelain 2>/dev/null | wc -l) changed or new paths in the working tree."
} >"$repo/bench/results/module-page.md"
say "Results written to bench/results/module-page.md"
