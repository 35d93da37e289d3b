//! The native fs binding `globalThis.__minijs_fs` that `stdlib/js/fs.js`
//! is written over (its interface is documented at the top of that file).
//!
//! Every operation is parsed from its JavaScript arguments on the
//! interpreter thread into an [`Op`] (plain Rust data), performed by
//! [`perform`] — at once for `<op>Sync`, on the event loop's thread pool
//! for `<op>(..., callback)` — and its [`Output`] turned back into
//! JavaScript values on the interpreter thread (the callback runs in the
//! poll phase). Errors are records `{ code, errno, syscall, path?, dest?,
//! description }` that fs.js turns into Node's errors.
//!
//! File descriptors are the operating system's; the binding keeps the open
//! files in a table (a host object in `host_data`) so that a descriptor it
//! did not open is `EBADF`, never a stray OS descriptor. 0, 1 and 2 are
//! stdin, stdout and stderr.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::io::AsRawFd;
use std::sync::Arc;

use gc::{Finalize, Trace};
use interp::error::{create_error, ErrorType};
use interp::event_loop;
use interp::function::NativeFn;
use interp::object::{HostObject, ObjectKind};
use interp::operations::{create_array_from_list, is_callable, new_object, to_number};
use interp::{Attributes, Interp, JsError, JsObject, JsResult, PropertyKey, Value};

use crate::node_errors::invalid_arg_type;

// ---------------------------------------------------------------------------
// Errors.

/// libuv's name and description of an errno value.
fn errno_name(errno: i32) -> (&'static str, &'static str) {
    match errno {
        libc::EPERM => ("EPERM", "operation not permitted"),
        libc::ENOENT => ("ENOENT", "no such file or directory"),
        libc::ESRCH => ("ESRCH", "no such process"),
        libc::EINTR => ("EINTR", "interrupted system call"),
        libc::EIO => ("EIO", "i/o error"),
        libc::ENXIO => ("ENXIO", "no such device or address"),
        libc::E2BIG => ("E2BIG", "argument list too long"),
        libc::EBADF => ("EBADF", "bad file descriptor"),
        libc::EAGAIN => ("EAGAIN", "resource temporarily unavailable"),
        libc::ENOMEM => ("ENOMEM", "not enough memory"),
        libc::EACCES => ("EACCES", "permission denied"),
        libc::EFAULT => ("EFAULT", "bad address in system call argument"),
        libc::EBUSY => ("EBUSY", "resource busy or locked"),
        libc::EEXIST => ("EEXIST", "file already exists"),
        libc::EXDEV => ("EXDEV", "cross-device link not permitted"),
        libc::ENODEV => ("ENODEV", "no such device"),
        libc::ENOTDIR => ("ENOTDIR", "not a directory"),
        libc::EISDIR => ("EISDIR", "illegal operation on a directory"),
        libc::EINVAL => ("EINVAL", "invalid argument"),
        libc::ENFILE => ("ENFILE", "file table overflow"),
        libc::EMFILE => ("EMFILE", "too many open files"),
        libc::ENOTTY => ("ENOTTY", "inappropriate ioctl for device"),
        libc::ETXTBSY => ("ETXTBSY", "text file is busy"),
        libc::EFBIG => ("EFBIG", "file too large"),
        libc::ENOSPC => ("ENOSPC", "no space left on device"),
        libc::ESPIPE => ("ESPIPE", "invalid seek"),
        libc::EROFS => ("EROFS", "read-only file system"),
        libc::EMLINK => ("EMLINK", "too many links"),
        libc::EPIPE => ("EPIPE", "broken pipe"),
        libc::ENAMETOOLONG => ("ENAMETOOLONG", "name too long"),
        libc::ENOSYS => ("ENOSYS", "function not implemented"),
        libc::ENOTEMPTY => ("ENOTEMPTY", "directory not empty"),
        libc::ELOOP => ("ELOOP", "too many symbolic links encountered"),
        libc::ENOTSUP => ("ENOTSUP", "operation not supported on socket"),
        libc::EADDRINUSE => ("EADDRINUSE", "address already in use"),
        libc::ECONNRESET => ("ECONNRESET", "connection reset by peer"),
        libc::ENOTCONN => ("ENOTCONN", "socket is not connected"),
        libc::ETIMEDOUT => ("ETIMEDOUT", "connection timed out"),
        libc::ECONNREFUSED => ("ECONNREFUSED", "connection refused"),
        _ => ("UNKNOWN", "unknown error"),
    }
}

/// A failed operation: Node's `uvException` fields.
#[derive(Debug)]
pub struct FsError {
    errno: i32,
    syscall: &'static str,
    path: Option<String>,
    dest: Option<String>,
}

impl FsError {
    fn new(e: &std::io::Error, syscall: &'static str, path: Option<&str>) -> FsError {
        FsError {
            errno: e.raw_os_error().unwrap_or(libc::EIO),
            syscall,
            path: path.map(str::to_string),
            dest: None,
        }
    }

    fn errno(errno: i32, syscall: &'static str, path: Option<&str>) -> FsError {
        FsError {
            errno,
            syscall,
            path: path.map(str::to_string),
            dest: None,
        }
    }

    fn with_dest(mut self, dest: &str) -> FsError {
        self.dest = Some(dest.to_string());
        self
    }

