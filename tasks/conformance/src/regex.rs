//! A small backtracking regular-expression engine for case normalisers.
//!
//! The conformance harness must not depend on other ferroute crates and keeps
//! its own dependency list minimal, so it carries this ~300-line engine instead
//! of the `regex` crate. Inputs are short (response bodies of a few KiB), so
//! backtracking is fine.
//!
//! Supported syntax (byte-oriented; UTF-8 literals match as byte sequences):
//! literals, `.` (any byte but `\n`), classes `[a-z_]` / `[^;]` with ranges and
//! escapes, `\d \D \w \W \s \S` and escaped punctuation, groups `( )`,
//! non-capturing groups `(?: )`, alternation `|`, quantifiers `* + ? {n} {n,}
//! {n,m}` (append `?` for the lazy form) and the anchors `^ $`.

#[derive(Debug, Clone)]
enum Node {
    Byte(u8),
    Any,
    Class {
        ranges: Vec<(u8, u8)>,
        negated: bool,
    },
    Start,
    End,
    Group {
        inner: Box<Node>,
        index: Option<usize>,
    },
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        inner: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct Regex {
    root: Node,
    groups: usize,
}

type Caps = Vec<Option<(usize, usize)>>;

/// One match: byte offsets of the whole match and of each capture group.
#[derive(Debug, Clone)]
pub(crate) struct Match {
    pub(crate) caps: Caps,
}

impl Match {
    pub(crate) fn whole(&self) -> (usize, usize) {
        self.caps[0].expect("group 0 always set")
    }
    pub(crate) fn group(&self, i: usize) -> Option<(usize, usize)> {
        self.caps.get(i).copied().flatten()
    }
    /// Group 1 if the pattern has one and it participated, else the whole match.
    pub(crate) fn primary(&self) -> (usize, usize) {
        self.group(1).unwrap_or_else(|| self.whole())
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    groups: usize,
}

impl Regex {
    pub(crate) fn new(pattern: &str) -> Result<Regex, String> {
        let mut p = Parser {
            s: pattern.as_bytes(),
            i: 0,
            groups: 0,
        };
        let root = p.alt()?;
        if p.i != p.s.len() {
            return Err(format!(
                "regex {pattern:?}: unexpected `{}` at {}",
                p.s[p.i] as char, p.i
            ));
        }
        Ok(Regex {
            root,
            groups: p.groups,
        })
    }

    /// First match starting at or after `from`.
    pub(crate) fn find_at(&self, text: &str, from: usize) -> Option<Match> {
        let s = text.as_bytes();
        let mut start = from;
        while start <= s.len() {
            let mut caps: Caps = vec![None; self.groups + 1];
            let mut end = None;
            if m(&self.root, s, start, &mut caps, &mut |e, _| {
                end = Some(e);
                true
            }) {
                let mut found = caps.clone();
                found[0] = Some((start, end.expect("set on success")));
                return Some(Match { caps: found });
            }
            start += 1;
        }
        None
    }

    /// All non-overlapping matches, left to right.
    pub(crate) fn find_all(&self, text: &str) -> Vec<Match> {
        let mut out = Vec::new();
        let mut at = 0;
        while at <= text.len() {
            match self.find_at(text, at) {
                Some(mt) => {
                    let (s, e) = mt.whole();
                    at = if e == s { e + 1 } else { e };
                    out.push(mt);
                }
                None => break,
            }
        }
        out
    }

    /// Replace every match; `$0`..`$9` in `rep` insert groups.
    pub(crate) fn replace_all(&self, text: &str, rep: &str) -> String {
        self.replace_with(text, |mt, t| expand(rep, mt, t))
    }

