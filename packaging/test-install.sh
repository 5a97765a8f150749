#!/usr/bin/env bash
# The install test: builds the Debian package, installs it into a clean Debian 12 root, and uses
# it as a person would, then removes it.
#
#   1. `cargo deb` builds target/debian/acupress_<version>-1_amd64.deb.
#   2. debootstrap makes a minimal Debian 12 (bookworm) root from the archive apt already uses
#      (kept in $ACUPRESS_TEST_ROOT_CACHE between runs, default /var/tmp/acupress-bookworm);
#      the package is installed there with apt, which brings its dependencies.
#   3. As a new user, in a private D-Bus session with the accessibility bus on and Xvfb as the
#      display: acupress is started from its desktop entry (gio launch); a therapist's routine is
#      opened with xdg-open, and the import is seen in that window through AT-SPI; acupress is
#      started again and must hand over and exit 0 within a second.
#   4. The package is purged; the person's settings, routines and history must be untouched.
#
# Prints the .deb's size, the installed size and how long each part took. Needs root (chroot,
# mounts), debootstrap, and cargo-deb (`cargo install cargo-deb`). Takes a few minutes, most of
# it the first debootstrap and the release build; not part of CI.
#
# Usage: sudo bash packaging/test-install.sh [--no-build] [--trace]
#   --no-build  use the package target/debian already holds
#   --trace     print each step of the part run as the person (bash -x)
set -euo pipefail
build=1
trace=""
for arg in "$@"; do
    case $arg in
        --no-build) build="" ;;
        --trace) trace="-x" ;;
        *) echo "usage: $0 [--no-build] [--trace]" >&2; exit 2 ;;
    esac
