//! Reads the meaning of a single file or folder name under `app/`: which
//! files are routable and what each folder contributes to the URL.

use crate::{Segment, SegmentIssue};

/// Extensions Next.js uses by default (`pageExtensions`), in its order.
pub(crate) const EXTENSIONS: [&str; 4] = ["tsx", "ts", "jsx", "js"];

/// A file name the router cares about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FileRole {
    Route,
    Page,
    Sitemap,
    Robots,
    Manifest,
    /// A static metadata file served as it is (`robots.txt`, `icon1.png`, …).
    MetadataFile,
}

/// `route.ts` → `Route`, `page.jsx` → `Page`, `icon.png` → `MetadataFile`,
/// `route.d.ts`/`route.mjs`/… → `None`.
pub(crate) fn classify_file(name: &str) -> Option<FileRole> {
    let (stem, ext) = name.rsplit_once('.')?;
    if !EXTENSIONS.contains(&ext) {
        return is_metadata_file(name).then_some(FileRole::MetadataFile);
    }
    match stem {
        "route" => Some(FileRole::Route),
        "page" => Some(FileRole::Page),
        "sitemap" => Some(FileRole::Sitemap),
        "robots" => Some(FileRole::Robots),
        "manifest" => Some(FileRole::Manifest),
        _ => None,
    }
}

/// Static metadata files, as Next.js 15.5 finds them (`isMetadataRouteFile`): the name,
/// an optional single digit for the numbered images (`icon1.png`), and the extensions
/// each convention accepts, all case-sensitive. (`opengraph-image.alt.txt` and the like
/// feed pages' `<meta>` tags only: they are not served.)
const METADATA_FILES: [(&str, bool, &[&str]); 8] = [
    ("robots", false, &["txt"]),
    ("manifest", false, &["json", "webmanifest"]),
    ("favicon", false, &["ico"]),
    ("sitemap", false, &["xml"]),
    ("icon", true, &["ico", "jpg", "jpeg", "png", "svg"]),
    ("apple-icon", true, &["jpg", "jpeg", "png"]),
    ("opengraph-image", true, &["jpg", "jpeg", "png", "gif"]),
    ("twitter-image", true, &["jpg", "jpeg", "png", "gif"]),
];

/// Whether `name` is a static metadata file in some folder (see [`metadata_file_root_only`]).
pub(crate) fn is_metadata_file(name: &str) -> bool {
    let Some((stem, ext)) = name.split_once('.') else {
        return false;
    };
    METADATA_FILES.iter().any(|&(base, numbered, exts)| {
        let Some(rest) = stem.strip_prefix(base) else {
            return false;
        };
        let variant_ok =
            rest.is_empty() || (numbered && rest.len() == 1 && rest.as_bytes()[0].is_ascii_digit());
        variant_ok && exts.contains(&ext)
    })
}

/// `robots.txt`, `manifest.json|webmanifest` and `favicon.ico` count only directly in `app/`.
pub(crate) fn metadata_file_root_only(name: &str) -> bool {
    ["robots.", "manifest.", "favicon."]
        .iter()
        .any(|p| name.starts_with(p))
}

/// What a folder contributes to the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Folder {
    /// `(name)`: a route group, not part of the URL.
    Group,
    /// `@name`: a parallel-route slot, not part of the URL.
    Slot,
    /// `_name`: a private folder; nothing below it is routable.
    Private,
    /// Anything else: one URL segment.
    Url(Segment),
}

/// Whether the folder hides everything below it from routing.
pub(crate) fn is_private(name: &str) -> bool {
    name.starts_with('_')
}

/// Parses one folder name. Intercepting markers (`(.)x`, `(..)(..)x`) do not
/// end with `)` and so stay literal, as Next.js 15.5 does for route handlers.
pub(crate) fn parse_folder(name: &str) -> Result<Folder, SegmentIssue> {
    if is_private(name) {
        return Ok(Folder::Private);
    }
    if name.starts_with('(') && name.ends_with(')') {
        return Ok(Folder::Group);
    }
    if name.starts_with('@') {
        return Ok(Folder::Slot);
    }
    if !name.contains(['[', ']']) {
        return Ok(Folder::Url(Segment::Static(decode_underscore(name))));
    }
    let segment = if let Some(inner) = strip(name, "[[", "]]") {
        if let Some(param) = inner.strip_prefix("...") {
            Segment::OptionalCatchAll(param_name(param)?.to_owned())
        } else if inner.is_empty() {
            return Err(SegmentIssue::EmptyName);
        } else if inner.starts_with('…') {
            return Err(SegmentIssue::EllipsisChar);
        } else {
            param_name(inner)?;
            return Err(SegmentIssue::OptionalNotCatchAll);
        }
    } else if let Some(inner) = strip(name, "[", "]") {
        if let Some(param) = inner.strip_prefix("...") {
            Segment::CatchAll(param_name(param)?.to_owned())
        } else {
            Segment::Dynamic(param_name(inner)?.to_owned())
        }
    } else {
        return Err(SegmentIssue::Unbalanced);
    };
    Ok(Folder::Url(segment))
}

fn strip<'a>(name: &'a str, open: &str, close: &str) -> Option<&'a str> {
    name.strip_prefix(open)?.strip_suffix(close)
}

fn param_name(name: &str) -> Result<&str, SegmentIssue> {
    if name.is_empty() {
        Err(SegmentIssue::EmptyName)
    } else if name.contains(['[', ']']) {
        Err(SegmentIssue::Unbalanced)
    } else if name.starts_with('…') {
        Err(SegmentIssue::EllipsisChar)
    } else if name.starts_with('.') {
        Err(SegmentIssue::LeadingDot)
    } else {
        Ok(name)
    }
}

/// `%5Fx` → `_x`: the documented way to get a URL segment starting with `_`.
/// No other escape in a folder name is decoded.
fn decode_underscore(name: &str) -> String {
    if name.contains("%5F") || name.contains("%5f") {
        name.replace("%5F", "_").replace("%5f", "_")
    } else {
        name.to_owned()
    }
}
