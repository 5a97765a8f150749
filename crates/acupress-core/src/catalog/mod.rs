//! The point catalogue: every acupressure point the app knows, with where to find it.
//!
//! Pure data and lookups. Loaded from `assets/points.ron` text handed in by the caller; this
//! module never reads files, draws or plays anything.

mod load;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::{Lang, Text};

pub use load::{CatalogError, parse_catalog};

/// A point code in WHO 2008 style, such as `LI4` or `EX-HN3`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PointCode(pub String);

impl PointCode {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PointCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl From<&str> for PointCode {
    fn from(code: &str) -> Self {
        Self(code.to_owned())
    }
}

/// Whether a point exists once on the midline or on both sides of the body (what a point is;
/// a step's choice of sides is `routine::StepSides`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Laterality {
    /// A left and a right point: a routine must say which side, or both.
    Bilateral,
    /// One point on the body's midline: no side.
    Midline,
}

/// A body-map view. Every view is drawn symmetric about its vertical centre line with the
/// body's left side on the screen's left.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum View {
    /// Whole body from the front, like a mirror.
    Front,
    /// Whole body from behind.
    Back,
    /// Both hands and forearms: palm side above, back of the hand below.
    Hands,
    /// Both feet: tops, inner sides, outer sides, soles.
    Feet,
    /// The face from the front above, the back of the head below.
    Head,
    /// The side of the head, each side facing out: jaw, temple, behind the ear, under the skull.
    SideHead,
    /// The knees: both from the front above, then each from the inside, then from the outside,
    /// bent as when sitting.
    Knee,
    /// A close-up of each ear, seen from the side (auricular points).
    Ear,
}

impl View {
    /// All views, in the order the body map offers them.
    /// A close-up comes after the views it magnifies: the last view that shows a point shows it
    /// largest.
    pub const ALL: [View; 8] =
        [View::Front, View::Back, View::Hands, View::Feet, View::Head, View::SideHead, View::Knee, View::Ear];

    /// Width divided by height of this view's drawing area.
    pub fn aspect_ratio(self) -> f32 {
        match self {
            View::Front | View::Back => 0.5,
            View::Hands | View::SideHead | View::Ear => 1.0,
            View::Feet | View::Head | View::Knee => 1.0 / 1.6,
        }
    }
}

/// Where a point appears on one view, for its left-side instance (or the midline).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewPosition {
    /// The view.
    pub view: View,
    /// 0 (left edge) to 1 (right edge).
    pub x: f32,
    /// 0 (top) to 1 (bottom).
    pub y: f32,
}

impl ViewPosition {
    /// The position of the right-side instance: mirrored about the view's centre line.
    #[must_use]
    pub fn mirrored(self) -> ViewPosition {
        ViewPosition { x: 1.0 - self.x, ..self }
    }
}

/// A complaint a point or routine is traditionally used for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Complaint {
    /// Low back pain.
    LowBack,
    /// Neck and shoulder tension.
    NeckShoulders,
    /// Headache (tension-type, from screens or a stiff neck).
    Headache,
    /// Stress and tension.
    Stress,
    /// Poor sleep.
    Sleep,
    /// Nausea, travel sickness included.
    Nausea,
    /// Digestive discomfort and constipation.
    Digestion,
    /// Tiredness that rest does not fix.
    Fatigue,
    /// Pain from the low back or buttock down the back or side of the leg.
    Sciatica,
    /// A neck that will not turn (after sleeping awkwardly, a draught).
    StiffNeck,
    /// A painful, stiff shoulder.
    Shoulder,
    /// Elbow pain from gripping and computer work.
    Elbow,
    /// Wrist and hand strain from computer work.
    Wrist,
    /// Knee pain and stiffness, arthrosis included.
    Knee,
    /// Jaw tension and clenching.
    Jaw,
    /// Tired, strained eyes from screens.
    EyeStrain,
    /// A blocked nose and sinus pressure.
    Sinus,
    /// Anxiety, nerves and exam stress.
    Anxiety,
    /// Period pain (asked with the pregnancy rules).
    PeriodPain,
}

impl Complaint {
    /// All complaints, from head to foot, then the body as a whole, then the mind: the order
    /// in which they are offered.
    pub const ALL: [Complaint; 19] = [
        Complaint::Headache,
        Complaint::EyeStrain,
        Complaint::Sinus,
        Complaint::Jaw,
        Complaint::StiffNeck,
        Complaint::NeckShoulders,
        Complaint::Shoulder,
        Complaint::Elbow,
        Complaint::Wrist,
        Complaint::LowBack,
        Complaint::Sciatica,
        Complaint::Knee,
        Complaint::Digestion,
        Complaint::Nausea,
        Complaint::PeriodPain,
        Complaint::Stress,
        Complaint::Anxiety,
        Complaint::Sleep,
        Complaint::Fatigue,
    ];

