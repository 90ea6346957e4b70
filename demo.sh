#!/usr/bin/env bash
# The main job, end to end, on the local lab: bring up lab host 1 (a real Debian 12 server), converge the
# whole www.foobar.com stack on it (mysql, app-files, app-server, nginx), then verify it as a browser would:
# resolve www.foobar.com through the lab DNS, check it points at the host, GET the page.
set -euo pipefail
cd "$(dirname "$0")"

lab/lab.sh up 1
dotnet build FooBar.Provision.Cli -c Release -nologo -v quiet
provision() { dotnet FooBar.Provision.Cli/bin/Release/net10.0/provision.dll "$@"; }
provision apply inventory/lab.yaml --limit lab1
provision verify inventory/lab.yaml --limit lab1 --dns-server 10.99.0.2
