#!/usr/bin/env python3
"""How long quitting the playground takes (issue 17: under 200 ms).

    python3 scripts/measure_quit.py [--rounds 5] [--lesson 8] [--binary .build/release/netplayground]

Each round starts the lesson in a private tmux server at 160x48, presses f
(full speed) and Space, lets it train for `--train` seconds, then records
the time, sends q and polls /proc every millisecond until the process has
exited (gone, or a zombie waiting for tmux to reap it). The figure includes
the few milliseconds `tmux send-keys` takes to deliver the key, so it is an
upper bound. Afterwards it checks that the run was kept: the runs directory
under the round's XDG_DATA_HOME holds a record, so a quick exit lost no write.
Prints one line a round and a JSON summary (best, median, worst, in ms).
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def tmux(socket, *arguments, capture=False):
    result = subprocess.run(["tmux", "-L", socket, *arguments], capture_output=True, text=True)
    return result.stdout if capture else None


def exited(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return True


def app_pid(socket):
    pane = tmux(socket, "list-panes", "-F", "#{pane_pid}", capture=True).strip()
    if not pane:
        return None
    children = subprocess.run(["pgrep", "-P", pane], capture_output=True, text=True).stdout.split()
    return int(children[0]) if children else int(pane)


def one_round(binary, lesson, train_seconds, number):
    socket = f"measure-quit-{os.getpid()}-{number}"
    data = tempfile.mkdtemp(prefix="measure-quit-")
    try:
        tmux(socket, "new", "-d", "-x", "160", "-y", "48",
             f"env TERM=xterm-256color LANG=C.UTF-8 XDG_DATA_HOME={data} {binary} --lesson {lesson}")
        time.sleep(5)
        tmux(socket, "send-keys", "f")
        time.sleep(0.3)
        tmux(socket, "send-keys", "Space")
        time.sleep(train_seconds)
        screen = tmux(socket, "capture-pane", "-p", capture=True)
        pid = app_pid(socket)
        if pid is None:
            sys.exit("the playground did not start")
        started = time.perf_counter()
        tmux(socket, "send-keys", "q")
        while not exited(pid):
            if time.perf_counter() - started > 10:
                sys.exit("the playground did not quit within 10 s")
            time.sleep(0.001)
        milliseconds = (time.perf_counter() - started) * 1000
        runs = os.path.join(data, "netplayground", "runs")
        kept = sorted(os.listdir(runs)) if os.path.isdir(runs) else []
        training = "epoch" in screen and "batch" in screen
        return milliseconds, kept, training
    finally:
        tmux(socket, "kill-server")
        shutil.rmtree(data, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--lesson", type=int, default=8)
    parser.add_argument("--train", type=float, default=1.5, help="seconds of training before q")
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build",
                                                         "release", "netplayground"))
    options = parser.parse_args()
    times = []
    for number in range(options.rounds):
        milliseconds, kept, training = one_round(os.path.abspath(options.binary), options.lesson, options.train, number)
        times.append(milliseconds)
        print(f"round {number + 1}: quit in {milliseconds:.0f} ms; training on screen: {training}; "
              f"runs kept: {len(kept)}", file=sys.stderr)
        if not kept:
            sys.exit("no run was kept after the quit: a write was lost")
    print(json.dumps({"lesson": options.lesson, "rounds": options.rounds, "best_ms": round(min(times)),
                      "median_ms": round(statistics.median(times)), "worst_ms": round(max(times))}))


if __name__ == "__main__":
    main()
