# Shared pieces of the benchmark scripts (source it; do not run it): a PostgreSQL database with the seeds,
# production-like settings, gunicorn started on a free loopback port and always stopped on exit.
#
#   source "$(dirname "$0")/lib.sh"
#   bench_init                      # cd to the repository root, temp dir, EXIT trap (stops gunicorn)
#   bench_prepare_database          # $BENCH_DB: (re)created, migrated, seeded; exports DATABASE_URL
#   bench_production_env            # DEBUG off, generated secret key, hosts, no HTTPS redirect, API rate
#   bench_collectstatic             # into a temporary STATIC_ROOT (bench/settings.py)
#   bench_start_gunicorn            # sets BENCH_PORT, BENCH_URL, BENCH_GUNICORN_PID; waits until it answers
#   bench_check_urls bench/urls.txt # every path answers 2xx/3xx, or the script stops here
#
# Environment (all optional):
#   BENCH_PG        PostgreSQL server URL, without a database   (postgres://postgres@127.0.0.1:5432)
#   BENCH_DB        database name, must start with shabakat_bench (set by each script)
#   BENCH_REUSE_DB  1: keep an existing database (migrate and load_seeds are idempotent) instead of
#                   dropping and recreating it
#   WORKERS         gunicorn worker processes                     (3)
#   THREADS         threads per worker (gthread worker class)     (4)
#   DJANGO_API_RATE the API throttle for the run                  (1000000/minute: never throttle the load)
#
# Every step is bounded in time (`timeout`), and only loopback addresses are used.

BENCH_PG="${BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
WORKERS="${WORKERS:-3}"
THREADS="${THREADS:-4}"
BENCH_GUNICORN_PID=""

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
    command -v psql >/dev/null || bench_die "psql is needed to create the benchmark database"
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

bench_psql() {
    PGCONNECT_TIMEOUT=10 timeout 60 psql "$BENCH_PG/postgres" -v ON_ERROR_STOP=1 -qAtc "$1"
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

bench_prepare_database() {
    local db="${BENCH_DB:?set BENCH_DB}"
    case "$db" in
        shabakat_bench*) ;;
        *) bench_die "BENCH_DB must start with shabakat_bench (got $db): this script drops it" ;;
    esac
    [[ "$db" =~ ^[a-z0-9_]+$ ]] || bench_die "BENCH_DB may only hold a-z, 0-9 and _"
    if [ "${BENCH_REUSE_DB:-0}" = 1 ] && [ "$(bench_psql "SELECT 1 FROM pg_database WHERE datname = '$db'")" = 1 ]; then
        bench_log "reusing database $db"
    else
        bench_log "creating database $db"
        bench_psql "DROP DATABASE IF EXISTS $db WITH (FORCE)"
        bench_psql "CREATE DATABASE $db"
    fi
    export DATABASE_URL="$BENCH_PG/$db"
    bench_log "migrate, load_seeds"
    bench_manage 300 migrate --no-input
    bench_manage 300 load_seeds
    if ! ls locale/*/LC_MESSAGES/django.mo >/dev/null 2>&1; then
        bench_manage 120 compilemessages --ignore=.venv
    fi
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
    # gthread workers: 3 processes use both cores (and a third keeps one busy while another waits on
    # PostgreSQL); 4 threads each overlap database round trips without more memory per process, and the
    # gthread worker keeps idle keep-alive connections in its poller instead of tying up a thread, so 50
    # connections need no 50 workers. 12 requests run at once; the others wait in the accept queue.
    BENCH_PORT="$(bench_free_port)"
    BENCH_URL="http://127.0.0.1:$BENCH_PORT"
    bench_log "gunicorn on $BENCH_URL ($WORKERS workers x $THREADS threads, gthread)"
    "$BENCH_ROOT/.venv/bin/gunicorn" directory.wsgi \
        --bind "127.0.0.1:$BENCH_PORT" \
        --workers "$WORKERS" --threads "$THREADS" --worker-class gthread \
        --timeout 30 --graceful-timeout 10 --keep-alive 5 --backlog 2048 \
        --error-logfile "$BENCH_TMP/gunicorn.log" --log-level warning \
        >>"$BENCH_TMP/gunicorn.log" 2>&1 &
    BENCH_GUNICORN_PID=$!
    local deadline=$((SECONDS + 60))
    until curl -fsS -o /dev/null --max-time 5 "$BENCH_URL/en/" 2>/dev/null; do
        kill -0 "$BENCH_GUNICORN_PID" 2>/dev/null || bench_die "gunicorn exited before answering"
        [ "$SECONDS" -lt "$deadline" ] || bench_die "gunicorn did not answer $BENCH_URL/en/ within 60 s"
        sleep 0.5
    done
}

bench_stop_gunicorn() {
    [ -n "$BENCH_GUNICORN_PID" ] || return 0
    if kill -0 "$BENCH_GUNICORN_PID" 2>/dev/null; then
        kill -TERM "$BENCH_GUNICORN_PID" 2>/dev/null || true  # the master stops its workers gracefully
        local deadline=$((SECONDS + 15))
        while kill -0 "$BENCH_GUNICORN_PID" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
            sleep 0.2
        done
        kill -KILL "$BENCH_GUNICORN_PID" 2>/dev/null || true
    fi
    wait "$BENCH_GUNICORN_PID" 2>/dev/null || true
    BENCH_GUNICORN_PID=""
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
