#!/usr/bin/env bash
# Measures the desktop app in a real window under Xvfb and prints one table:
# start-up time, repaints per 10 s (idle body map, session, session with reduce motion),
# CPU seconds over 60 s of a session, peak memory, binary size.
#
# Needs: xvfb xdotool at-spi2-core python3-pyatspi dbus-x11
#   (apt-get install -y xvfb xdotool at-spi2-core python3-pyatspi dbus-x11 libxkbcommon-x11-0)
# Usage: bash benches/measure_app.sh            (builds the release binary first)
#
# The session is started the way a person does it: Routines, Start, every safety question
# answered "No" (each "No: <question>"), Confirm answers, Start session, Begin. The controls are found by their
# accessible names through AT-SPI (benches/act.py), as a screen reader finds them, so the
# script follows the app's labels rather than pixel positions.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${ACUPRESS_MEASURE_BUS:-}" ]; then
    # A private session bus with the accessibility bus on it.
    exec env ACUPRESS_MEASURE_BUS=1 dbus-run-session -- bash "$0" "$@"
fi
cargo build --release --quiet --bin acupress
BIN=$PWD/target/release/acupress
ACT="/usr/bin/python3 $PWD/benches/act.py"
HOME=$(mktemp -d) # a fresh profile: no saved settings or answers
export HOME
source benches/desktop.sh
start_display 97
trap '[ -z "$XVFB" ] || kill "$XVFB" 2>/dev/null' EXIT
accessibility_on

startups=()
for _ in 1 2 3 4 5; do
    startups+=("$(ACUPRESS_STARTUP_PROBE=1 "$BIN" 2>/dev/null | sed -n 's/first frame after \(.*\) ms/\1/p')")
done
startup=$(printf '%s\n' "${startups[@]}" | sort -n | sed -n 3p)

frames() { grep 'frames in the last' "$LOG" | tail -n 1 | sed 's/.*: //'; }
start_session() {
    $ACT click "Routines"; sleep 0.5
    $ACT click "Start"; sleep 0.5
    $ACT click-all "No:"; sleep 0.3
    $ACT click "Confirm answers"; sleep 0.5
    $ACT click "Start session"; sleep 0.5
    $ACT click "Begin"; sleep 0.5
    xdotool mousemove 5 795 # the pointer out of the way, as a person's hand is
}

LOG=$(mktemp)
ACUPRESS_FRAME_STATS=1 "$BIN" 2>"$LOG" &
PID=$!
sleep 4
xdotool mousemove 5 795
sleep 31
idle=$(frames)

start_session
sleep 1
cpu_start=$(awk '{print $14 + $15}' "/proc/$PID/stat")
sleep 60
cpu_end=$(awk '{print $14 + $15}' "/proc/$PID/stat")
session=$(frames)
ticks=$(getconf CLK_TCK)
cpu=$(awk -v a="$cpu_start" -v b="$cpu_end" -v t="$ticks" 'BEGIN { printf "%.1f", (b - a) / t }')

# Stop (and confirm), then Settings → Reduce motion, and a second session.
$ACT click "Stop (Esc)"; sleep 0.3
$ACT click "Stop (Enter)"; sleep 0.5
$ACT click "Skip"; sleep 0.2   # no pain rating after
$ACT click "Done"; sleep 0.5
$ACT click "Settings"; sleep 0.5
$ACT click "Reduce motion"; sleep 0.3
start_session
sleep 21
calm=$(frames)
rss=$(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$PID/status")
kill "$PID"
size=$(stat -c %s "$BIN" | awk '{printf "%.1f MB", $1 / 1048576}')

printf '| measurement | value |\n|---|---|\n'
printf '| start-up: process start to first frame (median of 5) | %s ms |\n' "$startup"
printf '| repaints per 10 s, idle body map | %s |\n' "$idle"
printf '| repaints per 10 s, session (breathing animation) | %s |\n' "$session"
printf '| repaints per 10 s, session with reduce motion | %s |\n' "$calm"
printf '| CPU seconds over 60 s of a session | %s s |\n' "$cpu"
printf '| peak memory (VmHWM) | %s |\n' "$rss"
printf '| release binary size | %s |\n' "$size"
