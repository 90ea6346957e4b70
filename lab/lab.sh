#!/usr/bin/env bash
# lab/lab.sh - local test lab for FooBar.Provision: real Debian 12 servers booted with
# systemd-nspawn in their own network namespaces, reachable over SSH at 10.99.I.2.
# See docs/lab.md for how it works. Usage: lab/lab.sh up N|up --topology ha [--fresh]|recreate I|down|status|ssh I [cmd]|image
set -euo pipefail

# Machine-wide state, so that every clone of the repository (CI clones anew) sees the same lab.
readonly STATE=/var/lib/foobar-lab RUN=/run/foobar-lab
readonly IMAGE=$STATE/image KEY=$STATE/client_key KNOWN=$STATE/known_hosts
readonly SECRET=$STATE/secrets/db_password
# Secrets of the HA topology, generated like db_password (24 random alphanumerics, mode 600).
readonly -a HA_SECRETS=(replication_password)
readonly MIRROR=${FOOBAR_LAB_MIRROR:-http://deb.debian.org/debian}
readonly MAX_HOSTS=50 PROXY_PORT=3142 STOP_TIMEOUT=15
# Seconds a host may take to boot; hosts booting together share two cores, so 'up' adds 2 s per host it boots at once.
BOOT_TIMEOUT=60
readonly DNS_NS=fblabdns DNS_VETH=fbvdns DNS_ADDR=10.99.0.2
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly REPO INVENTORY=$REPO/inventory/lab.yaml HA_INVENTORY=$REPO/inventory/lab-ha.yaml
# The HA topology (docs/topologies.md): lab index -> host name. Its hosts keep the lab's scheme (10.99.I.2, PID file
# labI.pid, copy hosts/labI, namespace fblabI); the load balancers get a second interface eth1 on a bridge shared
# with the machine, where keepalived moves the virtual IP. The lab DNS answers HA_DOMAIN (and ha.foobar.com) with it.
readonly -A HA_HOSTS=([11]=lb1 [12]=lb2 [13]=web1 [14]=web2 [15]=db1 [16]=db2)
readonly -a HA_ORDER=(11 12 13 14 15 16) HA_LBS=(11 12)
readonly HA_BRIDGE=fbbrha HA_NET=10.99.200 HA_VIP=10.99.200.100 HA_DOMAIN=www.ha.foobar.com
# Host names chosen for hosts booted by this run (index -> name); a host not listed is labI.
declare -A NAME_OF=()
# No UserKnownHostsFile here: ssh keeps the FIRST value of an option, so each call adds its own.
readonly -a SSH_OPTS=(-i "$KEY" -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes
  -o ConnectTimeout=3 -o LogLevel=ERROR)

log() { printf '%s\n' "$*"; }
die() { printf 'lab.sh: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

# The lab needs namespaces, mounts and nspawn: Linux and root, nothing else will do.
require_root_linux() {
  [[ $(uname -s) == Linux ]] || die "needs Linux (found $(uname -s))"
  [[ $EUID -eq 0 ]] || die "needs root (run it with sudo)"
}

# CI starts on a bare machine. The *-bin/-base packages give the binaries without a system
# service, so installing them does not start a second tinyproxy/dnsmasq on the machine.
ensure_packages() {
  local -A pkg_of=([debootstrap]=debootstrap [systemd-nspawn]=systemd-container
    [tinyproxy]=tinyproxy-bin [dnsmasq]=dnsmasq-base [ssh]=openssh-client
    [ssh-keygen]=openssh-client [ip]=iproute2 [python3]=python3 [flock]=util-linux)
  local cmd missing=()
  for cmd in "${!pkg_of[@]}"; do
    command -v "$cmd" >/dev/null || missing+=("${pkg_of[$cmd]}")
  done
  ((${#missing[@]})) || return 0
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "${missing[@]}" >/dev/null ||
    { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }
}

ensure_state() {
  mkdir -p "$STATE/hosts" "$STATE/secrets" "$RUN"
  chmod 700 "$STATE/secrets"
  [[ -f $KEY ]] || ssh-keygen -q -t ed25519 -N '' -C foobar-lab -f "$KEY"
  chmod 600 "$KEY"
  local name
  for name in db_password "${HA_SECRETS[@]}"; do ensure_secret "$STATE/secrets/$name"; done
  touch "$KNOWN"
}

ensure_secret() {
  local file=$1 s
  [[ -s $file ]] && return 0
  s=$(head -c 600 /dev/urandom | tr -dc 'A-Za-z0-9')  # no SIGPIPE under pipefail
  (umask 077 && printf '%s\n' "${s:0:24}" >"$file")
}

# Remove a directory tree, never crossing into a mount point left inside it (debootstrap
# mounts /proc and /sys in its target; rm must not walk into them).
remove_tree() {
  local dir=$1 m
  [[ -e $dir ]] || return 0
  for m in $(findmnt -rn -o TARGET | awk -v d="$dir" '$0 == d || index($0, d "/") == 1' | sort -r); do
    umount -l "$m"
  done
  rm -rf --one-file-system "$dir"
}

# ---------------------------------------------------------------- image
ensure_image() {
  [[ -d $IMAGE ]] && return 0
  local tmp=$STATE/image.tmp t0
  t0=$(now)
  remove_tree "$tmp"
  log "building image (debootstrap bookworm, about a minute)..."
  debootstrap --variant=minbase \
    --include=openssh-server,python3,sudo,systemd-sysv,dbus,ca-certificates \
    bookworm "$tmp" "$MIRROR" >"$RUN/debootstrap.log" 2>&1 ||
    { tail -n 20 "$RUN/debootstrap.log" >&2; remove_tree "$tmp"; die "debootstrap failed"; }
  prepare_image "$tmp"
  mv "$tmp" "$IMAGE"  # atomic: a half-built image is never used
  log "image built in $(since "$t0")"
}

prepare_image() {
  local root=$1 unit
  # A background apt run would hold the dpkg lock just as a converge starts.
  for unit in apt-daily.timer apt-daily-upgrade.timer apt-daily.service apt-daily-upgrade.service; do
    ln -sf /dev/null "$root/etc/systemd/system/$unit"
  done
  # 'deploy' with passwordless sudo, so become through sudo is tested for real.
  chroot "$root" useradd -m -u 1000 -s /bin/bash deploy
  echo 'deploy ALL=(ALL) NOPASSWD:ALL' >"$root/etc/sudoers.d/deploy"
  chmod 440 "$root/etc/sudoers.d/deploy"
  # Per-host identity is written into each copy: host keys, machine-id, resolv.conf.
  rm -f "$root"/etc/ssh/ssh_host_* "$root/etc/resolv.conf"
  : >"$root/etc/machine-id"
  rm -f "$root"/var/cache/apt/archives/*.deb
}

# ---------------------------------------------------------------- processes by recorded PID
# A process that exited stays a zombie until PID 1 (not systemd here) reaps it, which can take
# seconds: a zombie counts as gone.
alive() {
  local st
  st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  st=${st##*) }
  [[ ${st:0:1} != Z ]]
}

# A PID is ours only if its file exists AND the process still runs the expected program
# (guards against PID reuse: we never signal a stranger).
pid_of() {
  local file=$RUN/$1.pid comm=$2 pid
  [[ -s $file ]] || return 1
  pid=$(<"$file")
  [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$comm"* ]] || return 1
  echo "$pid"
}

# Records the PID of a just-started daemon and waits until it runs COMM (it starts as a shell
# fork, then execs), so that pid_of recognises it from then on.
record_pid() {
  local name=$1 comm=$2 pid=$3 i
  echo "$pid" >"$RUN/$name.pid"
  for ((i = 0; i < 50; i++)); do
    pid_of "$name" "$comm" >/dev/null && return 0
    alive "$pid" || break
    sleep 0.1
  done
  die "$name did not start (see $RUN/$name*.log)"
}

# SIGTERM, wait (bounded), then SIGKILL; returns once the process is gone.
stop_pid() {
  local name=$1 comm=$2 pid i
  if pid=$(pid_of "$name" "$comm"); then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
      alive "$pid" || break
      sleep 0.1
    done
    if alive "$pid"; then
      log "$name: still running after ${STOP_TIMEOUT}s, SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      while alive "$pid"; do sleep 0.1; done
    fi
  fi
  rm -f "$RUN/$name.pid"
}

# ---------------------------------------------------------------- network
# Namespace NS with veth VETH (machine side ADDR_OUT/24) <-> eth0 inside (ADDR_IN/24).
make_netns() {
  local ns=$1 veth=$2 out=$3 in=$4
  ip netns add "$ns"
  ip link add "$veth" type veth peer name eth0 netns "$ns"
  ip addr add "$out/24" dev "$veth"
  ip link set "$veth" up
  ip -n "$ns" addr add "$in/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
}

drop_netns() {
  local ns=$1 veth=$2
  if [[ -e /run/netns/$ns ]]; then ip netns del "$ns"; fi
  # Deleting the namespace normally takes the veth pair with it.
  if ip link show "$veth" >/dev/null 2>&1; then ip link del "$veth" 2>/dev/null || true; fi
}

# ---------------------------------------------------------------- proxy and DNS
# MaxClients: each host's apt opens one or two connections at a time; 4 per host leaves room for every host of a
# full lab installing at once.
proxy_config() {
  cat <<EOF
Port $PROXY_PORT
Timeout 600
MaxClients $((MAX_HOSTS * 4))
Allow 127.0.0.1
Allow 10.99.0.0/16
PidFile "$RUN/tinyproxy.pid"
LogFile "$RUN/tinyproxy.log"
LogLevel Notice
EOF
}

ensure_proxy() {
  if pid_of tinyproxy tinyproxy >/dev/null; then
    # A proxy started from an older version of this script is restarted with the current limits.
    [[ "$(proxy_config)" == "$(cat "$RUN/tinyproxy.conf" 2>/dev/null)" ]] && return 0
    stop_pid tinyproxy tinyproxy
  fi
  # Our own instance and config; the distribution's tinyproxy service (port 8888) is not ours.
  proxy_config >"$RUN/tinyproxy.conf"
  # 8>&-: daemons must not inherit the lab lock.
  setsid tinyproxy -d -c "$RUN/tinyproxy.conf" </dev/null >>"$RUN/tinyproxy.out" 2>&1 8>&- &
  record_pid tinyproxy tinyproxy $!
}

dns_config() {
  cat <<EOF
no-resolv
no-hosts
listen-address=$DNS_ADDR
bind-interfaces
address=/foobar.com/10.99.1.2
# lab2 runs the php-fpm flavour of the stack under its own name (the more specific entry wins).
address=/php.foobar.com/10.99.2.2
# The HA topology's site, on the load balancers' virtual IP (keepalived moves it between lb1 and lb2).
address=/ha.foobar.com/$HA_VIP
log-queries
log-facility=$RUN/dnsmasq.log
user=root
EOF
}

ensure_dns() {
  if pid_of dnsmasq dnsmasq >/dev/null; then
    # A DNS server started from an older version of this script is restarted with the current records.
    [[ "$(dns_config)" == "$(cat "$RUN/dnsmasq.conf" 2>/dev/null)" ]] && return 0
    stop_pid dnsmasq dnsmasq
  fi
  drop_netns "$DNS_NS" "$DNS_VETH"
  make_netns "$DNS_NS" "$DNS_VETH" 10.99.0.1 "$DNS_ADDR"
  # Answers must find their way back to the hosts' subnets.
  ip -n "$DNS_NS" route add 10.99.0.0/16 via 10.99.0.1
  # Lab hosts reach the DNS namespace through the machine: it must forward between veths.
  # Safe: no lab namespace has a route outside 10.99.0.0/16.
  sysctl -qw net.ipv4.ip_forward=1
  dns_config >"$RUN/dnsmasq.conf"
  # 'ip netns exec' execs dnsmasq, so \$! is dnsmasq's own PID.
  setsid ip netns exec "$DNS_NS" dnsmasq --keep-in-foreground --conf-file="$RUN/dnsmasq.conf" \
    </dev/null >>"$RUN/dnsmasq.out" 2>&1 8>&- &
  record_pid dnsmasq dnsmasq $!
}

# Prints the A records for NAME from the lab DNS (hand-built UDP query: no dig needed).
dns_query() {
  python3 - "$1" "$DNS_ADDR" <<'EOF'
import socket, struct, sys
name, server = sys.argv[1], sys.argv[2]
q = struct.pack(">6H", 0x4242, 0x0100, 1, 0, 0, 0)
q += b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0" + struct.pack(">2H", 1, 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2); s.sendto(q, (server, 53))
r = s.recv(512); i = len(q); out = []
for _ in range(struct.unpack(">H", r[6:8])[0]):
    i += 2 if r[i] & 0xC0 == 0xC0 else r.index(b"\0", i) - i + 1
    t, _c, _ttl, n = struct.unpack(">HHIH", r[i:i + 10]); i += 10
    if t == 1: out.append(socket.inet_ntoa(r[i:i + n]))
    i += n
print(" ".join(out))
EOF
}

# ---------------------------------------------------------------- hosts
hostdir() { echo "$STATE/hosts/lab$1"; }
host_up() { pid_of "lab$1" systemd-nspawn >/dev/null; }
# The name host I was booted with (labI, or its name in the HA topology), recorded next to its copy.
host_name() { cat "$(hostdir "$1")/name" 2>/dev/null || echo "lab$1"; }

# Overlay on the cached image (instant); a plain copy if the kernel refuses the overlay.
make_copy() {
  local h root
  h=$(hostdir "$1"); root=$h/root
  mkdir -p "$h/upper" "$h/work" "$root"
  mount -t overlay overlay -o "lowerdir=$IMAGE,upperdir=$h/upper,workdir=$h/work" "$root" 2>/dev/null ||
    cp -a "$IMAGE/." "$root/"
}

personalize_copy() {
  local i=$1 name=$2 root
  root=$(hostdir "$i")/root
  echo "$name" >"$(hostdir "$i")/name"
  rm -f "$root"/etc/ssh/ssh_host_*
  ssh-keygen -q -A -f "$root" >/dev/null
  echo "$name" >"$root/etc/hostname"
  printf '127.0.0.1 localhost\n10.99.%s.2 %s\n' "$i" "$name" >"$root/etc/hosts"
  echo "Acquire::http::Proxy \"http://10.99.$i.1:$PROXY_PORT\";" >"$root/etc/apt/apt.conf.d/01proxy"
  rm -f "$root/etc/resolv.conf"
  echo "nameserver $DNS_ADDR" >"$root/etc/resolv.conf"
  tr -d - </proc/sys/kernel/random/uuid >"$root/etc/machine-id"
  # Marks the host's processes as the lab's, so an orphaned container can be found and ended (kill_orphans).
  echo "lab$i" >"$root/etc/foobar-lab-host"
  authorize "$root/root/.ssh" 0
  authorize "$root/home/deploy/.ssh" 1000
}

authorize() {
  local dir=$1 uid=$2
  install -d -m 700 -o "$uid" -g "$uid" "$dir"
  install -m 600 -o "$uid" -g "$uid" "$KEY.pub" "$dir/authorized_keys"
}

# Each copy gets its own known_hosts (used while it boots, so hosts booting in parallel never
# write the same file); the lab's known_hosts is then rebuilt from the hosts that are up.
host_known_hosts() {
  local h
  h=$(hostdir "$1")
  awk -v a="10.99.$1.2" '{ print a, $1, $2 }' "$h"/root/etc/ssh/ssh_host_*_key.pub >"$h/known_hosts"
}

write_known_hosts() {
  local i
  for ((i = 1; i <= MAX_HOSTS; i++)); do
    if host_up "$i"; then cat "$(hostdir "$i")/known_hosts"; fi
  done >"$KNOWN.tmp"
  mv "$KNOWN.tmp" "$KNOWN"
}

boot_host() {
  local i=$1
  # --register=no --keep-unit: the machine has no systemd (PID 1 is not systemd). --private-network (with a
  # namespace given by path) gives the host CAP_NET_ADMIN and a writable /proc/sys/net for its own network namespace
  # and nothing else: nftables (the firewall role), keepalived's virtual IP and net.* sysctls need them.
  setsid systemd-nspawn -q -D "$(hostdir "$i")/root" -M "lab$i" --register=no --keep-unit --resolv-conf=off \
    --network-namespace-path="/run/netns/fblab$i" --private-network --capability=CAP_NET_ADMIN -b \
    </dev/null >"$RUN/lab$i.log" 2>&1 8>&- &
  record_pid "lab$i" systemd-nspawn $!
}

# The state systemd inside host I reports (running, degraded, starting…), read by entering the container's mount and
# PID namespaces (a few ms, no SSH handshake): polling fifty booting hosts over SSH twice a second kept both cores busy
# with handshakes and slowed the boots it waited for.
boot_state() {
  local nspawn init
  nspawn=$(pid_of "lab$1" systemd-nspawn) || return 1
  init=$(cat "/proc/$nspawn/task/$nspawn/children" 2>/dev/null) || return 1
  init=${init%% *}
  [[ $init =~ ^[0-9]+$ ]] || return 1
  nsenter --target "$init" --mount --pid -- systemctl is-system-running 2>/dev/null
}

# Up means: systemd finished booting AND sshd answers with the recorded host key.
wait_host() {
  local i=$1 deadline state
  deadline=$((SECONDS + BOOT_TIMEOUT))
  while ((SECONDS < deadline)); do
    host_up "$i" || break
    state=$(boot_state "$i") || true
    if [[ $state == running || $state == degraded ]] &&
      ssh "${SSH_OPTS[@]}" -o UserKnownHostsFile="$(hostdir "$i")/known_hosts" "root@10.99.$i.2" true 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  tail -n 30 "$RUN/lab$i.log" >&2
  die "lab$i did not come up within ${BOOT_TIMEOUT}s (log: $RUN/lab$i.log)"
}

start_host() {
  local i=$1 name=${NAME_OF[$1]:-lab$1} t0
  t0=$(now)
  stop_host "$i"  # clear leftovers of a crashed run
  make_copy "$i"
  personalize_copy "$i" "$name"
  make_netns "fblab$i" "fbv$i" "10.99.$i.1" "10.99.$i.2"
  # Only lab routes: the DNS namespace and the other lab hosts, never the outside.
  ip -n "fblab$i" route add 10.99.0.0/16 via "10.99.$i.1"
  if is_ha_lb "$i" "$name"; then ha_link "$i"; fi
  host_known_hosts "$i"
  boot_host "$i"
  wait_host "$i"
  log "lab$i  10.99.$i.2  up in $(since "$t0")$([[ $name == "lab$i" ]] || echo "  ($name)")"
}

# Ends container inits of lab host I (or of every lab host) whose nspawn parent is gone: when nspawn itself is
# killed (SIGKILL, or the session that started it ends), the container's systemd lives on, re-parented to PID 1.
# Recognised by their marker file, a PID namespace of their own and PID 1 as parent; SIGKILL on a namespace's
# init ends every process in it.
kill_orphans() {
  local want=${1:-} p own marker
  own=$(readlink /proc/self/ns/pid)
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    [[ $(cat "/proc/$p/comm" 2>/dev/null) == systemd ]] || continue
    [[ $(awk '{ print $4 }' "/proc/$p/stat" 2>/dev/null) == 1 ]] || continue
    [[ $(readlink "/proc/$p/ns/pid" 2>/dev/null) != "$own" ]] || continue
    marker=$(cat "/proc/$p/root/etc/foobar-lab-host" 2>/dev/null) || continue
    [[ -z $want || $marker == "lab$want" ]] || continue
    log "$marker: ending an orphaned container (pid $p)"
    kill -KILL "$p" 2>/dev/null || true
  done
}

stop_host() {
  local i=$1
  stop_pid "lab$i" systemd-nspawn
  kill_orphans "$i"
  remove_tree "$(hostdir "$i")"  # unmounts the overlay first
  drop_netns "fblab$i" "fbv$i"
  if ip link show "fbh$i" >/dev/null 2>&1; then ip link del "fbh$i" 2>/dev/null || true; fi
}

# ---------------------------------------------------------------- HA topology: the load balancers' shared segment
is_ha_lb() { [[ $1 == "${HA_LBS[0]}" || $1 == "${HA_LBS[1]}" ]] && [[ $2 == "${HA_HOSTS[$1]}" ]]; }

# The bridge HA_BRIDGE (the machine's side HA_NET.1/24) that the load balancers' eth1 join: VRRP (multicast
# 224.0.0.18, or unicast) passes between them, and the machine reaches the virtual IP on it. Nothing else joins it and
# it has no route outside 10.99.0.0/16.
ensure_bridge() {
  if ! ip link show "$HA_BRIDGE" >/dev/null 2>&1; then
    ip link add "$HA_BRIDGE" type bridge
    # No multicast snooping: VRRP adverts are flooded to every port whatever IGMP the hosts send.
    ip link set "$HA_BRIDGE" type bridge mcast_snooping 0
  fi
  ip addr replace "$HA_NET.1/24" dev "$HA_BRIDGE"
  ip link set "$HA_BRIDGE" up
}

drop_bridge() {
  if ip link show "$HA_BRIDGE" >/dev/null 2>&1; then ip link del "$HA_BRIDGE"; fi
}

# Load balancer I: veth fbhI on the bridge <-> eth1 inside (HA_NET.I/24: lb1 .11, lb2 .12).
ha_link() {
  local i=$1
  ip link add "fbh$i" type veth peer name eth1 netns "fblab$i"
  ip link set "fbh$i" master "$HA_BRIDGE" up
  ip -n "fblab$i" addr add "$HA_NET.$i/24" dev eth1
  ip -n "fblab$i" link set eth1 up
}

# Host I is up as the HA topology wants it: its name, and for a load balancer its eth1 on the bridge.
ha_host_ok() {
  local i=$1
  host_up "$i" && [[ $(host_name "$i") == "${HA_HOSTS[$i]}" ]] || return 1
  is_ha_lb "$i" "${HA_HOSTS[$i]}" || return 0
  [[ $(cat "/sys/class/net/fbh$i/master/ifindex" 2>/dev/null) == "$(cat "/sys/class/net/$HA_BRIDGE/ifindex" 2>/dev/null)" ]]
}

ha_any_up() {
  local i
  for i in "${HA_ORDER[@]}"; do
    host_up "$i" && [[ $(host_name "$i") == "${HA_HOSTS[$i]}" ]] && return 0
  done
  return 1
}

# Runs "$@ I" for each given host in background subshells; fails if any of them failed.
parallel() {
  local fn=$1 i pids=() rc=0
  shift
  for i in "$@"; do "$fn" "$i" & pids+=($!); done
  for i in "${pids[@]}"; do wait "$i" || rc=1; done
  return "$rc"
}

# ---------------------------------------------------------------- inventory
# Rewrites inventory/lab.yaml (the hosts up as labI) and inventory/lab-ha.yaml (the HA topology's hosts).
write_inventory() {
  local i up=() tmp=$INVENTORY.tmp
  for ((i = 1; i <= MAX_HOSTS; i++)); do host_up "$i" && [[ $(host_name "$i") == "lab$i" ]] && up+=("$i"); done
  mkdir -p "$(dirname "$INVENTORY")"
  {
    # shellcheck disable=SC2016 # the backquotes are literal text
    echo '# Generated by lab/lab.sh for the lab hosts that are up. Do not edit: `lab/lab.sh up N` rewrites it.'
    echo 'vars:'
    echo '  app_name: foobar'
    echo "  db_password: { file: $SECRET }"
    inventory_groups "${up[@]}"
    inventory_hosts "${up[@]}"
  } >"$tmp"
  mv "$tmp" "$INVENTORY"
  write_ha_inventory
}

inventory_groups() {
  local spare=() i
  (($#)) || return 0
  echo 'groups:'
  for i in "$@"; do
    case $i in
      1) printf '  web:\n    hosts: [lab1]\n    roles: [mysql, app-files, app-server, nginx]\n'
         printf '    vars:\n      domain: www.foobar.com\n      domain_aliases: [foobar.com]\n' ;;
      2) printf '  php:\n    hosts: [lab2]\n    roles: [mysql, app-files, app-server, nginx]\n'
         printf '    vars:\n      domain: php.foobar.com\n      app_server_kind: php-fpm\n      verify_text: Hello from www.foobar.com\n' ;;
      *) spare+=("lab$i") ;;
    esac
  done
  ((${#spare[@]})) || return 0
  local list
  list=$(IFS=,; echo "${spare[*]}")
  printf '  spare:\n    hosts: [%s]\n    roles: [base]\n' "${list//,/, }"
}

inventory_hosts() {
  local i
  if ((!$#)); then echo 'hosts: {}'; return 0; fi
  echo 'hosts:'
  for i in "$@"; do
    printf '  lab%s:\n    address: 10.99.%s.2\n    port: 22\n    user: root\n' "$i" "$i"
    printf '    identity_file: %s\n    known_hosts: %s\n' "$KEY" "$KNOWN"
  done
}

# inventory/lab-ha.yaml: the HA topology's hosts that are up, under their names, in groups lb, web and db with their
# roles; removed when none is up.
write_ha_inventory() {
  local i up=() tmp=$HA_INVENTORY.tmp
  for i in "${HA_ORDER[@]}"; do ha_host_ok "$i" && up+=("$i"); done
  if ((!${#up[@]})); then rm -f "$HA_INVENTORY"; return 0; fi
  {
    # shellcheck disable=SC2016 # the backquotes are literal text
    echo '# Generated by lab/lab.sh for the HA topology (docs/topologies.md). Do not edit: `lab/lab.sh up --topology ha` rewrites it.'
    ha_inventory_vars
    echo 'groups:'
    ha_group lb '[firewall, haproxy, keepalived]' "${up[@]}"
    ha_lb_vars
    ha_group web '[firewall, app-files, app-server, nginx]' "${up[@]}"
    # One web server at a time (drained through haproxy), after the load balancers and databases: one apply converges
    # the topology from nothing, and a deploy drops no request.
    echo '    serial: 1'
    ha_web_vars
    ha_group db '[firewall, mysql]' "${up[@]}"
    ha_db_vars
    echo 'hosts:'
    for i in "${up[@]}"; do
      printf '  %s:\n    address: 10.99.%s.2\n    port: 22\n    user: root\n' "${HA_HOSTS[$i]}" "$i"
      printf '    identity_file: %s\n    known_hosts: %s\n' "$KEY" "$KNOWN"
    done
  } >"$tmp"
  mv "$tmp" "$HA_INVENTORY"
}

# Group NAME with ROLES and the hosts among the rest of the arguments (lab indices) whose name starts with NAME.
ha_group() {
  local group=$1 roles=$2 i names=()
  shift 2
  for i in "$@"; do [[ ${HA_HOSTS[$i]} == "$group"* ]] && names+=("${HA_HOSTS[$i]}"); done
  local list
  list=$(IFS=,; echo "${names[*]}")
  printf '  %s:\n    hosts: [%s]\n    roles: %s\n' "$group" "${list//,/, }" "$roles"
}

# Variables of the whole topology: the site, the secrets (files under $STATE/secrets, generated once), and SSH from
# the machine only (each host sees it as its gateway 10.99.I.1).
ha_inventory_vars() {
  cat <<EOF
vars:
  app_name: foobar
  db_password: { file: $SECRET }
  firewall_ssh_from: [10.99.0.0/16]
EOF
}

# The site's name, and where provision verify finds it: the virtual IP (the app greets as www.foobar.com).
ha_site_vars() {
  cat <<EOF
      domain: $HA_DOMAIN
      verify_address: $HA_VIP
      verify_text: Hello from www.foobar.com
EOF
}

# The load balancers: haproxy in front of group web, keepalived's virtual IP on eth1 (the bridge).
ha_lb_vars() {
  cat <<EOF
    vars:
$(ha_site_vars)
      haproxy_health_path: /health
      haproxy_health_host: $HA_DOMAIN
      keepalived_vip: $HA_VIP/24
      keepalived_interface: eth1
      firewall_allow:
        - { port: [80, 443] }
      firewall_vrrp_from: [$HA_NET.0/24]
EOF
}

# The web servers reach the primary database (db1) over the lab network; HTTP only from the load balancers.
ha_web_vars() {
  cat <<EOF
    vars:
$(ha_site_vars)
      app_source: $REPO/app/python
      db_host: 10.99.15.2
      firewall_allow:
        - { port: 80, from: lb }
EOF
}

# db1 the primary, db2 its replica; the application's account from each web server; 3306 only from web and db.
ha_db_vars() {
  cat <<EOF
    vars:
      mysql_primary: db1
      mysql_replication_password: { file: $STATE/secrets/replication_password }
      mysql_bind_address: 0.0.0.0
      mysql_schema_file: $REPO/app/schema.sql
      mysql_users:
        - { name: foobar, password: { file: $SECRET }, host: 10.99.13.2, database: foobar }
        - { name: foobar, password: { file: $SECRET }, host: 10.99.14.2, database: foobar }
      firewall_allow:
        - { port: 3306, from: [web, db] }
EOF
}

# ---------------------------------------------------------------- commands
check_index() {
  if [[ ! $1 =~ ^[0-9]+$ ]] || ((10#$1 < 1 || 10#$1 > MAX_HOSTS)); then
    die "host number must be 1..$MAX_HOSTS, got '$1'"
  fi
}

# Every container's systemd (and journald, logind, dbus, sshd's systemd units) takes inotify instances, all counted
# against root's fs.inotify.max_user_instances: Debian's 128 boots about 30 hosts, the others fail with "Too many open
# files". These limits are machine-wide and only ever raised here (a higher value is left alone); like ip_forward, they
# stay after 'down'. Sized for MAX_HOSTS hosts with room for the machine's own use.
readonly -A KERNEL_MINIMUM=([fs.inotify.max_user_instances]=8192 [fs.inotify.max_user_watches]=524288)
ensure_kernel_limits() {
  local key want have
  for key in "${!KERNEL_MINIMUM[@]}"; do
    want=${KERNEL_MINIMUM[$key]}
    have=$(sysctl -n "$key")
    if ((have < want)); then
      sysctl -qw "$key=$want" || die "could not raise $key from $have to $want (needed to boot $MAX_HOSTS hosts)"
      log "raised $key from $have to $want (each host's systemd needs inotify instances; left raised after 'down')"
    fi
  done
}

# The proxy holds two descriptors per client and nspawn a few per host: a soft limit of 1024 (common in CI) is raised
# to the hard limit, at most 65536, for this script and what it starts.
ensure_fd_limit() {
  local soft hard want=65536
  soft=$(ulimit -Sn); hard=$(ulimit -Hn)
  [[ $soft == unlimited ]] && return 0
  [[ $hard != unlimited ]] && ((hard < want)) && want=$hard
  ((soft < want)) && ulimit -Sn "$want"
  return 0
}

prepare_infra() { ensure_packages; ensure_state; ensure_kernel_limits; ensure_fd_limit; ensure_image; ensure_proxy; ensure_dns; }

cmd_up() {
  local n=${1:-} i t0 todo=() rc=0 topology='' fresh=0
  if [[ $n == --* ]]; then
    while (($#)); do
      case $1 in
        --topology=*) topology=${1#--topology=} ;;
        --topology) topology=${2:-}; shift ;;
        --fresh) fresh=1 ;;
        *) die "unknown option '$1' (usage: up N | up --topology ha [--fresh])" ;;
      esac
      shift || true
    done
    [[ $topology == ha ]] || die "unknown topology '$topology' (known: ha)"
    cmd_up_ha "$fresh"
    return
  fi
  check_index "$n"
  t0=$(now)
  prepare_infra
  for ((i = 1; i <= n; i++)); do
    if host_up "$i"; then log "lab$i  10.99.$i.2  already up"; else todo+=("$i"); fi
  done
  BOOT_TIMEOUT=$((60 + 2 * ${#todo[@]}))
  if ((${#todo[@]})); then parallel start_host "${todo[@]}" || rc=1; fi
  write_known_hosts
  write_inventory
  log "total $(since "$t0")"
  return "$rc"
}

# The HA topology: hosts 11..16 named lb1 lb2 web1 web2 db1 db2, the load balancers on the bridge; a host already up
# as the topology wants it is left alone (unless FRESH is 1: then all six are pristine), any other host at those
# indices is replaced.
cmd_up_ha() {
  local fresh=$1 i t0 todo=() rc=0
  t0=$(now)
  prepare_infra
  ensure_bridge
  for i in "${HA_ORDER[@]}"; do
    if ((!fresh)) && ha_host_ok "$i"; then
      log "lab$i  10.99.$i.2  already up  (${HA_HOSTS[$i]})"
    else
      todo+=("$i")
      NAME_OF[$i]=${HA_HOSTS[$i]}
    fi
  done
  BOOT_TIMEOUT=$((60 + 2 * ${#todo[@]}))
  if ((${#todo[@]})); then parallel start_host "${todo[@]}" || rc=1; fi
  write_known_hosts
  write_inventory
  log "ha: $HA_DOMAIN -> virtual IP $HA_VIP on $HA_BRIDGE ($HA_NET.1 here, lb1 $HA_NET.11, lb2 $HA_NET.12); inventory/lab-ha.yaml"
  log "total $(since "$t0")"
  return "$rc"
}

cmd_recreate() {
  local i=${1:-} t0
  check_index "$i"
  t0=$(now)
  prepare_infra
  # A host of the HA topology comes back as what it was (name, and eth1 for a load balancer).
  NAME_OF[$i]=$(host_name "$i")
  if is_ha_lb "$i" "${NAME_OF[$i]}"; then ensure_bridge; fi
  stop_host "$i"
  start_host "$i" || { write_known_hosts; write_inventory; return 1; }
  write_known_hosts
  write_inventory
  log "total $(since "$t0")"
}

# Host numbers with anything left: a PID file, a copy or a namespace.
lab_leftovers() {
  local f
  for f in "$RUN"/lab*.pid "$STATE"/hosts/lab* /run/netns/fblab*; do
    [[ -e $f && ${f##*/} =~ ^(lab|fblab)([0-9]+)(\.pid)?$ ]] && echo "${BASH_REMATCH[2]}"
  done | sort -un
}

# PIDs of every process the lab started and that still runs.
lab_pids() {
  local f name
  for f in "$RUN"/*.pid; do
    [[ -e $f ]] || continue
    name=${f##*/}; name=${name%.pid}
    case $name in lab*) pid_of "$name" systemd-nspawn ;; *) pid_of "$name" "$name" ;; esac || true
  done
}