    /// The error record the binding hands to fs.js.
    fn to_record(&self, interp: &mut Interp) -> Value {
        let (code, description) = errno_name(self.errno);
        let o = new_object(interp);
        let a = Attributes::all();
        o.define_value("code", Value::from(code), a);
        o.define_value("errno", Value::from(-self.errno), a);
        o.define_value("syscall", Value::from(self.syscall), a);
        if let Some(p) = &self.path {
            o.define_value("path", Value::from(p.as_str()), a);
        }
        if let Some(d) = &self.dest {
            o.define_value("dest", Value::from(d.as_str()), a);
        }
        o.define_value("description", Value::from(description), a);
        Value::Object(o)
    }

    /// Node's Error for this failure: `ENOENT: no such file or directory,
    /// open 'x'` with errno, code, syscall, path and dest.
    fn to_error(&self, interp: &mut Interp) -> Value {
        let (code, description) = errno_name(self.errno);
        let mut message = format!("{code}: {description}, {}", self.syscall);
        if let Some(p) = &self.path {
            message.push_str(&format!(" '{p}'"));
        }
        if let Some(d) = &self.dest {
            message.push_str(&format!(" -> '{d}'"));
        }
        let e = create_error(interp, ErrorType::Error, &message);
        let a = Attributes::all();
        e.define_value("errno", Value::from(-self.errno), a);
        e.define_value("code", Value::from(code), a);
        e.define_value("syscall", Value::from(self.syscall), a);
        if let Some(p) = &self.path {
            e.define_value("path", Value::from(p.as_str()), a);
        }
        if let Some(d) = &self.dest {
            e.define_value("dest", Value::from(d.as_str()), a);
        }
        Value::Object(e)
    }
}

/// The error record of a failed `syscall` (for the other bindings).
pub fn error_record(
    interp: &mut Interp,
    errno: i32,
    syscall: &'static str,
    path: Option<&str>,
) -> Value {
    FsError::errno(errno, syscall, path).to_record(interp)
}

/// Node's system error for an I/O failure outside fs (`process.chdir`).
pub fn throw_system_error(
    interp: &mut Interp,
    e: &std::io::Error,
    syscall: &'static str,
    path: Option<&str>,
    dest: Option<&str>,
) -> JsError {
    let mut err = FsError::new(e, syscall, path);
    if let Some(d) = dest {
        err = err.with_dest(d);
    }
    JsError::Throw(err.to_error(interp))
}

// ---------------------------------------------------------------------------
// The descriptor table.

#[derive(Clone)]
enum Target {
    File(Arc<File>),
    Stdin,
    Stdout,
    Stderr,
}

#[derive(Default)]
struct FdTable {
    files: RefCell<HashMap<i32, Arc<File>>>,
}

impl Finalize for FdTable {}
// Safety: the table holds only files, no gc pointers.
unsafe impl Trace for FdTable {
    gc::unsafe_empty_trace!();
}

