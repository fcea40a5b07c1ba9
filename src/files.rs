//! The desk's own small files beside the store (the saved search index, drafts): written whole or not at
//! all, readable by the owner only.

use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// The file at `path`, mapped into memory rather than read into a buffer: for the saved search index, which
/// is parsed once and dropped (a fresh buffer of its size costs more to allocate and zero than to parse).
///
/// Mapping is safe here because these files are never changed in place: [`write_private`] writes a new
/// file and renames it over the old one, and a mapping keeps the old one alive. Only something outside
/// the desk truncating the file while it is read could hurt (the process would stop on SIGBUS).
pub fn map(path: &Path) -> io::Result<memmap2::Mmap> {
    let file = std::fs::File::open(path)?;
    // SAFETY: see above; the mapping is read-only and lives only while the file is parsed.
    unsafe { memmap2::MmapOptions::new().populate().map(&file) }
}

/// Replaces `path` with `bytes`: written to a temporary file (mode 0600) and renamed over it, so a reader
/// sees the old file or the new one, never half of one. `durable` also fsyncs the file and its folder, for
/// what must survive a power cut; drafts skip it so a keystroke never waits for the disk.
pub fn write_private(path: &Path, bytes: &[u8], durable: bool) -> io::Result<()> {
    // Beside it, under a name of the desk's own (a user's `x.tmp` next to an export is left alone).
    let mut tmp = path.as_os_str().to_os_string();
    tmp.push(".regulars-tmp");
    let tmp = std::path::PathBuf::from(tmp);
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
    if durable {
        std::fs::File::open(folder_of(path))?.sync_all()?;
    }
    Ok(())
}

/// The folder a file is in: `.` for a bare file name (whose parent is the empty path).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Removes from the text file at `path`, in place, every line that holds `needle` (the log after a customer
/// is forgotten: it names ids, never people, but their id goes too). In place rather than by a rename,
/// because a desk may be appending to the same file through a handle it keeps open. A missing file is fine.
pub fn drop_lines_containing(path: &Path, needle: &str) -> io::Result<()> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if !text.contains(needle) {
        return Ok(());
    }
    let kept: String = text
        .split_inclusive('\n')
        .filter(|line| !line.contains(needle))
        .collect();
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    file.set_len(0)?;
    file.write_all(kept.as_bytes())?;
    file.sync_all()
}
