#!/usr/bin/env bash
# provision against ansible-core on identical fresh lab hosts, alternating the two tools, as a user runs each:
# cold converge of a fresh host, no-op apply vs no-op playbook run, plan vs --check --diff, five hosts no-op and
# five hosts cold. Writes the medians and their ratios into benchmarks/results.md (the generated section).
#
#   benchmarks/compare.sh            # RUNS=5 no-op/plan runs, COLD_RUNS=1 cold runs of each kind
#   RUNS=3 COLD_RUNS=2 benchmarks/compare.sh
#   TRANSPORT=sshnet benchmarks/compare.sh   # provision's transport for the compared runs (default: the tool's default)
#
# Needs root and Linux (the lab), ansible-core (apt-get install ansible-core). Contacts only lab hosts
# 10.99.1.2-10.99.10.2: provision converges lab1-lab5, ansible lab6-lab10. Holds the lab lock from after the build to the end, and
# replaces those hosts with fresh ones. Bounded: every command has a timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
readonly RUNS=${RUNS:-5} COLD_RUNS=${COLD_RUNS:-1} LOCK=/tmp/foobar-lab.lock
readonly KEY=/var/lib/foobar-lab/client_key KNOWN=/var/lib/foobar-lab/known_hosts SECRET=/var/lib/foobar-lab/secrets/db_password
# Medians and verdicts: exact, and tested (benchmarks/lib/ratio.sh).
source benchmarks/lib/ratio.sh
# Every row needs a median of each tool, so each kind of run happens at least once.
[[ $RUNS =~ ^[0-9]+$ ]] && ((RUNS >= 1 && RUNS <= 50)) || { echo "compare.sh: RUNS must be 1..50" >&2; exit 3; }
[[ $COLD_RUNS =~ ^[0-9]+$ ]] && ((COLD_RUNS >= 1 && COLD_RUNS <= 10)) || { echo "compare.sh: COLD_RUNS must be 1..10" >&2; exit 3; }

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

# Publish first (the build needs no lab), then take the lab lock for the rest of the run; flock -o keeps the lock out
# of what the script starts (ssh masters that outlive it).
if [[ ${FOOBAR_COMPARE_LOCKED:-} != 1 ]]; then
  command -v ansible-playbook >/dev/null || { echo "compare.sh: ansible-playbook not found (apt-get install ansible-core)" >&2; exit 1; }
  published=$(mktemp -d /tmp/foobar-compare-cli.XXXXXX)
  log "publishing provision (Native AOT; ReadyToRun if that fails)"
  timeout 900 eng/publish-tool.sh "$published" >&2
  log "waiting for the lab lock"
  exec env FOOBAR_COMPARE_LOCKED=1 FOOBAR_COMPARE_CLI="$published/provision" flock -o "$LOCK" "$0" "$@"
fi
cli=${FOOBAR_COMPARE_CLI:?}

close_ansible_masters() {
  for ((i = 6; i <= 10; i++)); do
    ssh -o ControlPath="$HOME/.ansible/cp/%C" -O exit "root@10.99.$i.2" >/dev/null 2>&1 || true
  done
}

work=$(mktemp -d /tmp/foobar-compare.XXXXXX)
trap 'close_ansible_masters; rm -rf "$work" "$(dirname "$cli")"' EXIT
export XDG_CACHE_HOME=$work/cache   # provision's facts cache starts empty, as on a new controller
started=$(date -u '+%Y-%m-%d %H:%M UTC') load_start=$(cut -d' ' -f1-3 /proc/loadavg) t_start=$EPOCHREALTIME
main_transport=(${TRANSPORT:+--transport "$TRANSPORT"})
transport_args=("${main_transport[@]}")
if "$cli" apply --help 2>/dev/null | grep -q -- '--transport'; then has_transport=1; else has_transport=0; fi

# Inventories: provision's (lab1-5) and Ansible's (lab6-10), the same variables.
inventory() { # first last
  printf 'vars:\n  app_name: foobar\n  db_password: { file: %s }\n  domain: www.foobar.com\n  domain_aliases: [foobar.com]\n' "$SECRET"
  printf '  app_source: %s\n  mysql_schema_file: %s\n' "$PWD/app/python" "$PWD/app/schema.sql"
  printf 'groups:\n  web:\n    hosts: [%s]\n    roles: [mysql, app-files, app-server, nginx]\nhosts:\n' "$(seq -s ', ' -f 'lab%g' "$1" "$2")"
  for ((i = $1; i <= $2; i++)); do
    printf '  lab%s:\n    address: 10.99.%s.2\n    user: root\n    identity_file: %s\n    known_hosts: %s\n' "$i" "$i" "$KEY" "$KNOWN"
  done
}
inventory 1 1 >"$work/p1.yaml"; inventory 1 5 >"$work/p5.yaml"; inventory 6 6 >"$work/p6.yaml"
ansible_inventory() { # first last
  echo '[web]'
  for ((i = $1; i <= $2; i++)); do echo "lab$i ansible_host=10.99.$i.2 ansible_user=root ansible_ssh_private_key_file=$KEY"; done
}
ansible_inventory 6 6 >"$work/a1.ini"; ansible_inventory 6 10 >"$work/a5.ini"
release=$(benchmarks/ansible/release.py app/python "$work/release.tgz")

