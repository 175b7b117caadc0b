//! Reads one file path under `app/` into a candidate route: which kind of
//! file it is, its URL segments, and the per-file checks (malformed folder
//! names, catch-all position, repeated parameter names).

use std::{
    borrow::Cow,
    collections::HashSet,
    path::{Component, Path, PathBuf},
};

use crate::{
    folder::{classify_file, is_private, metadata_file_root_only, parse_folder, FileRole, Folder},
    RouteError, RouteKind, Segment, SegmentIssue,
};

/// A routable file before conflict checks.
#[derive(Debug)]
pub(crate) struct Candidate {
    pub(crate) file: PathBuf,
    pub(crate) kind: RouteKind,
    pub(crate) segments: Vec<Segment>,
    /// For each URL segment, the folder (relative to the root) it came from.
    pub(crate) dirs: Vec<PathBuf>,
}

pub(crate) enum Parsed {
    Skip,
    Page {
        file: PathBuf,
        segments: Vec<Segment>,
    },
    Route {
        role: FileRole,
        file: PathBuf,
        result: Result<Candidate, Vec<RouteError>>,
    },
}

/// Reads one path (relative to the app directory) into a candidate route.
/// `metadata_ids(file)` tells whether a metadata module (path relative to the project root)
/// exports `generateSitemaps` or `generateImageMetadata` (Next.js 15.5 takes either, whatever
/// the file): a `sitemap.{ts,js,…}` then serves `<folder>/sitemap/[__metadata_id__]`, an
/// `icon.tsx`, `opengraph-image.tsx`, … `<folder>/<name>/[__metadata_id__]`.
pub(crate) fn parse_file(
    app_prefix: &Path,
    rel: &Path,
    metadata_ids: &dyn Fn(&Path) -> bool,
) -> Parsed {
    let mut names: Vec<(Cow<'_, str>, bool)> = Vec::new();
    for component in rel.components() {
        match component {
            Component::Normal(name) => {
                names.push((name.to_string_lossy(), name.to_str().is_some()));
            }
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                let file = app_prefix.join(rel);
                let error = RouteError::InvalidSegment {
                    file: file.clone(),
                    segment: component.as_os_str().to_string_lossy().into_owned(),
                    issue: SegmentIssue::NotRelative,
                };
                return Parsed::Route {
                    role: FileRole::Route,
                    file,
                    result: Err(vec![error]),
                };
            }
        }
    }
    let Some(((file_name, true), folders)) = names.split_last() else {
        return Parsed::Skip;
    };
    let Some(role) = classify_file(file_name) else {
        return Parsed::Skip;
    };
    if folders.iter().any(|(name, _)| is_private(name)) {
        return Parsed::Skip;
    }
    let kind = match role {
        FileRole::Route => RouteKind::Handler,
        FileRole::Sitemap => RouteKind::Sitemap,
        FileRole::Robots if folders.is_empty() => RouteKind::Robots,
        FileRole::Manifest if folders.is_empty() => RouteKind::Manifest,
        FileRole::Robots | FileRole::Manifest => return Parsed::Skip,
        FileRole::MetadataFile if folders.is_empty() || !metadata_file_root_only(file_name) => {
            RouteKind::MetadataFile
        }
        FileRole::MetadataFile => return Parsed::Skip,
        FileRole::MetadataImage => RouteKind::MetadataImage,
        FileRole::Page => {
            // Pages are only used to detect page/route conflicts; Next.js
            // reports problems in their paths itself.
            return match url_segments(app_prefix, rel, folders) {
                Ok((segments, _)) => Parsed::Page {
                    file: app_prefix.join(rel),
                    segments,
                },
                Err(_) => Parsed::Skip,
            };
        }
    };
    let file = app_prefix.join(rel);
    let result = url_segments(app_prefix, rel, folders).and_then(|(mut segments, mut dirs)| {
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        match kind {
            RouteKind::Handler => {}
            RouteKind::Sitemap if metadata_ids(&file) => {
                segments.push(Segment::Static("sitemap".to_owned()));
                segments.push(Segment::Dynamic(METADATA_ID.to_owned()));
            }
            RouteKind::Sitemap => segments.push(Segment::Static("sitemap.xml".to_owned())),
            RouteKind::MetadataFile => {
                segments.push(Segment::Static(metadata_file_url(file_name, folders)));
            }
            RouteKind::MetadataImage => {
                let stem = file_name.split('.').next().unwrap_or(file_name);
                segments.push(Segment::Static(metadata_file_url(stem, folders)));
                if metadata_ids(&file) {
                    segments.push(Segment::Dynamic(METADATA_ID.to_owned()));
                }
            }
            RouteKind::Robots => segments.push(Segment::Static("robots.txt".to_owned())),
            RouteKind::Manifest => {
                segments.push(Segment::Static("manifest.webmanifest".to_owned()))
            }
        }
        dirs.resize(segments.len(), dir);
        check_route_shape(&file, &segments, &dirs)?;
        Ok(Candidate {
            file: file.clone(),
            kind,
            segments,
            dirs,
        })
    });
    Parsed::Route { role, file, result }
}

