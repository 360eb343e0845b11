#!/bin/sh
# One-shot (temporalio/admin-tools): creates or upgrades Temporal's schemas on PostgreSQL.
# Safe to run on every `docker-compose up`: each step leaves an up-to-date database as it is.
#
#   env: POSTGRES_SEEDS, POSTGRES_USER, SQL_PASSWORD, DB_PORT (5432)
set -eu

tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -u "$POSTGRES_USER" -p "${DB_PORT:-5432}" "$@"
}
schemas=/etc/temporal/schema/postgresql/v12

# The postgres image already made the database named after POSTGRES_USER; visibility needs its own.
tool create --db temporal_visibility
tool --db temporal setup-schema -v 0.0
tool --db temporal update-schema -d "$schemas/temporal/versioned"
tool --db temporal_visibility setup-schema -v 0.0
tool --db temporal_visibility update-schema -d "$schemas/visibility/versioned"
echo "Temporal schemas are up to date"