impl HostObject for FdTable {
    fn class_name(&self) -> &str {
        "FdTable"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

const FD_TABLE: &str = "%fsDescriptors%";

fn fd_table(interp: &mut Interp) -> JsObject {
    if let Some(Value::Object(o)) = interp.host_data.get(FD_TABLE) {
        return o.clone();
    }
    let o = interp.alloc_object(None, ObjectKind::Host(Box::new(FdTable::default())));
    interp.host_data.insert(FD_TABLE, Value::Object(o.clone()));
    o
}

fn with_table<R>(
    interp: &mut Interp,
    f: impl FnOnce(&mut HashMap<i32, Arc<File>>) -> R,
) -> Option<R> {
    let t = fd_table(interp);
    let table = t.host::<FdTable>()?;
    let mut files = table.files.borrow_mut();
    Some(f(&mut files))
}

fn lookup_fd(interp: &mut Interp, fd: i32, syscall: &'static str) -> Result<Target, FsError> {
    match fd {
        0 => return Ok(Target::Stdin),
        1 => return Ok(Target::Stdout),
        2 => return Ok(Target::Stderr),
        _ => {}
    }
    with_table(interp, |files| files.get(&fd).cloned())
        .flatten()
        .map(Target::File)
        .ok_or_else(|| FsError::errno(libc::EBADF, syscall, None))
}

// ---------------------------------------------------------------------------
// Operations as plain data.

struct Flags {
    read: bool,
    write: bool,
    append: bool,
    create: bool,
    truncate: bool,
    exclusive: bool,
}

/// Node's string flags ('r', 'w+', 'ax', ...) or the numeric O_* flags.
fn parse_flags(interp: &mut Interp, v: &Value, default: &str) -> JsResult<Flags> {
    if let Value::Number(n) = v {
        let n = *n as i32;
        let acc = n & libc::O_ACCMODE;
        return Ok(Flags {
            read: acc == libc::O_RDONLY || acc == libc::O_RDWR,
            write: acc == libc::O_WRONLY || acc == libc::O_RDWR,
            append: n & libc::O_APPEND != 0,
            create: n & libc::O_CREAT != 0,
            truncate: n & libc::O_TRUNC != 0,
            exclusive: n & libc::O_EXCL != 0,
        });
    }
    let s = match v {
        Value::String(s) => s.to_rust_string(),
        Value::Undefined | Value::Null => default.to_string(),
        other => {
            let shown = interp::inspect::short_description(interp, other);
            return Err(coded(
                interp,
                "ERR_INVALID_ARG_VALUE",
                &format!("The argument 'flags' is invalid. Received {shown}"),
            ));
        }
    };
    let f = |read, write, append, create, truncate, exclusive| Flags {
        read,
        write,
        append,
        create,
        truncate,
        exclusive,
    };
    Ok(match s.as_str() {
        "r" | "rs" | "sr" => f(true, false, false, false, false, false),
        "r+" | "rs+" | "sr+" => f(true, true, false, false, false, false),
        "w" => f(false, true, false, true, true, false),
        "wx" | "xw" => f(false, true, false, true, true, true),
        "w+" => f(true, true, false, true, true, false),
        "wx+" | "xw+" => f(true, true, false, true, true, true),
        "a" | "as" | "sa" => f(false, true, true, true, false, false),
        "ax" | "xa" => f(false, true, true, true, false, true),
        "a+" | "as+" | "sa+" => f(true, true, true, true, false, false),
        "ax+" | "xa+" => f(true, true, true, true, false, true),
        _ => {
            return Err(coded(
                interp,
                "ERR_INVALID_ARG_VALUE",
                &format!("The argument 'flags' is invalid. Received '{s}'"),
            ))
        }
    })
}

fn coded(interp: &mut Interp, code: &str, msg: &str) -> JsError {
    crate::node_errors::coded_error(interp, ErrorType::TypeError, code, msg)
}

enum Op {
    Open {
        path: String,
        flags: Flags,
        mode: u32,
    },
    Close {
        fd: i32,
        file: Option<Arc<File>>,
    },
    Read {
        target: Target,
        len: usize,
        pos: Option<u64>,
    },
    Write {
        target: Target,
        data: Vec<u8>,
        pos: Option<u64>,
    },
    Fstat {
        target: Target,
    },
    Stat {
        path: String,
        follow: bool,
    },
    ReadFile {
        path: String,
        flags: Flags,
    },
    WriteFile {
        path: String,
        data: Vec<u8>,
        flags: Flags,
        mode: u32,
    },
    Access {
        path: String,
        mode: i32,
    },
    Exists {
        path: String,
    },
    Unlink {
        path: String,
    },
    Rename {
        from: String,
        to: String,
    },
    CopyFile {
        from: String,
        to: String,
        exclusive: bool,
    },
    Mkdir {
        path: String,
        recursive: bool,
        mode: u32,
    },
    Rmdir {
        path: String,
    },
    Rm {
        path: String,
        recursive: bool,
        force: bool,
    },
    Readdir {
        path: String,
    },
    Realpath {
        path: String,
    },
    Truncate {
        path: String,
        len: u64,
    },
    Ftruncate {
        target: Target,
        len: u64,
    },
    Symlink {
        target: String,
        path: String,
    },
    Readlink {
        path: String,
    },
    Chmod {
        path: String,
        mode: u32,
    },
    Utimes {
        path: String,
        atime: f64,
        mtime: f64,
    },
}

struct StatData {
    dev: f64,
    ino: f64,
    mode: f64,
    nlink: f64,
    uid: f64,
    gid: f64,
    rdev: f64,
    size: f64,
    blksize: f64,
    blocks: f64,
    atime_ms: f64,
    mtime_ms: f64,
    ctime_ms: f64,
    birthtime_ms: f64,
}

enum Output {
    Unit,
    Opened(File),
    Bytes(Vec<u8>),
    Count(usize),
    Stat(Box<StatData>),
    Bool(bool),
    Str(String),
    MaybeStr(Option<String>),
    Entries(Vec<(String, &'static str)>),
}

type OpResult = Result<Output, FsError>;

fn stat_data(m: &std::fs::Metadata) -> StatData {
    let ms = |secs: i64, nanos: i64| secs as f64 * 1000.0 + (nanos as f64 / 1e6);
    let birth = m
        .created()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or_else(|| ms(m.ctime(), m.ctime_nsec()));
    StatData {
        dev: m.dev() as f64,
        ino: m.ino() as f64,
        mode: m.mode() as f64,
        nlink: m.nlink() as f64,
        uid: m.uid() as f64,
        gid: m.gid() as f64,
        rdev: m.rdev() as f64,
        size: m.size() as f64,
        blksize: m.blksize() as f64,
        blocks: m.blocks() as f64,
        atime_ms: ms(m.atime(), m.atime_nsec()),
        mtime_ms: ms(m.mtime(), m.mtime_nsec()),
        ctime_ms: ms(m.ctime(), m.ctime_nsec()),
        birthtime_ms: birth,
    }
}

fn open_options(flags: &Flags, mode: u32) -> OpenOptions {
    let mut o = OpenOptions::new();
    o.read(flags.read || !flags.write)
        .write(flags.write && !flags.append)
        .append(flags.append)
        .mode(mode);
    if flags.exclusive {
        o.create_new(true);
    } else {
        o.create(flags.create).truncate(flags.truncate);
    }
    o
}

fn read_target(target: &Target, len: usize, pos: Option<u64>) -> Result<Vec<u8>, std::io::Error> {
    let mut buf = vec![0u8; len];
    let n = match (target, pos) {
        (Target::File(f), Some(p)) => f.read_at(&mut buf, p)?,
        (Target::File(f), None) => (&**f).read(&mut buf)?,
        (Target::Stdin, _) => std::io::stdin().read(&mut buf)?,
        (Target::Stdout | Target::Stderr, _) => {
            return Err(std::io::Error::from_raw_os_error(libc::EBADF))
        }
    };
    buf.truncate(n);
    Ok(buf)
}

fn write_target(target: &Target, data: &[u8], pos: Option<u64>) -> Result<usize, std::io::Error> {
    match (target, pos) {
        (Target::File(f), Some(p)) => f.write_all_at(data, p)?,
        (Target::File(f), None) => (&**f).write_all(data)?,
        (Target::Stdout, _) => {
            interp::stdio::write(1, data)?;
            std::io::stdout().flush()?;
        }
        (Target::Stderr, _) => interp::stdio::write(2, data)?,
        (Target::Stdin, _) => return Err(std::io::Error::from_raw_os_error(libc::EBADF)),
    }
    Ok(data.len())
}

/// `fs.mkdir(path, { recursive: true })`: creates the missing directories
/// and returns the first one created.
fn mkdir_recursive(path: &str, mode: u32) -> Result<Option<String>, FsError> {
    let p = std::path::Path::new(path);
    let mut missing = Vec::new();
    let mut cur = Some(p);
    while let Some(c) = cur {
        if c.as_os_str().is_empty() {
            break;
        }
        match std::fs::metadata(c) {
            Ok(m) if m.is_dir() => break,
            Ok(_) => return Err(FsError::errno(libc::ENOTDIR, "mkdir", Some(path))),
            Err(_) => missing.push(c.to_path_buf()),
        }
        cur = c.parent();
    }
    let first = missing.last().map(|m| m.display().to_string());
    for dir in missing.iter().rev() {
        let mut b = std::fs::DirBuilder::new();
        std::os::unix::fs::DirBuilderExt::mode(&mut b, mode);
        if let Err(e) = b.create(dir) {
            if e.kind() != std::io::ErrorKind::AlreadyExists {
                return Err(FsError::new(&e, "mkdir", Some(path)));
            }
        }
    }
    Ok(first)
}

fn rm(path: &str, recursive: bool, force: bool) -> Result<(), FsError> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if force && e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(FsError::new(&e, "rm", Some(path))),
    };
    if meta.is_dir() {
        if !recursive {
            return Err(FsError::errno(libc::EISDIR, "rm", Some(path)));
        }
        std::fs::remove_dir_all(path).map_err(|e| FsError::new(&e, "rm", Some(path)))
    } else {
        std::fs::remove_file(path).map_err(|e| FsError::new(&e, "rm", Some(path)))
    }
}

fn entry_type(ft: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_file() {
        "file"
    } else if ft.is_dir() {
        "directory"
    } else if ft.is_symlink() {
        "symlink"
    } else if ft.is_fifo() {
        "fifo"
    } else if ft.is_socket() {
        "socket"
    } else if ft.is_char_device() {
        "char"
    } else if ft.is_block_device() {
        "block"
    } else {
        "unknown"
    }
}

fn c_path(path: &str) -> Result<std::ffi::CString, FsError> {
    std::ffi::CString::new(path).map_err(|_| FsError::errno(libc::EINVAL, "access", Some(path)))
}

/// Maps an I/O error of `syscall` on `path` to an [`FsError`].
fn os<'a>(syscall: &'static str, path: &'a str) -> impl Fn(std::io::Error) -> FsError + 'a {
    move |e| FsError::new(&e, syscall, Some(path))
}

/// Performs an operation (on any thread).
fn perform(op: Op) -> OpResult {
    match op {
        Op::Open { path, flags, mode } => open_options(&flags, mode)
            .open(&path)
            .map(Output::Opened)
            .map_err(os("open", &path)),
        Op::Close { fd, file } => match file {
            Some(f) => {
                drop(f);
                Ok(Output::Unit)
            }
            None if (0..=2).contains(&fd) => Ok(Output::Unit),
            None => Err(FsError::errno(libc::EBADF, "close", None)),
        },
        Op::Read { target, len, pos } => read_target(&target, len, pos)
            .map(Output::Bytes)
            .map_err(|e| FsError::new(&e, "read", None)),
        Op::Write { target, data, pos } => write_target(&target, &data, pos)
            .map(Output::Count)
            .map_err(|e| FsError::new(&e, "write", None)),
        Op::Fstat { target } => {
            let m = match &target {
                Target::File(f) => f.metadata(),
                Target::Stdin => std::fs::metadata("/dev/stdin"),
                Target::Stdout => std::fs::metadata("/dev/stdout"),
                Target::Stderr => std::fs::metadata("/dev/stderr"),
            };
            m.map(|m| Output::Stat(Box::new(stat_data(&m))))
                .map_err(|e| FsError::new(&e, "fstat", None))
        }
        Op::Stat { path, follow } => {
            let (m, syscall) = if follow {
                (std::fs::metadata(&path), "stat")
            } else {
                (std::fs::symlink_metadata(&path), "lstat")
            };
            m.map(|m| Output::Stat(Box::new(stat_data(&m))))
                .map_err(os(syscall, &path))
        }
        Op::ReadFile { path, flags } => {
            let mut f = open_options(&flags, 0o666)
                .open(&path)
                .map_err(os("open", &path))?;
            let mut data = Vec::new();
            f.read_to_end(&mut data)
                .map_err(|e| FsError::new(&e, "read", None))?;
            Ok(Output::Bytes(data))
        }
        Op::WriteFile {
            path,
            data,
            flags,
            mode,
        } => {
            let mut f = open_options(&flags, mode)
                .open(&path)
                .map_err(os("open", &path))?;
            f.write_all(&data)
                .map_err(|e| FsError::new(&e, "write", None))?;
            Ok(Output::Unit)
        }
        Op::Access { path, mode } => {
            let c = c_path(&path)?;
            // Safety: `c` is a valid NUL-terminated string for the call's
            // duration; access(2) only reads it.
            let r = unsafe { libc::access(c.as_ptr(), mode) };
            if r == 0 {
                Ok(Output::Unit)
            } else {
                Err(FsError::new(
                    &std::io::Error::last_os_error(),
                    "access",
                    Some(&path),
                ))
            }
        }
        Op::Exists { path } => Ok(Output::Bool(std::fs::metadata(&path).is_ok())),
        Op::Unlink { path } => std::fs::remove_file(&path)
            .map(|_| Output::Unit)
            .map_err(os("unlink", &path)),
        Op::Rename { from, to } => std::fs::rename(&from, &to)
            .map(|_| Output::Unit)
            .map_err(|e| FsError::new(&e, "rename", Some(&from)).with_dest(&to)),
        Op::CopyFile {
            from,
            to,
            exclusive,
        } => {
            let err = |e: std::io::Error| FsError::new(&e, "copyfile", Some(&from)).with_dest(&to);
            if exclusive && std::fs::symlink_metadata(&to).is_ok() {
                return Err(FsError::errno(libc::EEXIST, "copyfile", Some(&from)).with_dest(&to));
            }
            std::fs::copy(&from, &to).map(|_| Output::Unit).map_err(err)
        }
        Op::Mkdir {
            path,
            recursive,
            mode,
        } => {
            if recursive {
                mkdir_recursive(&path, mode).map(Output::MaybeStr)
            } else {
                let mut b = std::fs::DirBuilder::new();
                std::os::unix::fs::DirBuilderExt::mode(&mut b, mode);
                b.create(&path)
                    .map(|_| Output::MaybeStr(None))
                    .map_err(os("mkdir", &path))
            }
        }
        Op::Rmdir { path } => std::fs::remove_dir(&path)
            .map(|_| Output::Unit)
            .map_err(os("rmdir", &path)),
        Op::Rm {
            path,
            recursive,
            force,
        } => rm(&path, recursive, force).map(|_| Output::Unit),
        Op::Readdir { path } => {
            let rd = std::fs::read_dir(&path).map_err(os("scandir", &path))?;
            let mut entries = Vec::new();
            for e in rd {
                let e = e.map_err(os("scandir", &path))?;
                let ty = e.file_type().map(|t| entry_type(&t)).unwrap_or("unknown");
                entries.push((e.file_name().to_string_lossy().into_owned(), ty));
            }
            // libuv's scandir sorts names with strcmp.
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            Ok(Output::Entries(entries))
        }
        Op::Realpath { path } => std::fs::canonicalize(&path)
            .map(|p| Output::Str(p.display().to_string()))
            .map_err(os("realpath", &path)),
        Op::Truncate { path, len } => OpenOptions::new()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_len(len))
            .map(|_| Output::Unit)
            .map_err(os("open", &path)),
        Op::Ftruncate { target, len } => match target {
            Target::File(f) => f
                .set_len(len)
                .map(|_| Output::Unit)
                .map_err(|e| FsError::new(&e, "ftruncate", None)),
            _ => Err(FsError::errno(libc::EINVAL, "ftruncate", None)),
        },
        Op::Symlink { target, path } => std::os::unix::fs::symlink(&target, &path)
            .map(|_| Output::Unit)
            .map_err(|e| FsError::new(&e, "symlink", Some(&target)).with_dest(&path)),
        Op::Readlink { path } => std::fs::read_link(&path)
            .map(|p| Output::Str(p.display().to_string()))
            .map_err(os("readlink", &path)),
        Op::Chmod { path, mode } => {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
                .map(|_| Output::Unit)
                .map_err(os("chmod", &path))
        }
        Op::Utimes { path, atime, mtime } => {
            let c = c_path(&path)?;
            let ts = |t: f64| libc::timespec {
                tv_sec: t.floor() as libc::time_t,
                tv_nsec: ((t - t.floor()) * 1e9) as libc::c_long,
            };
            let times = [ts(atime), ts(mtime)];
            // Safety: `c` is NUL-terminated and `times` holds the two
            // timespecs utimensat(2) reads; both outlive the call.
            let r = unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), times.as_ptr(), 0) };
            if r == 0 {
                Ok(Output::Unit)
            } else {
                Err(FsError::new(
                    &std::io::Error::last_os_error(),
                    "utime",
                    Some(&path),
                ))
            }
        }
    }
}