# One timed run; prints "<seconds> <round trips or -> <changed>" and fails the script when the tool failed.
run_provision() { # verb inventory [args...]
  local verb=$1 inv=$2 t0 out rc=0
  shift 2
  t0=$EPOCHREALTIME
  out=$(timeout 1200 "$cli" "$verb" "$inv" --no-color "${transport_args[@]}" "$@" 2>&1) || rc=$?
  local seconds; seconds=$(bc <<<"$EPOCHREALTIME - $t0")
  if ((rc != 0)) && ! [[ $verb == plan && $rc == 2 ]]; then printf '%s\n' "$out" | tail -n 30 >&2; log "provision $verb failed (exit $rc)"; exit 1; fi
  awk -v s="$seconds" '/ ok=[0-9]+ changed=/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "changed" || kv[1] == "pending") c += kv[2]; if (kv[1] == "round_trips") r = (r == "" ? "" : r "+") kv[2] } }
    END { printf "%.3f %s %d\n", s, (r == "" ? "-" : r), c }' <<<"$out"
}
run_ansible() { # inventory [args...]
  local inv=$1 t0 out rc=0
  shift
  t0=$EPOCHREALTIME
  out=$(cd benchmarks/ansible && timeout 1800 ansible-playbook -i "$inv" site.yml -e "release_id=$release" -e "release_archive=$work/release.tgz" "$@" 2>&1) || rc=$?
  local seconds; seconds=$(bc <<<"$EPOCHREALTIME - $t0")
  if ((rc != 0)); then printf '%s\n' "$out" | tail -n 30 >&2; log "ansible-playbook failed (exit $rc)"; exit 1; fi
  awk -v s="$seconds" '/ : ok=[0-9]+/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "changed") c += kv[2] } } END { printf "%.3f - %d\n", s, c }' <<<"$out"
}
fresh() { for i in "$@"; do timeout 300 lab/lab.sh recreate "$i" >/dev/null; done; }
declare -A times=() trips=()
record() { # key "<seconds> <trips> <changed>" expected-changed(any|0)
  local s r c
  read -r s r c <<<"$2"
  if [[ $3 == 0 && $c != 0 ]]; then log "$1: expected no change, got $c"; exit 1; fi
  times[$1]+="$s "; trips[$1]=$r
  log "$1: ${s}s round trips $r changed $c"
}
measure() { # key command expected-changed
  local out
  out=$($2)
  record "$1" "$out" "$3"
}
# Runs the two measurements in the order given by the run number (odd: provision first), so drift hits both alike.
alternate() { # run-number key-p command-p key-a command-a expected-changed
  if (($1 % 2)); then measure "$2" "$3" "$6"; measure "$4" "$5" "$6"; else measure "$4" "$5" "$6"; measure "$2" "$3" "$6"; fi
}

log "lab hosts 1-10 up"
timeout 600 lab/lab.sh up 10 >/dev/null
close_ansible_masters

# Cold converge of one fresh host, each tool on its own.
for ((r = 1; r <= COLD_RUNS; r++)); do
  fresh 1 6; close_ansible_masters
  alternate "$r" p_cold "run_provision apply $work/p1.yaml" a_cold "run_ansible $work/a1.ini" any
done

# The two stacks are the same: provision finds nothing to change on the host Ansible converged.
check=$(timeout 300 "$cli" plan "$work/p6.yaml" --no-color 2>&1) && equivalent=yes || { equivalent=no; printf '%s\n' "$check" | grep -v '  ok ' >&2; }
log "provision plan on Ansible's host: converged=$equivalent"

for ((r = 1; r <= RUNS; r++)); do
  alternate "$r" p_noop "run_provision apply $work/p1.yaml" a_noop "run_ansible $work/a1.ini" 0
  alternate "$r" p_plan "run_provision plan $work/p1.yaml" a_check "run_ansible $work/a1.ini --check --diff" 0