    /// Replace every match by the result of `f`. Matches that would split a
    /// UTF-8 sequence are still handled byte-wise and re-validated lossily.
    pub(crate) fn replace_with(
        &self,
        text: &str,
        mut f: impl FnMut(&Match, &str) -> String,
    ) -> String {
        let mut out: Vec<u8> = Vec::with_capacity(text.len());
        let mut last = 0;
        for mt in self.find_all(text) {
            let (s, e) = mt.whole();
            out.extend_from_slice(&text.as_bytes()[last..s]);
            out.extend_from_slice(f(&mt, text).as_bytes());
            last = e;
        }
        out.extend_from_slice(&text.as_bytes()[last..]);
        String::from_utf8_lossy(&out).into_owned()
    }
}

pub(crate) fn slice(text: &str, r: (usize, usize)) -> String {
    String::from_utf8_lossy(&text.as_bytes()[r.0..r.1]).into_owned()
}

fn expand(rep: &str, mt: &Match, text: &str) -> String {
    let b = rep.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$' && i + 1 < b.len() && b[i + 1].is_ascii_digit() {
            let g = (b[i + 1] - b'0') as usize;
            if let Some(r) = mt.group(g) {
                out.push_str(&slice(text, r));
            }
            i += 2;
        } else {
            let ch = rep[i..].chars().next().expect("in bounds");
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn class_escape(c: u8) -> Option<(Vec<(u8, u8)>, bool)> {
    let digit = vec![(b'0', b'9')];
    let word = vec![(b'a', b'z'), (b'A', b'Z'), (b'0', b'9'), (b'_', b'_')];
    let space = vec![
        (b' ', b' '),
        (b'\t', b'\t'),
        (b'\n', b'\n'),
        (b'\r', b'\r'),
        (0x0b, 0x0c),
    ];
    match c {
        b'd' => Some((digit, false)),
        b'D' => Some((digit, true)),
        b'w' => Some((word, false)),
        b'W' => Some((word, true)),
        b's' => Some((space, false)),
        b'S' => Some((space, true)),
        _ => None,
    }
}

fn literal_escape(c: u8) -> u8 {
    match c {
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        other => other,
    }
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn alt(&mut self) -> Result<Node, String> {
        let mut branches = vec![self.concat()?];
        while self.peek() == Some(b'|') {
            self.i += 1;
            branches.push(self.concat()?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().expect("one")
        } else {
            Node::Alt(branches)
        })
    }

    fn concat(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == b'|' || c == b')' {
                break;
            }
            let atom = self.atom()?;
            items.push(self.quantified(atom)?);
        }
        Ok(Node::Concat(items))
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, String> {
        let (min, max) = match self.peek() {
            Some(b'*') => (0, None),
            Some(b'+') => (1, None),
            Some(b'?') => (0, Some(1)),
            Some(b'{') => {
                let save = self.i;
                self.i += 1;
                let a = self.number();
                let r = match (a, self.peek()) {
                    (Some(a), Some(b'}')) => Some((a, Some(a))),
                    (Some(a), Some(b',')) => {
                        self.i += 1;
                        let b = self.number();
                        if self.peek() == Some(b'}') {
                            Some((a, b))
                        } else {
                            None
                        }
                    }
                    _ => None,
                };
                match r {
                    Some(r) => r,
                    None => {
                        // Not a quantifier: treat `{` literally.
                        self.i = save;
                        return Ok(atom);
                    }
                }
            }
            _ => return Ok(atom),
        };
        self.i += 1;
        let greedy = if self.peek() == Some(b'?') {
            self.i += 1;
            false
        } else {
            true
        };
        Ok(Node::Repeat {
            inner: Box::new(atom),
            min,
            max,
            greedy,
        })
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.i;
        while matches!(self.peek(), Some(c) if c.is_ascii_digit()) {
            self.i += 1;
        }
        std::str::from_utf8(&self.s[start..self.i])
            .ok()?
            .parse()
            .ok()
    }

    fn atom(&mut self) -> Result<Node, String> {
        let c = self.peek().ok_or("unexpected end")?;
        self.i += 1;
        Ok(match c {
            b'.' => Node::Any,
            b'^' => Node::Start,
            b'$' => Node::End,
            b'(' => {
                let index = if self.s[self.i..].starts_with(b"?:") {
                    self.i += 2;
                    None
                } else {
                    self.groups += 1;
                    Some(self.groups)
                };
                let inner = self.alt()?;
                if self.peek() != Some(b')') {
                    return Err("missing )".into());
                }
                self.i += 1;
                Node::Group {
                    inner: Box::new(inner),
                    index,
                }
            }
            b'[' => self.class()?,
            b'\\' => {
                let e = self.peek().ok_or("trailing backslash")?;
                self.i += 1;
                match class_escape(e) {
                    Some((ranges, negated)) => Node::Class { ranges, negated },
                    None => Node::Byte(literal_escape(e)),
                }
            }
            other => Node::Byte(other),
        })
    }

    fn class(&mut self) -> Result<Node, String> {
        let mut negated = false;
        if self.peek() == Some(b'^') {
            negated = true;
            self.i += 1;
        }
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            let c = self.peek().ok_or("missing ]")?;
            if c == b']' && !first {
                self.i += 1;
                break;
            }
            first = false;
            self.i += 1;
            let lo = if c == b'\\' {
                let e = self.peek().ok_or("trailing backslash")?;
                self.i += 1;
                if let Some((rs, neg)) = class_escape(e) {
                    if neg {
                        return Err("negated escapes inside [] are not supported".into());
                    }
                    ranges.extend(rs);
                    continue;
                }
                literal_escape(e)
            } else {
                c
            };
            if self.peek() == Some(b'-') && self.s.get(self.i + 1).is_some_and(|&n| n != b']') {
                self.i += 1;
                let mut hi = self.peek().ok_or("bad range")?;
                self.i += 1;
                if hi == b'\\' {
                    hi = literal_escape(self.peek().ok_or("bad range")?);
                    self.i += 1;
                }
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
        Ok(Node::Class { ranges, negated })
    }
}

type Cont<'k> = dyn FnMut(usize, &mut Caps) -> bool + 'k;

fn m(n: &Node, s: &[u8], i: usize, caps: &mut Caps, k: &mut Cont<'_>) -> bool {
    match n {
        Node::Byte(b) => i < s.len() && s[i] == *b && k(i + 1, caps),
        Node::Any => i < s.len() && s[i] != b'\n' && k(i + 1, caps),
        Node::Class { ranges, negated } => {
            if i >= s.len() {
                return false;
            }
            let hit = ranges.iter().any(|&(lo, hi)| s[i] >= lo && s[i] <= hi);
            hit != *negated && k(i + 1, caps)
        }
        Node::Start => i == 0 && k(i, caps),
        Node::End => i == s.len() && k(i, caps),
        Node::Group { inner, index } => match index {
            None => m(inner, s, i, caps, k),
            Some(g) => {
                let g = *g;
                m(inner, s, i, caps, &mut |e, caps: &mut Caps| {
                    let old = caps[g];
                    caps[g] = Some((i, e));
                    if k(e, caps) {
                        true
                    } else {
                        caps[g] = old;
                        false
                    }
                })
            }
        },
        Node::Concat(items) => seq(items, s, i, caps, k),
        Node::Alt(branches) => branches.iter().any(|b| m(b, s, i, caps, k)),
        Node::Repeat {
            inner,
            min,
            max,
            greedy,
        } => rep(inner, *min, *max, *greedy, 0, s, i, caps, k),
    }
}

fn seq(items: &[Node], s: &[u8], i: usize, caps: &mut Caps, k: &mut Cont<'_>) -> bool {
    match items.split_first() {
        None => k(i, caps),
        Some((first, rest)) => m(first, s, i, caps, &mut |e, caps: &mut Caps| {
            seq(rest, s, e, caps, k)
        }),
    }
}

#[allow(clippy::too_many_arguments)]
fn rep(
    inner: &Node,
    min: u32,
    max: Option<u32>,
    greedy: bool,
    count: u32,
    s: &[u8],
    i: usize,
    caps: &mut Caps,
    k: &mut Cont<'_>,
) -> bool {
    let can_more = max.is_none_or(|mx| count < mx);
    let more = |caps: &mut Caps, k: &mut Cont<'_>| {
        can_more
            && m(inner, s, i, caps, &mut |e, caps: &mut Caps| {
                // A zero-width iteration cannot make progress: stop repeating.
                e != i && rep(inner, min, max, greedy, count + 1, s, e, caps, k)
            })
    };
    if count < min {
        return more(caps, k);
    }
    // Order matters: greedy tries one more iteration first, lazy stops first.
    if greedy {
        if more(caps, k) {
            return true;
        }
        k(i, caps)
    } else {
        if k(i, caps) {
            return true;
        }
        more(caps, k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(p: &str, t: &str) -> Option<String> {
        Regex::new(p)
            .unwrap()
            .find_at(t, 0)
            .map(|m| slice(t, m.primary()))
    }

    #[test]
    fn basics() {
        assert_eq!(
            first(r#""now":(\d+)"#, r#"{"now":1795497508101,"x":1}"#).as_deref(),
            Some("1795497508101")
        );
        assert_eq!(
            first("Expires=[^;]+", "a=1; Expires=Thu, 01 Jan; Path=/").as_deref(),
            Some("Expires=Thu, 01 Jan")
        );
        assert_eq!(
            first(
                "<title[^>]*>([^<]*)</title>",
                "<head><title x=\"\">404: x</title>"
            )
            .as_deref(),
            Some("404: x")
        );
        assert_eq!(first("a|bc", "zzbc").as_deref(), Some("bc"));
        assert_eq!(first("^ab$", "ab").as_deref(), Some("ab"));
        assert_eq!(first("^ab$", "abc"), None);
        assert_eq!(first("x{2,3}", "xxxx").as_deref(), Some("xxx"));
        assert_eq!(first("a.*?b", "a1b2b").as_deref(), Some("a1b"));
        assert_eq!(first("(?:ab)+", "ababx").as_deref(), Some("abab"));
        assert_eq!(first("[\\w-]+", "--ab_c!").as_deref(), Some("--ab_c"));
    }

    #[test]
    fn replace() {
        let r = Regex::new(r"(\d+)ms").unwrap();
        assert_eq!(
            r.replace_all("took 12ms and 3ms", "<$1>"),
            "took <12> and <3>"
        );
        let r = Regex::new("é").unwrap();
        assert_eq!(r.replace_all("café é", "e"), "cafe e");
    }
}
