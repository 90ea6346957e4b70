#!/usr/bin/env bash
# Runs every test: unit (mocked SSH), integration (a private sshd on 127.0.0.1), the sample app's own tests,
# and end-to-end tests against real Debian servers of the local lab (root and Linux needed; the tests bring
# the lab hosts up themselves and `lab/lab.sh down` runs at the end).
set -euo pipefail
cd "$(dirname "$0")"

dotnet build FooBar.sln -c Release -warnaserror -nologo -v quiet
(cd app/python && python3 -m unittest -q)
dotnet test tests/FooBar.Provision.Tests -c Release --no-build --nologo
dotnet test tests/FooBar.Provision.IntegrationTests -c Release --no-build --nologo
trap 'lab/lab.sh down >/dev/null 2>&1 || true' EXIT
dotnet test tests/FooBar.Provision.EndToEndTests -c Release --no-build --nologo
