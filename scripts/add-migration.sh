#!/usr/bin/env bash
# Adds a migration for both providers: ./scripts/add-migration.sh AddSomething
set -euo pipefail
name=${1:?usage: add-migration.sh Name}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer; do
  dotnet ef migrations add "$name" --project src/Dashboard.Core --startup-project src/Dashboard.Cli \
    --context "${provider}DashboardDbContext" --output-dir "Persistence/$provider/Migrations"
done
