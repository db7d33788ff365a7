# Sourced by the benchmark scripts: publishes Academy.Web and Academy.Bench in Release into $work and starts the
# site on $WEB as production would run it (Production, warning-level logs), with the demo accounts and a fresh
# SQLite file. Expects $repo, $work, $WEB, $PASSWORD (and $EMAIL for sign_in) and a die function; sets $web_pid.

publish_all() {
  say "Publishing Academy.Web and Academy.Bench (Release) into $work"
  dotnet publish "$repo/Academy.Web/Academy.Web.csproj" -c Release -o "$work/web" --nologo -v quiet >"$work/publish-web.log" 2>&1 \
    || { cat "$work/publish-web.log" >&2; die "publishing Academy.Web failed"; }
  dotnet publish "$repo/bench/Academy.Bench/Academy.Bench.csproj" -c Release -o "$work/bench" --nologo -v quiet >"$work/publish-bench.log" 2>&1 \
    || { cat "$work/publish-bench.log" >&2; die "publishing Academy.Bench failed"; }
}

# wait_for url seconds pid log: waits until url answers 200; fails when the process behind it stops.
wait_for() {
  local i
  for ((i = 0; i < $2 * 4; i++)); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true)" = 200 ] && return 0
    kill -0 "$3" 2>/dev/null || { cat "$4" >&2; die "the server for $1 stopped"; }
    sleep 0.25
  done
  return 1
}

# start_site db [name]: HOME in the temp folder, so that the data-protection key ring is made there and not in ~/.aspnet.
# db is a SQLite file, or a PostgreSQL connection string (Host=...), which selects the Postgres provider. name (default
# web) names the log, $work/name.log, so that a second node on another $WEB keeps a log of its own.
start_site() {
  mkdir -p "$work/home"
  say "Starting the site on $WEB (Production, demo accounts, database $1)"
  local provider=Sqlite connection="Data Source=$1" log="$work/${2:-web}.log"
  case "$1" in Host=*) provider=Postgres connection="$1" ;; esac
  (
    cd "$work/web"
    exec env HOME="$work/home" ASPNETCORE_ENVIRONMENT=Production Academy__Demo__Seed=true Academy__Demo__Password="$PASSWORD" \
      Academy__Database__Provider="$provider" ConnectionStrings__Academy="$connection" Academy__ContentPath="$repo/content" \
      Logging__LogLevel__Default=Warning ASPNETCORE_URLS="$WEB" dotnet Academy.Web.dll
  ) >"$log" 2>&1 &
  web_pid=$!
  wait_for "$WEB/healthz" 120 "$web_pid" "$log" || { cat "$log" >&2; die "$WEB/healthz did not answer 200 within 120 s"; }
}

# sign_in first-page: signs in as $EMAIL with a fresh cookie jar, opens first-page (so that the jar holds the antiforgery
# cookie of its forms, as a browser's would) and prints the Cookie header: the auth cookie and the antiforgery cookie.
# A fresh sign-in before each run keeps the cookie younger than Identity's one-minute security-stamp interval, after
# which the site re-validates (a query) and re-issues it on every request that still carries the old one; a browser
# would have stored the new one, wrk cannot.
sign_in() {
  local jar="$work/cookies.txt" token code
  rm -f "$jar"
  token="$(curl -sS -c "$jar" -b "$jar" "$WEB/account/login" \
    | grep -o '<input[^>]*name="__RequestVerificationToken"[^>]*>' | head -n 1 | sed -n 's/.*value="\([^"]*\)".*/\1/p')"
  [ -n "$token" ] || die "no antiforgery token on the login page"
  code="$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
    --data-urlencode "Input.Email=$EMAIL" --data-urlencode "Input.Password=$PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$token" "$WEB/account/login")"
  [ "$code" = 302 ] || die "signing in as $EMAIL answered $code, not 302"
  curl -sS -o /dev/null -c "$jar" -b "$jar" "$WEB$1"
  awk -F '\t' '(/^#HttpOnly_/ || !/^#/) && NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar"
}
