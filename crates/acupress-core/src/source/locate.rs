//! Where a value starts in a RON document, found by its path (`steps[2].press_secs`), so that
//! checks made after parsing point at the right line and column. Linear in the document's
//! length however many places are asked for; never fails on text it cannot follow.

use super::{Position, position_of_offset};

/// One step of a path to a value in a RON document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathSegment {
    /// A named field of a struct.
    Field(&'static str),
    /// An element of a list.
    Index(usize),
}

/// Finds where the value at `path` starts in `src` (for one lookup; to place many, build a
/// [`Locator`] once).
///
/// When the path leads to a field that is absent, the position of the enclosing value is
/// returned, which is where the missing field belongs. Never fails: on text it cannot follow it
/// returns the furthest position it reached.
pub fn locate(src: &str, path: &[PathSegment]) -> Position {
    let locator = Locator::new(src);
    position_of_offset(src, locator.offset(path))
}

/// One step of a path, owned (the index's key).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Segment {
    Field(String),
    Index(usize),
}

/// Where every value of a document starts, found in one pass over it, so that placing any
/// number of problems takes linear time.
pub struct Locator<'a> {
    src: &'a str,
    offsets: std::collections::HashMap<Vec<Segment>, usize>,
    /// The furthest offset the scan reached (where it stopped on text it could not follow).
    reached: usize,
}

/// Paths deeper than this are not indexed (no acupress file goes deeper than four).
const LOCATOR_DEPTH: usize = 8;

impl<'a> Locator<'a> {
    /// The step (from 0) and field of the value that starts last at or before `offset`: where
    /// a parse error is, in the person's words ("step 3, note"). `None` outside the steps.
    pub fn step_at(&self, offset: usize) -> Option<(usize, Option<String>)> {
        let (path, _) = self
            .offsets
            .iter()
            .filter(|(_, start)| **start <= offset)
            .max_by_key(|(path, start)| (**start, path.len()))?;
        match path.as_slice() {
            [Segment::Field(steps), Segment::Index(index), rest @ ..] if steps == "steps" => {
                let field = rest.iter().find_map(|segment| match segment {
                    Segment::Field(name) if name != "en" && name != "nl" => Some(name.clone()),
                    _ => None,
                });
                Some((*index, field))
            }
            _ => None,
        }
    }

    /// Indexes `src`.
    pub fn new(src: &'a str) -> Self {
        let mut locator = Locator { src, offsets: std::collections::HashMap::new(), reached: 0 };
        let mut scanner = Scanner { src, offset: 0 };
        scanner.skip_trivia();
        let mut path = Vec::new();
        locator.index(&mut scanner, &mut path);
        locator.reached = scanner.offset;
        locator
    }

    /// Records the value at the cursor under `path`, and everything inside it.
    fn index(&mut self, scanner: &mut Scanner, path: &mut Vec<Segment>) {
        self.offsets.entry(path.clone()).or_insert(scanner.offset);
        if path.len() >= LOCATOR_DEPTH {
            scanner.skip_value();
            return;
        }
        let value_start = scanner.offset;
        let name = if scanner.peek().is_some_and(|c| c.is_alphabetic() || c == '_') {
            scanner.identifier().to_owned()
        } else {
            String::new()
        };
        scanner.skip_trivia();
        match scanner.peek() {
            Some('(') if name == "Some" => {
                scanner.bump();
                scanner.skip_trivia();
                // `Some(x)` stands for `x`: the same path.
                self.offsets.remove(path);
                self.offsets.insert(path.clone(), scanner.offset);
                let mut inner = path.clone();
                self.index(scanner, &mut inner);
                scanner.close(')');
            }
            Some(open @ ('(' | '[')) => {
                let close = if open == '(' { ')' } else { ']' };
                scanner.bump();
                let mut position = 0;
                loop {
                    scanner.skip_trivia();
                    if matches!(scanner.peek(), None | Some(')' | ']' | '}')) {
                        break;
                    }
                    let entry_start = scanner.offset;
                    let mut segment = Segment::Index(position);
                    if open == '(' && scanner.peek().is_some_and(|c| c.is_alphabetic() || c == '_') {
                        let field = scanner.identifier().to_owned();
                        scanner.skip_trivia();
                        if scanner.peek() == Some(':') {
                            scanner.bump();
                            scanner.skip_trivia();
                            segment = Segment::Field(field);
                        } else {
                            // A positional value that started with an identifier.
                            scanner.offset = entry_start;
                        }
                    }
                    path.push(segment);
                    let before = scanner.offset;
                    self.index(scanner, path);
                    path.pop();
                    if scanner.offset == before && !scanner.skip_value() {
                        // Stuck on text that is no value: give up here.
                        return;
                    }
                    scanner.skip_trivia();
                    if scanner.peek() == Some(',') {
                        scanner.bump();
                    }
                    position += 1;
                }
                scanner.close(close);
            }
            _ => {
                scanner.offset = value_start;
                scanner.skip_value();
            }
        }
    }