/// The parameter of `generateSitemaps` routes (`<id>.xml`) and `generateImageMetadata`
/// routes (`<id>`): Next.js's name.
pub(crate) const METADATA_ID: &str = "__metadata_id__";

/// The URL name of a metadata file or image. Under a route group or a slot, Next.js appends
/// a hash of the folder path so that `(a)/icon.png` and `(b)/icon.png` do not collide:
/// `icon-1ow0yk.png`, `icon-1ow0yk` for `icon.tsx` (15.5 does this to `sitemap.xml` files
/// too, not to `sitemap.ts`).
fn metadata_file_url(name: &str, folders: &[(Cow<'_, str>, bool)]) -> String {
    let special = folders.iter().any(|(f, _)| {
        (f.starts_with('(') && f.ends_with(')')) || (f.starts_with('@') && f != "@children")
    });
    if !special {
        return name.to_owned();
    }
    let parent: String = folders.iter().fold(String::new(), |mut out, (f, _)| {
        out.push('/');
        out.push_str(f);
        out
    });
    let hash = base36(djb2(&parent));
    let suffix = hash.get(..6).unwrap_or(&hash);
    match name.split_once('.') {
        Some((stem, ext)) => format!("{stem}-{suffix}.{ext}"),
        None => format!("{name}-{suffix}"),
    }
}

/// Next.js's 32-bit djb2 over UTF-16 code units (`shared/lib/hash`).
pub(crate) fn djb2(s: &str) -> u32 {
    s.encode_utf16().fold(5381u32, |h, c| {
        h.wrapping_mul(33).wrapping_add(u32::from(c))
    })
}

/// `n.toString(36)`.
pub(crate) fn base36(mut n: u32) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The URL segments of the folders, and the folder each one came from.
fn url_segments(
    app_prefix: &Path,
    rel: &Path,
    folders: &[(Cow<'_, str>, bool)],
) -> Result<(Vec<Segment>, Vec<PathBuf>), Vec<RouteError>> {
    let mut segments = Vec::new();
    let mut dirs = Vec::new();
    let mut errors = Vec::new();
    let mut dir = app_prefix.to_path_buf();
    for (name, utf8) in folders {
        dir.push(name.as_ref());
        let parsed = if *utf8 {
            parse_folder(name)
        } else {
            Err(SegmentIssue::NotUtf8)
        };
        match parsed {
            Ok(Folder::Url(segment)) => {
                segments.push(segment);
                dirs.push(dir.clone());
            }
            Ok(Folder::Group | Folder::Slot | Folder::Private) => {}
            Err(issue) => errors.push(RouteError::InvalidSegment {
                file: app_prefix.join(rel),
                segment: name.clone().into_owned(),
                issue,
            }),
        }
    }
    if errors.is_empty() {
        Ok((segments, dirs))
    } else {
        Err(errors)
    }
}

/// Catch-alls must come last, and a parameter name may appear only once.
fn check_route_shape(
    file: &Path,
    segments: &[Segment],
    dirs: &[PathBuf],
) -> Result<(), Vec<RouteError>> {
    let mut errors = Vec::new();
    let last = segments.len().saturating_sub(1);
    if let Some((i, segment)) = segments.iter().enumerate().find(|(i, s)| {
        *i < last && matches!(s, Segment::CatchAll(_) | Segment::OptionalCatchAll(_))
    }) {
        errors.push(RouteError::CatchAllPosition {
            file: file.to_path_buf(),
            segment: segment.to_string(),
            dir: dirs.get(i).cloned().unwrap_or_default(),
        });
    }
    let mut seen = HashSet::new();
    for name in segments.iter().filter_map(Segment::param_name) {
        if !seen.insert(name) {
            errors.push(RouteError::DuplicateParam {
                file: file.to_path_buf(),
                name: name.to_owned(),
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// `/items/[slug]`, or `/` for no segments.
pub(crate) fn pattern(segments: &[Segment]) -> String {
    if segments.is_empty() {
        return "/".to_owned();
    }
    segments.iter().fold(String::new(), |mut out, s| {
        out.push('/');
        out.push_str(&s.to_string());
        out
    })
}

/// The URL shape with parameter names erased, to compare pages and routes.
pub(crate) fn shape_key(segments: &[Segment]) -> String {
    let parts: Vec<&str> = segments
        .iter()
        .map(|s| match s {
            Segment::Static(name) => name.as_str(),
            Segment::Dynamic(_) => "[]",
            Segment::CatchAll(_) => "[...]",
            Segment::OptionalCatchAll(_) => "[[...]]",
        })
        .collect();
    parts.join("/")
}
