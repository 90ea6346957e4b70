#!/usr/bin/env python3
"""Runs a command in a memory cgroup of its own and reports its wall time and peak memory.

    measure.py GROUP LOG -- COMMAND...   run COMMAND (output to LOG, killed after 10 minutes) in cgroup GROUP; print:
                                          "<wall s> <exit> <peak RSS sum MiB> <processes at peak> <cgroup peak MiB> <CPU s> <own CPU s>"
    measure.py --release GROUP           end what is left in GROUP (ssh masters kept by ControlPersist) and remove it

The whole process tree is the cgroup: every process the command starts stays in it, daemonized ones too (an ssh
ControlMaster with ControlPersist detaches from its parent, so a walk of the parent/child tree would miss it). Every
50 ms the RSS of each process in the group is read from /proc/PID/statm and summed; the peak sum is reported, with
how many processes were running then. Pages shared between processes (the ssh binary, a forked Python's heap) count
once per process in that sum, so it is an upper bound; the cgroup's own peak charge (memory.max_usage_in_bytes of the
cgroup v1 memory controller; every page once, page cache the group brought in included) is reported beside it.
CPU s: user + system time of the command and the descendants it waited for (not of detached ones); own CPU s: of
the command's process alone, as last sampled (up to 50 ms before it ended).
A group is kept across runs of the same configuration (a ControlPersist master serves the next run and is counted in
it) and released at the end.
"""
import os
import resource
import signal
import subprocess
import sys
import time

ROOT = "/sys/fs/cgroup/memory"
PAGE = os.sysconf("SC_PAGE_SIZE")
MIB = 1024 * 1024
LIMIT = 600  # seconds a measured command may run


def group_dir(name):
    if not name.replace("-", "").replace("_", "").isalnum():
        sys.exit(f"measure.py: bad group name {name!r}")
    return os.path.join(ROOT, "foobar-bench-" + name)


def members(path):
    try:
        with open(os.path.join(path, "cgroup.procs")) as f:
            return [int(line) for line in f if line.strip()]
    except OSError:
        return []


def rss(pid):
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def own_cpu(pid):
    """User + system seconds of PID itself (not its children)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def release(name):
    path = group_dir(name)
    if not os.path.isdir(path):
        return
    for sig, wait in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        for pid in members(path):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + wait
        while members(path) and time.monotonic() < deadline:
            time.sleep(0.05)
    os.rmdir(path)


def run(name, log, command):
    path = group_dir(name)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "memory.max_usage_in_bytes"), "w") as f:
        f.write("0")

    def enter():
        with open(os.path.join(path, "cgroup.procs"), "w") as f:
            f.write(str(os.getpid()))

    peak, at_peak, own = 0, 0, 0.0
    with open(log, "ab") as out:
        start = time.monotonic()
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, preexec_fn=enter)
        while child.poll() is None:
            if time.monotonic() - start > LIMIT:
                child.kill()  # bounded: a run that hangs ends here (exit -9)
            pids = members(path)
            total = sum(rss(pid) for pid in pids)
            if total > peak:
                peak, at_peak = total, len(pids)
            own = own_cpu(child.pid) or own
            time.sleep(0.05)
        wall = time.monotonic() - start
    with open(os.path.join(path, "memory.max_usage_in_bytes")) as f:
        charged = int(f.read())
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    print(f"{wall:.2f} {child.returncode} {peak / MIB:.0f} {at_peak} {charged / MIB:.0f} {cpu:.2f} {own:.2f}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "--release":
        release(args[1])
    elif len(args) >= 4 and args[2] == "--":
        run(args[0], args[1], args[3:])
    else:
        sys.exit(__doc__)
