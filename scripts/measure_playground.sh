#!/bin/sh
# What the playground costs: lesson 8 (the convnet) at 160x48, full speed,
# one runner, against the same training headless.
#
#   scripts/measure_playground.sh [seconds] [binary]
#
# Starts the lesson in a private tmux server, presses f (full speed) and
# Space, reads the status line's epoch and batch twice, `seconds` apart
# (default 2: the lesson pauses after its planned epoch, under 3 s at full
# speed on an idle 2-core machine; the script says so if that happened),
# and prints the images/s between the two readings and the app's peak
# resident memory (VmHWM). Then runs `bench --model mnist-cnn
# --batches 300` headless for the same figure without the screen. Both runs
# train batch 64 with Adam; on a busy machine run it a few times and compare
# the ratio, not the absolute numbers.
set -eu
seconds=${1:-2}
bin=${2:-.build/release/netplayground}
socket=measure-playground-$$
data=$(mktemp -d)
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$data"' EXIT

# Batches trained so far: (epoch − 1) · batches per epoch + batch.
batch_now() {
    tmux -L "$socket" capture-pane -p | grep -o 'epoch [0-9]* batch [0-9]*/[0-9]*' | tail -1 |
        awk '{ split($4, b, "/"); print ($2 - 1) * b[2] + b[1] }'
}

tmux -L "$socket" new -d -x 160 -y 48 \
    "env TERM=xterm-256color LANG=C.UTF-8 XDG_DATA_HOME=$data $bin --lesson 8"
sleep 5
tmux -L "$socket" send-keys f
sleep 0.3
tmux -L "$socket" send-keys Space
sleep 0.7   # past the first batches and the first heavy probes
first=$(batch_now); start=$(date +%s.%N)
sleep "$seconds"
last=$(batch_now); end=$(date +%s.%N)
if tmux -L "$socket" capture-pane -p | grep -q 'planned .* reached'; then
    echo "the planned epoch ended inside the window: run again with fewer seconds" >&2
fi
pid=$(tmux -L "$socket" list-panes -F '#{pane_pid}')
app=$(pgrep -P "$pid" | head -1)
[ -n "$app" ] || app=$pid
hwm=$(grep VmHWM "/proc/$app/status" | tr -dc '0-9')
awk -v a="$first" -v b="$last" -v s="$start" -v e="$end" -v h="$hwm" 'BEGIN {
    printf "playground: %.0f img/s (batches %d..%d in %.1f s), peak RSS %.0f MB\n", (b - a) * 64 / (e - s), a, b, e - s, h / 1024 }'
tmux -L "$socket" kill-server
"$bin" bench --model mnist-cnn --batches 300 2>/dev/null | grep 'img/s' | sed 's/, inference.*//; s/^/headless:   /'