// ---------------------------------------------------------------------------
// From and to JavaScript values.

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

fn path_arg(interp: &mut Interp, args: &[Value], i: usize, name: &str) -> JsResult<String> {
    match arg(args, i) {
        Value::String(s) => {
            let p = s.to_rust_string();
            if p.contains('\0') {
                return Err(coded(interp, "ERR_INVALID_ARG_VALUE", &format!(
                    "The argument '{name}' must be a string, Uint8Array, or URL without null bytes. Received {}",
                    interp::inspect::quote_string(&p)
                )));
            }
            Ok(p)
        }
        v => Err(invalid_arg_type(
            interp,
            name,
            "of type string or an instance of Buffer or URL",
            &v,
        )),
    }
}

fn int_arg(interp: &mut Interp, args: &[Value], i: usize, default: f64) -> JsResult<f64> {
    match arg(args, i) {
        Value::Undefined | Value::Null => Ok(default),
        v => to_number(interp, &v),
    }
}

fn position_arg(interp: &mut Interp, args: &[Value], i: usize) -> JsResult<Option<u64>> {
    match arg(args, i) {
        Value::Undefined | Value::Null => Ok(None),
        v => {
            let n = to_number(interp, &v)?;
            Ok(if n >= 0.0 { Some(n as u64) } else { None })
        }
    }
}

