# shellcheck shell=bash
# The arithmetic behind the benchmark scripts' figures (sourced by benchmarks/compare.sh, scale.sh and run.sh): medians,
# maxima and the verdicts against the speed goals. Exact: times are parsed into whole microseconds and compared as
# integers in bash (no floating point, no bc), so a verdict at a goal's boundary is the one the measured times give.
# A printed ratio is truncated toward the goal's losing side (a "faster" figure down, a "cold" figure up), so it
# never claims more than was measured and never disagrees with its verdict (a 29.96x no-op prints 29.9x, not met).
# Empty, zero, negative or malformed values are an error on stderr (exit 1), never a figure or a verdict.
# Tested by tests/FooBar.Provision.Tests/Benchmarks/BenchmarkArithmeticTests.cs.

# _bench_micro VALUE WHAT MAX-DECIMALS: VALUE in seconds as whole microseconds (a non-negative decimal with at most
# MAX-DECIMALS decimals and six integer digits); sets _bench_us and _bench_decimals.
_bench_micro() {
  if [[ ! $1 =~ ^([0-9]{1,6})(\.([0-9]+))?$ ]] || ((${#BASH_REMATCH[3]} > $3)); then
    echo "benchmarks: $2 '$1' is not a time in seconds (digits, at most $3 decimals, under 1000000 s)" >&2
    return 1
  fi
  local fraction=${BASH_REMATCH[3]}000000
  _bench_us=$((10#${BASH_REMATCH[1]} * 1000000 + 10#${fraction:0:6}))
  _bench_decimals=${#BASH_REMATCH[3]}
}

# _bench_format MICROSECONDS DECIMALS: the value in seconds with DECIMALS (0-6) decimals, truncated.
_bench_format() {
  local fraction
  printf -v fraction '%06d' $(($1 % 1000000))
  if (($2 == 0)); then echo $(($1 / 1000000)); else echo "$(($1 / 1000000)).${fraction:0:$2}"; fi
}

# _bench_read WHAT MAX-DECIMALS < values: the whitespace-separated times on stdin, at least one, each checked
# (_bench_micro); sets _bench_texts (as written), _bench_values (microseconds) and _bench_decimals (the most decimals).
_bench_read() {
  local v decimals=0
  _bench_texts=() _bench_values=()
  read -r -d '' -a _bench_texts || true
  if ((${#_bench_texts[@]} == 0)); then
    echo "benchmarks: no values to take the $1 of" >&2
    return 1
  fi
  for v in "${_bench_texts[@]}"; do
    _bench_micro "$v" "a measured value" "$2" || return 1
    _bench_values+=("$_bench_us")
    ((_bench_decimals > decimals)) && decimals=$_bench_decimals
  done
  _bench_decimals=$decimals
}

# bench_median < values: the median of the whitespace-separated times on stdin (at most five decimals each), exact:
# the mean of the two middle values when their count is even, with one decimal more than the inputs when it needs it.
bench_median() {
  local -a sorted=()
  local decimals mid sum
  _bench_read median 5 || return 1
  decimals=$_bench_decimals
  mapfile -t sorted < <(printf '%s\n' "${_bench_values[@]}" | sort -n)
  mid=$((${#sorted[@]} / 2))
  if ((${#sorted[@]} % 2)); then
    _bench_format "${sorted[mid]}" "$decimals"
    return 0
  fi
  # The inputs have at most five decimals, so the two middle values' sum is even and its half exact; the half needs
  # one decimal more than the inputs when it ends in a 5 there.
  sum=$((sorted[mid - 1] + sorted[mid]))
  if ((sum / 2 % 10 ** (6 - decimals))); then decimals=$((decimals + 1)); fi
  _bench_format $((sum / 2)) "$decimals"
}

# bench_maximum < values, bench_minimum < values: the largest or smallest of the whitespace-separated non-negative
# numbers on stdin, as written.
bench_maximum() { _bench_extreme maximum 1; }
bench_minimum() { _bench_extreme minimum -1; }
_bench_extreme() { # name, 1 (maximum) or -1 (minimum)
  local i best=0
  _bench_read "$1" 6 || return 1
  for ((i = 1; i < ${#_bench_values[@]}; i++)); do
    if ((_bench_values[i] * $2 > _bench_values[best] * $2)); then best=$i; fi
  done
  echo "${_bench_texts[best]}"
}

# bench_verdict KIND GOAL PROVISION ANSIBLE: the ratio of the two medians (seconds) against the goal, as compare.sh prints
# it. KIND faster: ANSIBLE / PROVISION, met when at least GOAL ("32.4× faster (goal ≥ 30×: met)"). KIND cold:
# PROVISION / ANSIBLE, met when at most GOAL ("0.62× Ansible's time (goal ≤ 0.45×: not met)"). GOAL: at most two
# decimals; the ratio is printed with one decimal (faster) or two (cold), or as many as the goal has if more.
bench_verdict() {
  local kind=$1 goal=${2-} p a goal_hundredths digits scale shown met
  if [[ $goal =~ ^([0-9]{1,4})(\.([0-9]{1,2}))?$ ]]; then
    local goal_fraction=${BASH_REMATCH[3]}00
    goal_hundredths=$((10#${BASH_REMATCH[1]} * 100 + 10#${goal_fraction:0:2}))
    digits=${#BASH_REMATCH[3]}
  fi
  if ((${goal_hundredths:-0} == 0)); then
    echo "benchmarks: goal '$goal' is not a positive number with at most two decimals" >&2
    return 1
  fi
  _bench_micro "${3-}" "provision's median" 6 || return 1
  p=$_bench_us
  _bench_micro "${4-}" "ansible-core's median" 6 || return 1
  a=$_bench_us
  if ((p == 0 || a == 0)); then
    echo "benchmarks: a median of 0 s (provision '$3', ansible-core '$4') gives no ratio" >&2
    return 1
  fi
  case $kind in
    faster)
      ((digits < 1)) && digits=1
      scale=$((10 ** digits))
      met=$((a * 100 >= goal_hundredths * p))
      shown=$((a * scale / p))                    # truncated: down
      ;;
    cold)
      ((digits < 2)) && digits=2
      scale=$((10 ** digits))
      met=$((p * 100 <= goal_hundredths * a))
      shown=$(((p * scale + a - 1) / a))          # rounded up
      ;;
    *)
      echo "benchmarks: verdict kind '$kind' is neither faster nor cold" >&2
      return 1
      ;;
  esac
  local figure
  printf -v figure '%d.%0*d' $((shown / scale)) "$digits" $((shown % scale))
  if [[ $kind == faster ]]; then
    printf '%s× faster (goal ≥ %s×: %s)\n' "$figure" "$goal" "$( ((met)) && echo met || echo 'not met')"
  else
    printf "%s× Ansible's time (goal ≤ %s×: %s)\n" "$figure" "$goal" "$( ((met)) && echo met || echo 'not met')"
  fi
}
