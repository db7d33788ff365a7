#!/usr/bin/env bash
# Quiz step submissions per second under load on loopback (32 learners at once), as a ratio to the module page's
# requests per second measured by the same driver in the same run; then a count in the database that no accepted
# answer was lost or stored twice. Release builds, Production, warning-level logs, warm-up, alternating runs,
# medians. Writes bench/results/step-post.md.
#
#   bench/step-post.sh                                  (about 2.5 minutes: 15 s warm-up, 2 x (20 s + 20 s) runs)
#   RUNS=3 DURATION=15s LEARNERS=32 WARMUP=10s bench/step-post.sh
#   PROVIDER=postgres bench/step-post.sh                 (the same on PostgreSQL, a throwaway cluster started by
#                                                        tools/postgres-cluster; writes bench/results/step-post-postgres.md)
#   PROVIDER=postgres NODES=2 bench/step-post.sh         (also a second node on $WEB2, same database: each run adds
#                                                        a phase of steps whose requests go to the two nodes in turn, compared
#                                                        with the steps on one node of the same run)
#
# Exit status: 0 clean; 1 lost or doubled answers (the results are still written); 4 no loss but errors, steps asked
# again or replays refused during the run (see the results); anything else: the run itself failed.
# Only ever targets 127.0.0.1; every phase is bounded; the site is stopped on exit.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-2}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-10s}"
LEARNERS="${LEARNERS:-32}"
PROVIDER="${PROVIDER:-sqlite}"
NODES="${NODES:-1}"
# Ports may be moved when several people benchmark on one machine: WEB=http://127.0.0.1:5151 WEB2=... PG_PORT=...
WEB="${WEB:-http://127.0.0.1:5080}"
WEB2="${WEB2:-http://127.0.0.1:5081}"
PG_PORT="${PG_PORT:-55499}"
PAGE="/modules/warm-welcome/2"
PASSWORD="Academy-Demo-2026"

work="$(mktemp -d /tmp/academy-step-post.XXXXXX)"
web_pid=""
second_pid=""
pg_folder=""
cleanup() {
  for pid in $web_pid $second_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -n "$pg_folder" ]; then "$repo/tools/postgres-cluster" stop "$pg_folder" >/dev/null 2>&1 || true; rm -rf "$pg_folder"; fi
  rm -rf "$work"
}
trap cleanup EXIT
# Without this, an interrupted run would leave the site behind: bash runs no EXIT trap on a fatal signal.
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*" >&2; }
die() { say "step-post: $*"; exit 3; }

if curl -s -o /dev/null --max-time 2 "$WEB/"; then die "something already listens on $WEB; stop it first"; fi
case "$NODES" in
  1) ;;
  # Two nodes share a database: on SQLite only one may run jobs, so the two-node comparison is PostgreSQL's.
  2) [ "$PROVIDER" = postgres ] || die "NODES=2 needs PROVIDER=postgres"
     if curl -s -o /dev/null --max-time 2 "$WEB2/"; then die "something already listens on $WEB2; stop it first"; fi ;;
  *) die "NODES is 1 or 2" ;;
esac

started=$SECONDS
. "$repo/bench/site.sh"
publish_all
if [ "$PROVIDER" = postgres ]; then
  # A folder of its own under /tmp: the server runs as another user, who cannot enter $work.
  pg_folder="$(mktemp -d /tmp/academy-bench-pg.XXXXXX)"
  db="$(DURABLE=1 "$repo/tools/postgres-cluster" start "$pg_folder" "$PG_PORT");Database=academy_bench"
  count() { psql "host=127.0.0.1 port=$PG_PORT user=postgres dbname=academy_bench" -Atc "$1"; }
  results="$repo/bench/results/step-post-postgres.md"; engine=PostgreSQL
else
  db="$work/bench.db"
  count() { sqlite3 "file:$db?mode=ro" "$1"; }
  results="$repo/bench/results/step-post.md"; engine=SQLite
fi
start_site "$db"
if [ "$NODES" = 2 ]; then
  # Started once the first has migrated and seeded the database, as a node joining a running site.
  first_pid=$web_pid
  WEB="$WEB2" start_site "$db" web2
  second_pid=$web_pid web_pid=$first_pid
fi
say "Site up after $((SECONDS - started)) s ($NODES node(s))"