    /// The byte offset where the value at `path` starts, or, when it is absent, where its
    /// nearest enclosing value starts.
    pub fn offset(&self, path: &[PathSegment]) -> usize {
        let key: Vec<Segment> = path
            .iter()
            .map(|segment| match segment {
                PathSegment::Field(name) => Segment::Field((*name).to_owned()),
                PathSegment::Index(index) => Segment::Index(*index),
            })
            .collect();
        (0..=key.len()).rev().find_map(|len| self.offsets.get(&key[..len]).copied()).unwrap_or(self.reached)
    }

    /// The positions of many offsets at once, in one sweep over the text.
    pub fn positions(&self, offsets: &[usize]) -> Vec<Position> {
        positions_of_offsets(self.src, offsets)
    }
}

/// The positions of `offsets` in `src`, computed in one sweep (any order; linear in the text
/// plus `k log k` for `k` offsets).
pub fn positions_of_offsets(src: &str, offsets: &[usize]) -> Vec<Position> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&index| offsets[index]);
    let mut positions = vec![Position::START; offsets.len()];
    let (mut line, mut column) = (1, 1);
    let mut chars = src.char_indices().peekable();
    for index in order {
        let target = offsets[index].min(src.len());
        while let Some(&(at, c)) = chars.peek() {
            if at >= target {
                break;
            }
            match c {
                '\n' => {
                    line += 1;
                    column = 1;
                }
                '\r' => {}
                _ => column += 1,
            }
            chars.next();
        }
        positions[index] = Position { line, column };
    }
    positions
}

