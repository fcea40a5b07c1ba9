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
/// what must survive a power cut; only the index mark (which may be lost) skips it.
pub fn write_private(path: &Path, bytes: &[u8], durable: bool) -> io::Result<()> {
    write_private_with(path, durable, |file| file.write_all(bytes))
}

/// [`write_private`] of what `fill` writes, as it writes it (a large export is never held whole in
/// memory). When `fill` fails, the temporary file is removed and `path` is left as it was.
pub fn write_private_with<E: From<io::Error>>(
    path: &Path,
    durable: bool,
    fill: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Result<(), E> {
    // Beside it, under a name of the desk's own (a user's `x.tmp` next to an export is left alone).
    let mut tmp = path.as_os_str().to_os_string();
    tmp.push(".regulars-tmp");
    let tmp = std::path::PathBuf::from(tmp);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&tmp)?;
    let written = write_whole(file, durable, fill);
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return written;
    }
    std::fs::rename(&tmp, path)?;
    if durable {
        sync_dir(folder_of(path))?;
    }
    Ok(())
}

/// Makes the folder `dir` (mode `mode`) with every missing folder above it, and makes each one made durable
/// (its entry in its parent fsynced): a folder made for a new store must not vanish in a power cut after
/// the store's first write was acknowledged. A folder already there is left as it is.
pub fn create_dirs_durably(dir: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    let missing: Vec<&Path> = dir
        .ancestors()
        .take_while(|at| !at.as_os_str().is_empty() && !at.exists())
        .collect();
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(mode)
        .create(dir)?;
    for made in missing {
        sync_dir(folder_of(made))?;
    }
    Ok(())
}

