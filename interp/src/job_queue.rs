//! The job queue (ECMA-262 §9.5 HostEnqueuePromiseJob) and a minimal
//! timer list, kept in one module so that the event loop (nextTick queue,
//! timers phases, immediates) can grow here.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crate::interp::Interp;
use crate::object::JsObject;
use crate::promise::{self, PromiseReaction};
use crate::value::Value;
use crate::{JsError, JsResult};

/// A pending job.
pub enum Job {
    /// NewPromiseReactionJob — ECMA-262 §27.2.2.1
    PromiseReaction {
        reaction: PromiseReaction,
        argument: Value,
    },
    /// NewPromiseResolveThenableJob — ECMA-262 §27.2.2.2
    PromiseResolveThenable {
        promise: JsObject,
        thenable: Value,
        then: Value,
    },
    /// `queueMicrotask(callback)` and host callbacks.
    Callback { callback: Value, args: Vec<Value> },
}

/// A scheduled timer (`setTimeout` / `setInterval`).
pub struct Timer {
    pub id: u64,
    pub when: Instant,
    pub callback: Value,
    pub args: Vec<Value>,
    pub interval: Option<Duration>,
    pub referenced: bool,
    seq: u64,
}

#[derive(Default)]
pub struct JobQueue {
    jobs: VecDeque<Job>,
    pub timers: Vec<Timer>,
    next_timer_id: u64,
    seq: u64,
}

impl JobQueue {
    pub fn push(&mut self, job: Job) {
        self.jobs.push_back(job);
    }

    pub fn pop(&mut self) -> Option<Job> {
        self.jobs.pop_front()
    }

    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// Schedules a timer and returns its id.
    pub fn add_timer(
        &mut self,
        delay_ms: f64,
        callback: Value,
        args: Vec<Value>,
        repeat: bool,
    ) -> u64 {
        let delay = if delay_ms.is_finite() && delay_ms >= 1.0 {
            delay_ms
        } else {
            1.0
        };
        let d = Duration::from_micros((delay * 1000.0) as u64);
        self.next_timer_id += 1;
        self.seq += 1;
        self.timers.push(Timer {
            id: self.next_timer_id,
            when: Instant::now() + d,
            callback,
            args,
            interval: repeat.then_some(d),
            referenced: true,
            seq: self.seq,
        });
        self.next_timer_id
    }

    pub fn clear_timer(&mut self, id: u64) {
        self.timers.retain(|t| t.id != id);
    }

    pub fn set_timer_ref(&mut self, id: u64, referenced: bool) {
        if let Some(t) = self.timers.iter_mut().find(|t| t.id == id) {
            t.referenced = referenced;
        }
    }

    /// Whether a referenced timer keeps the loop alive.
    pub fn has_live_timers(&self) -> bool {
        self.timers.iter().any(|t| t.referenced)
    }
}

/// Runs one job.
pub fn run_job(interp: &mut Interp, job: Job) -> JsResult<()> {
    match job {
        Job::PromiseReaction { reaction, argument } => {
            let handler_result = if reaction.handler.is_undefined() {
                if reaction.is_reject {
                    Err(JsError::Throw(argument))
                } else {
                    Ok(argument)
                }
            } else {
                interp.call(&reaction.handler, &Value::Undefined, &[argument])
            };
            let Some(cap) = reaction.capability else {
                return match handler_result {
                    Err(JsError::Throw(_)) | Ok(_) => Ok(()),
                    Err(e) => Err(e),
                };
            };
            match handler_result {
                Ok(v) => {
                    interp.call(&cap.resolve, &Value::Undefined, &[v])?;
                }
                Err(JsError::Throw(e)) => {
                    interp.call(&cap.reject, &Value::Undefined, &[e])?;
                }
                Err(e) => return Err(e),
            }
            Ok(())
        }
        Job::PromiseResolveThenable {
            promise,
            thenable,
            then,
        } => {
            let (resolve, reject) = promise::create_resolving_functions(interp, &promise);
            let r = interp.call(
                &then,
                &thenable,
                &[Value::Object(resolve), Value::Object(reject.clone())],
            );
            match r {
                Ok(_) => Ok(()),
                Err(JsError::Throw(e)) => {
                    interp.call(&Value::Object(reject), &Value::Undefined, &[e])?;
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
        Job::Callback { callback, args } => {
            interp.call(&callback, &Value::Undefined, &args)?;
            Ok(())
        }
    }
}

/// Waits for and runs the earliest timer; false if no referenced timer is
/// left.
pub fn run_next_timer(interp: &mut Interp) -> JsResult<bool> {
    if !interp.job_queue.has_live_timers() {
        return Ok(false);
    }
    let Some(idx) = interp
        .job_queue
        .timers
        .iter()
        .enumerate()
        .min_by_key(|(_, t)| (t.when, t.seq))
        .map(|(i, _)| i)
    else {
        return Ok(false);
    };
    let now = Instant::now();
    let when = interp.job_queue.timers[idx].when;
    if when > now {
        std::thread::sleep(when - now);
    }
    let timer = interp.job_queue.timers.remove(idx);
    let callback = timer.callback.clone();
    let args = timer.args.clone();
    if let Some(d) = timer.interval {
        interp.job_queue.seq += 1;
        let seq = interp.job_queue.seq;
        interp.job_queue.timers.push(Timer {
            when: Instant::now() + d,
            seq,
            ..timer
        });
    }
    interp.call(&callback, &Value::Undefined, &args)?;
    Ok(true)
}

/// Runs the whole loop: microtasks, then timers, until nothing is left.
pub fn run_event_loop(interp: &mut Interp) -> JsResult<()> {
    loop {
        interp.run_jobs()?;
        check_unhandled_rejections(interp)?;
        if !run_next_timer(interp)? {
            interp.run_jobs()?;
            check_unhandled_rejections(interp)?;
            return Ok(());
        }
    }
}

/// Node's default `--unhandled-rejections=throw`: an unhandled rejection
/// after the microtasks ran is thrown as an uncaught exception.
fn check_unhandled_rejections(interp: &mut Interp) -> JsResult<()> {
    if interp.options.test262 || interp.pending_rejections.is_empty() {
        interp.pending_rejections.clear();
        return Ok(());
    }
    let p = interp.pending_rejections.remove(0);
    interp.pending_rejections.clear();
    let reason = promise::promise_data(&p)
        .map(|d| d.result.get())
        .unwrap_or_default();
    Err(JsError::Throw(reason))
}
