// The postgres:15 stand-in's entrypoint: what the official image's docker-entrypoint.sh does with the variables a
// lesson sets, so a compose.yaml written here works unchanged with the real image. As root it makes PGDATA the
// postgres account's and steps down with gosu; on an empty PGDATA it runs initdb with POSTGRES_USER (default
// postgres) and POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust), password logins from any
// address (scram-sha-256), creates POSTGRES_DB (default: the user's name), runs /docker-entrypoint-initdb.d/*.sql
// and *.sh once; then execs postgres listening on all addresses. Written in POSIX sh: the image has no need of bash.
export const postgresEntrypoint = `#!/bin/sh
set -eu
if [ "\${1#-}" != "$1" ]; then set -- postgres "$@"; fi
if [ "$1" != postgres ]; then exec "$@"; fi
: "\${PGDATA:=/var/lib/postgresql/data}"
export PGDATA
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec gosu postgres "$0" "$@"
fi
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  user="\${POSTGRES_USER:-postgres}"
  db="\${POSTGRES_DB:-$user}"
  auth="\${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"
  if [ -z "\${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
    echo "Error: Database is uninitialized and superuser password is not specified." >&2
    echo "       You must specify POSTGRES_PASSWORD to a non-empty value for the superuser." >&2
    exit 1
  fi
  pwfile="$(mktemp)"
  printf '%s\\n' "\${POSTGRES_PASSWORD:-}" > "$pwfile"
  # shellcheck disable=SC2086
  initdb --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host="$auth" \${POSTGRES_INITDB_ARGS:-} >/dev/null
  rm -f "$pwfile"
  printf '%s\\n' "host all all all $auth" >> "$PGDATA/pg_hba.conf"
  printf '%s\\n' "listen_addresses = '*'" >> "$PGDATA/postgresql.auto.conf"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
  if [ "$db" != postgres ]; then psql -v ON_ERROR_STOP=1 --username "$user" --dbname postgres -c "CREATE DATABASE \\"$db\\"" >/dev/null; fi
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sql) psql -v ON_ERROR_STOP=1 --username "$user" --dbname "$db" -f "$f" ;;
      *.sh) . "$f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  echo "PostgreSQL init process complete; ready for start up."
fi
exec "$@"
`;
