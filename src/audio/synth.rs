//! Chimes and the breathing tone, synthesised as samples. Pure functions of their inputs.
//!
//! Every chime ends in a fade to silence (no click when it stops), and the tone is built from
//! a fundamental in the 390–590 Hz range with three harmonics, so small laptop speakers, which
//! give little below 300 Hz, still play it; it sits well under the voice.

use std::f32::consts::TAU;

use super::Chime;
use crate::breathing::BreathPhase;

/// Sample rate of everything synthesised here.
pub const SYNTH_RATE: u32 = 44_100;

/// Peak level of chimes (0..1).
const CHIME_PEAK: f32 = 0.45;
/// Peak level of the breathing tone: soft, -20 dBFS at its peak, far under the recorded voice
/// (normalised to -20 LUFS with peaks near -2 dBFS; see assets/audio/README.md). The tests
/// below hold the peak.
const TONE_PEAK: f32 = 0.10;
/// Every chime fades to silence over its last stretch.
const CHIME_FADE_SECS: f32 = 0.25;

/// One partial of a bell: frequency, relative amplitude, decay time constant in seconds.
type Partial = (f32, f32, f32);

fn bell(partials: &[Partial], start_secs: f32, length_secs: f32, samples: &mut [f32]) {
    let start = (start_secs * SYNTH_RATE as f32) as usize;
    let length = (length_secs * SYNTH_RATE as f32) as usize;
    for index in 0..length.min(samples.len().saturating_sub(start)) {
        let t = index as f32 / SYNTH_RATE as f32;
        // 5 ms attack avoids a click.
        let attack = (t / 0.005).min(1.0);
        let value: f32 = partials
            .iter()
            .map(|&(frequency, amplitude, decay)| amplitude * (-t / decay).exp() * (TAU * frequency * t).sin())
            .sum();
        samples[start + index] += attack * value;
    }
}

fn normalised(mut samples: Vec<f32>, peak: f32) -> Vec<f32> {
    let max = samples.iter().fold(0.0f32, |max, sample| max.max(sample.abs()));
    if max > 0.0 {
        for sample in &mut samples {
            *sample *= peak / max;
        }
    }
    samples
}

/// The mono samples of a chime ([`Chime::length`] long), fading to silence at the end.
pub fn chime_samples(chime: Chime) -> Vec<f32> {
    let length_secs = chime.length().as_secs_f32();
    let mut samples = vec![0.0; (length_secs * SYNTH_RATE as f32) as usize];
    match chime {
        Chime::Press => bell(&[(880.0, 1.0, 0.45), (1760.0, 0.45, 0.25), (2430.0, 0.25, 0.15)], 0.0, 1.6, &mut samples),
        Chime::Release => bell(&[(659.0, 1.0, 0.5), (1318.0, 0.4, 0.3), (1820.0, 0.2, 0.18)], 0.0, 1.6, &mut samples),
        Chime::Switch => {
            bell(&[(784.0, 1.0, 0.25), (1568.0, 0.3, 0.15)], 0.0, 0.6, &mut samples);
            bell(&[(988.0, 1.0, 0.3), (1976.0, 0.3, 0.18)], 0.22, 1.0, &mut samples);
        }
        Chime::End => {
            bell(&[(784.0, 1.0, 0.6), (1568.0, 0.3, 0.3)], 0.0, 1.2, &mut samples);
            bell(&[(659.0, 1.0, 0.6), (1318.0, 0.3, 0.3)], 0.35, 1.2, &mut samples);
            bell(&[(523.0, 1.0, 0.9), (1046.0, 0.3, 0.4)], 0.7, 1.9, &mut samples);
        }
    }
    let mut samples = normalised(samples, CHIME_PEAK);
    fade_out(&mut samples, (CHIME_FADE_SECS * SYNTH_RATE as f32) as usize);
    samples
}

/// A raised-cosine fade over the last `length` samples, ending in exact silence.
fn fade_out(samples: &mut [f32], length: usize) {
    let length = length.min(samples.len());
    let start = samples.len() - length;
    for (index, sample) in samples[start..].iter_mut().enumerate() {
        let progress = (index + 1) as f32 / length as f32;
        *sample *= 0.5 + 0.5 * (std::f32::consts::PI * progress).cos();
    }
}