done

if ((has_transport)); then
  for t in openssh sshnet; do
    transport_args=(--transport "$t")
    for ((r = 1; r <= RUNS; r++)); do measure "p_noop_$t" "run_provision apply $work/p1.yaml" 0; done
  done
  transport_args=("${main_transport[@]}")
fi

# Five hosts: cold (each tool on five fresh hosts), then no-op.
for ((r = 1; r <= COLD_RUNS; r++)); do
  log "ten fresh hosts"
  fresh 1 2 3 4 5 6 7 8 9 10; close_ansible_masters
  alternate "$r" p_cold5 "run_provision apply $work/p5.yaml" a_cold5 "run_ansible $work/a5.ini" any
done
for ((r = 1; r <= RUNS; r++)); do
  alternate "$r" p_noop5 "run_provision apply $work/p5.yaml" a_noop5 "run_ansible $work/a5.ini" 0
done

# ---------------------------------------------------------------- results
med() { bench_median <<<"${times[$1]}"; }
no_verdict=0
row() { # label key-p key-a goal kind(faster|cold); a row without a verdict is written as such and fails the run at the end
  local p a verdict
  p=$(med "$2") || p='?'
  a=$(med "$3") || a='?'
  verdict=$(bench_verdict "$5" "$4" "$p" "$a") || { verdict='no verdict (see the log)'; no_verdict=1; }
  printf '| %s | %s s | %s s | %s | %s |\n' "$1" "$p" "$a" "${trips[$2]}" "$verdict"
}
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
elapsed=$(awk -v s="$(bc <<<"$EPOCHREALTIME - $t_start")" 'BEGIN { printf "%.0f", s / 60 }')
section=$work/section.md
{
  echo '<!-- compare.sh: begin (generated by benchmarks/compare.sh; edits here are overwritten) -->'
  echo '## provision against ansible-core, same run — `benchmarks/compare.sh`'
  echo
  echo "Run $started, $elapsed min; machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load average $load_start at the start and $load_end at the end."
  echo "provision $(git describe --always --dirty) (published $(cat "$(dirname "$cli")/build-kind" 2>/dev/null || echo ReadyToRun), $(dotnet --version) SDK, ${TRANSPORT:+transport }${TRANSPORT:-default transport}$( ((has_transport)) && echo ', see below' )); $(ansible-playbook --version 2>/dev/null | sed -n 1p | tr -d '[]'), pipelining and ControlPersist 60 s (benchmarks/ansible/)."
  echo "Lab hosts: Debian 12 (lab/lab.sh), fresh for every cold run; the four-role stack (mysql, app-files, app-server with gunicorn, nginx)."
  echo "Medians of $RUNS runs (no-op, plan) and $COLD_RUNS (cold), the two tools alternating; ratio = provision's median / Ansible's."
  echo "Both stacks converge to the same host: provision plan on the host Ansible converged found it converged: $equivalent; every no-op and check run reported changed=0."
  echo
  echo '| run | provision | ansible-core | provision round trips | provision vs Ansible |'
  echo '|---|---|---|---|---|'
  row 'no-op apply, converged host' p_noop a_noop 30 faster
  row 'plan vs `--check --diff`, converged host' p_plan a_check 30 faster
  row 'five hosts no-op' p_noop5 a_noop5 40 faster
  row 'cold converge, fresh host' p_cold a_cold 0.45 cold
  row 'five hosts cold, fresh hosts' p_cold5 a_cold5 0.4 cold
  if ((has_transport)); then
    echo
    echo "The no-op apply by transport (median of $RUNS): SSH.NET $(med p_noop_sshnet) s, OpenSSH (ControlMaster) $(med p_noop_openssh) s."
  fi
  echo
  echo "Every run, in seconds: $(for k in p_noop a_noop p_plan a_check p_noop5 a_noop5 p_cold a_cold p_cold5 a_cold5; do printf '%s: %s; ' "$k" "${times[$k]% }"; done)"
  echo '<!-- compare.sh: end -->'
} >"$section"

results=benchmarks/results.md
if grep -q '^<!-- compare.sh: begin' "$results"; then
  awk -v f="$section" '/^<!-- compare.sh: begin/ { while ((getline l < f) > 0) print l; skip = 1; next } /^<!-- compare.sh: end/ { skip = 0; next } !skip' "$results" >"$work/results.md"
else
  { cat "$results"; echo; cat "$section"; } >"$work/results.md"
fi
cp "$work/results.md" "$results"
cat "$section"
if ((no_verdict)); then log "a row of the table has no verdict (the reason is above)"; exit 1; fi
