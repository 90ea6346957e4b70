#!/usr/bin/env bash
# Writes the inventories of the 50-host benchmark (benchmarks/scale.sh) for lab hosts 1..N: the base role with no
# packages and no service (so only /etc/motd and /srv are managed), for provision (DIR/provision.yaml) and for
# ansible-core (DIR/ansible.ini, played with benchmarks/scale/base.yml). Usage: inventory.sh N DIR
# Only lab addresses (10.99.I.2); host keys checked against the lab's known_hosts.
set -euo pipefail
n=${1:?usage: inventory.sh N DIR} dir=${2:?usage: inventory.sh N DIR}
[[ $n =~ ^[0-9]+$ ]] && ((n >= 1 && n <= 50)) || { echo "inventory.sh: N must be 1..50, got '$n'" >&2; exit 3; }
readonly key=/var/lib/foobar-lab/client_key known=/var/lib/foobar-lab/known_hosts
mkdir -p "$dir"
{
  echo "# benchmarks/scale/inventory.sh $n: lab hosts 1..$n, role base without packages or service."
  echo 'vars:'
  echo '  base_packages: []'
  echo '  base_service: ""'
  echo 'groups:'
  echo '  scale:'
  printf '    hosts: ['
  for ((i = 1; i <= n; i++)); do printf '%slab%s' "$( ((i > 1)) && echo ', ')" "$i"; done
  echo ']'
  echo '    roles: [base]'
  echo 'hosts:'
  for ((i = 1; i <= n; i++)); do
    printf '  lab%s: { address: 10.99.%s.2, user: root, identity_file: %s, known_hosts: %s }\n' "$i" "$i" "$key" "$known"
  done
} >"$dir/provision.yaml"
{
  echo '[scale]'
  for ((i = 1; i <= n; i++)); do
    printf 'lab%s ansible_host=10.99.%s.2 ansible_user=root ansible_ssh_private_key_file=%s\n' "$i" "$i" "$key"
  done
} >"$dir/ansible.ini"
