//! Texts with placeholders, typed by the placeholders they take.
//!
//! Each type here is named after its `{placeholders}` (`FileReason` holds a text with `{file}` and
//! `{reason}`), is made only by its `const fn new`, which fails the build when the text lacks one
//! of them or has any other, and is filled only by its `fill`, whose parameters are those
//! placeholders. So a misspelt placeholder in a translation, or a value forgotten at a call, does
//! not compile.
//!
//! ```
//! use acupress::texts::with::FileReason;
//! static NOT_READ: FileReason = FileReason::new("{file} could not be read: {reason}");
//! assert_eq!(NOT_READ.fill("rug.ron", "no access"), "rug.ron could not be read: no access");
//! ```
//!
//! A misspelt placeholder fails the build:
//!
//! ```compile_fail
//! use acupress::texts::with::FileReason;
//! static NOT_READ: FileReason = FileReason::new("{file} could not be read: {reasn}");
//! ```
//!
//! and so does a forgotten value:
//!
//! ```compile_fail
//! use acupress::texts::with::FileReason;
//! static NOT_READ: FileReason = FileReason::new("{file} could not be read: {reason}");
//! let text = NOT_READ.fill("rug.ron");
//! ```

/// Declares one template type per placeholder set.
macro_rules! templates {
    ($($name:ident($($placeholder:ident),+);)*) => {
        $(
            #[doc = concat!("A text with the placeholders ", $("`{", stringify!($placeholder), "}` ",)+ "each exactly as named.")]
            #[derive(Clone, Copy, Debug, PartialEq, Eq)]
            pub struct $name(&'static str);

            impl $name {
                /// The template `text`; the build fails unless it uses exactly these placeholders.
                pub const fn new(text: &'static str) -> Self {
                    assert!(
                        uses_exactly(text, &[$(stringify!($placeholder)),+]),
                        concat!(
                            "a text for ", stringify!($name), " must use each of ",
                            $("`", stringify!($placeholder), "` ",)+ "in braces, and no other placeholder"
                        )
                    );
                    Self(text)
                }

                /// The text with each placeholder replaced by its value.
                pub fn fill(self, $($placeholder: &str),+) -> String {
                    super::fill(self.0, &[$((stringify!($placeholder), $placeholder)),+])
                }
            }

            impl super::AsText for $name {
                fn as_text(&self) -> &'static str {
                    self.0
                }
            }
        )*
    };
}

templates! {
View(view);
CodeNameSide(code, name, side);
Complaint(complaint);
Time(time);
Name(name);
MinutesPoints(minutes, points);
Minutes(minutes);
Author(author);
Count(count);
ActivityValue(activity, value);
Value(value);
CurrentTotal(current, total);
PartSession(part, session);
Seconds(seconds);
Side(side);
Point(point);
Pressure(pressure);
Phase(phase);
DoneTotal(done, total);
Points(points);
Routine(routine);
Folder(folder);
File(file);
CountDone(count, done);
Done(done);
ExistingNew(existing, new);
TitleAuthor(title, author);
Date(date);
Path(path);
Id(id);
FileReason(file, reason);
FileId(file, id);
FileLine(file, line);
FolderUid(folder, uid);
FolderReason(folder, reason);
FolderMode(folder, mode);
SidesSeconds(sides, seconds);
SideSeconds(side, seconds);
PressedWhole(pressed, whole);
Lang(lang);
Percent(percent);
PointsSideView(points, side, view);
Title(title);
Original(original);
SpanHowOften(span, how_often);
Times(times);
HowOften(how_often);
Routines(routines);
NumberSpan(number, span);
PointWhy(point, why);
Contact(contact);
Activities(activities);
SpanYear(span, year);
CompletedTime(completed, time);
CountCompletedTime(count, completed, time);
Number(number);
PartlyNone(partly, none);
StepTotal(step, total);
FileTitleIdStepsTime(file, title, id, steps, time);
Parent(parent);
RoutineIds(routine, ids);
NameText(name, text);
FromTo(from, to);
IdValid(id, valid);
Entry(entry);
CodeIdValid(code, id, valid);
QuestionParent(question, parent);
Error(error);}

/// Whether `text`'s `{placeholders}` are exactly `names`: each used at least once, no other, and
/// no brace outside a placeholder.
const fn uses_exactly(text: &str, names: &[&str]) -> bool {
    let bytes = text.as_bytes();
    let mut used = [false; 8];
    assert!(names.len() <= used.len(), "at most 8 placeholders in one text");
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'}' {
            return false; // a `}` that closes nothing
        }
        if bytes[at] == b'{' {
            let start = at + 1;
            let mut end = start;
            while end < bytes.len() && bytes[end] != b'}' {
                end += 1;
            }
            if end == bytes.len() {
                return false; // a `{` never closed
            }
            let mut found = false;
            let mut index = 0;
            while index < names.len() {
                if same(bytes, start, end, names[index].as_bytes()) {
                    used[index] = true;
                    found = true;
                }
                index += 1;
            }
            if !found {
                return false;
            }
            at = end;
        }
        at += 1;
    }
    let mut index = 0;
    while index < names.len() {
        if !used[index] {
            return false;
        }
        index += 1;
    }
    true
}

/// Whether `text` has no brace at all (a text without placeholders).
pub(super) const fn has_no_placeholder(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'{' || bytes[at] == b'}' {
            return false;
        }
        at += 1;
    }
    true
}

/// Whether `bytes[start..end]` is `name`.
const fn same(bytes: &[u8], start: usize, end: usize, name: &[u8]) -> bool {
    if end - start != name.len() {
        return false;
    }
    let mut index = 0;
    while index < name.len() {
        if bytes[start + index] != name[index] {
            return false;
        }
        index += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{has_no_placeholder, uses_exactly};

    #[test]
    fn a_text_must_use_exactly_its_placeholders() {
        let cases: &[(&str, &[&str], bool)] = &[
            ("{file}: {reason}", &["file", "reason"], true),
            ("{reason} ({file}), {file}", &["file", "reason"], true),
            ("{file}", &["file", "reason"], false),
            ("{file}: {reasn}", &["file", "reason"], false),
            ("{file} {reason} {extra}", &["file", "reason"], false),
            ("{file", &["file"], false),
            ("{file}}", &["file"], false),
            ("} {file}", &["file"], false),
            ("no placeholder", &["file"], false),
        ];
        for (text, names, expected) in cases {
            assert_eq!(uses_exactly(text, names), *expected, "{text:?} with {names:?}");
        }
        assert!(has_no_placeholder("Start session"));
        assert!(!has_no_placeholder("Start {routine}"));
        assert!(!has_no_placeholder("Close}"));
    }
}
