//! A filesystem in memory, mounted through FUSE, that forgets on a power cut everything that was not made
//! durable, as strictly as POSIX allows a disk to:
//! - a file's bytes and size are durable once the file is fsynced (`fsync` or `fdatasync`);
//! - a folder's entries (files made, renamed, removed in it) are durable once the folder is fsynced;
//!   a file fsynced in a folder that never was is lost with its name.
//!
//! [`Disk::cut`] throws everything else away, as a machine losing power would; the store is then opened
//! again on a fresh mount (the kernel's caches of the old one are gone with it, as after a reboot).
//! Everything is answered with no caching by the kernel (zero time to live), so every read and write
//! reaches this code.

use std::collections::{BTreeMap, HashMap};
use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use fuser::{
    BackgroundSession, Config, Errno, FileAttr, FileHandle, FileType, Filesystem, FopenFlags,
    Generation, INodeNo, LockOwner, MountOption, OpenFlags, RenameFlags, ReplyAttr, ReplyCreate,
    ReplyData, ReplyDirectory, ReplyEmpty, ReplyEntry, ReplyOpen, ReplyStatfs, ReplyWrite, Request,
    TimeOrNow, WriteFlags,
};

/// The kernel keeps nothing: every lookup and attribute is asked again.
const NO_CACHE: Duration = Duration::ZERO;

#[derive(Debug, Clone)]
enum Body {
    File {
        live: Vec<u8>,
        durable: Vec<u8>,
    },
    Dir {
        live: BTreeMap<OsString, u64>,
        durable: BTreeMap<OsString, u64>,
    },
}

#[derive(Debug, Clone)]
struct Node {
    body: Body,
    perm: u16,
    uid: u32,
    gid: u32,
}

/// What the disk holds, live and durable. Shared by the mounted filesystem and the test.
#[derive(Debug)]
pub struct Disk {
    nodes: HashMap<u64, Node>,
    next: u64,
    /// fsyncs of files and folders so far (a test checks the store does sync through the mount).
    pub syncs: u64,
    /// The file whose n-th write stops the disk (see [`Disk::stop_at_write`]).
    watched: Option<Watch>,
    /// Stopped: the power is as good as gone, nothing more becomes durable (fsyncs are answered, but
    /// keep nothing), until the cut.
    stopped: bool,
}

#[derive(Debug)]
struct Watch {
    file: Watched,
    writes_left: usize,
    tell: Sender<()>,
}

/// The file whose writes are counted: by its inode, or by a name it has in any folder (a file made anew
/// for each write, as a temporary file is).
#[derive(Debug)]
enum Watched {
    Ino(u64),
    Named(OsString),
}

impl Disk {
    /// An empty disk: a root folder, durable.
    pub fn new() -> Arc<Mutex<Disk>> {
        let root = Node {
            body: Body::Dir {
                live: BTreeMap::new(),
                durable: BTreeMap::new(),
            },
            perm: 0o755,
            uid: 0,
            gid: 0,
        };
        Arc::new(Mutex::new(Disk {
            nodes: HashMap::from([(INodeNo::ROOT.0, root)]),
            next: INodeNo::ROOT.0 + 1,
            syncs: 0,
            watched: None,
            stopped: false,
        }))
    }

    /// The power cut: every file and folder goes back to what was last made durable, and whatever no
    /// durable folder names is gone.
    pub fn cut(&mut self) {
        self.watched = None;
        self.stopped = false;
        for node in self.nodes.values_mut() {
            match &mut node.body {
                Body::File { live, durable } => live.clone_from(durable),
                Body::Dir { live, durable } => live.clone_from(durable),
            }
        }
        let mut reachable = vec![INodeNo::ROOT.0];
        let mut seen = std::collections::HashSet::new();
        while let Some(ino) = reachable.pop() {
            if !seen.insert(ino) {
                continue;
            }
            if let Some(Node {
                body: Body::Dir { live, .. },
                ..
            }) = self.nodes.get(&ino)
            {
                reachable.extend(live.values().copied());
            }
        }
        self.nodes.retain(|ino, _| seen.contains(ino));
    }

