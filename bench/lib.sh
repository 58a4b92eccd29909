# Shared pieces of the benchmark scripts (source it; do not run it): a PostgreSQL database with the seeds
# or with demo data, production-like settings, gunicorn started on a free loopback port and always stopped on
# exit, wrk runs and their figures.
#
#   source "$(dirname "$0")/lib.sh"
#   bench_init [--sqlite]           # cd to the repository root, temp dir, EXIT trap (stops gunicorn);
#                                   # --sqlite: no PostgreSQL (psql) needed (devtools/audit/run)
#   bench_production_env            # DEBUG off, generated secret key, hosts, no HTTPS redirect, API rate
#   bench_prepare_database          # $BENCH_DB: (re)created, migrated, seeded; exports DATABASE_URL
#   bench_prepare_demo_database N   # shabakat_bench_N with N demo organizations and no seeds (reused when it
#                                   # holds exactly N, else copied from shabakat_demo or generated); migrated
#   bench_use_database NAME         # sets BENCH_DB and exports DATABASE_URL (for the next gunicorn)
#   bench_collectstatic             # into a temporary STATIC_ROOT (bench/settings.py)
#   bench_start_gunicorn [OPTION…]  # gunicorn.conf.py; sets BENCH_PORT, BENCH_URL, BENCH_GUNICORN_PID;
#                                   # waits until it answers
#   bench_stop_gunicorn             # TERM, then KILL after 15 s (also done by the EXIT trap)
#   bench_check_urls bench/urls.txt # every path answers 2xx/3xx, or the script stops here
#   bench_wrk OUT CONNECTIONS THREADS DURATION TIMEOUT URL_FILE   # wrk + bench/urls.lua, output in OUT
#   bench_figure OUT KEY            # one "BENCH KEY value" figure of that output
#   bench_machine                   # the machine, PostgreSQL and the git commit, one "key: value" a line
#
# Environment (all optional):
#   BENCH_PG        PostgreSQL server URL, without a database   (postgres://postgres@127.0.0.1:5432)
#   BENCH_DB        database name, must start with shabakat_bench (set by each script)
#   BENCH_REUSE_DB  1: keep an existing database (migrate and load_seeds are idempotent) instead of
#                   dropping and recreating it (bench_prepare_database)
#   BENCH_DEMO_TEMPLATE  the demo database copied by bench_prepare_demo_database when it holds N organizations
#                   (shabakat_demo; it is only read, and copied only while nobody is connected to it)
#   BENCH_TEMPLATE_WAIT  seconds to keep retrying that copy while others are connected to it, before
#                   generating the data instead (120)
#   DEMO_SEED       the seed of generate_demo_data                (1)
#   WORKERS         gunicorn worker processes                     (3)
#   THREADS         threads per worker (gthread worker class)     (4)
#   DJANGO_API_RATE the API throttle for the run                  (1000000/minute: never throttle the load)
#
# Variables a script may set before bench_start_gunicorn:
#   BENCH_READY_PATH       the path polled until gunicorn answers it with 2xx/3xx (/en/)
#   BENCH_GUNICORN_WRAPPER an array: a command gunicorn is run under, e.g. (/usr/bin/time -v -o FILE)
#
# Every step is bounded in time (`timeout`), and only loopback addresses are used.

BENCH_PG="${BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
WORKERS="${WORKERS:-3}"
THREADS="${THREADS:-4}"
BENCH_GUNICORN_PID=""      # the gunicorn master
BENCH_GUNICORN_JOB=""      # the background job: the master itself, or the wrapper it runs under
BENCH_READY_PATH="${BENCH_READY_PATH:-/en/}"
BENCH_GUNICORN_WRAPPER=()

bench_log() { printf '== %s\n' "$*" >&2; }

bench_die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

bench_init() {
    BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    cd "$BENCH_ROOT"
    BENCH_PY="$BENCH_ROOT/.venv/bin/python"
    [ -x "$BENCH_PY" ] || bench_die "no virtualenv at .venv (run 'make install' first)"
    [ "${1:-}" = --sqlite ] || command -v psql >/dev/null || bench_die "psql is needed to create the benchmark database"
    BENCH_TMP="$(mktemp -d -t shabakat-bench.XXXXXX)"
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
}