fn fd_arg(interp: &mut Interp, args: &[Value], i: usize) -> JsResult<i32> {
    match arg(args, i) {
        Value::Number(n) if n.fract() == 0.0 && (0.0..=2_147_483_647.0).contains(&n) => {
            Ok(n as i32)
        }
        v => Err(invalid_arg_type(interp, "fd", "of type number", &v)),
    }
}

/// The bytes of a string (UTF-8) or of an array of byte values (a Buffer).
pub fn bytes_of(interp: &mut Interp, o: &JsObject) -> JsResult<Vec<u8>> {
    let len = interp::operations::length_of_array_like(interp, o)? as usize;
    let byte = |n: f64| {
        if n.is_finite() {
            (n as i64 & 0xff) as u8
        } else {
            0
        }
    };
    if let Some(numbers) = o.dense_numbers(len) {
        return Ok(numbers.into_iter().map(byte).collect());
    }
    let mut out = Vec::with_capacity(len);
    for i in 0..len {
        let key = PropertyKey::from(i);
        let v = match o.get_own_data(&key) {
            Some(v) => v,
            None => interp::operations::get(interp, o, &key)?,
        };
        let n = match v {
            Value::Number(n) => n,
            v => to_number(interp, &v)?,
        };
        out.push(if n.is_finite() {
            (n as i64 & 0xff) as u8
        } else {
            0
        });
    }
    Ok(out)
}

