#!/usr/bin/env bash
# The daily line-up card (GET /lineup) for a learner with 5,000 review items and two years of history, under wrk on
# loopback, against the module page in the same run (goal: at least 0.8 of its requests/s). Release builds,
# Production, warning-level logs, both pages warmed up, then alternating runs; medians of requests/s and p99.
# Writes bench/results/lineup-card.md.
#
#   bench/lineup-card.sh                     (about 3 minutes: 2 x 10 s warm-up, 2 x 3 x 10 s runs)
#   RUNS=5 DURATION=15s bench/lineup-card.sh
#   PORT=5131 bench/lineup-card.sh           (the site's port on 127.0.0.1, 5080 by default)
#
# Only ever targets 127.0.0.1; every wrk run is bounded; the site is stopped on exit.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-10s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
WEB="http://127.0.0.1:${PORT:-5080}"
CARD="/lineup"
PAGE="/modules/warm-welcome/2"
EMAIL="newhire@academy.test"
PASSWORD="Academy-Demo-2026"

work="$(mktemp -d /tmp/academy-lineup-card.XXXXXX)"
web_pid=""
cleanup() {
  for pid in $web_pid; do kill "$pid" 2>/dev/null || true; done
  for pid in $web_pid; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# Without this, an interrupted run would leave both servers behind: bash runs no EXIT trap on a fatal signal.
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*" >&2; }
die() { say "lineup-card: $*"; exit 1; }

for url in "$WEB"; do
  if curl -s -o /dev/null --max-time 2 "$url/"; then die "something already listens on $url; stop it first"; fi
done

. "$repo/bench/site.sh"
publish_all
start_site "$work/bench.db"
dotnet "$work/bench/Academy.Bench.dll" seed-lineup --db "$work/bench.db" --email "$EMAIL" --items 5000 --days 730 >&2 \
  || die "seeding the learner's review history failed"

cookie="$(sign_in "$PAGE")"
code="$(curl -sS -D "$work/page.headers" -o "$work/page.html" -w '%{http_code}' -H "Cookie: $cookie" "$WEB$PAGE")"
[ "$code" = 200 ] || die "$PAGE answered $code with the signed-in cookie"
grep -q 'Names, and reading the moment' "$work/page.html" || die "$PAGE is not the lesson expected"
page_bytes="$(wc -c <"$work/page.html")"
if grep -qi '^set-cookie:' "$work/page.headers"; then say "note: the module page sets a cookie on a request that already has both"; fi
code="$(curl -sS -o "$work/card.html" -w '%{http_code}' -H "Cookie: $cookie" "$WEB$CARD")"
[ "$code" = 200 ] || die "$CARD answered $code with the signed-in cookie"
grep -q 'Question 1 of 3' "$work/card.html" || die "$CARD does not ask its three questions"
card_bytes="$(wc -c <"$work/card.html")"
say "Saved $PAGE: $page_bytes bytes, $CARD: $card_bytes bytes"

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

signed_in_run() { # name duration path
  cookie="$(sign_in "$PAGE")"
  wrk_run "$1" "$2" "$WEB$3" -H "Cookie: $cookie"
}

load_before="$(cut -d ' ' -f 1-3 /proc/loadavg)"
say "Warming up: $WARMUP on each"
signed_in_run warmup-module "$WARMUP" "$PAGE" >/dev/null
signed_in_run warmup-card "$WARMUP" "$CARD" >/dev/null

rows=""
module_rps=() module_p99=() card_rps=() card_p99=()
for ((run = 1; run <= RUNS; run++)); do
  for target in module card; do
    if [ "$target" = module ]; then result="$(signed_in_run "module-$run" "$DURATION" "$PAGE")"; expected="$page_bytes"
    else result="$(signed_in_run "card-$run" "$DURATION" "$CARD")"; expected="$card_bytes"; fi
    read -r rps p50 p99 bytes errors <<<"$result"
    # A redirect to the sign-in page would be fast and small: every response must be the whole page.
    [ "$bytes" -ge "$((expected * 9 / 10))" ] || die "$target run $run: $bytes bytes a response, less than the page's $expected (signed out?)"
    [ "$errors" = 0 ] || say "warning: $target run $run had $errors errors (see wrk output)"
    say "run $run $target: $rps requests/s, p50 $p50 ms, p99 $p99 ms, $bytes bytes/response"
    rows+="| $run | $target | $rps | $p50 | $p99 | $bytes | $errors |"$'\n'
    if [ "$target" = module ]; then module_rps+=("$rps"); module_p99+=("$p99"); else card_rps+=("$rps"); card_p99+=("$p99"); fi
  done
done
load_after="$(cut -d ' ' -f 1-3 /proc/loadavg)"

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
m_rps="$(median "${module_rps[@]}")"; c_rps="$(median "${card_rps[@]}")"
m_p99="$(median "${module_p99[@]}")"; c_p99="$(median "${card_p99[@]}")"
ratio="$(awk -v m="$m_rps" -v c="$c_rps" 'BEGIN { printf "%.3f", c / m }')"

summary="line-up card $c_rps requests/s (p99 $c_p99 ms), module page $m_rps requests/s (p99 $m_p99 ms), ratio $ratio"
echo "$summary"

mkdir -p "$repo/bench/results"
{
  echo "# Line-up card benchmark: last results"
  echo
  echo "Run $(date '+%Y-%m-%d %H:%M %z') by \`bench/lineup-card.sh\`: \`GET $CARD\` ($card_bytes bytes) signed in as $EMAIL, who has 5,000"
  echo "review items, 50,000 reviews and a line-up every working day over 730 days, against \`GET $PAGE\` ($page_bytes bytes),"
  echo "both on 127.0.0.1, Release, Production, warning-level logs."
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, after $WARMUP of warm-up on each; $RUNS runs each, alternating."
  echo
  echo '```'
  echo "$summary"
  echo '```'
  echo
  echo "| median | requests/s | p99 ms |"
  echo "| --- | ---: | ---: |"
  echo "| line-up card | $c_rps | $c_p99 |"
  echo "| module page | $m_rps | $m_p99 |"
  echo "| ratio (card / module, goal >= 0.8) | $ratio | |"
  echo
  echo "| run | target | requests/s | p50 ms | p99 ms | bytes/response | errors |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
  printf '%s' "$rows"
  echo
  echo "Machine: $(nproc) cores ($(awk -F ': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(uname -sr),"
  echo ".NET $(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App/ { v = $2 } END { print v }') (ASP.NET Core); load average $load_before before, $load_after after."
  echo "wrk and the site share the same $(nproc) cores, and other work on this machine adds noise: compare the ratio."
  echo "Commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown), $(git -C "$repo" status --porcelain 2>/dev/null | wc -l) changed or new paths in the working tree."
} >"$repo/bench/results/lineup-card.md"
say "Results written to bench/results/lineup-card.md"