/// The mono samples of the breathing tone for one phase: a soft tone whose pitch rises while
/// breathing in and falls while breathing out, fading in and out. Holds are silent.
pub fn tone_samples(phase: BreathPhase, length_ms: u64) -> Vec<f32> {
    let (from_hz, to_hz) = match phase {
        BreathPhase::In => (392.0, 588.0),
        BreathPhase::TopUp => (588.0, 660.0),
        BreathPhase::Out => (588.0, 392.0),
        BreathPhase::HoldFull | BreathPhase::HoldEmpty => return Vec::new(),
    };
    let count = (length_ms as f32 / 1000.0 * SYNTH_RATE as f32) as usize;
    let mut samples = Vec::with_capacity(count);
    let mut angle = 0.0f32;
    for index in 0..count {
        let progress = index as f32 / count.max(1) as f32;
        // Smooth pitch glide, and a raised-cosine envelope over the whole phase.
        let eased = 0.5 - 0.5 * (std::f32::consts::PI * progress).cos();
        let frequency = from_hz + (to_hz - from_hz) * eased;
        angle = (angle + TAU * frequency / SYNTH_RATE as f32) % TAU;
        let envelope = (std::f32::consts::PI * progress).sin();
        // Harmonics carry it on small speakers and keep it warm rather than shrill.
        let partials =
            angle.sin() + 0.5 * (2.0 * angle).sin() + 0.25 * (3.0 * angle).sin() + 0.12 * (4.0 * angle).sin();
        samples.push(envelope * partials);
    }
    normalised(samples, TONE_PEAK)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dominant_frequency(samples: &[f32]) -> f32 {
        let crossings = samples.windows(2).filter(|pair| pair[0] <= 0.0 && pair[1] > 0.0).count();
        crossings as f32 / (samples.len() as f32 / SYNTH_RATE as f32)
    }

    #[test]
    fn chimes_are_short_bounded_and_distinct() {
        let chimes = [Chime::Press, Chime::Release, Chime::Switch, Chime::End];
        let rendered: Vec<Vec<f32>> = chimes.iter().map(|chime| chime_samples(*chime)).collect();
        for (chime, samples) in chimes.iter().zip(&rendered) {
            let peak = samples.iter().fold(0.0f32, |max, sample| max.max(sample.abs()));
            assert!((peak - CHIME_PEAK).abs() < 1e-3, "{chime:?} peak {peak}");
            assert!(samples.len() < 3 * SYNTH_RATE as usize, "{chime:?} too long");
            assert!(samples[0].abs() < 0.01, "{chime:?} starts with a click");
            assert_eq!(samples.len(), (chime.length().as_secs_f32() * SYNTH_RATE as f32) as usize);
            // The last 10 ms are at least 60 dB under the peak, and the very last sample is silent.
            let tail = &samples[samples.len() - SYNTH_RATE as usize / 100..];
            let tail_peak = tail.iter().fold(0.0f32, |max, sample| max.max(sample.abs()));
            assert!(tail_peak <= peak / 1000.0, "{chime:?} is cut off: {tail_peak} at its end");
            assert!(samples.last().unwrap().abs() < 1e-6, "{chime:?} ends with a click");
        }
        for (index, first) in rendered.iter().enumerate() {
            for second in &rendered[index + 1..] {
                assert_ne!(first, second);
            }
        }
    }

    #[test]
    fn tone_rises_on_in_and_falls_on_out() {
        let breathe_in = tone_samples(BreathPhase::In, 4000);
        let breathe_out = tone_samples(BreathPhase::Out, 6000);
        assert_eq!(breathe_in.len(), 4 * SYNTH_RATE as usize);
        let quarter = |samples: &[f32], which: usize| {
            let length = samples.len() / 4;
            dominant_frequency(&samples[which * length..(which + 1) * length])
        };
        assert!(quarter(&breathe_in, 0) < quarter(&breathe_in, 3), "in rises");
        assert!(quarter(&breathe_out, 0) > quarter(&breathe_out, 3), "out falls");
        assert!(tone_samples(BreathPhase::HoldFull, 7000).is_empty(), "holds are silent");
        let peak = breathe_in.iter().fold(0.0f32, |max, sample| max.max(sample.abs()));
        assert!(peak <= TONE_PEAK + 1e-4);
    }
}
