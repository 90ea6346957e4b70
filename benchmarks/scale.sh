#!/usr/bin/env bash
# 50 lab hosts converged, then no-op'd, from one controller: provision (each transport it has) against ansible-core
# (Debian's 2.14) at several forks settings, with the base role and no packages and no service (only /etc/motd and
# /srv are managed; benchmarks/scale/). Wall time of the whole command and peak memory of the whole controller process
# tree (benchmarks/scale/measure.py: a cgroup per configuration, RSS summed every 50 ms, and the cgroup's own peak).
# Writes its section of benchmarks/results.md and prints it.
#
# Needs root and Linux (the lab). Contacts only lab hosts 10.99.I.2. Holds the lab lock (/tmp/foobar-lab.lock) for its
# whole duration, brings the lab up from nothing (timing `lab/lab.sh up N`) and takes it down at the end, whatever
# happens. Bounded: N <= 50 hosts, RUNS runs per configuration, each command killed after 10 minutes.
#   HOSTS=50 RUNS=3 ANSIBLE_FORKS="20 50 100" PROVISION_FORKS=50 TRANSPORTS="openssh sshnet" benchmarks/scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cli=$PWD/artifacts/provision/provision
# Built before the lab lock is taken (others wait on it), then the script runs again under the lock.
if [[ ${FOOBAR_SCALE_LOCKED:-} != 1 ]]; then
  eng/publish-tool.sh artifacts/provision >&2   # Native AOT (ReadyToRun if the native compile fails, and it says so)
  FOOBAR_SCALE_LOCKED=1 exec flock /tmp/foobar-lab.lock "$0" "$@"
fi

hosts=${HOSTS:-50} runs=${RUNS:-3}
read -r -a ansible_forks <<<"${ANSIBLE_FORKS:-20 50 100}"
read -r -a provision_forks <<<"${PROVISION_FORKS:-10 50}"
# provision reads PROVISION_* and ansible ANSIBLE_* variables as their own settings (docs/hosting.md; ANSIBLE_FORKS is
# ansible's forks): this script's knobs must not reach them ("20 50 100" made ansible-playbook exit 5 at once).
unset PROVISION_FORKS ANSIBLE_FORKS
[[ $hosts =~ ^[0-9]+$ ]] && ((hosts >= 1 && hosts <= 50)) || { echo "scale.sh: HOSTS must be 1..50" >&2; exit 3; }
[[ $runs =~ ^[0-9]+$ ]] && ((runs >= 1 && runs <= 10)) || { echo "scale.sh: RUNS must be 1..10" >&2; exit 3; }
command -v ansible-playbook >/dev/null || { echo "scale.sh: ansible-playbook missing: apt-get install -y ansible-core" >&2; exit 3; }

