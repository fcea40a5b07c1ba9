//! The desk's own small files beside the store (the saved search index, drafts): written whole or not at
//! all, readable by the owner only.

use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Replaces `path` with `bytes`: written to a temporary file (mode 0600) and renamed over it, so a reader
/// sees the old file or the new one, never half of one. `durable` also fsyncs the file and its folder, for
/// what must survive a power cut; drafts skip it so a keystroke never waits for the disk.
pub fn write_private(path: &Path, bytes: &[u8], durable: bool) -> io::Result<()> {
    let tmp = path.with_extension("tmp");
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&tmp)?;
    file.write_all(bytes)?;
    if durable {
        file.sync_all()?;
    }
    drop(file);
    std::fs::rename(&tmp, path)?;
    if durable && let Some(dir) = path.parent() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}
