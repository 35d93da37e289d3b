//! The permission model (`--permission`), like Node 20's
//! `--experimental-permission` with Deno's `--allow-net` added: with it on,
//! reading and writing files outside `--allow-fs-read` / `--allow-fs-write`
//! and connecting to hosts outside `--allow-net` throw
//! `Error: Access to this API has been restricted` with
//! `code: 'ERR_ACCESS_DENIED'`, `permission` (`FileSystemRead`,
//! `FileSystemWrite`, `Net`) and `resource` (the path or `host:port` asked
//! for), as Node's errors do.
//!
//! Paths are compared after resolving them as the OS would (`real_path`):
//! `..` and symbolic links are followed before the check, so neither
//! escapes an allowed directory. (Node 20 compares the path as written and
//! lets a symbolic link inside an allowed directory reach outside it.)
//! Module loading reads files too: the entry file and every `require`d or
//! imported file need read permission, as in Node.

use std::path::{Component, Path, PathBuf};

use crate::error::ErrorType;
use crate::interp::Interp;
use crate::storage::Attributes;
use crate::value::Value;
use crate::{JsError, JsResult};

/// What a check is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    FsRead,
    FsWrite,
    Net,
    ChildProcess,
}

impl Scope {
    /// The names `process.permission.has` takes.
    pub fn parse(name: &str) -> Option<Scope> {
        Some(match name {
            "fs" | "fs.read" => Scope::FsRead,
            "fs.write" => Scope::FsWrite,
            "net" => Scope::Net,
            "child" => Scope::ChildProcess,
            _ => return None,
        })
    }

    /// The `permission` property of a denial.
    fn name(self) -> &'static str {
        match self {
            Scope::FsRead => "FileSystemRead",
            Scope::FsWrite => "FileSystemWrite",
            Scope::Net => "Net",
            Scope::ChildProcess => "ChildProcess",
        }
    }
}

/// The grants of one scope: everything, or a list.
#[derive(Clone, Debug, Default)]
struct Grants {
    all: bool,
    /// Real paths (fs) or hosts, `host:port` (net).
    items: Vec<String>,
}

/// The flags given on the command line, checked by the natives.
#[derive(Clone, Debug, Default)]
pub struct Permissions {
    /// `--permission`: without it everything is allowed.
    pub enabled: bool,
    fs_read: Grants,
    fs_write: Grants,
    net: Grants,
    child_process: bool,
}

impl Permissions {
    /// Adds `--allow-fs-read=a,b` (and the other `--allow-*` lists); `*`
    /// grants everything. Paths are resolved now, relative to the current
    /// directory.
    pub fn allow(&mut self, scope: Scope, list: &str) {
        if scope == Scope::ChildProcess {
            self.child_process = true;
            return;
        }
        let grants = match scope {
            Scope::FsRead => &mut self.fs_read,
            Scope::FsWrite => &mut self.fs_write,
            _ => &mut self.net,
        };
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if item == "*" {
                grants.all = true;
            } else if scope == Scope::Net {
                grants.items.push(item.to_ascii_lowercase());
            } else {
                grants.items.push(real_path(item).display().to_string());
            }
        }
    }

    /// Whether `scope` is granted for `reference` (everything in the
    /// scope when `reference` is `None`).
    pub fn has(&self, scope: Scope, reference: Option<&str>) -> bool {
        if !self.enabled {
            return true;
        }
        let grants = match scope {
            Scope::FsRead => &self.fs_read,
            Scope::FsWrite => &self.fs_write,
            Scope::Net => &self.net,
            Scope::ChildProcess => return self.child_process,
        };
        if grants.all {
            return true;
        }
        let Some(reference) = reference else {
            return false;
        };
        if scope == Scope::Net {
            let reference = reference.to_ascii_lowercase();
            let host = reference
                .rsplit_once(':')
                .map_or(reference.as_str(), |(h, _)| h);
            let host = host.trim_start_matches('[').trim_end_matches(']');
            return grants.items.iter().any(|g| {
                *g == reference || g.trim_start_matches('[').trim_end_matches(']') == host
            });
        }
        let real = real_path(reference);
        grants.items.iter().any(|g| real.starts_with(g))
    }
}

