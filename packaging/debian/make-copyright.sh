#!/usr/bin/env bash
# Writes packaging/debian/copyright (machine-readable, DEP-5) from the notices the program
# itself ships in assets/licenses/: acupress's own licence, the voices' and fonts' notices and
# every crate compiled in. Run it after regenerating assets/licenses/THIRD-PARTY.txt;
# tests/licences.rs fails when the two disagree.
set -euo pipefail
cd "$(dirname "$0")/../.."
lic=assets/licenses
# A text as a DEP-5 continuation: each line indented by one space, empty lines as " .".
indent() { sed -e 's/[[:space:]]*$//' -e 's/^$/./' -e 's/^/ /' "$1"; }
{
cat <<'HEAD'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: acupress
Upstream-Contact: The acupress authors
Source: https://github.com/acupress/acupress
Comment: The program is one binary. Besides acupress's own code it holds spoken prompts, fonts
 and the Rust crates listed below, each under the licence given here; the same notices are
 shown in the program (Settings, About acupress and licences).
 .
HEAD
# Debian ships the Apache licence in /usr/share/common-licenses: the list names the crates and
# their copyright lines, and points there instead of repeating the text for each group.
awk '
    function reference() {
        if (apache && listed) {
            print ""
            print "On Debian systems the complete text of the Apache License 2.0 is in"
            print "/usr/share/common-licenses/Apache-2.0."
            print ""
        }
        listed = 0
    }
    /^####################/ { reference(); rule++; print; next }
    rule % 2 == 1 { apache = ($0 == "Apache License 2.0 (Apache-2.0)"); print; next }
    !apache { print; next }
    /^Used by:/ { if (listed) print ""; print; listed = 1; next }
    /^  \* / { print; next }
    /Copyright [(0-9]/ { print; next }
    END { reference() }
' "$lic/THIRD-PARTY.txt" > "${TMPDIR:-/tmp}/acupress-third-party.txt"
indent "${TMPDIR:-/tmp}/acupress-third-party.txt"
rm -f "${TMPDIR:-/tmp}/acupress-third-party.txt"
cat <<'FILES'

Files: *
Copyright: 2026 The acupress authors
License: MIT or Apache-2.0

Files: assets/audio/nl/*
Copyright: 1996-2008 Faculte Polytechnique de Mons - mbrola team
 Original diphone database: Arthur Dirksen and Ludmila Menert, Utrecht
License: MBROLA-nl2

Files: assets/audio/en/*
Copyright: NabuCasa (the Joe voice dataset); the rhasspy piper-voices authors (the model)
License: CC0-1.0
FILES
indent "$lic/voice-en-piper-joe.txt"
cat <<'FILES'

Files: assets/fonts/*
Copyright: 2016 The Inter Project Authors
License: OFL-1.1

Files: egui-fonts/*
Copyright: Canonical Ltd (Ubuntu Light); Source Foundry Authors (Hack); the egui authors (icons)
License: Ubuntu-font-1.0 and Expat and OFL-1.1
Comment: The fonts egui draws the window with, compiled in from the epaint_default_fonts crate.
FILES
indent "$lic/fonts/Hack.txt"
echo " ."
indent "$lic/fonts/egui-icons.txt"
echo
echo "License: MIT"
indent LICENSE-MIT
echo
echo "License: Expat"
echo " The MIT licence, as above (Debian calls it Expat)."
echo
echo "License: Apache-2.0"
echo " On Debian systems the complete text of the Apache License 2.0 is in"
echo " /usr/share/common-licenses/Apache-2.0."
echo
echo "License: CC0-1.0"
echo " On Debian systems the complete text of the CC0 1.0 Universal licence is in"
echo " /usr/share/common-licenses/CC0-1.0."
echo
echo "License: MBROLA-nl2"
indent "$lic/voice-nl-mbrola-nl2.txt"
echo
echo "License: OFL-1.1"
indent "$lic/fonts/Inter-OFL-1.1.txt"
echo
echo "License: Ubuntu-font-1.0"
indent "$lic/fonts/Ubuntu-font-licence-1.0.txt"
} > packaging/debian/copyright
