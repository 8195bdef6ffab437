//! How lane reads and creates files, so that every reader and writer keeps the
//! same promises: only regular files of a sane size are read (a FIFO, a device or
//! a runaway file is a clear refusal, never a hang or gigabytes in memory), and
//! what lane creates is private (0600 files in 0700 dirs) and never written
//! through a symlink onto some other file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use color_eyre::eyre::{Result, WrapErr, bail, eyre};

/// The largest file lane reads unless `LANE_MAX_FILE_MIB` says otherwise: a
/// year of heavy use is a few MiB, so this is far past any real plan.
pub const DEFAULT_MAX_FILE_MIB: u64 = 64;
pub const MAX_FILE_ENV: &str = "LANE_MAX_FILE_MIB";

/// The temp-file prefix of saves in the data dir (lane.toml, archive years);
/// what a killed writer leaves under it is swept at the next open.
pub(super) const TEMP_PREFIX: &str = ".lane.toml.";
pub(super) const TEMP_SUFFIX: &str = ".tmp";

/// The size cap for every file lane reads, in bytes.
pub fn max_file_bytes() -> u64 {
    // Read once a run: every file read asks, and the app reads on each look.
    static CAP: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *CAP.get_or_init(|| {
        std::env::var(MAX_FILE_ENV)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|&mib| mib > 0)
            .unwrap_or(DEFAULT_MAX_FILE_MIB)
            .saturating_mul(1024 * 1024)
    })
}

/// Reads a whole regular file, or `None` when there is none. Anything else in
/// its place (a FIFO, `/dev/zero`, a directory) or a file over the size cap is
/// an error that says so. Symlinks are followed: reading cannot clobber.
pub fn read_file(path: &Path) -> Result<Option<Vec<u8>>> {
    read_capped(path, max_file_bytes())
}

/// `read_file` with its own cap (small files such as a draft).
pub fn read_capped(path: &Path, cap: u64) -> Result<Option<Vec<u8>>> {
    let ctx = || format!("cannot read {}", path.display());
    // Looked at before opening, so a device is never even opened…
    match fs::metadata(path) {
        Ok(meta) => check_readable(path, &meta, cap)?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).wrap_err_with(ctx),
    }
    // …and again once open, since it may have been swapped meanwhile. O_NONBLOCK:
    // opening a FIFO to read waits for a writer; with it the open returns at once.
    let file = match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).wrap_err_with(ctx),
    };
    let meta = file.metadata().wrap_err_with(ctx)?;
    check_readable(path, &meta, cap)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // One byte past the cap tells a file that grew (or whose size lied) from one that fits.
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .wrap_err_with(ctx)?;
    if bytes.len() as u64 > cap {
        return Err(too_big(path, cap));
    }
    Ok(Some(bytes))
}

/// `read_file` for text: not UTF-8 is an error naming the file.
pub fn read_text(path: &Path) -> Result<Option<String>> {
    read_file(path)?
        .map(|bytes| {
            String::from_utf8(bytes)
                .map_err(|_| eyre!("cannot read {}: it is not valid UTF-8 text", path.display()))
        })
        .transpose()
}

/// Refuses a path that holds something other than a regular file (an absent
/// one is fine: it is made at the first save).
pub(super) fn refuse_irregular(path: &Path) -> Result<()> {
    match fs::metadata(path) {
        Ok(meta) => check_readable(path, &meta, u64::MAX),
        Err(_) => Ok(()),
    }
}

fn check_readable(path: &Path, meta: &fs::Metadata, cap: u64) -> Result<()> {
    if !meta.is_file() {
        bail!(
            "cannot read {}: it is {}, not a regular file; lane reads only regular files",
            path.display(),
            what_is(meta.file_type())
        );
    }
    if meta.len() > cap {
        return Err(too_big(path, cap));
    }
    Ok(())
}

fn too_big(path: &Path, cap: u64) -> color_eyre::Report {
    eyre!(
        "cannot read {}: it is larger than {} MiB, more than any lane file should hold \
         (set {MAX_FILE_ENV} to raise the limit)",
        path.display(),
        cap / (1024 * 1024)
    )
}

/// A file type in words, for refusals.
fn what_is(t: fs::FileType) -> &'static str {
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_symlink() {
        "a symlink"
    } else {
        "not a regular file"
    }
}