fn data_arg(interp: &mut Interp, args: &[Value], i: usize) -> JsResult<Vec<u8>> {
    match arg(args, i) {
        Value::String(s) => Ok(s.to_rust_string().into_bytes()),
        Value::Object(o) => bytes_of(interp, &o),
        v => Err(invalid_arg_type(
            interp,
            "data",
            "of type string or an instance of Buffer",
            &v,
        )),
    }
}

/// Bytes as an Array of numbers (what fs.js adopts as a Buffer).
pub fn bytes_value(interp: &mut Interp, bytes: Vec<u8>) -> Value {
    let items: Vec<Value> = bytes.into_iter().map(|b| Value::from(b as u32)).collect();
    let size = items.len() * std::mem::size_of::<Value>();
    let array = create_array_from_list(interp, items);
    interp.note_external_allocation(size);
    Value::Object(array)
}

fn stat_value(interp: &mut Interp, s: &StatData) -> Value {
    let o = new_object(interp);
    let a = Attributes::all();
    for (k, v) in [
        ("dev", s.dev),
        ("ino", s.ino),
        ("mode", s.mode),
        ("nlink", s.nlink),
        ("uid", s.uid),
        ("gid", s.gid),
        ("rdev", s.rdev),
        ("size", s.size),
        ("blksize", s.blksize),
        ("blocks", s.blocks),
        ("atimeMs", s.atime_ms),
        ("mtimeMs", s.mtime_ms),
        ("ctimeMs", s.ctime_ms),
        ("birthtimeMs", s.birthtime_ms),
    ] {
        o.define_value(k, Value::Number(v), a);
    }
    Value::Object(o)
}

/// Turns an operation's output into the JavaScript result (registering a
/// newly opened file in the descriptor table).
fn to_js(interp: &mut Interp, out: Output) -> Value {
    match out {
        Output::Unit => Value::Undefined,
        Output::Opened(f) => {
            let fd = f.as_raw_fd();
            with_table(interp, |files| files.insert(fd, Arc::new(f)));
            Value::from(fd)
        }
        Output::Bytes(b) => bytes_value(interp, b),
        Output::Count(n) => Value::from(n as u32),
        Output::Stat(s) => stat_value(interp, &s),
        Output::Bool(b) => Value::Bool(b),
        Output::Str(s) => Value::from(s),
        Output::MaybeStr(s) => s.map(Value::from).unwrap_or_default(),
        Output::Entries(entries) => {
            let items: Vec<Value> = entries
                .into_iter()
                .map(|(name, ty)| {
                    let o = new_object(interp);
                    o.define_value("name", Value::from(name), Attributes::all());
                    o.define_value("type", Value::from(ty), Attributes::all());
                    Value::Object(o)
                })
                .collect();
            Value::Object(create_array_from_list(interp, items))
        }
    }
}