/// Throws Node's ERR_ACCESS_DENIED unless `scope` is granted for
/// `resource` (a path, or `host:port`).
pub fn check(interp: &mut Interp, scope: Scope, resource: &str) -> JsResult<()> {
    if interp.permissions.has(scope, Some(resource)) {
        return Ok(());
    }
    let shown = if matches!(scope, Scope::FsRead | Scope::FsWrite) {
        absolute(resource).display().to_string()
    } else {
        resource.to_string()
    };
    Err(access_denied(interp, scope, &shown))
}

/// The `net` natives' check before connecting to (or listening on)
/// `host:port`.
pub fn check_net(interp: &mut Interp, host: &str, port: u16) -> JsResult<()> {
    let host = if host.is_empty() { "localhost" } else { host };
    let resource = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    check(interp, Scope::Net, &resource)
}

/// `Error: Access to this API has been restricted` with `code`,
/// `permission` and `resource`, as Node makes it.
pub fn access_denied(interp: &mut Interp, scope: Scope, resource: &str) -> JsError {
    let err = crate::error::create_error(
        interp,
        ErrorType::Error,
        "Access to this API has been restricted",
    );
    let a = Attributes::all();
    err.define_value("code", Value::from("ERR_ACCESS_DENIED"), a);
    err.define_value("permission", Value::from(scope.name()), a);
    err.define_value("resource", Value::from(resource), a);
    JsError::Throw(Value::Object(err))
}

/// `p` made absolute against the current directory, as written.
fn absolute(p: &str) -> PathBuf {
    let p = Path::new(p);
    if p.is_absolute() {
        return p.to_path_buf();
    }
    std::env::current_dir()
        .unwrap_or_else(|_| PathBuf::from("/"))
        .join(p)
}

/// The path the OS reaches for `p`: each existing component with its
/// symbolic links resolved, `..` taken from the resolved parent; the
/// components after the first one that does not exist (a file about to be
/// created) are appended as written, with their `.` and `..` folded.
pub fn real_path(p: &str) -> PathBuf {
    let mut out = PathBuf::from("/");
    let mut exists = true;
    for c in absolute(p).components() {
        match c {
            Component::RootDir | Component::Prefix(_) | Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if exists {
                    match std::fs::canonicalize(&out) {
                        Ok(real) => out = real,
                        Err(_) => exists = false,
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_dot_after_a_missing_component_folds_lexically() {
        assert_eq!(
            real_path("/no-such-dir-minijs/x/../y"),
            PathBuf::from("/no-such-dir-minijs/y")
        );
    }

    #[test]
    fn grants_cover_their_subtree_only() {
        let mut p = Permissions {
            enabled: true,
            ..Default::default()
        };
        p.allow(Scope::FsRead, "/no-such-dir-minijs/a");
        assert!(p.has(Scope::FsRead, Some("/no-such-dir-minijs/a/b")));
        assert!(!p.has(Scope::FsRead, Some("/no-such-dir-minijs/ab")));
        assert!(!p.has(Scope::FsRead, Some("/no-such-dir-minijs/a/../b")));
        assert!(!p.has(Scope::FsRead, None));
        assert!(!p.has(Scope::FsWrite, Some("/no-such-dir-minijs/a/b")));
        p.allow(Scope::Net, "localhost,127.0.0.1:8080");
        assert!(p.has(Scope::Net, Some("localhost:1234")));
        assert!(p.has(Scope::Net, Some("127.0.0.1:8080")));
        assert!(!p.has(Scope::Net, Some("127.0.0.1:8081")));
    }
}