work=$(mktemp -d /tmp/foobar-scale.XXXXXX)
measure=benchmarks/scale/measure.py
groups=()
cleanup() {
  local g
  for g in "${groups[@]}"; do "$measure" --release "$g" || true; done
  lab/lab.sh down >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# ---------------------------------------------------------------- lab, inventories, the controller
lab/lab.sh down >/dev/null
start=$(date +%s.%N)
lab/lab.sh up "$hosts" >"$work/up.log" 2>&1 || { tail -n 20 "$work/up.log" >&2; exit 1; }
up_time=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
benchmarks/scale/inventory.sh "$hosts" "$work"

read -r -a transports <<<"${TRANSPORTS:-$("$cli" apply --help | grep -q -- '--transport' && echo 'sshnet openssh' || echo openssh)}"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# provision's facts cache (docs/facts-cache.md) of these runs only, not the user's.
export XDG_CACHE_HOME=$work/cache

# Back to the state of a fresh host for what the base role manages, through each host's root on this machine (no SSH):
# the image's /etc/motd and no journal or lock of provision; and no cached facts on the controller. /srv is the
# image's, which both tools leave as it is.
reset_hosts() {
  local i root
  rm -rf "$XDG_CACHE_HOME"
  for ((i = 1; i <= hosts; i++)); do
    root=/var/lib/foobar-lab/hosts/lab$i/root
    cp -p /var/lib/foobar-lab/image/etc/motd "$root/etc/motd"
    rm -rf "$root/var/lib/foobar-provision"
  done
}

# One measured run: "<wall s> <exit> <peak RSS MiB> <processes at peak> <cgroup peak MiB> <CPU s> <own CPU s> <changed>
# <hosts in recap>".
run() {
  local group=$1 kind=$2 log result changed
  shift 2
  log=$work/$group.log
  : >"$log"
  result=$("$measure" "$group" "$log" -- "$@")
  if [[ $kind == provision ]]; then
    # Recap lines: "lab7  ok=2 changed=1 failed=0 … round_trips=3".
    changed=$(awk '/^lab[0-9]+ +ok=/ { n++; for (i = 2; i <= NF; i++) if ($i ~ /^changed=/) c += substr($i, 9) } END { printf "%d %d", c, n }' "$log")
  else
    # PLAY RECAP lines: "lab7 : ok=3 changed=1 unreachable=0 failed=0 …".
    changed=$(awk '/^lab[0-9]+ +: ok=/ { n++; for (i = 3; i <= NF; i++) if ($i ~ /^changed=/) c += substr($i, 9) } END { printf "%d %d", c, n }' "$log")
  fi
  echo "$result $changed"
}

# Medians, maxima and the verdict: exact, and tested (benchmarks/lib/ratio.sh).
source benchmarks/lib/ratio.sh

rows=()
declare -A noop_medians=()
# Adds a table row for a configuration: its converge run, then RUNS no-op runs (median wall, peak of peaks); keeps the
# no-op median for the tool's verdict (kind: provision or ansible).
record() {
  local tool=$1 converge=$2 noops=$3 kind=$4 w e m p c u o ch n nw nm np nc nu no fails
  read -r w e m p c u o ch n <<<"$converge"
  nw=$(cut -d' ' -f1 <<<"$noops" | bench_median)
  nm=$(cut -d' ' -f3 <<<"$noops" | bench_maximum)
  np=$(cut -d' ' -f4 <<<"$noops" | bench_maximum)
  nc=$(cut -d' ' -f5 <<<"$noops" | bench_maximum)
  nu=$(cut -d' ' -f6 <<<"$noops" | bench_median)
  no=$(cut -d' ' -f7 <<<"$noops" | bench_median)
  fails=$(awk -v h="$hosts" '$2 != 0 || $9 != h || $8 != 0 { f++ } END { print f + 0 }' <<<"$noops")
  rows+=("| $tool | $w s (exit $e, $ch changed on $n hosts) | $m MiB / $c MiB ($p processes) | **$nw s** | **$nm MiB** / $nc MiB ($np processes) | $nu s ($no s) | $(cut -d' ' -f1 <<<"$noops" | sort -n | tr '\n' ' ' | sed 's/ $//') s$( ((fails)) && echo " ($fails not clean)" || true) |")
  echo "${rows[-1]}" >&2
  noop_medians[$kind]+="$nw "
}

# ---------------------------------------------------------------- provision
for transport in "${transports[@]}"; do
  for forks in "${provision_forks[@]}"; do
    transport_option=()
    "$cli" apply --help | grep -q -- '--transport' && transport_option=(--transport "$transport")
    group=provision-$transport-$forks
    groups+=("$group")
    reset_hosts
    args=(apply "$work/provision.yaml" --no-color --forks "$forks" "${transport_option[@]}")
    converge=$(run "$group" provision "$cli" "${args[@]}")
    noops=$(for ((r = 0; r < runs; r++)); do run "$group" provision "$cli" "${args[@]}"; done)
    record "provision, $transport, forks $forks" "$converge" "$noops" provision
    "$measure" --release "$group"
  done
done

# ---------------------------------------------------------------- ansible-core
export ANSIBLE_CONFIG=$PWD/benchmarks/scale/ansible.cfg ANSIBLE_LOCAL_TEMP=$work/ansible-tmp
for forks in "${ansible_forks[@]}"; do
  export ANSIBLE_SSH_CONTROL_PATH_DIR=$work/cp-$forks
  group=ansible-$forks
  groups+=("$group")
  reset_hosts
  args=(ansible-playbook -i "$work/ansible.ini" -f "$forks" benchmarks/scale/base.yml)
  converge=$(run "$group" ansible "${args[@]}")
  # Each no-op run starts without the previous run's ControlPersist masters (released), as provision does.
  noops=$(for ((r = 0; r < runs; r++)); do "$measure" --release "$group"; run "$group" ansible "${args[@]}"; done)
  record "ansible-core 2.14, forks $forks" "$converge" "$noops" ansible
  "$measure" --release "$group"
done

# The two tools converge to the same state: after ansible-core, provision finds nothing to change on any host.
plan_exit=0
# Each tool at its best settings: the fastest no-op median of its configurations, against issue 9's goal (8x at 50 hosts).
best_provision=$(bench_minimum <<<"${noop_medians[provision]-}") || best_provision='?'
best_ansible=$(bench_minimum <<<"${noop_medians[ansible]-}") || best_ansible='?'
verdict=$(bench_verdict faster 8 "$best_provision" "$best_ansible") || verdict='no verdict (see the log)'

"$cli" plan "$work/provision.yaml" --no-color >"$work/cross-plan.log" 2>&1 || plan_exit=$?

section=$(
  echo "## $hosts lab hosts from one controller — \`benchmarks/scale.sh\`"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on this machine (2 cores), provision published $(cat "$(dirname "$cli")/build-kind" 2>/dev/null || echo ReadyToRun), $hosts lab hosts (\`lab/lab.sh up $hosts\` from nothing: ${up_time} s),"
  echo "role base without packages or service (\`/etc/motd\` from the template, \`/srv\`; benchmarks/scale/). Each tool's"
  echo "converge starts from fresh hosts (the image's \`/etc/motd\`, no journal, no cached facts), then $runs no-op runs. Wall time: the whole"
  echo "command. Memory: the whole controller process tree, every process the command started (ssh included, also the"
  echo "ControlPersist masters that detach) kept in a cgroup of its own: the peak of the summed RSS sampled every 50 ms"
  echo "(shared pages counted once per process: an upper bound) / the cgroup's peak charge (each page once), and how many"
  echo "processes ran at the RSS peak. ansible-core: pipelining, ControlPersist 60 s, \`gather_subset = min\`, host keys"
  echo "checked; each no-op run starts without the previous run's masters. CPU: user + system seconds of the command and"
  echo "the processes it waited for (own: the command's process alone). Load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| tool | converge | converge peak memory (RSS sum / cgroup) | no-op, median of $runs | no-op peak memory | no-op CPU: tree (own) | no-op runs |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "No-op, each tool at its fastest configuration above: provision $best_provision s, ansible-core $best_ansible s: $verdict."
  echo
  echo "After ansible-core's converge, \`provision plan\` exited $plan_exit ($( ((plan_exit == 0)) && echo 'nothing to change on any host: the two tools leave the same state' || echo 'see the log: the two tools do not leave the same state'))."
)
printf '%s\n' "$section"

# Replace the section between the markers (added at the end the first time).
python3 - benchmarks/results.md "$section" <<'EOF'
import sys
path, section = sys.argv[1], sys.argv[2]
begin, end = "<!-- benchmarks/scale.sh: begin -->", "<!-- benchmarks/scale.sh: end -->"
text = open(path).read()
block = f"{begin}\n{section}\n{end}"
if begin in text and end in text:
    text = text[: text.index(begin)] + block + text[text.index(end) + len(end):]
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
open(path, "w").write(text)
EOF