    /// Every durable file's path (from the mount's root) with its durable bytes.
    pub fn durable_files(&self) -> Vec<(String, Vec<u8>)> {
        let mut found = Vec::new();
        let mut todo = vec![(String::new(), INodeNo::ROOT.0)];
        while let Some((path, ino)) = todo.pop() {
            match self.nodes.get(&ino).map(|n| &n.body) {
                Some(Body::Dir { durable, .. }) => {
                    for (name, child) in durable {
                        todo.push((format!("{path}/{}", name.to_string_lossy()), *child));
                    }
                }
                Some(Body::File { durable, .. }) => found.push((path, durable.clone())),
                None => {}
            }
        }
        found
    }

    /// The power goes at the moment of the `writes`-th write to the file `ino` (where a command prints its
    /// acknowledgements): from then on nothing more becomes durable, whatever is fsynced, so the cut keeps
    /// exactly what was durable when the acknowledgement was printed. The receiver hears when it happens.
    pub fn stop_at_write(&mut self, ino: u64, writes: usize) -> Receiver<()> {
        self.stop_at(Watched::Ino(ino), writes)
    }

    /// The power goes at the moment of the next write to a file named `name` (in any folder): in the
    /// middle of whatever was writing it.
    pub fn stop_at_write_to(&mut self, name: &str) -> Receiver<()> {
        self.stop_at(Watched::Named(name.into()), 1)
    }

    fn stop_at(&mut self, file: Watched, writes: usize) -> Receiver<()> {
        let (tell, heard) = std::sync::mpsc::channel();
        self.watched = Some(Watch {
            file,
            writes_left: writes,
            tell,
        });
        heard
    }

    /// The power goes now: nothing more becomes durable until the cut.
    pub fn stop(&mut self) {
        self.stopped = true;
    }

    /// A write to `ino` has been applied: the disk stops if it was the watched one's last.
    fn wrote(&mut self, ino: u64) {
        let is_watched = |watch: &Watch| match &watch.file {
            Watched::Ino(watched) => *watched == ino,
            Watched::Named(name) => self.nodes.values().any(
                |node| matches!(&node.body, Body::Dir { live, .. } if live.get(name) == Some(&ino)),
            ),
        };
        if !self.watched.as_ref().is_some_and(is_watched) {
            return;
        }
        let Some(watch) = self.watched.as_mut() else {
            return;
        };
        watch.writes_left = watch.writes_left.saturating_sub(1);
        if watch.writes_left == 0 {
            self.stopped = true;
            let _ = watch.tell.send(());
            self.watched = None;
        }
    }

    fn node(&self, ino: INodeNo) -> Result<&Node, Errno> {
        self.nodes.get(&ino.0).ok_or(Errno::ENOENT)
    }

    fn node_mut(&mut self, ino: INodeNo) -> Result<&mut Node, Errno> {
        self.nodes.get_mut(&ino.0).ok_or(Errno::ENOENT)
    }

    fn entries(&self, ino: INodeNo) -> Result<&BTreeMap<OsString, u64>, Errno> {
        match &self.node(ino)?.body {
            Body::Dir { live, .. } => Ok(live),
            Body::File { .. } => Err(Errno::ENOTDIR),
        }
    }

    fn entries_mut(&mut self, ino: INodeNo) -> Result<&mut BTreeMap<OsString, u64>, Errno> {
        match &mut self.node_mut(ino)?.body {
            Body::Dir { live, .. } => Ok(live),
            Body::File { .. } => Err(Errno::ENOTDIR),
        }
    }

    fn child(&self, parent: INodeNo, name: &OsStr) -> Result<u64, Errno> {
        self.entries(parent)?
            .get(name)
            .copied()
            .ok_or(Errno::ENOENT)
    }