/// Temp file beside `path` (created exclusively, 0600), fsync, rename over
/// `path`, fsync the directory. The rename replaces whatever name was there — a
/// symlink included — and never writes through it.
///
/// lane's own files are held to the cap they are read with before they are
/// written: a file lane would refuse to read back is never written.
pub(super) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let cap = max_file_bytes();
    if bytes.len() as u64 > cap {
        bail!(
            "{} was not written: it would be larger than {} MiB, more than lane reads back \
             (set {MAX_FILE_ENV} to raise the limit); nothing was changed",
            path.display(),
            cap / (1024 * 1024)
        );
    }
    write_atomic_as(path, bytes, TEMP_PREFIX)
}

fn write_atomic_as(path: &Path, bytes: &[u8], prefix: &str) -> Result<()> {
    renamed_into_place(path, bytes, prefix, true)
}

/// A copy lane can make again (the parsed copy, the status bar's): a temp
/// file beside `path`, renamed over it, not synced — one lost or torn by a
/// crash reads as no copy, and a save need not wait for it.
pub(super) fn write_unsynced(path: &Path, bytes: &[u8]) -> Result<()> {
    renamed_into_place(path, bytes, TEMP_PREFIX, false)
}

/// Temp file beside `path` (exclusive, 0600), renamed over it; with `synced`
/// the file is fsynced before the rename and its directory after.
fn renamed_into_place(path: &Path, bytes: &[u8], prefix: &str, synced: bool) -> Result<()> {
    let ctx = || format!("cannot save {}", path.display());
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(prefix)
        .suffix(TEMP_SUFFIX)
        .permissions(fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)
        .wrap_err_with(ctx)?;
    tmp.write_all(bytes).wrap_err_with(ctx)?;
    if synced {
        tmp.as_file().sync_all().wrap_err_with(ctx)?;
    }
    tmp.persist(path)
        .map_err(|e| eyre!(e.error))
        .wrap_err_with(ctx)?;
    if synced {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .wrap_err_with(ctx)?;
    }
    Ok(())
}

/// Writes a file lane makes for the user (a report, `--out FILE`) privately and
/// whole. A symlink or anything but a regular file at `path` is refused with a
/// message, not written through: it may point at any other file.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = fs::read_link(path)
                .map(|t| format!(" (to {})", t.display()))
                .unwrap_or_default();
            bail!(
                "{} is a symlink{target}; lane does not write through symlinks — \
                 remove it or give another path",
                path.display()
            )
        }
        Ok(meta) if !meta.is_file() => bail!(
            "{} is {}; lane writes only regular files",
            path.display(),
            what_is(meta.file_type())
        ),
        _ => {}
    }
    // A rename would still replace a symlink slipped in after the look above
    // rather than follow it.
    write_atomic_as(path, bytes, ".lane-out.")
}

/// Creates `path` exclusively (never over an existing name, never through a
/// symlink), 0600, and writes and syncs `bytes`; a partial file is removed, so
/// a file that exists afterwards holds all of them. The io error is kept whole
/// (callers retry another name on `AlreadyExists`).
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)?;
    let written = f.write_all(bytes).and_then(|()| f.sync_all());
    if let Err(e) = written {
        drop(f);
        let _ = fs::remove_file(path);
        return Err(e);
    }
    // The name itself reaches the disk with the directory; best effort, as the
    // bytes already have (some filesystems refuse to sync a directory).
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}

/// `create_new` with the path in the error; for backups, drafts and rescues.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    create_new(path, bytes).wrap_err_with(|| format!("cannot write {}", path.display()))
}

/// Opens (creating, 0600) the lock file, refusing a symlink or anything but a
/// regular file there: taking the lock writes our pid into it.
pub(super) fn open_lock(path: &Path) -> Result<File> {
    let opened = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path);
    let file = match opened {
        Ok(f) => f,
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => bail!(
            "{} is a symlink; lane does not write through symlinks — remove it \
             (lane makes a new lock file) and try again",
            path.display()
        ),
        Err(e) => {
            return Err(e)
                .wrap_err_with(|| format!("cannot open the lock file {}", path.display()));
        }
    };
    let meta = file
        .metadata()
        .wrap_err_with(|| format!("cannot open the lock file {}", path.display()))?;
    if !meta.is_file() {
        bail!(
            "the lock file {} is {}; remove it and try again",
            path.display(),
            what_is(meta.file_type())
        );
    }
    Ok(file)
}

/// Creates a directory lane owns (and any missing parents) as 0700; one that
/// exists is left as the user made it.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .wrap_err_with(|| format!("cannot create the directory {}", dir.display()))
}

