#!/usr/bin/env bash
# Publishes the `provision` tool for this machine into OUT (default artifacts/provision), as the benchmarks and the demo
# run it: Native AOT (one native executable, no JIT at start-up; docs/packaging.md). When the native compile fails (no
# gcc or clang, no zlib1g-dev: `apt-get install gcc libc6-dev zlib1g-dev`), it says so and publishes ReadyToRun instead
# (precompiled, framework-dependent). OUT/build-kind holds "Native AOT" or "ReadyToRun"; the last line says which.
#   eng/publish-tool.sh [OUT]
set -euo pipefail
out=${1:-artifacts/provision}
cd "$(dirname "$0")/.."
rid=$(dotnet --info | awk '/ RID:/ { print $2; exit }')
log=$(mktemp)
trap 'rm -f "$log"' EXIT

rm -rf "$out"
if dotnet publish FooBar.Provision.Tool -c Release -r "$rid" -p:PublishAot=true -o "$out" -nologo -v quiet >"$log" 2>&1; then
  kind="Native AOT"
  # The x64 publish targets x86-64-v2 (docs/packaging.md, "CPU level"); on an older or plainly emulated CPU (QEMU's
  # qemu64) that binary stops at start, so it is compiled again for the x86-64 baseline.
  if ! "$out/provision" --version >/dev/null 2>&1; then
    echo "eng/publish-tool.sh: the Native AOT binary does not start on this CPU; publishing it again for the x86-64 baseline" >&2
    rm -rf "$out"
    dotnet publish FooBar.Provision.Tool -c Release -r "$rid" -p:PublishAot=true -p:IlcInstructionSet=x86-64 -o "$out" -nologo -v quiet >"$log" 2>&1 ||
      { tail -n 5 "$log" >&2; exit 1; }
    kind="Native AOT (x86-64 baseline)"
  fi
else
  echo "eng/publish-tool.sh: the Native AOT publish failed; publishing ReadyToRun instead (slower start-up). Its last lines:" >&2
  tail -n 5 "$log" >&2
  rm -rf "$out"
  dotnet publish FooBar.Provision.Tool -c Release -r "$rid" -p:PublishAot=false --self-contained false -o "$out" -nologo -v quiet >/dev/null
  kind="ReadyToRun"
fi
echo "$kind" >"$out/build-kind"
echo "eng/publish-tool.sh: provision published $kind ($rid) in $out"
