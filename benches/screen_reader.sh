#!/usr/bin/env bash
# What a blind person hears: runs acupress with a real screen reader (Orca) and prints what Orca
# said, for the safety questions (the urgent advice, an adapted outcome) and the start of a
# session, in English and in Dutch.
#
# Needs: xvfb xdotool at-spi2-core python3-pyatspi dbus-x11 orca speech-dispatcher
#   speech-dispatcher-espeak-ng espeak-ng gsettings-desktop-schemas dconf-gsettings-backend
# Usage: bash benches/screen_reader.sh [en|nl]...   (both when none is given; builds acupress)
#
# How: a private session bus with the accessibility bus on it, Xvfb as the display, sound sent
# to ALSA's null device (no audio device, so acupress's own voice is silent and the screen
# reader carries the session). acupress starts first and gets the focus (Orca takes the active
# window when it starts), then Orca with a debug log; the app is driven through AT-SPI by its
# controls' names (benches/act.py), and Orca's `SPEECH OUTPUT: '…'` lines are what was spoken.
# It also counts Orca's "defunct" objects over the run: objects a screen reader lost because the
# app replaced them. Takes about 3 minutes per language; not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${ACUPRESS_SR_BUS:-}" ]; then
    exec env ACUPRESS_SR_BUS=1 dbus-run-session -- bash "$0" "$@"
fi
langs=("$@")
[ ${#langs[@]} -gt 0 ] || langs=(en nl)
cargo build --quiet --bin acupress
BIN=$PWD/target/debug/acupress
ACT="/usr/bin/python3 $PWD/benches/act.py"
work=$(mktemp -d)
export HOME=$work/home XDG_RUNTIME_DIR=$work/run
mkdir -p "$HOME" && mkdir -m 0700 "$XDG_RUNTIME_DIR"
# Orca's speech goes nowhere: ALSA's null device, for speech-dispatcher.
printf 'pcm.!default { type null }\nctl.!default { type hw card 0 }\n' > "$HOME/.asoundrc"
mkdir -p "$HOME/.config/speech-dispatcher"
printf 'AudioOutputMethod "alsa"\nDefaultModule espeak-ng\nAddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"\n' \
    > "$HOME/.config/speech-dispatcher/speechd.conf"
source benches/desktop.sh
unset DISPLAY # always a screen of its own: Orca takes the whole display
start_display 95
cleanup() { pkill -P $$ 2>/dev/null || true; kill "$XVFB" 2>/dev/null || true; [ -n "${ACUPRESS_SR_KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
accessibility_on

# What Orca said since the mark, one line each, without Orca's own chatter.
said_since() { sed -n "$1,\$p" "$LOG" | sed -n "s/^.*SPEECH OUTPUT: '\(.*\)'{'established.*$/\1/p" | grep -v '^$' || true; }
mark() { wc -l < "$LOG"; }
step() {
    local what=$1
    shift
    local at
    at=$(mark)
    "$@"
    sleep "${WAIT:-2}"
    echo "-- $what"
    said_since "$at" | sed 's/^/   /'
}

for lang in "${langs[@]}"; do
    case $lang in
        en) locale=en_GB.UTF-8 start=Start no="No:" yes_emergency="Yes: Right now*" back="Back to the questions"
            yes_pregnant="Yes: Are you pregnant*" no_risk="No: Are you in the first 12 weeks*"
            confirm="Confirm answers" start_session="Start session" begin="Begin" routines="Routines" ;;
        nl) locale=nl_NL.UTF-8 start=Starten no="Nee:" yes_emergency="Ja: Heb je op dit moment*" back="Terug naar de vragen"
            yes_pregnant="Ja: Ben je zwanger*" no_risk="Nee: Ben je in de eerste 12 weken*"
            confirm="Antwoorden bevestigen" start_session="Sessie starten" begin="Beginnen" routines="Routines" ;;
        *) echo "unknown language $lang" >&2; exit 2 ;;
    esac
    # acupress gets a home of its own without the null sound device: like a laptop without a
    # sound device, its own voice cannot speak, so the screen reader carries the session.
    app_home=$work/app-$lang
    mkdir -p "$app_home"
    HOME=$app_home LANG=$locale LC_ALL=$locale "$BIN" >/dev/null 2>&1 &
    APP=$!
    sleep 4
    window=$(xdotool search --onlyvisible --class acupress | head -n 1)
    xdotool windowfocus "$window" 2>/dev/null || true
    xdotool mousemove 600 400 click 1
    LOG=$work/orca-$lang.log
    orca --replace --debug-file="$LOG" >/dev/null 2>&1 &
    ORCA=$!
    sleep 6
    echo "== $lang"
    step "open Routines" $ACT click "$routines"
    # The first routine, Low back: pregnancy leaves its low-back and ankle points out.
    step "start Low back" $ACT click "$start"
    step "a warning sign answered yes" $ACT click "$yes_emergency"
    step "back to the questions" $ACT click "$back"
    $ACT click-all "$no" >/dev/null; sleep 1
    step "pregnant: yes" $ACT click "$yes_pregnant"
    $ACT click "$no_risk" >/dev/null; sleep 1
    step "confirm" $ACT click "$confirm"
    step "start the session" $ACT click "$start_session"
    WAIT=20 step "begin, then the first 18 s" $ACT click "$begin"
    WAIT=1 step "T: the time left" xdotool key t
    # Let the session run on (ACUPRESS_SR_MINUTES, default 0) to count what Orca loses.
    sleep $(( ${ACUPRESS_SR_MINUTES:-0} * 60 ))
    echo "-- objects Orca found defunct in this run: $(grep -ci 'defunct' "$LOG" || true)"
    kill "$ORCA" "$APP" 2>/dev/null || true
    wait "$ORCA" "$APP" 2>/dev/null || true
done
