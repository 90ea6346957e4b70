#!/usr/bin/env bash
# Packs every packable project of FooBar.sln (those that say <IsPackable>true</IsPackable>) into one folder:
#   eng/pack.sh [OUT] [extra dotnet pack arguments…]      OUT defaults to artifacts/packages (relative to where you are)
# Each package with code gets a .snupkg beside its .nupkg. The build is a CI build (ContinuousIntegrationBuild:
# deterministic, source paths mapped to /_/, source link to the repository); the version comes from the newest
# git tag vMAJOR.MINOR.PATCH reachable from HEAD (MinVer; 0.2.0-alpha.0.N without a tag). Earlier FooBar.Provision*
# packages in OUT are removed first, so OUT holds one version of each. The last line says the version and the folder.
# docs/packaging.md explains the choices.
set -euo pipefail
out=${1:-artifacts/packages}
[ $# -gt 0 ] && shift
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$(dirname "$0")/.."

rm -f "$out"/FooBar.Provision*.nupkg "$out"/FooBar.Provision*.snupkg
dotnet pack FooBar.sln -c Release -o "$out" -nologo -v quiet -warnaserror -p:ContinuousIntegrationBuild=true "$@"

shopt -s nullglob
packages=("$out"/FooBar.Provision*.nupkg)
if [ ${#packages[@]} -eq 0 ]; then
  echo "eng/pack.sh: no package was produced in $out" >&2
  exit 1
fi
version=$(basename "$(ls "$out"/FooBar.Provision.[0-9]*.nupkg | head -n 1)" .nupkg)
version=${version#FooBar.Provision.}
for package in "${packages[@]}" "$out"/FooBar.Provision*.snupkg; do
  printf '%8d  %s\n' "$(stat -c %s "$package")" "$(basename "$package")"
done
echo "eng/pack.sh: version $version in $out"
