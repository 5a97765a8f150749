#!/usr/bin/env bash
# Measures the app with a long history, in a real window under Xvfb with the accessibility bus
# on (as with a screen reader): for an empty history, 2,000 sessions (two a day, under three
# years) and 50,000 (ten a day, under fourteen years: the history keeps dates from 2000 on),
# the CPU time per frame on History (mean and longest, from ACUPRESS_FRAME_STATS), the CPU used
# over 10 s on History while nothing changes, the longest frame when switching to History and
# back, and the peak memory (VmHWM). Then `acupress report` over three years of 26,000 sessions
# and over one year at three a day.
#
# Needs: xvfb at-spi2-core python3-pyatspi dbus-x11
# Usage: bash benches/history_scale.sh        (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${ACUPRESS_MEASURE_BUS:-}" ]; then
    exec env ACUPRESS_MEASURE_BUS=1 dbus-run-session -- bash "$0" "$@"
fi
cargo build --release --quiet --bin acupress
BIN=$PWD/target/release/acupress
ACT="/usr/bin/python3 $PWD/benches/act.py"
source benches/desktop.sh
start_display 96
trap '[ -z "$XVFB" ] || kill "$XVFB" 2>/dev/null' EXIT
accessibility_on

# A history of COUNT sessions ending now, PER_DAY a day, written where acupress keeps it.
make_history() { # HOME COUNT PER_DAY
    mkdir -p "$1/.local/share/acupress"
    python3 - "$1/.local/share/acupress/history.ron" "$2" "$3" <<'EOF'
import sys, time
path, count, per_day = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
now = int(time.time())
step = 86400 // per_day
rows = []
for i in range(count):
    t = now - 3600 - (count - 1 - i) * step
    done = i % 9 != 0
    rows.append(
        f'SessionRecord(routine_id: "low-back", routine_title: (en: "Low back", nl: "Onderrug"), '
        f'routine_author: "acupress", started_unix_secs: {t}, practised_secs: 810, pressed_secs: {720 if done else 300}, '
        f'completed: {"true" if done else "false"}, stopped_at_step: {"None" if done else "Some(2)"}, steps_total: 6, '
        f'steps_done: {6 if done else 2}, steps_skipped_by_user: 0, skipped_by_gate: [], gate_outcome: Clear, '
        f'pain_before: Some({2 + i % 6}), pain_after: Some({1 + i % 4}))')
open(path, "w").write("History(format: 1, sessions: [\n" + ",\n".join(rows) + "])\n")
EOF
}

stat_line() { grep "$1" "$LOG" | tail -n 1 | sed 's/.*: //'; }
cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }

printf '| sessions | frame CPU on History, mean / longest | CPU over 10 s idle on History | longest frame switching to History and back | peak memory |\n|---|---|---|---|---|\n'
for spec in "0 1" "2000 2" "50000 10"; do
    set -- $spec
    count=$1
    HOME=$(mktemp -d)
    export HOME
    [ "$count" -gt 0 ] && make_history "$HOME" "$count" "$2"
    LOG=$(mktemp)
    ACUPRESS_FRAME_STATS=1 "$BIN" 2>"$LOG" &
    PID=$!
    sleep 5
    $ACT click "History"
    sleep 1
    xdotool mousemove 640 600 2>/dev/null || true
    # Scroll through the sessions for a while: frames while something changes.
    for _ in $(seq 1 20); do xdotool click 5 2>/dev/null || true; sleep 0.2; done
    sleep $((10 - ($(date +%s) % 10) + 1)) # the next 10 s window holds the scrolling
    frame=$(stat_line 'frame cpu in the last')
    # Idle: nothing changes for 10 s.
    xdotool mousemove 5 795 2>/dev/null || true
    sleep 2
    before=$(cpu_of "$PID"); sleep 10; after=$(cpu_of "$PID")
    idle=$(awk -v a="$before" -v b="$after" -v t="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f s", (b - a) / t }')
    # Switching: away and back, twice.
    sleep $((10 - ($(date +%s) % 10) + 1))
    for _ in 1 2; do
        $ACT click "Routines"; sleep 0.5
        $ACT click "History"; sleep 0.5
    done
    sleep $((10 - ($(date +%s) % 10) + 1))
    switch=$(stat_line 'frame cpu in the last' | sed 's/.*max //')
    peak=$(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$PID/status")
    kill "$PID"; wait "$PID" 2>/dev/null || true
    printf '| %s | %s | %s | %s | %s |\n' "$count" "$frame" "$idle" "$switch" "$peak"
done

printf '\n| report | sessions in it | time | pages |\n|---|---|---|---|\n'
for spec in "26000 24 1095" "1095 3 365"; do
    set -- $spec
    HOME=$(mktemp -d)
    export HOME
    make_history "$HOME" "$1" "$2"
    from=$(date -d "-$3 days" +%F)
    out=$(mktemp -d)/report.pdf
    start=$(date +%s.%N)
    "$BIN" report --from "$from" -o "$out" --lang en >/dev/null
    end=$(date +%s.%N)
    pages=$(pdfinfo "$out" 2>/dev/null | awk '/Pages/ {print $2}')
    printf '| %s days, %s a day | %s | %.2f s | %s |\n' "$3" "$2" "$1" "$(echo "$end - $start" | bc)" "${pages:-?}"
done