    /// The complaints offered as filters on the body map and in the library: every one (each
    /// has at least one bundled routine).
    pub const FILTERS: [Complaint; 19] = Complaint::ALL;

    /// The complaint's name.
    pub fn name(self, lang: Lang) -> &'static str {
        let (en, nl) = match self {
            Complaint::LowBack => ("Low back", "Onderrug"),
            Complaint::NeckShoulders => ("Neck and shoulders", "Nek en schouders"),
            Complaint::Headache => ("Headache", "Hoofdpijn"),
            Complaint::Stress => ("Stress", "Stress"),
            Complaint::Sleep => ("Sleep", "Slapen"),
            Complaint::Nausea => ("Nausea", "Misselijkheid"),
            Complaint::Digestion => ("Digestion", "Spijsvertering"),
            Complaint::Fatigue => ("Fatigue", "Vermoeidheid"),
            Complaint::Sciatica => ("Sciatica", "Ischias"),
            Complaint::StiffNeck => ("Stiff neck", "Stijve nek"),
            Complaint::Shoulder => ("Shoulder", "Schouder"),
            Complaint::Elbow => ("Elbow", "Elleboog"),
            Complaint::Wrist => ("Wrist and hand", "Pols en hand"),
            Complaint::Knee => ("Knee", "Knie"),
            Complaint::Jaw => ("Jaw", "Kaak"),
            Complaint::EyeStrain => ("Tired eyes", "Vermoeide ogen"),
            Complaint::Sinus => ("Blocked nose", "Verstopte neus"),
            Complaint::Anxiety => ("Anxiety and nerves", "Angst en zenuwen"),
            Complaint::PeriodPain => ("Period pain", "Menstruatiepijn"),
        };
        match lang {
            Lang::En => en,
            Lang::Nl => nl,
        }
    }
}

/// A body area, used by the safety gate to skip or soften points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Area {
    /// The head: scalp, temples and the back of the head (the face is `Face`).
    Head,
    /// The face: forehead, eyebrows, nose, cheeks and jaw.
    Face,
    /// The neck, at the back and sides (never pressed at the front).
    Neck,
    /// The shoulder and the shoulder blade.
    Shoulder,
    /// The chest beside the breastbone.
    Chest,
    /// On the breastbone.
    Breastbone,
    /// The belly (the `belly` and `aneurysm` questions skip these points).
    Abdomen,
    /// Right beside the spine.
    BesideSpine,
    /// Lower back.
    LowerBack,
    /// Buttock and hip.
    Buttock,
    /// Arm and forearm.
    Arm,
    /// Hand and wrist.
    Hand,
    /// The thigh and the shin.
    Leg,
    /// At and around the knee.
    Knee,
    /// The calf, where a clot would show (the `clot` question).
    Calf,
    /// At the ankle bones.
    Ankle,
    /// The foot: top, sides and sole (light with diabetes or numbness).
    Foot,
    /// The outer ear (auricular points).
    Ear,
}

impl Area {
    /// Where on the body, in a few words: "on the buttock", "op de bil".
    pub fn whereabouts(self, lang: crate::text::Lang) -> &'static str {
        let (en, nl) = match self {
            Area::Head => ("on the head", "op het hoofd"),
            Area::Face => ("on the face", "in het gezicht"),
            Area::Neck => ("on the neck", "in de nek"),
            Area::Shoulder => ("on the shoulder", "op de schouder"),
            Area::Chest => ("on the chest", "op de borst"),
            Area::Breastbone => ("on the breastbone", "op het borstbeen"),
            Area::Abdomen => ("on the belly", "op de buik"),
            Area::BesideSpine => ("beside the spine", "naast de wervelkolom"),
            Area::LowerBack => ("on the lower back", "op de onderrug"),
            Area::Buttock => ("on the buttock", "op de bil"),
            Area::Arm => ("on the arm", "op de arm"),
            Area::Hand => ("on the hand", "op de hand"),
            Area::Leg => ("on the leg", "op het been"),
            Area::Knee => ("at the knee", "bij de knie"),
            Area::Calf => ("on the calf", "op de kuit"),
            Area::Ankle => ("at the ankle", "bij de enkel"),
            Area::Foot => ("on the foot", "op de voet"),
            Area::Ear => ("on the ear", "op het oor"),
        };
        match lang {
            crate::text::Lang::En => en,
            crate::text::Lang::Nl => nl,
        }
    }
}

