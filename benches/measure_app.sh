#!/usr/bin/env bash
# Measures the desktop app in a real window under Xvfb and prints one table:
# start-up time, repaints per 10 s (idle body map, session, session with reduce motion),
# CPU seconds over 60 s of a session, peak memory, binary size.
#
# Needs: xvfb, xdotool (apt-get install -y xvfb xdotool libxkbcommon-x11-0 libxcursor1 libxi6).
# Usage: bash benches/measure_app.sh            (builds the release binary first)
#
# The session is started the way a person does it: through the library, the safety questions
# (all answered "no" by clicking) and the outcome screen. Clicks use the default 1180x760 window.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
BIN=$PWD/target/release/acupress
export HOME=$(mktemp -d)   # a fresh profile: no saved settings or answers
if [ -z "${DISPLAY:-}" ]; then
    Xvfb :97 -screen 0 1280x800x24 >/dev/null 2>&1 &
    XVFB=$!
    trap 'kill $XVFB 2>/dev/null' EXIT
    export DISPLAY=:97
    sleep 1
fi

startups=()
for _ in 1 2 3 4 5; do
    startups+=("$(ACUPRESS_STARTUP_PROBE=1 "$BIN" 2>/dev/null | sed -n 's/first frame after \(.*\) ms/\1/p')")
done
startup=$(printf '%s\n' "${startups[@]}" | sort -n | sed -n 3p)

LOG=$(mktemp)
ACUPRESS_FRAME_STATS=1 "$BIN" 2>"$LOG" &
PID=$!
sleep 4; xdotool mousemove 1000 700
sleep 11; sleep 20; idle=$(grep 'frames in the last' "$LOG" | tail -n 1 | sed 's/.*: //')
# Library → Start → answer every question "no" → confirm → start.
xdotool mousemove 213 12 click 1; sleep 0.5; xdotool mousemove 1033 112 click 1; sleep 1
for y in 150 200 266 313 360 407 454 501 548 595 642 689; do xdotool mousemove 1118 $y click 1; sleep 0.15; done
xdotool mousemove 600 500; for _ in 1 2 3 4 5; do xdotool click 5; done; sleep 0.3
xdotool mousemove 1092 690 click 1; sleep 0.3; xdotool mousemove 1115 739 click 1; sleep 1
xdotool mousemove 1115 737 click 1; sleep 1; xdotool mousemove 1000 780
cpu_start=$(awk '{print $14 + $15}' /proc/$PID/stat)
sleep 60
cpu_end=$(awk '{print $14 + $15}' /proc/$PID/stat)
session=$(grep 'frames in the last' "$LOG" | tail -n 1 | sed 's/.*: //')
ticks=$(getconf CLK_TCK)
cpu=$(awk -v a="$cpu_start" -v b="$cpu_end" -v t="$ticks" 'BEGIN { printf "%.1f", (b - a) / t }')
xdotool mousemove 757 12 click 1; sleep 0.2; xdotool mousemove 1000 780
sleep 21; calm=$(grep 'frames in the last' "$LOG" | tail -n 1 | sed 's/.*: //')
rss=$(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' /proc/$PID/status)
kill $PID
size=$(stat -c %s "$BIN" | awk '{printf "%.1f MB", $1 / 1048576}')

printf '| measurement | value |\n|---|---|\n'
printf '| start-up: process start to first frame (median of 5) | %s ms |\n' "$startup"
printf '| repaints per 10 s, idle body map | %s |\n' "$idle"
printf '| repaints per 10 s, session (breathing animation) | %s |\n' "$session"
printf '| repaints per 10 s, session with reduce motion | %s |\n' "$calm"
printf '| CPU seconds over 60 s of a session | %s s |\n' "$cpu"
printf '| peak memory (VmHWM) | %s |\n' "$rss"
printf '| release binary size | %s |\n' "$size"
