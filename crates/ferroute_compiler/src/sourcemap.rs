//! Source maps of compiled modules and the stack remapping that uses them, so a handler's
//! error points at the line the user wrote, not at the generated JavaScript.
//!
//! Units: QuickJS reports 1-based lines and 1-based columns counted in UTF-8 bytes of the
//! generated code; source maps count UTF-16 code units. [`SourceMap`] keeps the generated
//! code's non-ASCII lines to convert, and reports original columns in UTF-16 units + 1
//! (what Node.js prints and what editors' "Col" shows for BMP text).

use std::path::Path;

/// A compiled module's source map (oxc's, plus what is needed to read QuickJS positions).
#[derive(Debug, Clone)]
pub struct SourceMap {
    inner: oxc_sourcemap::SourceMap<'static>,
    /// For generated lines (0-based) with non-ASCII text: UTF-16 column at each byte offset.
    utf16_columns: Vec<(u32, Box<[u32]>)>,
}

/// A 1-based position in the original file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OriginalLocation {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in UTF-16 code units.
    pub column: u32,
}

impl SourceMap {
    /// Wraps an oxc source map for `generated_code`.
    pub fn new(inner: oxc_sourcemap::SourceMap<'static>, generated_code: &str) -> Self {
        let mut utf16_columns = Vec::new();
        for (line, text) in (0u32..).zip(generated_code.split('\n')) {
            if text.is_ascii() {
                continue;
            }
            let mut columns = vec![0u32; text.len() + 1];
            let mut utf16 = 0u32;
            for (start, ch) in text.char_indices() {
                let end = start + ch.len_utf8();
                columns[start..end].fill(utf16);
                utf16 += u32::try_from(ch.len_utf16()).unwrap_or(1);
            }
            columns[text.len()] = utf16;
            utf16_columns.push((line, columns.into_boxed_slice()));
        }
        Self {
            inner,
            utf16_columns,
        }
    }

    /// Reads a source map in the standard JSON format (e.g. one written by `ferroute build`).
    /// `generated_code` is the code it maps, used for column units.
    ///
    /// # Errors
    /// If `json` is not a valid source map.
    pub fn from_json_string(
        json: &str,
        generated_code: &str,
    ) -> Result<Self, oxc_sourcemap::Error> {
        let map = oxc_sourcemap::SourceMap::from_json_string(json)?.into_owned();
        Ok(Self::new(map, generated_code))
    }

    /// The standard JSON form (version 3, with `sourcesContent`).
    pub fn to_json_string(&self) -> String {
        self.inner.to_json_string()
    }

    /// The oxc source map underneath.
    pub fn as_oxc(&self) -> &oxc_sourcemap::SourceMap<'static> {
        &self.inner
    }

    /// Maps a 1-based generated `line` and 1-based generated `column` (UTF-8 bytes, as
    /// QuickJS reports them) to the original position of the closest mapping at or before
    /// it on that line (or the line's first mapping if the column comes before it).
    pub fn original_location(&self, line: u32, column: u32) -> Option<OriginalLocation> {
        let line = line.checked_sub(1)?;
        let byte_column = column.saturating_sub(1);
        let column = match self.utf16_columns.binary_search_by_key(&line, |(l, _)| *l) {
            Ok(i) => {
                let columns = &self.utf16_columns[i].1;
                let last = columns.len().saturating_sub(1);
                columns
                    .get((byte_column as usize).min(last))
                    .copied()
                    .unwrap_or(byte_column)
            }
            Err(_) => byte_column,
        };
        let tokens = self.inner.get_tokens().len();
        let token_at = |i: usize| self.inner.get_token(u32::try_from(i).ok()?);
        // First token strictly after (line, column), by binary search on the sorted tokens.
        let (mut low, mut high) = (0usize, tokens);
        while low < high {
            let mid = low + (high - low) / 2;
            let token = token_at(mid)?;
            if (token.get_dst_line(), token.get_dst_col()) <= (line, column) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        let token = match low.checked_sub(1).and_then(token_at) {
            Some(token) if token.get_dst_line() == line => token,
            // Before the line's first mapping: take that mapping.
            _ => token_at(low).filter(|token| token.get_dst_line() == line)?,
        };
        Some(OriginalLocation {
            line: token.get_src_line() + 1,
            column: token.get_src_col() + 1,
        })
    }
}

/// Rewrites the frames of a QuickJS error stack to original positions and shows paths
/// relative to `root`.
///
/// Frames look like `    at GET (/abs/app/x/route.ts:5:11)` or
/// `    at /abs/app/x/route.ts:5:11` (1-based line and byte column of the generated code).
/// `lookup` returns the source map of a module by the path in the frame; frames without a
/// map keep their position, and lines that are not frames (the message) are kept as is.
pub fn remap_stack<'m>(
    stack: &str,
    root: &Path,
    lookup: &dyn Fn(&Path) -> Option<&'m SourceMap>,
) -> String {
    let mut out = String::with_capacity(stack.len());
    for (i, line) in stack.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match remap_frame(line, root, lookup) {
            Some(frame) => out.push_str(&frame),
            None => out.push_str(line),
        }
    }
    out
}

fn remap_frame<'m>(
    line: &str,
    root: &Path,
    lookup: &dyn Fn(&Path) -> Option<&'m SourceMap>,
) -> Option<String> {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let frame = trimmed.strip_prefix("at ")?;
    let (name, location) = match frame.strip_suffix(')').and_then(|f| f.rsplit_once(" (")) {
        Some((name, location)) => (Some(name), location),
        None => (None, frame),
    };
    let mut parts = location.rsplitn(3, ':');
    let (column, line_number, path) = (parts.next()?, parts.next()?, parts.next()?);
    let (Ok(line_number), Ok(column)) = (line_number.parse::<u32>(), column.parse::<u32>()) else {
        return None;
    };
    let path = Path::new(path);
    let original = lookup(path).and_then(|map| map.original_location(line_number, column));
    let (line_number, column) = original.map_or((line_number, column), |o| (o.line, o.column));
    let shown = path.strip_prefix(root).unwrap_or(path).display();
    Some(match name {
        Some(name) => format!("{indent}at {name} ({shown}:{line_number}:{column})"),
        None => format!("{indent}at {shown}:{line_number}:{column}"),
    })
}
