//! Error stacks as users should read them: positions mapped back through the source maps of
//! the compiled files to the user's own `.ts` lines, paths relative to the project root.

use std::path::Path;

use crate::worker::with_state;

/// Rewrites every `file:line:col` of `stack` that points into a compiled user file.
pub(crate) fn remap(stack: &str, root: &Path) -> String {
    let files = with_state(|s| s.config.cache.snapshot());
    ferroute_compiler::remap_stack(stack, root, &|path: &Path| {
        files
            .iter()
            .find(|(p, _)| p == path)
            .and_then(|(_, f)| f.source_map.get())
    })
}