    fn attr(&self, ino: INodeNo) -> Result<FileAttr, Errno> {
        let node = self.node(ino)?;
        let (kind, size) = match &node.body {
            Body::File { live, .. } => (FileType::RegularFile, live.len() as u64),
            Body::Dir { live, .. } => (FileType::Directory, live.len() as u64),
        };
        let epoch = SystemTime::UNIX_EPOCH;
        Ok(FileAttr {
            ino,
            size,
            blocks: size.div_ceil(512),
            atime: epoch,
            mtime: epoch,
            ctime: epoch,
            crtime: epoch,
            kind,
            perm: node.perm,
            nlink: if kind == FileType::Directory { 2 } else { 1 },
            uid: node.uid,
            gid: node.gid,
            rdev: 0,
            blksize: 4096,
            flags: 0,
        })
    }

    /// A new node named `name` in `parent`: live only, until `parent` is fsynced.
    fn make(
        &mut self,
        parent: INodeNo,
        name: &OsStr,
        body: Body,
        perm: u32,
        owner: Owner,
    ) -> Result<FileAttr, Errno> {
        if self.entries(parent)?.contains_key(name) {
            return Err(Errno::EEXIST);
        }
        let ino = self.next;
        self.next += 1;
        self.nodes.insert(
            ino,
            Node {
                body,
                perm: (perm & 0o7777) as u16,
                uid: owner.uid,
                gid: owner.gid,
            },
        );
        self.entries_mut(parent)?.insert(name.to_os_string(), ino);
        self.attr(INodeNo(ino))
    }

    fn is_empty_dir(&self, ino: u64) -> bool {
        matches!(self.nodes.get(&ino).map(|n| &n.body), Some(Body::Dir { live, .. }) if live.is_empty())
    }

    fn sync(&mut self, ino: INodeNo) -> Result<(), Errno> {
        if self.stopped {
            return self.node(ino).map(|_| ());
        }
        self.syncs += 1;
        match &mut self.node_mut(ino)?.body {
            Body::File { live, durable } => durable.clone_from(live),
            Body::Dir { live, durable } => durable.clone_from(live),
        }
        Ok(())
    }
}

/// Who a new file or folder belongs to: whoever made it.
struct Owner {
    uid: u32,
    gid: u32,
}

impl Owner {
    fn of(req: &Request) -> Owner {
        Owner {
            uid: req.uid(),
            gid: req.gid(),
        }
    }
}

/// The mounted side: each request of the kernel applied to the shared [`Disk`].
struct CutFs(Arc<Mutex<Disk>>);

impl CutFs {
    fn disk(&self) -> MutexGuard<'_, Disk> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn new_file() -> Body {
    Body::File {
        live: Vec::new(),
        durable: Vec::new(),
    }
}

fn new_dir() -> Body {
    Body::Dir {
        live: BTreeMap::new(),
        durable: BTreeMap::new(),
    }
}

impl Filesystem for CutFs {
    fn lookup(&self, _req: &Request, parent: INodeNo, name: &OsStr, reply: ReplyEntry) {
        let disk = self.disk();
        match disk
            .child(parent, name)
            .and_then(|ino| disk.attr(INodeNo(ino)))
        {
            Ok(attr) => reply.entry(&NO_CACHE, &attr, Generation(0)),
            Err(e) => reply.error(e),
        }
    }

    fn getattr(&self, _req: &Request, ino: INodeNo, _fh: Option<FileHandle>, reply: ReplyAttr) {
        match self.disk().attr(ino) {
            Ok(attr) => reply.attr(&NO_CACHE, &attr),
            Err(e) => reply.error(e),
        }
    }

