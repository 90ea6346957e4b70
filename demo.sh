#!/usr/bin/env bash
# The main job, end to end, on the local lab.
#   ./demo.sh      bring up lab host 1 (a real Debian 12 server), converge the whole www.foobar.com stack on it (mysql,
#                  app-files, app-server, nginx), then verify it as a browser would: resolve www.foobar.com through the
#                  lab DNS, check it points at the host, GET the page.
#   ./demo.sh ha   the HA topology (docs/topologies.md): six pristine hosts (lab/lab.sh up --topology ha --fresh), the
#                  whole topology converged by one apply (cold), verified through the virtual IP
#                  (www.ha.foobar.com), applied again (it must change nothing); prints the wall times.
set -euo pipefail
cd "$(dirname "$0")"

mode=${1:-one}
[[ $mode == one || $mode == ha ]] || { echo "usage: ./demo.sh [ha]" >&2; exit 2; }

if [[ $mode == ha ]]; then lab/lab.sh up --topology ha --fresh; else lab/lab.sh up 1; fi
# Published Native AOT (no JIT at start-up: a no-op run is mostly SSH and the probes); eng/publish-tool.sh falls back to
# ReadyToRun, and says so, when the native compile cannot run.
eng/publish-tool.sh artifacts/provision
provision() { artifacts/provision/provision "$@"; }

if [[ $mode == one ]]; then
  provision apply inventory/lab.yaml --limit lab1
  provision verify inventory/lab.yaml --limit lab1 --dns-server 10.99.0.2
  exit 0
fi

seconds() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
inventory=inventory/lab-ha.yaml
# One apply: group web has serial: 1, so the load balancers and the databases converge first, then each web server
# (whose health check, GET /health, needs the primary) in its own batch.
t0=$(date +%s.%N)
provision apply "$inventory"
cold=$(seconds "$t0")
provision verify "$inventory" --dns-server 10.99.0.2
t0=$(date +%s.%N)
again=$(provision apply "$inventory" --no-color)
noop=$(seconds "$t0")
printf '%s\n' "$again"
if grep -Eq 'changed=[1-9]' <<<"$again"; then echo "demo: the second apply changed something" >&2; exit 1; fi
echo "demo ha: cold converge ${cold} s (one apply); second apply ${noop} s, changed=0"