load_before="$(cut -d ' ' -f 1-3 /proc/loadavg)"
status=0
dotnet "$work/bench/Academy.Bench.dll" steps --base "$WEB" --db "$db" --learners "$LEARNERS" --duration "$DURATION" \
  --warmup "$WARMUP" --runs "$RUNS" --module "$PAGE" --password "$PASSWORD" --server-pid "$web_pid" \
  ${second_pid:+--second-base "$WEB2" --second-server-pid "$second_pid"} \
  --report "$work/report.md" | tee "$work/driver.txt" || status=$?
load_after="$(cut -d ' ' -f 1-3 /proc/loadavg)"
[ -s "$work/report.md" ] || { say "the driver wrote no report (exit status $status)"; tail -n 50 "$work/web.log" >&2; exit "$status"; }

# An independent count with sqlite3 (psql on PostgreSQL), beside the driver's own: rows, (attempt, step) pairs, attempts with a gap.
bench_attempts='SELECT a."Id" FROM "QuizAttempts" a JOIN "AspNetUsers" u ON u."Id" = a."EmployeeId" WHERE u."Email" LIKE '"'bench-learner-%@academy.test'"
sql_rows="$(count "SELECT COUNT(*) FROM \"QuizAnswers\" WHERE \"QuizAttemptId\" IN ($bench_attempts);")"
sql_pairs="$(count "SELECT COUNT(*) FROM (SELECT DISTINCT \"QuizAttemptId\", \"StepId\" FROM \"QuizAnswers\" WHERE \"QuizAttemptId\" IN ($bench_attempts)) p;")"
sql_gaps="$(count "SELECT COUNT(*) FROM (SELECT \"QuizAttemptId\" FROM \"QuizAnswers\" WHERE \"QuizAttemptId\" IN ($bench_attempts)
  GROUP BY \"QuizAttemptId\" HAVING MIN(\"Sequence\") <> 1 OR MAX(\"Sequence\") <> COUNT(*) OR COUNT(DISTINCT \"Sequence\") <> COUNT(*)) g;")"
say "$engine count: $sql_rows answer rows of the bench learners, $sql_pairs distinct (attempt, step), $sql_gaps attempts with a gap"
# What the site logged at warning level or above while under load (EF logs the unique-index conflicts of doubled
# POSTs as errors even though the code catches them).
log_errors="$(cat "$work"/web*.log | grep -c -E '^(fail|crit):' || true)"
log_warnings="$(cat "$work"/web*.log | grep -c -E '^warn:' || true)"
log_kinds="$(cat "$work"/web*.log | grep -A1 -E '^(fail|crit|warn):' | grep -E '^(fail|crit|warn):' | sed -E 's/\[[0-9]+\]$//' | sort | uniq -c | sort -rn | head -n 5 \
  | awk '{ c = $1; $1 = ""; printf "%s%s x%s", (n++ ? "; " : ""), substr($0, 2), c }')"

mkdir -p "$repo/bench/results"
{
  echo "# Step POST benchmark: last results"
  echo
  echo "Run $(date '+%Y-%m-%d %H:%M %z') by \`bench/step-post.sh\`: $LEARNERS learners at once on 127.0.0.1 (Release, Production,"
  echo "warning-level logs, fresh $engine database), each with its own client and cookies, answering quiz steps"
  echo "(\`POST /attempts/{id}\`) against \`GET $PAGE\` by the same driver and learners, alternating, $RUNS runs of $DURATION each."
  [ "$NODES" = 2 ] && echo "Two nodes: a second site process on the same database; each run adds the steps phase with every learner's requests sent to the two nodes in turn (as a round-robin proxy without sticky sessions would). Server CPU counts both processes."
  echo
  cat "$work/report.md"
  echo
  echo "$engine, counted independently: $sql_rows \`QuizAnswers\` rows of the bench learners, $sql_pairs distinct (attempt, step), $sql_gaps attempts whose \`Sequence\` is not 1..n."
  echo "Site log${second_pid:+s (both nodes)}: $log_errors error and $log_warnings warning entries${log_kinds:+ ($log_kinds)}."
  echo
  echo "Machine: $(nproc) cores ($(awk -F ': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(uname -sr),"
  echo ".NET $(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App/ { v = $2 } END { print v }') (ASP.NET Core); load average $load_before before, $load_after after."
  echo "The driver, the site and $engine share the same $(nproc) cores, and other work on this machine adds noise: compare the"
  echo "ratio, not the absolute numbers, across runs. Driver exit status $status; whole script $((SECONDS - started)) s."
  echo "Commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown), $(GIT_OPTIONAL_LOCKS=0 git -C "$repo" status --porcelain 2>/dev/null | wc -l) changed or new paths in the working tree."
} >"$results"
say "Results written to ${results#"$repo/"} ($((SECONDS - started)) s)"
exit "$status"