bench_cleanup() {
    local status=$?
    bench_stop_gunicorn
    if [ "$status" -ne 0 ] && [ -s "${BENCH_TMP:-}/gunicorn.log" ]; then
        echo "-- last lines of the gunicorn log:" >&2
        tail -n 40 "$BENCH_TMP/gunicorn.log" >&2
    fi
    [ -n "${BENCH_TMP:-}" ] && rm -rf "$BENCH_TMP"
    return "$status"
}

bench_require_wrk() {
    command -v wrk >/dev/null && return
    bench_log "installing wrk (Debian package)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) \
        || bench_die "could not install wrk"
}

bench_psql_in() {
    # usage: bench_psql_in DATABASE SQL [SECONDS]   (one unaligned, tuples-only answer; 60 s at most)
    PGCONNECT_TIMEOUT=10 PGOPTIONS='-c client_min_messages=warning' \
        timeout "${3:-60}" psql "$BENCH_PG/$1" -v ON_ERROR_STOP=1 -qAtc "$2"
}

bench_psql() {
    bench_psql_in postgres "$1"
}

bench_manage() {
    # manage.py with the current environment, bounded in time; output kept in the temp dir's log.
    local limit="$1"
    shift
    timeout "$limit" "$BENCH_PY" manage.py "$@" >>"$BENCH_TMP/manage.log" 2>&1 \
        || { tail -n 30 "$BENCH_TMP/manage.log" >&2; bench_die "manage.py $* failed (or took over ${limit}s)"; }
}

bench_production_env() {
    # Production settings, as the Dockerfile runs them, but on the loopback interface.
    export DJANGO_DEBUG=0
    DJANGO_SECRET_KEY="$("$BENCH_PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
    export DJANGO_SECRET_KEY
    export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost"
    export DJANGO_SECURE_SSL_REDIRECT=0  # plain HTTP on loopback: no redirect to https://
    export DJANGO_API_RATE="${DJANGO_API_RATE:-1000000/minute}"  # one client (wrk) must not be throttled
    export DJANGO_LOG_LEVEL="${DJANGO_LOG_LEVEL:-WARNING}"
    export DJANGO_SETTINGS_MODULE=bench.settings
    export BENCH_STATIC_ROOT="$BENCH_TMP/static"
}

bench_use_database() {
    # The database of the next manage.py command and the next gunicorn. Only shabakat_bench* names: the
    # scripts drop and recreate them.
    local db="$1"
    case "$db" in
        shabakat_bench*) ;;
        *) bench_die "BENCH_DB must start with shabakat_bench (got $db): this script drops it" ;;
    esac
    [[ "$db" =~ ^[a-z0-9_]+$ ]] || bench_die "BENCH_DB may only hold a-z, 0-9 and _"
    export BENCH_DB="$db"
    export DATABASE_URL="$BENCH_PG/$db"
    # A cache of its own: data held per directory version (the list's orders, the facet bitmaps) read from
    # another database would answer for this one.
    export DJANGO_CACHE_URL="file://$BENCH_TMP/cache-$db"
}