    fn setattr(
        &self,
        _req: &Request,
        ino: INodeNo,
        mode: Option<u32>,
        uid: Option<u32>,
        gid: Option<u32>,
        size: Option<u64>,
        _atime: Option<TimeOrNow>,
        _mtime: Option<TimeOrNow>,
        _ctime: Option<SystemTime>,
        _fh: Option<FileHandle>,
        _crtime: Option<SystemTime>,
        _chgtime: Option<SystemTime>,
        _bkuptime: Option<SystemTime>,
        _flags: Option<fuser::BsdFileFlags>,
        reply: ReplyAttr,
    ) {
        let mut disk = self.disk();
        let changed = disk.node_mut(ino).and_then(|node| {
            if let Some(mode) = mode {
                node.perm = (mode & 0o7777) as u16;
            }
            if let Some(uid) = uid {
                node.uid = uid;
            }
            if let Some(gid) = gid {
                node.gid = gid;
            }
            match (&mut node.body, size) {
                (Body::File { live, .. }, Some(size)) => {
                    live.resize(usize::try_from(size).map_err(|_| Errno::EFBIG)?, 0);
                }
                (Body::Dir { .. }, Some(_)) => return Err(Errno::EISDIR),
                _ => {}
            }
            Ok(())
        });
        match changed.and_then(|()| disk.attr(ino)) {
            Ok(attr) => reply.attr(&NO_CACHE, &attr),
            Err(e) => reply.error(e),
        }
    }

    fn mkdir(
        &self,
        req: &Request,
        parent: INodeNo,
        name: &OsStr,
        mode: u32,
        umask: u32,
        reply: ReplyEntry,
    ) {
        let owner = Owner::of(req);
        match self
            .disk()
            .make(parent, name, new_dir(), mode & !umask, owner)
        {
            Ok(attr) => reply.entry(&NO_CACHE, &attr, Generation(0)),
            Err(e) => reply.error(e),
        }
    }

    fn create(
        &self,
        req: &Request,
        parent: INodeNo,
        name: &OsStr,
        mode: u32,
        umask: u32,
        flags: i32,
        reply: ReplyCreate,
    ) {
        let owner = Owner::of(req);
        let mut disk = self.disk();
        let made = match disk.child(parent, name) {
            Ok(_) if flags & libc::O_EXCL != 0 => Err(Errno::EEXIST),
            Ok(ino) => {
                if let Ok(Node {
                    body: Body::File { live, .. },
                    ..
                }) = disk.node_mut(INodeNo(ino))
                    && flags & libc::O_TRUNC != 0
                {
                    live.clear();
                }
                disk.attr(INodeNo(ino))
            }
            Err(_) => disk.make(parent, name, new_file(), mode & !umask, owner),
        };
        match made {
            Ok(attr) => reply.created(
                &NO_CACHE,
                &attr,
                Generation(0),
                FileHandle(0),
                FopenFlags::empty(),
            ),
            Err(e) => reply.error(e),
        }
    }

    fn unlink(&self, _req: &Request, parent: INodeNo, name: &OsStr, reply: ReplyEmpty) {
        let mut disk = self.disk();
        let removed = disk.child(parent, name).and_then(|ino| {
            if matches!(disk.node(INodeNo(ino))?.body, Body::Dir { .. }) {
                return Err(Errno::EISDIR);
            }
            disk.entries_mut(parent)?.remove(name);
            Ok(())
        });
        match removed {
            Ok(()) => reply.ok(),
            Err(e) => reply.error(e),
        }
    }

    fn rmdir(&self, _req: &Request, parent: INodeNo, name: &OsStr, reply: ReplyEmpty) {
        let mut disk = self.disk();
        let removed = disk.child(parent, name).and_then(|ino| {
            match disk.node(INodeNo(ino))?.body {
                Body::File { .. } => return Err(Errno::ENOTDIR),
                Body::Dir { .. } if !disk.is_empty_dir(ino) => return Err(Errno::ENOTEMPTY),
                Body::Dir { .. } => {}
            }
            disk.entries_mut(parent)?.remove(name);
            Ok(())
        });
        match removed {
            Ok(()) => reply.ok(),
            Err(e) => reply.error(e),
        }
    }