done
cd "$(dirname "$0")/.."
started=$(date +%s)
say() { printf '\n== %s\n' "$*"; }
fail() { printf 'test-install: FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run as root (chroot and mounts)"
command -v debootstrap >/dev/null || fail "debootstrap is missing (apt-get install debootstrap)"
cargo deb --version >/dev/null 2>&1 || fail "cargo-deb is missing (cargo install cargo-deb)"

say "building the package"
build_started=$(date +%s)
if [ -n "$build" ]; then
    cargo deb >/dev/null 2>&1 || { cargo deb; fail "cargo deb failed"; }
fi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
deb=$(ls -t target/debian/acupress_"$version"-*_amd64.deb | head -n 1)
[ -f "$deb" ] || fail "no package in target/debian"
build_secs=$(( $(date +%s) - build_started ))
deb_bytes=$(stat -c %s "$deb")
echo "$deb ($deb_bytes bytes, built in ${build_secs} s)"

# The archive apt uses on this machine (deb822 or one-line sources).
mirror=$(sed -n 's/^URIs: *\([^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
[ -n "$mirror" ] || mirror=$(sed -n 's/^deb \(http[^ ]*debian\) .*/\1/p' /etc/apt/sources.list 2>/dev/null | head -n 1)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian

cache=${ACUPRESS_TEST_ROOT_CACHE:-/var/tmp/acupress-bookworm}
tools="xvfb xdotool at-spi2-core python3-pyatspi dbus-x11 dbus-user-session xdg-utils libglib2.0-bin gsettings-desktop-schemas dconf-gsettings-backend procps x11-utils desktop-file-utils shared-mime-info"
if [ ! -f "$cache/.ready" ]; then
    say "making a clean Debian 12 root from $mirror (once; kept in $cache)"
    rm -rf "$cache"
    debootstrap --variant=minbase bookworm "$cache" "$mirror" >/dev/null
    chroot "$cache" apt-get update -qq
    touch "$cache/.ready"
fi
# The test's own tools, as a desktop has them: a display, the accessibility bus and its Python
# binding, xdg-open, GIO and the MIME database (already there after the first run).
chroot "$cache" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $tools >/dev/null

root=$(mktemp -d /var/tmp/acupress-install-test.XXXXXX)
cleanup() {
    pkill -u 47110 2>/dev/null || true
    sleep 0.5
    for mount in dev proc sys; do umount -R -l "$root/$mount" 2>/dev/null || true; done
    rm -rf "$root"
}
trap cleanup EXIT
say "copying the clean root"
cp -a "$cache/." "$root/"
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --rbind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/acupress.deb"
cp benches/act.py "$root/usr/local/bin/act.py"

say "installing the package with apt"
install_started=$(date +%s)
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/acupress.deb >/dev/null
install_secs=$(( $(date +%s) - install_started ))
installed_kib=$(chroot "$root" dpkg-query -W -f='${Installed-Size}' acupress)
echo "installed in ${install_secs} s, ${installed_kib} KiB"
chroot "$root" test -x /usr/bin/acupress || fail "no /usr/bin/acupress"
chroot "$root" desktop-file-validate /usr/share/applications/io.github.acupress.Acupress.desktop 2>/dev/null || true
for size in 16 24 32 48 64 128 256 512; do
    chroot "$root" test -f "/usr/share/icons/hicolor/${size}x${size}/apps/io.github.acupress.Acupress.png" \
        || fail "no ${size}x${size} icon"
done

say "using it as a person would"
# A user id of its own, so nothing else on this machine is mistaken for its processes.
chroot "$root" useradd -m -u 47110 -s /bin/bash patient
cat >"$root/home/patient/inner.sh" <<'INNER'
#!/bin/bash
# Runs inside the clean root, as the user "patient", in a private D-Bus session.
set -euo pipefail
fail() { printf 'test-install: FAILED: %s\n' "$*" >&2; exit 1; }
export XDG_RUNTIME_DIR=$HOME/.run
# As on a GNOME desktop: xdg-open and xdg-mime ask GIO, which reads shared-mime-info.
export XDG_CURRENT_DESKTOP=GNOME
mkdir -p -m 0700 "$XDG_RUNTIME_DIR"
Xvfb :77 -screen 0 1280x800x24 >/dev/null 2>&1 &
export DISPLAY=:77
sleep 1
gsettings set org.gnome.desktop.interface toolkit-accessibility true 2>/dev/null || true
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
sleep 1
gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
    --method org.freedesktop.DBus.Properties.Set org.a11y.Status IsEnabled "<true>" >/dev/null

# The file type: a therapist's routine is recognised by its contents; another RON file is not.
mkdir -p ~/Downloads
cat > ~/Downloads/rug-jan.ron <<'RON'
// Voor Jan, van zijn fysiotherapeut.
Routine(
    format: 1,
    id: "rug-jan",
    title: (en: "Back for Jan", nl: "Rug voor Jan"),
    description: (en: "Points traditionally used for a stiff back.", nl: "Punten die traditioneel worden gebruikt bij een stijve rug."),
    author: "J. de Vries, fysiotherapeut",
    complaints: [LowBack],
    breathing: SlowPaced,
    rest_secs: 15,
    steps: [Step(point: "BL40", side: Both, press_secs: 45, pressure: Light)],
)
RON
printf '// a game scene\n(resources: {}, entities: [])\n' > ~/Downloads/scene.ron
type=$(xdg-mime query filetype ~/Downloads/rug-jan.ron)
[ "$type" = application/x-acupress-routine ] || fail "a routine file is $type"
other=$(xdg-mime query filetype ~/Downloads/scene.ron)
[ "$other" != application/x-acupress-routine ] || fail "another RON file is claimed"
handler=$(xdg-mime query default application/x-acupress-routine)
[ "$handler" = io.github.acupress.Acupress.desktop ] || fail "routines open with '$handler'"
echo "a routine file is $type and opens with $handler; another RON file is $other"

# Start acupress from its desktop entry, as a launcher does.
gio launch /usr/share/applications/io.github.acupress.Acupress.desktop
for _ in $(seq 50); do
    xdotool search --class io.github.acupress.Acupress >/dev/null 2>&1 && break
    sleep 0.2
done
window=$(xdotool search --class io.github.acupress.Acupress | head -n 1) || fail "no acupress window"
first=$(pgrep -u "$(id -u)" -x acupress) || fail "acupress is not running"
python3 /usr/local/bin/act.py find "Body map" >/dev/null || fail "the window shows no body map"
echo "started from its desktop entry: window $window, process $first, WM_CLASS $(xprop -id "$window" WM_CLASS 2>/dev/null | sed 's/.*= //' || echo '?')"

# A double-click on the therapist's file (xdg-open is what a file manager runs).
xdg-open ~/Downloads/rug-jan.ron
python3 /usr/local/bin/act.py find "Back for Jan" || fail "the import did not show in the running window"
# The start xdg-open made hands over and exits (a finished process may linger a moment as a
# zombie until it is reaped: those are not counted).
running() { ps -u "$(id -u)" -o comm=,stat= | grep -c '^acupress *[^Z]' || true; }
for _ in $(seq 20); do [ "$(running)" -eq 1 ] && break; sleep 0.1; done
[ "$(running)" -eq 1 ] || fail "a second acupress kept running"
[ -f ~/.local/share/acupress/routines/rug-jan.ron ] || fail "the routine was not kept"
echo "xdg-open: the import shows in the running window, and the routine is in the library"

# Started again: hands over and exits 0 within a second.
begin=$(date +%s%N)
code=0
acupress || code=$?
took_ms=$(( ($(date +%s%N) - begin) / 1000000 ))
[ "$code" -eq 0 ] || fail "a second start exited $code"
[ "$took_ms" -lt 1000 ] || fail "a second start took $took_ms ms"
kill -0 "$first" 2>/dev/null || fail "the first acupress is gone"
echo "a second start handed over and exited 0 in $took_ms ms"

# End it as a logout does (SIGTERM); what was done is already on disk.
kill -TERM "$first"
for _ in $(seq 50); do kill -0 "$first" 2>/dev/null || break; sleep 0.2; done
INNER
chmod +x "$root/home/patient/inner.sh"
chroot "$root" chown -R patient:patient /home/patient
chroot "$root" su - patient -c "dbus-run-session -- bash $trace /home/patient/inner.sh" \
    || fail "the person's part failed (run again with --trace to see where)"

say "purging the package"
before=$(chroot "$root" sh -c 'cd /home/patient && find .config/acupress .local/share/acupress -type f -exec sha256sum {} + | sort')
[ -n "$before" ] || fail "the person's data was not written"
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq acupress >/dev/null
chroot "$root" test ! -e /usr/bin/acupress || fail "purge left /usr/bin/acupress"
after=$(chroot "$root" sh -c 'cd /home/patient && find .config/acupress .local/share/acupress -type f -exec sha256sum {} + | sort')
[ "$before" = "$after" ] || fail "purging changed the person's data"
echo "purged; the person's $(printf '%s\n' "$after" | wc -l) files are untouched"

total_secs=$(( $(date +%s) - started ))
say "passed"
printf '.deb size:       %s bytes (%s)\n' "$deb_bytes" "$(basename "$deb")"
printf 'installed size:  %s KiB\n' "$installed_kib"
printf 'build:           %s s\n' "$build_secs"
printf 'apt install:     %s s\n' "$install_secs"
printf 'whole test:      %s s\n' "$total_secs"
