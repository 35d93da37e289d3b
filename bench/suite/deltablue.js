// A one-way constraint solver in the spirit of DeltaBlue: variables joined by
// equality and scale constraints with strengths; adding a constraint picks
// which variable each constraint determines, and a plan recomputes the
// values downstream of an edited input. Self-checking: the propagated values.
"use strict";

const REQUIRED = 0, STRONG = 1, MEDIUM = 2, WEAK = 3, WEAKEST = 4;
const stronger = (a, b) => a < b;
const weakest = (a, b) => (a > b ? a : b);

class Variable {
  constructor(name, value) {
    this.name = name;
    this.value = value;
    this.constraints = [];
    this.determinedBy = null;
    this.walkStrength = WEAKEST;
    this.stay = true;
    this.mark = 0;
  }
}

class Constraint {
  constructor(strength) { this.strength = strength; }
  addToGraph() { for (const v of this.variables()) v.constraints.push(this); }
  removeFromGraph() {
    for (const v of this.variables()) {
      const i = v.constraints.indexOf(this);
      if (i >= 0) v.constraints.splice(i, 1);
      if (v.determinedBy === this) v.determinedBy = null;
    }
  }
}

class UnaryConstraint extends Constraint {
  constructor(v, strength) {
    super(strength);
    this.output = v;
    this.satisfied = false;
  }
  variables() { return [this.output]; }
  chooseMethod(mark) {
    this.satisfied = this.output.mark !== mark && stronger(this.strength, this.output.walkStrength);
  }
  isSatisfied() { return this.satisfied; }
  markInputs(_mark) {}
  inputsKnown(_mark) { return true; }
  out() { return this.output; }
  recalculate() {
    this.output.walkStrength = this.strength;
    this.output.stay = !this.isInput();
    if (this.output.stay) this.execute();
  }
  markUnsatisfied() { this.satisfied = false; }
}

class StayConstraint extends UnaryConstraint {
  isInput() { return false; }
  execute() {}
}

class EditConstraint extends UnaryConstraint {
  isInput() { return true; }
  execute() {}
}

const NONE = 0, FORWARD = 1, BACKWARD = 2;

class BinaryConstraint extends Constraint {
  constructor(a, b, strength) {
    super(strength);
    this.a = a;
    this.b = b;
    this.direction = NONE;
  }
  variables() { return [this.a, this.b]; }
  chooseMethod(mark) {
    if (this.a.mark === mark) {
      this.direction = this.b.mark !== mark && stronger(this.strength, this.b.walkStrength) ? FORWARD : NONE;
    } else if (this.b.mark === mark) {
      this.direction = this.a.mark !== mark && stronger(this.strength, this.a.walkStrength) ? BACKWARD : NONE;
    } else if (stronger(this.b.walkStrength, this.a.walkStrength)) {
      this.direction = stronger(this.strength, this.a.walkStrength) ? BACKWARD : NONE;
    } else {
      this.direction = stronger(this.strength, this.b.walkStrength) ? FORWARD : NONE;
    }
  }
  isSatisfied() { return this.direction !== NONE; }
  input() { return this.direction === FORWARD ? this.a : this.b; }
  out() { return this.direction === FORWARD ? this.b : this.a; }
  markInputs(mark) { this.input().mark = mark; }
  inputsKnown(mark) {
    const i = this.input();
    return i.mark === mark || i.stay || i.determinedBy === null;
  }
  recalculate() {
    const i = this.input(), o = this.out();
    o.walkStrength = weakest(this.strength, i.walkStrength);
    o.stay = i.stay;
    if (o.stay) this.execute();
  }
  markUnsatisfied() { this.direction = NONE; }
  isInput() { return false; }
}

class EqualityConstraint extends BinaryConstraint {
  execute() { this.out().value = this.input().value; }
}

class ScaleConstraint extends BinaryConstraint {
  constructor(src, scale, offset, dest, strength) {
    super(src, dest, strength);
    this.scale = scale;
    this.offset = offset;
  }
  variables() { return [this.a, this.b, this.scale, this.offset]; }
  markInputs(mark) {
    super.markInputs(mark);
    this.scale.mark = this.offset.mark = mark;
  }
  execute() {
    if (this.direction === FORWARD) {
      this.b.value = this.a.value * this.scale.value + this.offset.value;
    } else {
      this.a.value = (this.b.value - this.offset.value) / this.scale.value;
    }
  }
  recalculate() {
    const i = this.input(), o = this.out();
    o.walkStrength = weakest(this.strength, i.walkStrength);
    o.stay = i.stay && this.scale.stay && this.offset.stay;
    if (o.stay) this.execute();
  }
}

class Planner {
  constructor() { this.currentMark = 0; }
  newMark() { return ++this.currentMark; }

