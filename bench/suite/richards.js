// A task scheduler simulation in the spirit of Richards: an idle task, two
// workers, two handlers and two devices pass packets through a priority
// scheduler. Self-checking: the number of queued packets and task switches.
"use strict";

const ID_IDLE = 0, ID_WORKER_A = 1, ID_WORKER_B = 2, ID_HANDLER_A = 3,
  ID_HANDLER_B = 4, ID_DEVICE_A = 5, ID_DEVICE_B = 6, TASK_COUNT = 7;
const KIND_DEVICE = 0, KIND_WORK = 1;
const DATA_SIZE = 4;

class Packet {
  constructor(link, owner, kind) {
    this.link = link;
    this.owner = owner;
    this.kind = kind;
    this.count = 0;
    this.data = new Array(DATA_SIZE).fill(0);
  }
  appendTo(queue) {
    this.link = null;
    if (queue === null) return this;
    let p = queue;
    while (p.link !== null) p = p.link;
    p.link = this;
    return queue;
  }
}

class Tcb {
  constructor(next, id, priority, queue, task) {
    this.next = next;
    this.id = id;
    this.priority = priority;
    this.queue = queue;
    this.task = task;
    this.waiting = queue !== null;
    this.held = false;
    this.runnable = queue !== null;
  }
  isHeldOrWaiting() { return this.held || (this.waiting && this.queue === null); }
  take(packet) {
    this.queue = packet.appendTo(this.queue);
    this.waiting = false;
    this.runnable = true;
  }
  run() {
    let packet = null;
    if (this.waiting && this.queue !== null) {
      packet = this.queue;
      this.queue = packet.link;
      this.waiting = this.queue === null ? false : this.waiting;
      this.runnable = this.queue !== null;
    }
    return this.task.run(packet);
  }
}

class Scheduler {
  constructor() {
    this.queueCount = 0;
    this.holdCount = 0;
    this.tasks = new Array(TASK_COUNT).fill(null);
    this.list = null;
    this.current = null;
  }
  add(id, priority, queue, task) {
    this.list = new Tcb(this.list, id, priority, queue, task);
    this.tasks[id] = this.list;
  }
  schedule() {
    this.current = this.list;
    while (this.current !== null) {
      if (this.current.isHeldOrWaiting()) {
        this.current = this.current.next;
      } else {
        this.current = this.current.run();
      }
    }
  }
  release(id) {
    const t = this.tasks[id];
    t.held = false;
    return t.priority > this.current.priority ? t : this.current;
  }
  holdCurrent() {
    this.holdCount++;
    this.current.held = true;
    return this.current.next;
  }
  suspendCurrent() {
    this.current.waiting = true;
    return this.current;
  }
  queue(packet) {
    const t = this.tasks[packet.owner];
    this.queueCount++;
    packet.link = null;
    packet.owner = this.current.id;
    if (t.queue === null) {
      t.queue = packet;
      t.waiting = false;
      t.runnable = true;
      return t.priority > this.current.priority ? t : this.current;
    }
    t.take(packet);
    return this.current;
  }
}

class IdleTask {
  constructor(s, seed, count) { this.s = s; this.seed = seed; this.count = count; }
  run(_packet) {
    if (--this.count === 0) return this.s.holdCurrent();
    if ((this.seed & 1) === 0) {
      this.seed >>= 1;
      return this.s.release(ID_DEVICE_A);
    }
    this.seed = (this.seed >> 1) ^ 0xd008;
    return this.s.release(ID_DEVICE_B);
  }
}

class DeviceTask {
  constructor(s) { this.s = s; this.pending = null; }
  run(packet) {
    if (packet === null) {
      if (this.pending === null) return this.s.suspendCurrent();
      const p = this.pending;
      this.pending = null;
      return this.s.queue(p);
    }
    this.pending = packet;
    return this.s.holdCurrent();
  }
}

class WorkerTask {
  constructor(s, dest) { this.s = s; this.dest = dest; this.n = 0; }
  run(packet) {
    if (packet === null) return this.s.suspendCurrent();
    this.dest = this.dest === ID_HANDLER_A ? ID_HANDLER_B : ID_HANDLER_A;
    packet.owner = this.dest;
    packet.count = 0;
    for (let i = 0; i < DATA_SIZE; i++) {
      this.n = this.n === 26 ? 1 : this.n + 1;
      packet.data[i] = this.n;
    }
    return this.s.queue(packet);
  }
}

class HandlerTask {
  constructor(s) { this.s = s; this.work = null; this.devices = null; }
  run(packet) {
    if (packet !== null) {
      if (packet.kind === KIND_WORK) this.work = packet.appendTo(this.work);
      else this.devices = packet.appendTo(this.devices);
    }
    if (this.work !== null) {
      const w = this.work;
      const i = w.count;
      if (i >= DATA_SIZE) {
        this.work = w.link;
        return this.s.queue(w);
      }
      if (this.devices !== null) {
        const d = this.devices;
        this.devices = d.link;
        d.count = w.data[i];
        w.count = i + 1;
        return this.s.queue(d);
      }
    }
    return this.s.suspendCurrent();
  }
}

function runOnce(count) {
  const s = new Scheduler();
  s.add(ID_IDLE, 0, null, new IdleTask(s, 1, count));
  let q = new Packet(null, ID_WORKER_A, KIND_WORK);
  q = new Packet(q, ID_WORKER_A, KIND_WORK);
  s.add(ID_WORKER_A, 1000, q, new WorkerTask(s, ID_HANDLER_A));
  q = new Packet(null, ID_WORKER_B, KIND_WORK);
  q = new Packet(q, ID_WORKER_B, KIND_WORK);
  s.add(ID_WORKER_B, 1001, q, new WorkerTask(s, ID_HANDLER_A));
  q = new Packet(null, ID_DEVICE_A, KIND_DEVICE);
  q = new Packet(q, ID_DEVICE_A, KIND_DEVICE);
  q = new Packet(q, ID_DEVICE_A, KIND_DEVICE);
  s.add(ID_HANDLER_A, 2000, q, new HandlerTask(s));
  q = new Packet(null, ID_DEVICE_B, KIND_DEVICE);
  q = new Packet(q, ID_DEVICE_B, KIND_DEVICE);
  q = new Packet(q, ID_DEVICE_B, KIND_DEVICE);
  s.add(ID_HANDLER_B, 3000, q, new HandlerTask(s));
  s.add(ID_DEVICE_A, 4000, null, new DeviceTask(s));
  s.add(ID_DEVICE_B, 5000, null, new DeviceTask(s));
  s.schedule();
  return s.queueCount * 100000 + s.holdCount;
}

const ITERATIONS = 25;
let total = 0;
for (let i = 0; i < ITERATIONS; i++) total += runOnce(10000);
const EXPECTED = 60005240025;
console.log(`richards: ${total}`);
if (total !== EXPECTED) {
  console.log(`richards: wrong result, expected ${EXPECTED}`);
  process.exit(1);
}