/// Parses the arguments of operation `name` (without the callback).
fn parse_op(interp: &mut Interp, name: &str, args: &[Value]) -> JsResult<Result<Op, FsError>> {
    Ok(Ok(match name {
        "open" => Op::Open {
            path: path_arg(interp, args, 0, "path")?,
            flags: parse_flags(interp, &arg(args, 1), "r")?,
            mode: int_arg(interp, args, 2, 0o666 as f64)? as u32,
        },
        "close" => {
            let fd = fd_arg(interp, args, 0)?;
            let file = with_table(interp, |files| files.remove(&fd)).flatten();
            Op::Close { fd, file }
        }
        "read" => {
            let fd = fd_arg(interp, args, 0)?;
            let len = int_arg(interp, args, 1, 16384.0)?.max(0.0) as usize;
            let pos = position_arg(interp, args, 2)?;
            match lookup_fd(interp, fd, "read") {
                Ok(target) => Op::Read { target, len, pos },
                Err(e) => return Ok(Err(e)),
            }
        }
        "write" => {
            let fd = fd_arg(interp, args, 0)?;
            let data = data_arg(interp, args, 1)?;
            let pos = position_arg(interp, args, 2)?;
            match lookup_fd(interp, fd, "write") {
                Ok(target) => Op::Write { target, data, pos },
                Err(e) => return Ok(Err(e)),
            }
        }
        "fstat" => {
            let fd = fd_arg(interp, args, 0)?;
            match lookup_fd(interp, fd, "fstat") {
                Ok(target) => Op::Fstat { target },
                Err(e) => return Ok(Err(e)),
            }
        }
        "ftruncate" => {
            let fd = fd_arg(interp, args, 0)?;
            let len = int_arg(interp, args, 1, 0.0)?.max(0.0) as u64;
            match lookup_fd(interp, fd, "ftruncate") {
                Ok(target) => Op::Ftruncate { target, len },
                Err(e) => return Ok(Err(e)),
            }
        }
        "stat" => Op::Stat {
            path: path_arg(interp, args, 0, "path")?,
            follow: true,
        },
        "lstat" => Op::Stat {
            path: path_arg(interp, args, 0, "path")?,
            follow: false,
        },
        "readFile" => Op::ReadFile {
            path: path_arg(interp, args, 0, "path")?,
            flags: parse_flags(interp, &arg(args, 1), "r")?,
        },
        "writeFile" => Op::WriteFile {
            path: path_arg(interp, args, 0, "path")?,
            data: data_arg(interp, args, 1)?,
            flags: parse_flags(interp, &arg(args, 2), "w")?,
            mode: int_arg(interp, args, 3, 0o666 as f64)? as u32,
        },
        "access" => Op::Access {
            path: path_arg(interp, args, 0, "path")?,
            mode: int_arg(interp, args, 1, 0.0)? as i32,
        },
        "exists" => match arg(args, 0) {
            Value::String(s) => Op::Exists {
                path: s.to_rust_string(),
            },
            _ => Op::Exists {
                path: String::new(),
            },
        },
        "unlink" => Op::Unlink {
            path: path_arg(interp, args, 0, "path")?,
        },
        "rename" => Op::Rename {
            from: path_arg(interp, args, 0, "oldPath")?,
            to: path_arg(interp, args, 1, "newPath")?,
        },
        "copyFile" => Op::CopyFile {
            from: path_arg(interp, args, 0, "src")?,
            to: path_arg(interp, args, 1, "dest")?,
            exclusive: (int_arg(interp, args, 2, 0.0)? as i32) & 1 != 0,
        },
        "mkdir" => Op::Mkdir {
            path: path_arg(interp, args, 0, "path")?,
            recursive: interp::operations::to_boolean(&arg(args, 1)),
            mode: int_arg(interp, args, 2, 0o777 as f64)? as u32,
        },
        "rmdir" => Op::Rmdir {
            path: path_arg(interp, args, 0, "path")?,
        },
        "rm" => Op::Rm {
            path: path_arg(interp, args, 0, "path")?,
            recursive: interp::operations::to_boolean(&arg(args, 1)),
            force: interp::operations::to_boolean(&arg(args, 2)),
        },
        "readdir" => Op::Readdir {
            path: path_arg(interp, args, 0, "path")?,
        },
        "realpath" => Op::Realpath {
            path: path_arg(interp, args, 0, "path")?,
        },
        "truncate" => Op::Truncate {
            path: path_arg(interp, args, 0, "path")?,
            len: int_arg(interp, args, 1, 0.0)?.max(0.0) as u64,
        },
        "symlink" => Op::Symlink {
            target: path_arg(interp, args, 0, "target")?,
            path: path_arg(interp, args, 1, "path")?,
        },
        "readlink" => Op::Readlink {
            path: path_arg(interp, args, 0, "path")?,
        },
        "chmod" => Op::Chmod {
            path: path_arg(interp, args, 0, "path")?,
            mode: int_arg(interp, args, 1, 0.0)? as u32,
        },
        "utimes" => Op::Utimes {
            path: path_arg(interp, args, 0, "path")?,
            atime: int_arg(interp, args, 1, 0.0)?,
            mtime: int_arg(interp, args, 2, 0.0)?,
        },
        _ => return Err(interp.type_error(format!("unknown fs operation {name}"))),
    }))
}

/// The permission model's check (`--permission`): the paths an operation
/// reads and writes. Operations on a descriptor were checked at `open`.
fn check_permission(interp: &mut Interp, op: &Op) -> JsResult<()> {
    use interp::permission::{check, Scope::FsRead, Scope::FsWrite};
    if !interp.permissions.enabled {
        return Ok(());
    }
    match op {
        Op::Open { path, flags, .. } | Op::ReadFile { path, flags } => {
            if flags.read {
                check(interp, FsRead, path)?;
            }
            if flags.write || flags.append || flags.create || flags.truncate {
                check(interp, FsWrite, path)?;
            }
            Ok(())
        }
        Op::Stat { path, .. }
        | Op::Access { path, .. }
        | Op::Exists { path }
        | Op::Readdir { path }
        | Op::Realpath { path }
        | Op::Readlink { path } => check(interp, FsRead, path),
        Op::WriteFile { path, .. }
        | Op::Unlink { path }
        | Op::Mkdir { path, .. }
        | Op::Rmdir { path }
        | Op::Rm { path, .. }
        | Op::Truncate { path, .. }
        | Op::Chmod { path, .. }
        | Op::Utimes { path, .. } => check(interp, FsWrite, path),
        Op::Rename { from, to } => {
            check(interp, FsRead, from)?;
            check(interp, FsWrite, from)?;
            check(interp, FsWrite, to)
        }
        Op::CopyFile { from, to, .. } => {
            check(interp, FsRead, from)?;
            check(interp, FsWrite, to)
        }
        // A link is a way to reach its target: both ends need both.
        Op::Symlink { target, path } => {
            for p in [target, path] {
                check(interp, FsRead, p)?;
                check(interp, FsWrite, p)?;
            }
            Ok(())
        }
        Op::Close { .. }
        | Op::Read { .. }
        | Op::Write { .. }
        | Op::Fstat { .. }
        | Op::Ftruncate { .. } => Ok(()),
    }
}