  addConstraint(c) {
    c.addToGraph();
    this.incrementalAdd(c);
  }
  incrementalAdd(c) {
    const mark = this.newMark();
    let overridden = this.satisfy(c, mark);
    while (overridden !== null) overridden = this.satisfy(overridden, mark);
  }
  satisfy(c, mark) {
    c.chooseMethod(mark);
    if (!c.isSatisfied()) {
      if (c.strength === REQUIRED) throw new Error("could not satisfy a required constraint");
      return null;
    }
    c.markInputs(mark);
    const out = c.out();
    const overridden = out.determinedBy;
    if (overridden !== null) overridden.markUnsatisfied();
    out.determinedBy = c;
    if (!this.addPropagate(c, mark)) throw new Error("cycle encountered");
    out.mark = mark;
    return overridden;
  }
  removeConstraint(c) {
    if (c.isSatisfied()) this.incrementalRemove(c);
    c.removeFromGraph();
  }
  incrementalRemove(c) {
    const out = c.out();
    c.markUnsatisfied();
    c.removeFromGraph();
    const unsatisfied = this.removePropagateFrom(out);
    for (let s = REQUIRED; s <= WEAKEST; s++) {
      for (const u of unsatisfied) if (u.strength === s) this.incrementalAdd(u);
    }
  }
  addPropagate(c, mark) {
    const todo = [c];
    while (todo.length > 0) {
      const d = todo.pop();
      if (d.out().mark === mark) {
        this.incrementalRemove(c);
        return false;
      }
      d.recalculate();
      this.addConstraintsConsumingTo(d.out(), todo);
    }
    return true;
  }
  removePropagateFrom(out) {
    const unsatisfied = [];
    out.determinedBy = null;
    out.walkStrength = WEAKEST;
    out.stay = true;
    const todo = [out];
    while (todo.length > 0) {
      const v = todo.pop();
      for (const c of v.constraints) if (!c.isSatisfied()) unsatisfied.push(c);
      const determining = v.determinedBy;
      for (const next of v.constraints) {
        if (next !== determining && next.isSatisfied()) {
          next.recalculate();
          todo.push(next.out());
        }
      }
    }
    return unsatisfied;
  }
  addConstraintsConsumingTo(v, list) {
    const determining = v.determinedBy;
    for (const c of v.constraints) if (c !== determining && c.isSatisfied()) list.push(c);
  }
  makePlan(sources) {
    const mark = this.newMark();
    const plan = [];
    const todo = sources.slice();
    while (todo.length > 0) {
      const c = todo.pop();
      if (c.out().mark !== mark && c.inputsKnown(mark)) {
        plan.push(c);
        c.out().mark = mark;
        this.addConstraintsConsumingTo(c.out(), todo);
      }
    }
    return plan;
  }
  extractPlanFromConstraints(constraints) {
    return this.makePlan(constraints.filter((c) => c.isInput() && c.isSatisfied()));
  }
  change(v, value) {
    const edit = new EditConstraint(v, STRONG);
    this.addConstraint(edit);
    const plan = this.extractPlanFromConstraints([edit]);
    for (let i = 0; i < 10; i++) {
      v.value = value;
      for (const c of plan) c.execute();
    }
    this.removeConstraint(edit);
  }
}

// A chain of n equalities; editing the head must reach the tail.
function chainTest(n) {
  const planner = new Planner();
  const vars = [];
  for (let i = 0; i <= n; i++) vars.push(new Variable("v" + i, 0));
  for (let i = 0; i < n; i++) planner.addConstraint(new EqualityConstraint(vars[i], vars[i + 1], REQUIRED));
  planner.addConstraint(new StayConstraint(vars[n], WEAK));
  const edit = new EditConstraint(vars[0], STRONG);
  planner.addConstraint(edit);
  const plan = planner.extractPlanFromConstraints([edit]);
  let sum = 0;
  for (let i = 0; i < 100; i++) {
    vars[0].value = i;
    for (const c of plan) c.execute();
    sum += vars[n].value;
  }
  planner.removeConstraint(edit);
  return sum;
}

// n destinations each computed as src * scale + offset; changing the scale
// and the offset must re-evaluate them all.
function projectionTest(n) {
  const planner = new Planner();
  const scale = new Variable("scale", 10);
  const offset = new Variable("offset", 1000);
  const dests = [];
  let src = null;
  for (let i = 0; i < n; i++) {
    src = new Variable("src" + i, i);
    const dst = new Variable("dst" + i, i);
    dests.push(dst);
    planner.addConstraint(new StayConstraint(src, WEAK));
    planner.addConstraint(new ScaleConstraint(src, scale, offset, dst, REQUIRED));
  }
  let sum = 0;
  planner.change(src, 17);
  sum += dests[n - 1].value;
  planner.change(dests[n - 1], 1050);
  sum += src.value;
  planner.change(scale, 5);
  for (const d of dests) sum += d.value;
  planner.change(offset, 2000);
  for (const d of dests) sum += d.value;
  return sum;
}

let total = 0;
for (let i = 0; i < 80; i++) total += chainTest(300) + projectionTest(300);
const EXPECTED = 108134800;
console.log(`deltablue: ${total}`);
if (total !== EXPECTED) {
  console.log(`deltablue: wrong result, expected ${EXPECTED}`);
  process.exit(1);
}
