# Sourced by the measuring scripts (not run on its own): a virtual screen, and the
# accessibility bus switched on as a screen reader finds it. Call inside a private session bus
# (dbus-run-session).

# start_display NUMBER: Xvfb on :NUMBER (1280×800) unless a display is set already; XVFB is its
# process id, or empty when an existing display is used. The caller stops it (trap).
start_display() {
    XVFB=""
    if [ -z "${DISPLAY:-}" ]; then
        Xvfb ":$1" -screen 0 1280x800x24 >/dev/null 2>&1 &
        XVFB=$!
        export DISPLAY=":$1"
        sleep 1
    fi
}

# accessibility_on: what a screen reader does when it starts: the AT-SPI bus runs, and
# applications are told that accessibility is on.
accessibility_on() {
    gsettings set org.gnome.desktop.interface toolkit-accessibility true 2>/dev/null || true
    /usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
    sleep 1
    gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
        --method org.freedesktop.DBus.Properties.Set org.a11y.Status IsEnabled "<true>" >/dev/null
}
