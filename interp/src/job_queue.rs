//! The job queue (ECMA-262 §9.5 HostEnqueuePromiseJob): promise jobs and
//! `queueMicrotask` callbacks, V8's microtask queue. The event loop
//! (`event_loop.rs`) drains it at each microtask checkpoint.

use std::collections::VecDeque;

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

#[derive(Default)]
pub struct JobQueue {
    jobs: VecDeque<Job>,
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

    pub fn len(&self) -> usize {
        self.jobs.len()
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
                Ok(v) => promise::settle_capability(interp, &cap, true, v)?,
                Err(JsError::Throw(e)) => promise::settle_capability(interp, &cap, false, e)?,
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