/// A folder lane keeps inside the data dir (`archive/`, `reports/`,
/// `backups/`): created private when missing, and refused when it is a symlink
/// — one a synced remote planted could send lane's reads and writes anywhere.
/// The data dir itself may be a link (the user's own choice of where it lives).
pub fn own_dir(dir: &Path) -> Result<()> {
    refuse_linked_dir(dir)?;
    create_private_dir(dir)
}

/// `own_dir` for reading: a symlink is refused, an absent folder is fine.
pub fn refuse_linked_dir(dir: &Path) -> Result<()> {
    if fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        let target = fs::read_link(dir)
            .map(|t| format!(" (to {})", t.display()))
            .unwrap_or_default();
        bail!(
            "{} is a symlink{target}; lane does not read or write through symlinks inside its \
             data dir — remove the link (or make it a real folder) and try again",
            dir.display()
        );
    }
    Ok(())
}

/// Why `dir` is not private, when others may read it (for `lane check`).
pub fn exposure(dir: &Path) -> Option<String> {
    let mode = fs::metadata(dir).ok()?.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then(|| {
        format!(
            "{} can be read by others (mode {mode:03o}); `chmod 700 {}` keeps your plan private",
            dir.display(),
            dir.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn only_regular_files_within_the_cap_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        assert!(read_file(&file).unwrap().is_none(), "absent is no file");
        fs::write(&file, b"12345").unwrap();
        assert_eq!(read_capped(&file, 5).unwrap().unwrap(), b"12345");
        let err = format!("{:#}", read_capped(&file, 4).unwrap_err());
        assert!(err.contains("larger than"), "{err}");
        let err = format!("{:#}", read_file(dir.path()).unwrap_err());
        assert!(err.contains("a directory, not a regular file"), "{err}");
        let err = format!("{:#}", read_file(Path::new("/dev/zero")).unwrap_err());
        assert!(err.contains("a device"), "{err}");
        // A symlink to a regular file is read; one to a device is refused.
        let link = dir.path().join("link");
        symlink(&file, &link).unwrap();
        assert_eq!(read_file(&link).unwrap().unwrap(), b"12345");
        let zero = dir.path().join("zero");
        symlink("/dev/zero", &zero).unwrap();
        assert!(read_file(&zero).is_err());
    }

    #[test]
    fn a_fifo_is_refused_at_once_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = format!("{:#}", read_file(&fifo).unwrap_err());
        assert!(err.contains("named pipe"), "{err}");
    }

    #[test]
    fn create_new_never_replaces_or_follows_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        fs::write(&target, "precious").unwrap();
        let link = dir.path().join("link");
        symlink(&target, &link).unwrap();
        let e = create_new(&link, b"x").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&target).unwrap(), "precious");
        let e = create_new(&target, b"x").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        let new = dir.path().join("new");
        create_new(&new, b"kept").unwrap();
        assert_eq!(fs::read_to_string(&new).unwrap(), "kept");
        assert_eq!(
            fs::metadata(&new).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn write_private_refuses_symlinks_and_writes_0600() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        fs::write(&target, "precious").unwrap();
        let link = dir.path().join("report.md");
        symlink(&target, &link).unwrap();
        let err = format!("{:#}", write_private(&link, b"report").unwrap_err());
        assert!(err.contains("does not write through symlinks"), "{err}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "precious");
        let err = format!("{:#}", write_private(dir.path(), b"report").unwrap_err());
        assert!(err.contains("a directory"), "{err}");
        let out = dir.path().join("out.md");
        fs::write(&out, "old").unwrap();
        fs::set_permissions(&out, fs::Permissions::from_mode(0o644)).unwrap();
        write_private(&out, b"new").unwrap();
        assert_eq!(fs::read_to_string(&out).unwrap(), "new");
        assert_eq!(
            fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn the_lock_file_is_never_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        fs::write(&target, "precious").unwrap();
        let lock = dir.path().join("lane.lock");
        symlink(&target, &lock).unwrap();
        let err = format!("{:#}", open_lock(&lock).unwrap_err());
        assert!(err.contains("is a symlink"), "{err}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "precious");
        fs::remove_file(&lock).unwrap();
        fs::create_dir(&lock).unwrap();
        assert!(open_lock(&lock).is_err());
    }

    #[test]
    fn a_private_dir_is_0700_and_an_open_one_is_named() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("a/b");
        create_private_dir(&dir).unwrap();
        assert_eq!(
            fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
            0o700
        );
        assert!(exposure(&dir).is_none());
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        assert!(exposure(&dir).unwrap().contains("mode 755"));
    }
}
