#!/usr/bin/env bash
# Runs every test: unit (mocked SSH), integration (a private sshd on 127.0.0.1), the sample app's own tests,
# and end-to-end tests against real Debian servers of the local lab (root and Linux needed; the tests bring
# the lab hosts up themselves and `lab/lab.sh down` runs at the end). Ends with one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")"
log=$(mktemp)

summary() {
  local status=$?
  lab/lab.sh down >/dev/null 2>&1 || true
  awk '/^(Passed|Failed)! +- +Failed: /  { gsub(/,/, ""); failed += $4; passed += $6 }
       /^Ran [0-9]+ tests? in/             { app = $2 }
       /^FAILED \((failures|errors)=/       { split($0, a, /[=)]/); appfailed += a[2] }
       END { printf "tests: %d passed, %d failed\n", passed + app - appfailed, failed + appfailed }' "$log"
  rm -f "$log"
  exit "$status"
}
trap summary EXIT

dotnet build FooBar.sln -c Release -warnaserror -nologo -v quiet
(cd app/python && python3 -m unittest 2>&1) | tee -a "$log"
for project in FooBar.Provision.Tests FooBar.Provision.IntegrationTests FooBar.Provision.EndToEndTests; do
  dotnet test "tests/$project" -c Release --no-build --nologo | tee -a "$log"
done