cmd_down() {
  local all pids p i
  mapfile -t pids < <(lab_pids)
  mapfile -t all < <(lab_leftovers)
  if ((${#all[@]})); then parallel stop_host "${all[@]}"; fi
  kill_orphans
  stop_pid dnsmasq dnsmasq & stop_pid tinyproxy tinyproxy & wait
  drop_netns "$DNS_NS" "$DNS_VETH"
  drop_bridge
  # Exited processes stay zombies until PID 1 reaps them (a few seconds here): wait, bounded,
  # so that nothing of ours is left in the process table when down returns.
  for p in "${pids[@]}"; do
    for ((i = 0; i < 50; i++)); do [[ -e /proc/$p ]] || break; sleep 0.1; done
  done
  if [[ -d $STATE ]]; then write_known_hosts; fi
  write_inventory
  log "lab is down"
}

cmd_status() {
  local i ssh_ok name shown=0
  for ((i = 1; i <= MAX_HOSTS; i++)); do
    host_up "$i" || [[ -d $(hostdir "$i") ]] || continue
    shown=1
    name=$(host_name "$i")
    [[ $name == "lab$i" ]] && name= || name="  ($name)"
    if ! host_up "$i"; then log "lab$i  10.99.$i.2  down$name"; continue; fi
    ssh_ok=no
    ssh "${SSH_OPTS[@]}" -o UserKnownHostsFile="$KNOWN" "root@10.99.$i.2" true 2>/dev/null && ssh_ok=yes
    log "lab$i  10.99.$i.2  up  ssh=$ssh_ok$name"
  done
  ha_status
  ((shown)) || log "no lab hosts"
  if pid_of tinyproxy tinyproxy >/dev/null; then log "proxy  :$PROXY_PORT  up"; else log "proxy  down"; fi
  if pid_of dnsmasq dnsmasq >/dev/null; then
    log "dns    $DNS_ADDR  up  www.foobar.com -> $(dns_query www.foobar.com 2>/dev/null || echo '?')  $HA_DOMAIN -> $(dns_query "$HA_DOMAIN" 2>/dev/null || echo '?')"
  else log "dns    down"; fi
}

# The HA bridge and which load balancer holds the virtual IP.
ha_status() {
  local i holder=none
  if ! ip link show "$HA_BRIDGE" >/dev/null 2>&1; then
    if ha_any_up; then log "ha     bridge $HA_BRIDGE missing"; fi
    return 0
  fi
  for i in "${HA_LBS[@]}"; do
    if [[ -e /run/netns/fblab$i ]] && ip -n "fblab$i" -o addr show dev eth1 2>/dev/null | grep -qF " $HA_VIP/"; then
      holder=${HA_HOSTS[$i]}
    fi
  done
  log "ha     bridge $HA_BRIDGE  $HA_NET.1/24  up  virtual IP $HA_VIP on $holder"
}

cmd_ssh() {
  local i=${1:-}
  check_index "$i"
  shift
  exec ssh "${SSH_OPTS[@]/BatchMode=yes/BatchMode=no}" -o UserKnownHostsFile="$KNOWN" "${FOOBAR_LAB_USER:-root}@10.99.$i.2" "$@"
}

# Descriptors inherited from the caller must not reach the daemons started here (proxy, DNS, nspawn): a caller's
# `flock /tmp/foobar-lab.lock lab/lab.sh …` would otherwise stay locked for as long as those daemons run.
close_inherited_fds() {
  local fd
  for fd in /proc/"$$"/fd/*; do
    fd=${fd##*/}
    if [[ $fd =~ ^[0-9]+$ ]] && ((fd > 2 && fd != 255)); then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}

main() {
  close_inherited_fds
  local cmd=${1:-}
  [[ -n $cmd ]] && shift
  case $cmd in
    up | recreate | down | status | ssh | image) require_root_linux; mkdir -p "$RUN" ;;
    *) sed -n '2,4s/^# \{0,1\}//p' "$0"; exit 2 ;;
  esac
  # One mutating command at a time (CI and an engineer may share the machine).
  if [[ $cmd != status && $cmd != ssh ]]; then exec 8>"$RUN/lab.lock"; flock 8; fi
  case $cmd in
    up) cmd_up "$@" ;;
    recreate) cmd_recreate "$@" ;;
    down) cmd_down ;;
    status) cmd_status ;;
    ssh) cmd_ssh "$@" ;;
    image) ensure_packages; ensure_state; ensure_image ;;
  esac
}

main "$@"
