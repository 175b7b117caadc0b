//! The compiler's error type. Problems found in a file keep the whole file as a miette
//! `NamedSource`, so the graphical handler prints `file:line:col`, a code frame and our
//! `help:`; a file with several problems reports them all (the first one leads, the rest
//! are `related`), the way oxc returns `diagnostics: Vec<_>` rather than stopping early.

use std::{
    fmt,
    path::{Path, PathBuf},
    sync::Arc,
};

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

/// Why a file could not be compiled or analysed.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[non_exhaustive]
pub enum CompileError {
    /// The file is not valid for its language (TypeScript, TSX, JavaScript or JSON, from its
    /// extension). Carries every syntax error oxc reported.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Syntax(Box<SourceErrors>),

    /// A route segment config export (`revalidate`, `dynamic`, ...) is not a literal Next.js
    /// can read at build time, or its value is not one of the allowed ones.
    #[error(transparent)]
    #[diagnostic(transparent)]
    SegmentConfig(Box<SourceErrors>),

    /// The file could not be read from disk ([`crate::compile_file`]).
    #[error("cannot read {}", path.display())]
    #[diagnostic(
        code(ferroute::compile::read),
        help("check that the file exists and that ferroute may read it")
    )]
    Read {
        /// The file that failed to read.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },

    /// The extension does not say which language the file is in.
    #[error("cannot compile {}: unknown file extension", path.display())]
    #[diagnostic(
        code(ferroute::compile::unsupported_extension),
        help("modules must end in .ts, .tsx, .mts, .cts, .js, .jsx, .mjs, .cjs or .json")
    )]
    UnsupportedExtension {
        /// The file with the unknown extension.
        path: PathBuf,
    },

    /// oxc panicked on this file: a bug in oxc or ferroute, not in the user's code.
    #[error("internal compiler error on {}: {message}", path.display())]
    #[diagnostic(
        code(ferroute::compile::internal),
        help("this is a bug in ferroute or oxc, not in your code; please report it with the file")
    )]
    Internal {
        /// The file being compiled.
        path: PathBuf,
        /// The panic message.
        message: String,
    },
}

impl CompileError {
    /// Runs `f`, turning a panic inside oxc into [`CompileError::Internal`] (user input must
    /// never take the process down; oxc asserts on some states, e.g. unevaluated enums).
    pub(crate) fn catch_panic<T>(
        path: &Path,
        f: impl FnOnce() -> Result<T, Self>,
    ) -> Result<T, Self> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|payload| {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic without a message".to_string());
            Err(Self::Internal {
                path: path.to_path_buf(),
                message,
            })
        })
    }

    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::Syntax(errors) | Self::SegmentConfig(errors) => &errors.path,
            Self::Read { path, .. }
            | Self::UnsupportedExtension { path }
            | Self::Internal { path, .. } => path,
        }
    }

    /// Shows the file relative to `root` in rendered diagnostics (the CLI passes the
    /// project root so users see `app/x/route.ts`, not an absolute path).
    #[must_use]
    pub fn with_root(self, root: &Path) -> Self {
        match self {
            Self::Syntax(errors) => Self::Syntax(Box::new(errors.with_root(root))),
            Self::SegmentConfig(errors) => Self::SegmentConfig(Box::new(errors.with_root(root))),
            other => other,
        }
    }
}

/// All problems of one kind found in one file. The first leads the rendered report, the
/// others follow as related diagnostics sharing the same code frame source.
#[derive(Debug)]
pub struct SourceErrors {
    code: &'static str,
    path: PathBuf,
    src: NamedSource<Arc<str>>,
    first: SourceDiagnostic,
    others: Vec<SourceDiagnostic>,
}

impl SourceErrors {
    pub(crate) fn new(
        code: &'static str,
        path: &Path,
        source: &str,
        mut first: SourceDiagnostic,
        mut others: Vec<SourceDiagnostic>,
    ) -> Self {
        first.code = code;
        for other in &mut others {
            other.code = code;
        }
        Self {
            code,
            path: path.to_path_buf(),
            src: NamedSource::new(path.display().to_string(), Arc::from(source)),
            first,
            others,
        }
    }

    /// The file the problems are in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every problem, in source order of discovery.
    pub fn diagnostics(&self) -> impl Iterator<Item = &SourceDiagnostic> {
        std::iter::once(&self.first).chain(&self.others)
    }

    fn with_root(mut self, root: &Path) -> Self {
        let shown = self.path.strip_prefix(root).unwrap_or(&self.path);
        self.src = NamedSource::new(shown.display().to_string(), Arc::clone(self.src.inner()));
        self
    }
}

impl fmt::Display for SourceErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.first.message)
    }
}

impl std::error::Error for SourceErrors {}

impl Diagnostic for SourceErrors {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.first
            .help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.src)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.first.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.others.is_empty() {
            return None;
        }
        Some(Box::new(self.others.iter().map(|d| d as &dyn Diagnostic)))
    }
}

/// One located problem: a message, labelled spans into the file and a `help:`.
#[derive(Debug, Clone)]
pub struct SourceDiagnostic {
    code: &'static str,
    message: String,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    line: usize,
    column: usize,
}

impl fmt::Display for SourceDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SourceDiagnostic {}

impl Diagnostic for SourceDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

impl SourceDiagnostic {
    /// A problem at `span` (byte offsets into `source`, clamped to it) with a label text.
    pub(crate) fn new(
        source: &str,
        message: impl Into<String>,
        span: (usize, usize),
        label: Option<String>,
        help: Option<String>,
    ) -> Self {
        let mut diagnostic = Self {
            code: "",
            message: message.into(),
            labels: Vec::new(),
            help,
            line: 1,
            column: 1,
        };
        diagnostic.push_label(source, span, label, true);
        diagnostic
    }

    /// Converts one of oxc's diagnostics; `fallback_help` is used when oxc has none.
    pub(crate) fn from_oxc(
        source: &str,
        diagnostic: &oxc_diagnostics::OxcDiagnostic,
        fallback_help: &str,
    ) -> Self {
        let mut converted = Self {
            code: "",
            message: diagnostic.message.to_string(),
            labels: Vec::new(),
            help: Some(
                diagnostic
                    .help
                    .as_deref()
                    .unwrap_or(fallback_help)
                    .to_string(),
            ),
            line: 1,
            column: 1,
        };
        let has_primary = diagnostic
            .labels
            .iter()
            .any(oxc_diagnostics::LabeledSpan::primary);
        for (i, label) in diagnostic.labels.iter().enumerate() {
            let primary = label.primary() || (!has_primary && i == 0);
            let span = (label.offset() as usize, label.len() as usize);
            converted.push_label(source, span, label.label().map(str::to_string), primary);
        }
        converted
    }

    fn push_label(
        &mut self,
        source: &str,
        (offset, len): (usize, usize),
        label: Option<String>,
        primary: bool,
    ) {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let len = len.min(source.len() - offset);
        if primary {
            (self.line, self.column) = line_column(source, offset);
            self.labels
                .push(LabeledSpan::new_primary_with_span(label, (offset, len)));
        } else {
            self.labels
                .push(LabeledSpan::new_with_span(label, (offset, len)));
        }
    }

    /// The message, e.g. `Unexpected token`.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What to do about it.
    pub fn help_text(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// 1-based line and column (in characters) of the primary span.
    pub fn line_column(&self) -> (usize, usize) {
        (self.line, self.column)
    }
}

/// 1-based line and column (counted in characters) of a byte offset.
pub(crate) fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..floor_char_boundary(source, offset.min(source.len()))];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(source: &str, mut offset: usize) -> usize {
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