/// One acupressure point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// WHO 2008 code.
    pub code: PointCode,
    /// Pinyin name, the stable second name.
    pub pinyin: String,
    /// Common name.
    pub name: Text,
    /// How to find it on your own body.
    pub find: Text,
    /// Midline or both sides.
    pub laterality: Laterality,
    /// Where the point is drawn on each view it appears on.
    pub views: Vec<ViewPosition>,
    /// What it is traditionally used for.
    pub uses: Text,
    /// Complaints it is traditionally used for.
    pub complaints: Vec<Complaint>,
    /// Things to be careful about.
    pub cautions: Vec<Text>,
    /// Whether to leave it out during pregnancy.
    pub avoid_in_pregnancy: bool,
    /// Body areas it lies in.
    pub areas: Vec<Area>,
}

impl Point {
    /// Whether the point lies in `area`.
    pub fn is_in(&self, area: Area) -> bool {
        self.areas.contains(&area)
    }

    /// Where the point appears on `view`, if it does (left-side instance).
    pub fn position_on(&self, view: View) -> Option<ViewPosition> {
        self.views.iter().copied().find(|position| position.view == view)
    }

    /// "Hegu (LI4)" style label, in the given language's common name.
    pub fn label(&self, lang: Lang) -> String {
        format!("{} ({})", self.name.get(lang), self.code)
    }
}

/// All points, looked up by code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalog {
    points: Vec<Point>,
    by_code: BTreeMap<PointCode, usize>,
}

impl Catalog {
    /// Builds a catalogue from points whose codes are unique (checked by the loader).
    pub(crate) fn from_points(points: Vec<Point>) -> Self {
        let by_code = points.iter().enumerate().map(|(index, point)| (point.code.clone(), index)).collect();
        Self { points, by_code }
    }

    /// The point with `code`.
    pub fn get(&self, code: &PointCode) -> Option<&Point> {
        self.by_code.get(code).map(|&index| &self.points[index])
    }

    /// The point with the code written as text.
    pub fn get_str(&self, code: &str) -> Option<&Point> {
        self.get(&PointCode::from(code))
    }

    /// The point a name or an older code stands for, for a helpful message: its pinyin name
    /// ("Yintang", "taiyang"), or a code in an older or other system (`LV3` for `LR3`, `SJ5` or
    /// `TH5` for `TE5`, `UB40` for `BL40`, `P6` for `PC6`, `K3` for `KI3`, `Ren17` for `CV17`,
    /// `Du20` for `GV20`), with or without a hyphen or space, in any case.
    pub fn known_as(&self, written: &str) -> Option<&Point> {
        let squeezed: String =
            written.chars().filter(|c| !matches!(c, '-' | ' ' | '.')).collect::<String>().to_uppercase();
        if let Some(point) = self.points.iter().find(|point| point.pinyin.to_uppercase() == squeezed) {
            return Some(point);
        }
        let split = squeezed.find(|c: char| c.is_ascii_digit())?;
        let (letters, number) = squeezed.split_at(split);
        let meridian = match letters {
            "LV" | "LIV" => "LR",
            "SJ" | "TH" | "TW" | "SAN" => "TE",
            "UB" | "BL" | "B" => "BL",
            "P" | "PE" | "PC" | "HC" => "PC",
            "K" | "KI" | "KID" => "KI",
            "H" | "HT" | "HE" => "HT",
            "S" | "ST" => "ST",
            "SP" => "SP",
            "L" | "LU" => "LU",
            "CO" | "LI" => "LI",
            "SI" => "SI",
            "G" | "GB" => "GB",
            "REN" | "CV" | "CO_" => "CV",
            "DU" | "GV" => "GV",
            _ => return None,
        };
        let candidate = format!("{meridian}{}", number.trim_start_matches('0'));
        self.get_str(&candidate).filter(|point| point.code.as_str() != written)
    }

    /// All points in catalogue order.
    pub fn points(&self) -> &[Point] {
        &self.points
    }

    /// All codes, in catalogue order.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.points.iter().map(|point| point.code.as_str())
    }

    /// The points on `view`.
    pub fn on_view(&self, view: View) -> impl Iterator<Item = (&Point, ViewPosition)> {
        self.points.iter().filter_map(move |point| point.position_on(view).map(|position| (point, position)))
    }
}
