#!/usr/bin/env bash
# The small role (base) against a private sshd on 127.0.0.1 that this script starts and stops (by its PID):
# the first, changing apply and then no-op applies, as whole `provision` commands, with their round trips.
# Harmless to the machine: the role's files go to a temporary directory and no package or service changes.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/client_key"
cp "$work/client_key.pub" "$work/authorized_keys"
printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$work/host_key.pub")" >"$work/known_hosts"
cat >"$work/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $work/host_key
AuthorizedKeysFile $work/authorized_keys
PidFile $work/sshd.pid
UsePAM no
StrictModes no
PasswordAuthentication no
PermitRootLogin prohibit-password
SetEnv SHLVL=1
CONF
mkdir -p /run/sshd
/usr/sbin/sshd -f "$work/sshd_config"
trap 'kill "$(cat "$work/sshd.pid")" 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 0.3

cat >"$work/inventory.yaml" <<YAML
hosts:
  loopback:
    address: 127.0.0.1
    port: $port
    user: $(id -un)
    identity_file: $work/client_key
    known_hosts: $work/known_hosts
    roles: [base]
    vars:
      base_packages: [openssh-client]
      base_service: ""
      motd_path: $work/motd
      base_directory: $work/srv
YAML

eng/publish-tool.sh artifacts/provision >&2   # Native AOT (ReadyToRun if the native compile fails, and it says so)
run() {
  local start end recap
  start=$(date +%s.%N)
  recap=$(artifacts/provision/provision apply "$work/inventory.yaml" --no-color | grep -E '^loopback +ok=')
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" -v r="$recap" 'BEGIN { match(r, /round_trips=[0-9]+/); match(r, /changed=[0-9]+/); printf "%.2f s  %s\n", b - a, r }'
}
echo "first apply:   $(run)"
for _ in $(seq "$runs"); do echo "no-op apply:   $(run)"; done
