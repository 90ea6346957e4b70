#!/usr/bin/env bash
# The main job, end to end, on the local lab: bring up lab host 1 (a real Debian 12 server), converge the
# whole www.foobar.com stack on it (mysql, app-files, app-server, nginx), then verify it as a browser would:
# resolve www.foobar.com through the lab DNS, check it points at the host, GET the page.
set -euo pipefail
cd "$(dirname "$0")"

lab/lab.sh up 1
# Published ReadyToRun (precompiled): a no-op run is mostly start-up, SSH and the probes.
dotnet publish FooBar.Provision.Tool -c Release -r "$(dotnet --info | awk '/ RID:/ { print $2; exit }')" --self-contained false -o artifacts/provision -nologo -v quiet
provision() { artifacts/provision/provision "$@"; }
provision apply inventory/lab.yaml --limit lab1
provision verify inventory/lab.yaml --limit lab1 --dns-server 10.99.0.2
