//! One long-lived thread with a large stack (as the CLI's interpreter
//! thread) that runs each input in turn: the `gc` heap is per thread, so
//! one thread keeps it, and its memory, from input to input.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Mutex, OnceLock};

type Job = Box<dyn FnOnce() + Send>;

struct Worker {
    jobs: Sender<Job>,
    done: Receiver<()>,
}

static WORKER: OnceLock<Mutex<Worker>> = OnceLock::new();

/// Runs `job` on the worker thread and waits for it. A panic there ends
/// the worker, and `recv` failing here makes the panic a finding.
pub fn run(job: impl FnOnce() + Send + 'static) {
    let worker = WORKER.get_or_init(|| {
        let (jobs, job_rx) = channel::<Job>();
        let (done_tx, done) = channel();
        std::thread::Builder::new()
            .name("fuzz-worker".into())
            .stack_size(1 << 30)
            .spawn(move || {
                for job in job_rx {
                    job();
                    if done_tx.send(()).is_err() {
                        return;
                    }
                }
            })
            .expect("cannot start the worker thread");
        Mutex::new(Worker { jobs, done })
    });
    let w = worker.lock().expect("worker lock");
    w.jobs.send(Box::new(job)).expect("worker thread is gone");
    w.done.recv().expect("the input crashed the worker thread");
}