bench_database_exists() {
    [ "$(bench_psql "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}

bench_migrate() {
    # migrate (idempotent) and, once, the compiled translations production pages need.
    bench_log "migrate $BENCH_DB"
    bench_manage 600 migrate --no-input
    if ! ls locale/*/LC_MESSAGES/django.mo >/dev/null 2>&1; then
        bench_manage 120 compilemessages --ignore=.venv
    fi
}

bench_prepare_database() {
    # $BENCH_DB with the real seeds (not for demo data: see bench_prepare_demo_database).
    bench_use_database "${BENCH_DB:?set BENCH_DB}"
    local db="$BENCH_DB"
    if [ "${BENCH_REUSE_DB:-0}" = 1 ] && bench_database_exists "$db"; then
        bench_log "reusing database $db"
    else
        bench_log "creating database $db"
        bench_psql "DROP DATABASE IF EXISTS $db WITH (FORCE)"
        bench_psql "CREATE DATABASE $db"
    fi
    bench_migrate
    bench_log "load_seeds"
    bench_manage 300 load_seeds
}

bench_count_organizations() {
    # Organizations in database $1, or nothing when it has no such table (or cannot be read).
    bench_psql_in "$1" "SELECT count(*) FROM networks_organization" 2>/dev/null || true
}

bench_prepare_demo_database() {
    # usage: bench_prepare_demo_database N
    # The database shabakat_bench_N with N demo organizations (generate_demo_data, seed DEMO_SEED) and never
    # the real seeds (generate_demo_data refuses a database that holds them). Reused when it exists and holds
    # exactly N organizations; otherwise dropped and made again: copied from BENCH_DEMO_TEMPLATE when that
    # holds N organizations (seconds; only while nobody is connected to it), else generated (minutes). Then
    # migrated either way (idempotent). Exports DATABASE_URL.
    local n="$1" template="${BENCH_DEMO_TEMPLATE:-shabakat_demo}" have=""
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || bench_die "the number of organizations must be a positive integer (got $n)"
    [[ "$template" =~ ^[a-z0-9_]+$ ]] || bench_die "BENCH_DEMO_TEMPLATE may only hold a-z, 0-9 and _"
    bench_use_database "shabakat_bench_$n"
    local db="$BENCH_DB"
    bench_database_exists "$db" && have="$(bench_count_organizations "$db")"
    if [ "$have" = "$n" ]; then
        bench_log "reusing database $db ($n organizations)"
        bench_migrate
        return
    fi
    bench_log "database $db: ${have:-absent or unreadable}${have:+ organizations}, not $n: making it again"
    bench_psql "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    if bench_database_exists "$template" && [ "$(bench_count_organizations "$template")" = "$n" ] \
        && bench_copy_database "$template" "$db"; then
        bench_log "copied $template ($n organizations) into $db"
    else
        bench_psql "DROP DATABASE IF EXISTS $db WITH (FORCE)"
        bench_psql "CREATE DATABASE $db"
        bench_migrate
        local limit=$((900 + n / 50))  # 100,000 organizations take 4.5 minutes on a quiet machine
        bench_log "generate_demo_data --organizations $n --seed ${DEMO_SEED:-1} into $db (at most ${limit}s)"
        bench_manage "$limit" generate_demo_data --organizations "$n" --seed "${DEMO_SEED:-1}" --demo-ok
        have="$(bench_count_organizations "$db")"
        [ "$have" = "$n" ] || bench_die "$db holds ${have:-no} organizations after generate_demo_data, not $n"
    fi
    bench_migrate
}

bench_copy_database() {
    # usage: bench_copy_database TEMPLATE NEW: CREATE DATABASE … TEMPLATE, which PostgreSQL refuses while
    # anyone is connected to the template: retried for BENCH_TEMPLATE_WAIT seconds. Fails (status 1) then.
    local template="$1" db="$2" deadline=$((SECONDS + ${BENCH_TEMPLATE_WAIT:-120})) error=""
    bench_log "copying database $template into $db"
    while :; do
        if error="$(bench_psql_in postgres "CREATE DATABASE $db TEMPLATE $template" 600 2>&1)"; then
            return 0
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            bench_log "could not copy $template: ${error:-timed out}"
            return 1
        fi
        sleep 1
    done
}

bench_collectstatic() {
    # Production serves hashed names from the manifest (WhiteNoise), so pages fail without it.
    bench_log "collectstatic into $BENCH_STATIC_ROOT"
    bench_manage 300 collectstatic --no-input
}

bench_free_port() {
    "$BENCH_PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

bench_start_gunicorn() {
    # usage: bench_start_gunicorn [gunicorn worker options…]
    # The production configuration (gunicorn.conf.py), with WORKERS and THREADS: gthread workers. 3 processes
    # use both cores (and a third keeps one busy while another waits on PostgreSQL); 4 threads each overlap
    # database round trips without more memory per process, and the gthread worker keeps idle keep-alive
    # connections in its poller instead of tying up a thread, so 50 connections need no 50 workers. 12
    # requests run at once; the others wait in the accept queue. Options given here win over the file.
    # For comparable figures: no access log (a line per request), and no worker replaced mid-run
    # (GUNICORN_MAX_REQUESTS=0) unless the environment says otherwise.
    # Runs under BENCH_GUNICORN_WRAPPER (an array, e.g. /usr/bin/time -v -o FILE) when it is set, and waits
    # (60 s at most) until BENCH_READY_PATH answers 2xx/3xx.
    local -a options=("$@")
    BENCH_PORT="$(bench_free_port)"
    BENCH_URL="http://127.0.0.1:$BENCH_PORT"
    bench_log "gunicorn on $BENCH_URL (gunicorn.conf.py, ${options[*]:-$WORKERS workers × $THREADS threads}) on $BENCH_DB"
    GUNICORN_WORKERS="$WORKERS" GUNICORN_THREADS="$THREADS" GUNICORN_ACCESS_LOG="${GUNICORN_ACCESS_LOG:-off}" \
        GUNICORN_MAX_REQUESTS="${GUNICORN_MAX_REQUESTS:-0}" \
        "${BENCH_GUNICORN_WRAPPER[@]}" "$BENCH_ROOT/.venv/bin/gunicorn" directory.wsgi \
        --config "$BENCH_ROOT/gunicorn.conf.py" --bind "127.0.0.1:$BENCH_PORT" "${options[@]}" \
        --graceful-timeout 10 --backlog 2048 \
        --error-logfile "$BENCH_TMP/gunicorn.log" --log-level warning \
        >>"$BENCH_TMP/gunicorn.log" 2>&1 &
    BENCH_GUNICORN_JOB=$!
    BENCH_GUNICORN_PID=$BENCH_GUNICORN_JOB
    local deadline=$((SECONDS + 60))
    if [ "${#BENCH_GUNICORN_WRAPPER[@]}" -gt 0 ]; then
        BENCH_GUNICORN_PID=""  # the master is the wrapper's child
        until BENCH_GUNICORN_PID="$(pgrep -P "$BENCH_GUNICORN_JOB" | head -n 1)" && [ -n "$BENCH_GUNICORN_PID" ]; do
            kill -0 "$BENCH_GUNICORN_JOB" 2>/dev/null || bench_die "gunicorn (under ${BENCH_GUNICORN_WRAPPER[0]}) exited at once"
            [ "$SECONDS" -lt "$deadline" ] || bench_die "gunicorn did not start within 60 s"
            sleep 0.1
        done
    fi
    until curl -fsS -o /dev/null --max-time 5 "$BENCH_URL$BENCH_READY_PATH" 2>/dev/null; do
        kill -0 "$BENCH_GUNICORN_PID" 2>/dev/null || bench_die "gunicorn exited before answering"
        [ "$SECONDS" -lt "$deadline" ] || bench_die "gunicorn did not answer $BENCH_URL$BENCH_READY_PATH within 60 s"
        sleep 0.5
    done
}

bench_stop_gunicorn() {
    [ -n "$BENCH_GUNICORN_JOB" ] || return 0
    local pid="${BENCH_GUNICORN_PID:-$BENCH_GUNICORN_JOB}"
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true  # the master stops its workers gracefully
        local deadline=$((SECONDS + 15))
        while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
            sleep 0.2
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    # A wrapper (time) ends when gunicorn does; stop it too should it not.
    if [ "$BENCH_GUNICORN_JOB" != "$pid" ] && kill -0 "$BENCH_GUNICORN_JOB" 2>/dev/null; then
        local deadline=$((SECONDS + 5))
        while kill -0 "$BENCH_GUNICORN_JOB" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
            sleep 0.2
        done
        kill -KILL "$BENCH_GUNICORN_JOB" 2>/dev/null || true
    fi
    wait "$BENCH_GUNICORN_JOB" 2>/dev/null || true
    BENCH_GUNICORN_PID=""
    BENCH_GUNICORN_JOB=""
}

bench_paths() {
    # The paths of a URL list file: blank lines and "#" comments left out.
    grep -v -e '^[[:space:]]*$' -e '^[[:space:]]*#' "$1"
}

bench_check_urls() {
    # Every path must answer 2xx/3xx before the load starts (this also warms the workers up).
    local file="$1" path code failed=0
    while IFS= read -r path; do
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H 'Accept-Language: ar' "$BENCH_URL$path")"
        case "$code" in
            2?? | 3??) ;;
            *)
                echo "  $code $path" >&2
                failed=1
                ;;
        esac
    done < <(bench_paths "$file")
    [ "$failed" = 0 ] || bench_die "some URLs of $file do not answer 2xx/3xx (above)"
}

bench_wrk() {
    # usage: bench_wrk OUT CONNECTIONS THREADS DURATION TIMEOUT URL_FILE
    # wrk against $BENCH_URL for DURATION seconds, spreading requests over the paths of URL_FILE
    # (bench/urls.lua), requests slower than TIMEOUT seconds counted as timeouts. Its output (wrk's summary
    # with the --latency distribution, then the "BENCH key value" lines) goes to OUT. Bounded: DURATION + 60 s.
    local out="$1" connections="$2" threads="$3" duration="$4" request_timeout="$5" urls="$6"
    [ "$threads" -le "$connections" ] || threads="$connections"
    BENCH_URLS="$urls" timeout $((duration + 60)) wrk --threads "$threads" --connections "$connections" \
        --duration "${duration}s" --timeout "${request_timeout}s" --latency --script "$BENCH_ROOT/bench/urls.lua" \
        "$BENCH_URL" >"$out" 2>&1 || { cat "$out" >&2; bench_die "wrk failed (or overran its time)"; }
}

bench_figure() {
    # usage: bench_figure OUT KEY: the value of the line "BENCH KEY value" of a bench_wrk output.
    awk -v key="$2" '$1 == "BENCH" && $2 == key { $1 = $2 = ""; sub(/^ +/, ""); print }' "$1"
}

bench_machine() {
    # Where the figures come from: cores, CPU, memory, load, PostgreSQL, the code's commit.
    local commit changes=""
    commit="$(git -C "$BENCH_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    [ -z "$(git -C "$BENCH_ROOT" status --porcelain 2>/dev/null)" ] || changes=" (with uncommitted changes)"
    echo "cores: $(nproc)"
    echo "cpu: $(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
    echo "memory: $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    # A fixed piece of pure Python, to compare runs on a machine whose speed varies (shared cores).
    echo "cpu check: $("$BENCH_PY" -c 'import time
t = time.perf_counter(); s = 0
for i in range(10_000_000): s += i
print(f"{time.perf_counter() - t:.2f} s for 10 million additions")')"
    echo "postgresql: $(bench_psql 'SHOW server_version' 2>/dev/null || echo unknown)"
    echo "python: $("$BENCH_PY" -c 'import platform; print(platform.python_version())'), gunicorn $("$BENCH_ROOT/.venv/bin/gunicorn" --version 2>&1 | awk '{ print $NF }' | tr -d ')')"
    echo "commit: $commit$changes"
}

bench_start_datasette() {
    # usage: bench_start_datasette FILE [datasette serve options…]
    # Datasette serving FILE (immutable) on a free port, in the background: DATASETTE_PORT, DATASETTE_PID,
    # stopped on exit. Installed from PyPI into BENCH_DATASETTE_VENV (/tmp/shabakat-datasette) when missing.
    local file="$1"
    shift
    BENCH_DATASETTE_VENV="${BENCH_DATASETTE_VENV:-/tmp/shabakat-datasette}"
    [ -x "$BENCH_DATASETTE_VENV/bin/datasette" ] || {
        bench_log "installing Datasette into $BENCH_DATASETTE_VENV"
        timeout 300 python3 -m venv "$BENCH_DATASETTE_VENV"
        timeout 300 "$BENCH_DATASETTE_VENV/bin/pip" install --quiet datasette
    }
    DATASETTE_PORT="$(bench_free_port)"
    "$BENCH_DATASETTE_VENV/bin/datasette" serve --immutable "$file" --host 127.0.0.1 --port "$DATASETTE_PORT" \
        "$@" >"$BENCH_TMP/datasette.log" 2>&1 &
    DATASETTE_PID=$!
    trap 'kill "$DATASETTE_PID" 2>/dev/null || true; bench_cleanup' EXIT
}