    fn rename(
        &self,
        _req: &Request,
        parent: INodeNo,
        name: &OsStr,
        newparent: INodeNo,
        newname: &OsStr,
        flags: RenameFlags,
        reply: ReplyEmpty,
    ) {
        let mut disk = self.disk();
        let renamed = (|| {
            if !(flags - RenameFlags::RENAME_NOREPLACE).is_empty() {
                return Err(Errno::EINVAL);
            }
            let ino = disk.child(parent, name)?;
            if let Ok(there) = disk.child(newparent, newname) {
                if flags.contains(RenameFlags::RENAME_NOREPLACE) {
                    return Err(Errno::EEXIST);
                }
                let moving_dir = matches!(disk.node(INodeNo(ino))?.body, Body::Dir { .. });
                match disk.node(INodeNo(there))?.body {
                    Body::Dir { .. } if !moving_dir => return Err(Errno::EISDIR),
                    Body::Dir { .. } if !disk.is_empty_dir(there) => return Err(Errno::ENOTEMPTY),
                    Body::File { .. } if moving_dir => return Err(Errno::ENOTDIR),
                    _ => {}
                }
            }
            disk.entries_mut(parent)?.remove(name);
            disk.entries_mut(newparent)?
                .insert(newname.to_os_string(), ino);
            Ok(())
        })();
        match renamed {
            Ok(()) => reply.ok(),
            Err(e) => reply.error(e),
        }
    }

    fn open(&self, _req: &Request, ino: INodeNo, _flags: OpenFlags, reply: ReplyOpen) {
        match self.disk().node(ino) {
            Ok(_) => reply.opened(FileHandle(0), FopenFlags::empty()),
            Err(e) => reply.error(e),
        }
    }

    fn read(
        &self,
        _req: &Request,
        ino: INodeNo,
        _fh: FileHandle,
        offset: u64,
        size: u32,
        _flags: OpenFlags,
        _lock_owner: Option<LockOwner>,
        reply: ReplyData,
    ) {
        let disk = self.disk();
        match disk.node(ino).map(|n| &n.body) {
            Ok(Body::File { live, .. }) => {
                let start = usize::try_from(offset)
                    .unwrap_or(usize::MAX)
                    .min(live.len());
                let end = start.saturating_add(size as usize).min(live.len());
                reply.data(&live[start..end]);
            }
            Ok(Body::Dir { .. }) => reply.error(Errno::EISDIR),
            Err(e) => reply.error(e),
        }
    }

    fn write(
        &self,
        _req: &Request,
        ino: INodeNo,
        _fh: FileHandle,
        offset: u64,
        data: &[u8],
        _write_flags: WriteFlags,
        _flags: OpenFlags,
        _lock_owner: Option<LockOwner>,
        reply: ReplyWrite,
    ) {
        let mut disk = self.disk();
        match disk.node_mut(ino).map(|n| &mut n.body) {
            Ok(Body::File { live, .. }) => {
                let Ok(start) = usize::try_from(offset) else {
                    return reply.error(Errno::EFBIG);
                };
                let end = start + data.len();
                if live.len() < end {
                    live.resize(end, 0);
                }
                live[start..end].copy_from_slice(data);
                disk.wrote(ino.0);
                reply.written(data.len() as u32);
            }
            Ok(Body::Dir { .. }) => reply.error(Errno::EISDIR),
            Err(e) => reply.error(e),
        }
    }

    fn flush(
        &self,
        _req: &Request,
        _ino: INodeNo,
        _fh: FileHandle,
        _owner: LockOwner,
        reply: ReplyEmpty,
    ) {
        reply.ok();
    }

    fn fsync(
        &self,
        _req: &Request,
        ino: INodeNo,
        _fh: FileHandle,
        _datasync: bool,
        reply: ReplyEmpty,
    ) {
        match self.disk().sync(ino) {
            Ok(()) => reply.ok(),
            Err(e) => reply.error(e),
        }
    }

    fn opendir(&self, _req: &Request, ino: INodeNo, _flags: OpenFlags, reply: ReplyOpen) {
        match self.disk().entries(ino) {
            Ok(_) => reply.opened(FileHandle(0), FopenFlags::empty()),
            Err(e) => reply.error(e),
        }
    }

