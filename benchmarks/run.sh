#!/usr/bin/env bash
# Measures what a user waits for, on a real lab server (lab host 1): the cold converge of the whole
# www.foobar.com stack on a fresh host, then no-op applies and plans on the converged host (median of N),
# with the SSH round trips each one cost. Prints a Markdown table; results.md keeps the last figures.
# Needs root and Linux (the lab). Contacts only the lab host 10.99.1.2.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}

lab/lab.sh up 1 >/dev/null
lab/lab.sh recreate 1 >/dev/null
eng/publish-tool.sh artifacts/provision >&2   # Native AOT (ReadyToRun if the native compile fails, and it says so)
cli=artifacts/provision/provision
inventory=$(mktemp -d)/inventory.yaml
cat >"$inventory" <<YAML
vars:
  db_password: { file: /var/lib/foobar-lab/secrets/db_password }
  domain: www.foobar.com
  domain_aliases: [foobar.com]
  app_source: $PWD/app/python
  mysql_schema_file: $PWD/app/schema.sql
hosts:
  lab1:
    address: 10.99.1.2
    user: root
    identity_file: /var/lib/foobar-lab/client_key
    known_hosts: /var/lib/foobar-lab/known_hosts
    roles: [mysql, app-files, app-server, nginx]
YAML

# One timed run of the plain-text view (what a user sees): prints "<wall seconds> <round trips> <changed>".
measure() {
  local start end recap
  start=$(date +%s.%N)
  recap=$("$cli" "$@" "$inventory" --no-color | grep -E '^lab1 +ok=' || true)
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" -v r="$recap" 'BEGIN {
    match(r, /round_trips=[0-9]+/); trips = substr(r, RSTART + 12, RLENGTH - 12)
    match(r, /changed=[0-9]+/); changed = substr(r, RSTART + 8, RLENGTH - 8)
    printf "%.2f %s %s\n", b - a, trips, changed }'
}

source benchmarks/lib/ratio.sh   # bench_median: exact, and tested

cold=$(measure apply)
noop=(); plan=()
for _ in $(seq "$runs"); do noop+=("$(measure apply)"); done
for _ in $(seq "$runs"); do plan+=("$(measure plan)"); done

printf '| run | wall time (s) | SSH round trips | changed |\n|---|---|---|---|\n'
read -r s r c <<<"$cold"; printf '| cold apply, fresh host, whole stack | %s | %s | %s |\n' "$s" "$r" "$c"
printf '| no-op apply, converged host (median of %s) | %s | %s | 0 |\n' "$runs" "$(printf '%s\n' "${noop[@]}" | cut -d' ' -f1 | bench_median)" "$(cut -d' ' -f2 <<<"${noop[0]}")"
printf '| plan, converged host (median of %s) | %s | %s | 0 |\n' "$runs" "$(printf '%s\n' "${plan[@]}" | cut -d' ' -f1 | bench_median)" "$(cut -d' ' -f2 <<<"${plan[0]}")"