/// Each operation: its name, the number of arguments before the
/// callback, and its name in traces.
const OPS: &[(&str, usize, &str)] = &[
    ("open", 3, "fs.open"),
    ("close", 1, "fs.close"),
    ("read", 3, "fs.read"),
    ("write", 3, "fs.write"),
    ("fstat", 1, "fs.fstat"),
    ("stat", 1, "fs.stat"),
    ("lstat", 1, "fs.lstat"),
    ("readFile", 2, "fs.readFile"),
    ("writeFile", 4, "fs.writeFile"),
    ("access", 2, "fs.access"),
    ("exists", 1, "fs.exists"),
    ("unlink", 1, "fs.unlink"),
    ("rename", 2, "fs.rename"),
    ("copyFile", 3, "fs.copyFile"),
    ("mkdir", 3, "fs.mkdir"),
    ("rmdir", 1, "fs.rmdir"),
    ("rm", 3, "fs.rm"),
    ("readdir", 1, "fs.readdir"),
    ("realpath", 1, "fs.realpath"),
    ("truncate", 2, "fs.truncate"),
    ("ftruncate", 2, "fs.ftruncate"),
    ("symlink", 2, "fs.symlink"),
    ("readlink", 1, "fs.readlink"),
    ("chmod", 2, "fs.chmod"),
    ("utimes", 3, "fs.utimes"),
];

/// The operation a binding function performs: its name is the first slot
/// of the native closure.
fn op_name(interp: &Interp) -> String {
    match interp::function::native_slots(interp).first() {
        Some(Value::String(s)) => s.to_rust_string(),
        _ => String::new(),
    }
}

/// `<op>Sync(...args)`: the result, or a thrown error record.
fn call_sync(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let name = op_name(interp);
    let result = match parse_op(interp, &name, args)? {
        Ok(op) => {
            check_permission(interp, &op)?;
            perform(op)
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(out) => Ok(to_js(interp, out)),
        Err(e) => Err(JsError::Throw(e.to_record(interp))),
    }
}

/// `<op>(...args, callback)`: the work runs on the thread pool; the
/// callback gets `(record | null, result)` in the poll phase.
fn call_async(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let name = op_name(interp);
    let (argc, label) = OPS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, c, l)| (*c, *l))
        .unwrap_or((0, "fs"));
    let callback = args
        .iter()
        .rev()
        .find(|v| is_callable(v))
        .cloned()
        .unwrap_or_default();
    if !is_callable(&callback) {
        return Err(invalid_arg_type(
            interp,
            "cb",
            "of type function",
            &callback,
        ));
    }
    let op_args: Vec<Value> = args.iter().take(argc).cloned().collect();
    let op = parse_op(interp, &name, &op_args)?;
    // A denied operation calls back with the error, as Node's does.
    let denied = match &op {
        Ok(op) => match check_permission(interp, op) {
            Err(JsError::Throw(e)) => Some(e),
            Err(other) => return Err(other),
            Ok(()) => None,
        },
        Err(_) => None,
    };
    let op = if denied.is_some() {
        Err(FsError::errno(libc::EACCES, "open", None))
    } else {
        op
    };
    let work: event_loop::IoWork = match op {
        Ok(op) => Box::new(move || Box::new(perform(op)) as Box<dyn std::any::Any + Send>),
        Err(e) => {
            Box::new(move || Box::new(Err::<Output, FsError>(e)) as Box<dyn std::any::Any + Send>)
        }
    };
    let complete: event_loop::IoCompletion = Box::new(move |interp, result| {
        let result = match result.downcast::<OpResult>() {
            Ok(r) => *r,
            Err(_) => return Ok(()),
        };
        let args = match (result, denied) {
            (_, Some(e)) => vec![e],
            (Ok(out), None) => {
                let v = to_js(interp, out);
                vec![Value::Null, v]
            }
            (Err(e), None) => vec![e.to_record(interp)],
        };
        interp.call(&callback, &Value::Undefined, &args)?;
        Ok(())
    });
    event_loop::submit_io(interp, label, work, complete);
    Ok(Value::Undefined)
}

/// Installs `globalThis.__minijs_fs` (hidden from enumeration).
pub fn install(interp: &mut Interp) {
    let binding = new_object(interp);
    for (name, argc, _) in OPS {
        let sync_name = format!("{name}Sync");
        for (fname, f, len) in [
            (sync_name.as_str(), call_sync as NativeFn, *argc),
            (*name, call_async as NativeFn, argc + 1),
        ] {
            let func = interp::function::create_native_closure(
                interp,
                f,
                fname,
                len as u32,
                vec![Value::from(*name)],
            );
            binding.define_value(
                PropertyKey::from(fname),
                Value::Object(func),
                Attributes::all(),
            );
        }
    }
    let g = interp.realm.global_object.clone();
    g.define_value("__minijs_fs", Value::Object(binding), Attributes::hidden());
}
