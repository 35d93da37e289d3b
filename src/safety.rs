//! The command-line flags of the heap limit and the permission model
//! (issue 11), flattened into `cli::Cli`:
//!
//! - `--max-heap-size=MB` (also Node's `--max-old-space-size=MB`): see
//!   `interp::heap_limit`;
//! - `--permission` (also Node 20's `--experimental-permission`) with
//!   `--allow-fs-read=PATHS`, `--allow-fs-write=PATHS`,
//!   `--allow-net=HOSTS` (comma-separated or repeated, `*` for all) and
//!   `--allow-child-process`: see `interp::permission`.

use clap::Args;
use interp::permission::{Permissions, Scope};
use interp::Interp;

#[derive(Args, Debug, Default, Clone)]
pub struct SafetyFlags {
    /// End the program with Node's "JavaScript heap out of memory" error when it keeps more than MB megabytes alive
    #[arg(long = "max-heap-size", alias = "max-old-space-size", value_name = "MB",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_heap_size: Option<u64>,
    /// Deny file and network access not granted by the --allow-* options (ERR_ACCESS_DENIED)
    #[arg(long = "permission", alias = "experimental-permission")]
    pub permission: bool,
    /// With --permission: files and directories that may be read
    #[arg(long = "allow-fs-read", value_name = "PATHS")]
    pub allow_fs_read: Vec<String>,
    /// With --permission: files and directories that may be written
    #[arg(long = "allow-fs-write", value_name = "PATHS")]
    pub allow_fs_write: Vec<String>,
    /// With --permission: hosts (or host:port) that may be connected to or listened on
    #[arg(long = "allow-net", value_name = "HOSTS")]
    pub allow_net: Vec<String>,
    /// With --permission: allow child processes (minijs has no child_process module yet)
    #[arg(long = "allow-child-process")]
    pub allow_child_process: bool,
}

impl SafetyFlags {
    /// Applies the flags before any code runs.
    pub fn apply(&self, interp: &mut Interp) {
        if let Some(mb) = self.max_heap_size {
            interp::heap_limit::set_limit_mb(usize::try_from(mb).unwrap_or(usize::MAX));
        }
        let mut p = Permissions::default();
        p.enabled = self.permission;
        for (scope, lists) in [
            (Scope::FsRead, &self.allow_fs_read),
            (Scope::FsWrite, &self.allow_fs_write),
            (Scope::Net, &self.allow_net),
        ] {
            for list in lists {
                p.allow(scope, list);
            }
        }
        if self.allow_child_process {
            p.allow(Scope::ChildProcess, "");
        }
        interp.permissions = p;
    }
}