/// Removes the file at `path` and makes its removal durable (a power cut cannot bring it back); a file
/// already gone is fine.
pub fn remove_durably(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => sync_dir(folder_of(path)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Makes a folder's entries durable (a file made, renamed or removed in it survives a power cut).
pub fn sync_dir(folder: &Path) -> io::Result<()> {
    std::fs::File::open(folder)?.sync_all()
}

/// `fill`'s bytes into `file` through a buffer, then flushed and (when `durable`) fsynced.
fn write_whole<E: From<io::Error>>(
    file: std::fs::File,
    durable: bool,
    fill: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Result<(), E> {
    let file = if durable {
        WriteBehind::new(file)
    } else {
        WriteBehind::not_started(file)
    };
    let mut buffered = io::BufWriter::with_capacity(1 << 16, file);
    fill(&mut buffered)?;
    let file = buffered
        .into_inner()
        .map_err(io::IntoInnerError::into_error)?
        .into_file();
    if durable {
        file.sync_all()?;
    }
    Ok(())
}

/// How much of a file is written before the kernel is asked to start putting it on disk.
const WRITE_BEHIND: u64 = 8 << 20;

/// A large file (an export, a backup) that is fsynced once written: after every [`WRITE_BEHIND`] bytes,
/// the kernel is asked to start writing what came so far to disk (`sync_file_range`, which does not wait),
/// so the fsync at the end waits for the last stretch only, not for the whole file: the disk works while
/// the rest is made. It promises nothing by itself; only the fsync makes the file durable, and reports a
/// failure to write (the kernel keeps it for the next fsync).
pub struct WriteBehind {
    file: std::fs::File,
    written: u64,
    /// Where the next stretch to hand the kernel begins; `None`: never hand it any.
    started: Option<u64>,
}

impl WriteBehind {
    pub fn new(file: std::fs::File) -> WriteBehind {
        WriteBehind {
            file,
            written: 0,
            started: Some(0),
        }
    }

    /// A file that is not to be fsynced: written as it is.
    fn not_started(file: std::fs::File) -> WriteBehind {
        WriteBehind {
            file,
            written: 0,
            started: None,
        }
    }

    pub fn into_file(self) -> std::fs::File {
        self.file
    }

    fn start_writeback(&mut self, from: u64) {
        let len = self.written - from;
        #[cfg(test)]
        HANDED.with(|handed| handed.borrow_mut().push((from, len)));
        #[cfg(target_os = "linux")]
        if let (Ok(offset), Ok(len)) = (libc::off64_t::try_from(from), libc::off64_t::try_from(len))
        {
            use std::os::fd::AsRawFd;
            // SAFETY: a plain system call on a descriptor this struct owns; no memory is handed over. Its
            // result is a hint's: a failure to write shows at the fsync.
            unsafe {
                libc::sync_file_range(
                    self.file.as_raw_fd(),
                    offset,
                    len,
                    libc::SYNC_FILE_RANGE_WRITE,
                );
            }
        }
        self.started = Some(self.written);
    }
}

#[cfg(test)]
thread_local! {
    /// The stretches this thread handed to the kernel, as (offset, length): for the tests.
    static HANDED: std::cell::RefCell<Vec<(u64, u64)>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Write for WriteBehind {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if let Some(from) = self.started
            && self.written - from >= WRITE_BEHIND
        {
            self.start_writeback(from);
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// The folder a file is in: `.` for a bare file name (whose parent is the empty path).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// How large the log grows before it is moved aside (to `regulars.log.1`, replacing the one there) when a
/// desk or command opens it: at most about twice this on disk.
pub const LOG_LIMIT: u64 = 1 << 20;

/// The log moved aside, `regulars.log.1` beside `regulars.log`.
pub fn rotated(log: &Path) -> std::path::PathBuf {
    let mut name = log.as_os_str().to_os_string();
    name.push(".1");
    name.into()
}

/// Moves the log at `log` aside when it has grown past [`LOG_LIMIT`].
pub fn rotate_if_large(log: &Path) -> io::Result<()> {
    match std::fs::metadata(log) {
        Ok(meta) if meta.len() > LOG_LIMIT => std::fs::rename(log, rotated(log)),
        _ => Ok(()),
    }
}

/// [`drop_lines_containing`] of the log and of the copy moved aside.
pub fn drop_lines_in_logs(log: &Path, needle: &str) -> io::Result<()> {
    drop_lines_containing(log, needle)?;
    drop_lines_containing(&rotated(log), needle)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A file written durably through the write-behind, in writes of odd sizes, holds every byte in order,
    /// and was handed to the kernel in stretches back to back from its start, each as soon as it was
    /// full (the rest is left to the fsync); a file written without the fsync is never handed over.
    #[test]
    fn a_file_written_behind_holds_what_was_written() {
        const CHUNK: usize = 1_000_003;
        let handed = || HANDED.with(|handed| std::mem::take(&mut *handed.borrow_mut()));
        let dir = tempfile::tempdir().unwrap();
        let whole: Vec<u8> = (0..(3 * WRITE_BEHIND + 12_345))
            .map(|i| (i % 251) as u8)
            .collect();
        let write = |path: &Path, durable: bool| {
            write_private_with(path, durable, |w| -> io::Result<()> {
                for chunk in whole.chunks(CHUNK) {
                    w.write_all(chunk)?;
                }
                Ok(())
            })
            .unwrap();
            assert!(std::fs::read(path).unwrap() == whole, "the file differs");
        };
        handed();
        write(&dir.path().join("export.json"), true);
        let stretches = handed();
        assert!(stretches.len() >= 2, "{stretches:?}");
        let mut at = 0;
        for &(offset, len) in &stretches {
            assert_eq!(offset, at, "{stretches:?}");
            assert!(
                (WRITE_BEHIND..WRITE_BEHIND + CHUNK as u64).contains(&len),
                "{stretches:?}"
            );
            at += len;
        }
        assert!(whole.len() as u64 - at < WRITE_BEHIND + CHUNK as u64);
        write(&dir.path().join("plain"), false);
        assert_eq!(handed(), Vec::new());
    }

    #[test]
    fn a_log_past_its_limit_is_moved_aside_once_and_an_id_leaves_both() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("regulars.log");
        let line = "2026-12-02 INFO visit logged customer=01KBFORGOTTEN\n";
        let big = line.repeat((LOG_LIMIT as usize / line.len()) + 1);
        std::fs::write(&log, &big).unwrap();
        rotate_if_large(&log).unwrap();
        assert!(!log.exists());
        assert_eq!(std::fs::read_to_string(rotated(&log)).unwrap(), big);
        // A small log stays where it is.
        std::fs::write(&log, "2026-12-02 INFO desk opened\n").unwrap();
        rotate_if_large(&log).unwrap();
        assert!(log.exists());
        drop_lines_in_logs(&log, "01KBFORGOTTEN").unwrap();
        assert_eq!(std::fs::read_to_string(rotated(&log)).unwrap(), "");
        assert_eq!(
            std::fs::read_to_string(&log).unwrap(),
            "2026-12-02 INFO desk opened\n"
        );
    }

    #[test]
    fn a_file_whose_filling_fails_leaves_the_old_one_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        write_private(&path, b"the old export\n", true).unwrap();
        let failed = write_private_with(&path, true, |w| {
            w.write_all(&[b'x'; 200_000])?;
            Err(io::Error::other("the store failed half way"))
        });
        assert_eq!(failed.unwrap_err().to_string(), "the store failed half way");
        assert_eq!(std::fs::read(&path).unwrap(), b"the old export\n");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["export.json"]);
    }

    #[test]
    fn a_file_filled_a_piece_at_a_time_is_written_whole_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        write_private_with::<io::Error>(&path, true, |w| {
            for piece in 0..100_000u32 {
                writeln!(w, "{piece}")?;
            }
            Ok(())
        })
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 100_000);
        assert!(text.ends_with("99999\n"));
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