    fn readdir(
        &self,
        _req: &Request,
        ino: INodeNo,
        _fh: FileHandle,
        offset: u64,
        mut reply: ReplyDirectory,
    ) {
        let disk = self.disk();
        let entries = match disk.entries(ino) {
            Ok(entries) => entries,
            Err(e) => return reply.error(e),
        };
        let dots = [
            (OsString::from("."), ino.0, FileType::Directory),
            (OsString::from(".."), ino.0, FileType::Directory),
        ];
        let children = entries.iter().map(|(name, child)| {
            let kind = match disk.nodes.get(child).map(|n| &n.body) {
                Some(Body::Dir { .. }) => FileType::Directory,
                _ => FileType::RegularFile,
            };
            (name.clone(), *child, kind)
        });
        for (i, (name, child, kind)) in dots
            .into_iter()
            .chain(children)
            .enumerate()
            .skip(offset as usize)
        {
            if reply.add(INodeNo(child), i as u64 + 1, kind, &name) {
                break;
            }
        }
        reply.ok();
    }

    fn fsyncdir(
        &self,
        _req: &Request,
        ino: INodeNo,
        _fh: FileHandle,
        _datasync: bool,
        reply: ReplyEmpty,
    ) {
        match self.disk().sync(ino) {
            Ok(()) => reply.ok(),
            Err(e) => reply.error(e),
        }
    }

    fn statfs(&self, _req: &Request, _ino: INodeNo, reply: ReplyStatfs) {
        // A roomy disk: 4 GiB in 4 KiB blocks, almost all free.
        reply.statfs(1 << 20, 1 << 20, 1 << 20, 1 << 20, 1 << 20, 4096, 255, 4096);
    }
}

/// The disk mounted at a folder, until [`Mounted::unmount`].
pub struct Mounted {
    session: BackgroundSession,
    at: std::path::PathBuf,
}

impl Mounted {
    /// Unmounts the disk, for certain, and waits for its session to end: nothing can reach the disk
    /// through this mount afterwards. A file of it still open (sled's threads finishing a store just
    /// closed) keeps it busy for a moment: unmounting is tried again until then, for 20 s at most.
    pub fn unmount(self) {
        let path = std::ffi::CString::new(self.at.as_os_str().as_encoded_bytes()).unwrap();
        let started = std::time::Instant::now();
        loop {
            if unsafe { libc::umount(path.as_ptr()) } == 0 {
                break;
            }
            let error = std::io::Error::last_os_error();
            assert_eq!(
                error.raw_os_error(),
                Some(libc::EBUSY),
                "cannot unmount {}: {error}",
                self.at.display()
            );
            assert!(
                started.elapsed() < std::time::Duration::from_secs(20),
                "{} stayed busy",
                self.at.display()
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        // The session sees the mount gone and ends (its own unmount on the way finds nothing to do).
        // The kernel tells it so by ENODEV, which fuser takes for a clean end, or, now and then (seen once
        // in CI, after an unmount that had succeeded), by ECONNABORTED, which fuser hands on as an error:
        // either way the connection is over and nothing reaches the disk any more, which is all this waits
        // for. Any other error is the filesystem's own and fails the test.
        if let Err(error) = self.session.join() {
            assert_eq!(
                error.raw_os_error(),
                Some(libc::ECONNABORTED),
                "the power-cut filesystem ended badly: {error}"
            );
        }
    }

    /// Unmounts the disk as soon as nothing uses it, without waiting (a failing test's way out: no mount
    /// is left behind it).
    pub fn detach(self) {
        let path = std::ffi::CString::new(self.at.as_os_str().as_encoded_bytes()).unwrap();
        unsafe { libc::umount2(path.as_ptr(), libc::MNT_DETACH) };
    }
}

/// Mounts `disk` at `at` (an empty folder). Needs `/dev/fuse` and the right to mount (root).
pub fn mount(disk: &Arc<Mutex<Disk>>, at: &Path) -> std::io::Result<Mounted> {
    let mut config = Config::default();
    config.mount_options = vec![
        MountOption::FSName("regulars-power-cut".into()),
        MountOption::RW,
    ];
    let session = fuser::spawn_mount(CutFs(Arc::clone(disk)), at, &config)?;
    Ok(Mounted {
        session,
        at: at.to_path_buf(),
    })
}