struct Scanner<'a> {
    src: &'a str,
    offset: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<char> {
        self.src[self.offset..].chars().next()
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.offset += c.len_utf8();
        }
    }

    /// Skips to just after `close`, if it comes next.
    fn close(&mut self, close: char) {
        self.skip_trivia();
        if self.peek() == Some(close) {
            self.bump();
        }
    }

    fn skip_trivia(&mut self) {
        loop {
            let rest = &self.src[self.offset..];
            if let Some(c) = rest.chars().next().filter(|c| c.is_whitespace()) {
                self.offset += c.len_utf8();
            } else if rest.starts_with("//") {
                self.offset += rest.find('\n').unwrap_or(rest.len());
            } else if rest.starts_with("/*") {
                // ron allows nested block comments. Compare bytes: a comment may hold any
                // UTF-8, and `/` and `*` never occur inside a multi-byte character.
                let mut depth = 0usize;
                let mut index = 0;
                let bytes = rest.as_bytes();
                while index < bytes.len() {
                    if bytes[index..].starts_with(b"/*") {
                        depth += 1;
                        index += 2;
                    } else if bytes[index..].starts_with(b"*/") {
                        depth -= 1;
                        index += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        index += 1;
                    }
                }
                // An unclosed comment runs to the end; otherwise `index` is just after `*/`,
                // which is a character boundary.
                self.offset += index.min(rest.len());
            } else {
                return;
            }
        }
    }

    fn identifier(&mut self) -> &str {
        let start = self.offset;
        if self.src[self.offset..].starts_with("r#") {
            self.offset += 2;
        }
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                self.bump();
            } else {
                break;
            }
        }
        &self.src[start..self.offset]
    }

    /// Skips one value (with its optional leading identifier). False when stuck.
    fn skip_value(&mut self) -> bool {
        let start = self.offset;
        match self.peek() {
            Some('"') => self.skip_string(),
            Some('r') if self.src[self.offset..].starts_with("r\"") || self.src[self.offset..].starts_with("r#\"") => {
                self.skip_raw_string();
            }
            Some('\'') => {
                self.bump();
                while let Some(c) = self.peek() {
                    self.bump();
                    if c == '\\' {
                        self.bump();
                    } else if c == '\'' {
                        break;
                    }
                }
            }
            Some('(' | '[' | '{') => self.skip_group(),
            Some(c) if c.is_alphabetic() || c == '_' => {
                self.identifier();
                self.skip_trivia();
                if matches!(self.peek(), Some('(' | '{')) {
                    self.skip_group();
                }
            }
            Some(_) => {
                while let Some(c) = self.peek() {
                    if matches!(c, ',' | ')' | ']' | '}') || c.is_whitespace() {
                        break;
                    }
                    self.bump();
                }
            }
            None => {}
        }
        self.offset > start
    }

    fn skip_string(&mut self) {
        self.bump();
        while let Some(c) = self.peek() {
            self.bump();
            if c == '\\' {
                self.bump();
            } else if c == '"' {
                break;
            }
        }
    }

    fn skip_raw_string(&mut self) {
        self.bump(); // r
        let mut hashes = 0;
        while self.peek() == Some('#') {
            hashes += 1;
            self.bump();
        }
        self.bump(); // opening quote
        let closing = format!("\"{}", "#".repeat(hashes));
        match self.src[self.offset..].find(&closing) {
            Some(found) => self.offset += found + closing.len(),
            None => self.offset = self.src.len(),
        }
    }

    fn skip_group(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                '"' => {
                    self.skip_string();
                    continue;
                }
                '/' if self.src[self.offset..].starts_with("//") || self.src[self.offset..].starts_with("/*") => {
                    self.skip_trivia();
                    continue;
                }
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        self.bump();
                        return;
                    }
                }
                _ => {}
            }
            self.bump();
        }
    }
}

/// The start of the last string literal that ends at or before `limit` and contains a line
/// break, if it is the last literal before `limit`. One pass over the text.
pub(super) fn multi_line_text_before(src: &str, limit: Position) -> Option<Position> {
    let limit_offset = offset_of_position(src, limit);
    let mut scanner = Scanner { src, offset: 0 };
    let mut last: Option<(usize, usize)> = None;
    loop {
        scanner.skip_trivia();
        let Some(c) = scanner.peek() else { break };
        let start = scanner.offset;
        if start >= limit_offset {
            break;
        }
        if c == '"' {
            scanner.skip_string();
            last = Some((start, scanner.offset));
        } else {
            scanner.bump();
        }
    }
    let (start, end) = last?;
    src[start..end].contains('\n').then(|| position_of_offset(src, start))
}

/// The byte offset of `position` in `src` (the end of the text when it lies beyond).
pub(super) fn offset_of_position(src: &str, position: Position) -> usize {
    let mut line_start = 0;
    for _ in 1..position.line {
        match src[line_start..].find('\n') {
            Some(found) => line_start += found + 1,
            None => return src.len(),
        }
    }
    src[line_start..]
        .char_indices()
        .nth(position.column.saturating_sub(1))
        .map_or(src.len(), |(index, _)| line_start + index)
}
