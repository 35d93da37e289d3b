'use strict';
// assert.AssertionError and the messages Node generates for failed
// comparisons: `1 !== 2` for short values, otherwise a line diff of the
// inspected values under "+ actual - expected" (long identical runs shown as
// "..."). The diff lines up lines with an LCS, treating lines that differ
// only by a trailing comma as equal.

const { inspect } = require('./inspect.js');

const readableOperator = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values identical but not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
};

/** Maximum combined length of two one-line values shown as `a !== b`. */
const kMaxShortLength = 12;

function inspectValue(value) {
  return inspect(value, {
    compact: false,
    customInspect: false,
    depth: 1000,
    maxArrayLength: Infinity,
    showHidden: false,
    sorted: true,
    getters: true,
  });
}

const isObjectLike = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';
const stripComma = (line) => (line.endsWith(',') ? line.slice(0, -1) : line);

/** Longest-common-subsequence alignment of two line arrays. */
function diffLines(a, b) {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = stripComma(a[i]) === stripComma(b[j]) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && stripComma(a[i]) === stripComma(b[j])) {
      ops.push({ kind: ' ', line: b[j] });
      i++;
      j++;
    } else {
      // Collect one hunk: all removals of actual lines, then all of expected.
      const plus = [];
      const minus = [];
      while ((i < n || j < m) && !(i < n && j < m && stripComma(a[i]) === stripComma(b[j]))) {
        if (j >= m || (i < n && table[i + 1][j] >= table[i][j + 1])) plus.push(a[i++]);
        else minus.push(b[j++]);
      }
      for (const line of plus) ops.push({ kind: '+', line });
      for (const line of minus) ops.push({ kind: '-', line });
    }
  }
  return ops;
}

/** Renders the diff, eliding long runs of identical lines. */
function renderDiff(ops) {
  const out = [];
  let skipped = false;
  let k = 0;
  while (k < ops.length) {
    if (ops[k].kind !== ' ') {
      out.push(`${ops[k].kind} ${ops[k].line}`);
      k++;
      continue;
    }
    let end = k;
    while (end < ops.length && ops[end].kind === ' ') end++;
    const run = ops.slice(k, end).map((op) => `  ${op.line}`);
    const head = k === 0 ? 2 : 1;
    const tail = end === ops.length ? 3 : 2;
    if (run.length > head + tail + 1) {
      out.push(...run.slice(0, head), '...', ...run.slice(run.length - tail));
      skipped = true;
    } else {
      out.push(...run);
    }
    k = end;
  }
  return { text: out.join('\n'), skipped };
}

function createErrDiff(actual, expected, operator, customHeader) {
  const actualInspected = inspectValue(actual);
  const expectedInspected = inspectValue(expected);
  const actualLines = actualInspected.split('\n');
  const expectedLines = expectedInspected.split('\n');
  let header = customHeader === undefined ? readableOperator[operator] : customHeader;
  let indicator = '';
  if (actualLines.length === 1 && expectedLines.length === 1 && actualLines[0] !== expectedLines[0]) {
    const inputLength = actualLines[0].length + expectedLines[0].length;
    if (inputLength <= kMaxShortLength) {
      if (!isObjectLike(actual) && !isObjectLike(expected) && (actual !== 0 || expected !== 0)) {
        return `${header}\n\n${actualLines[0]} !== ${expectedLines[0]}\n`;
      }
    } else if (operator !== 'strictEqualObject' && inputLength < 80) {
      let i = 0;
      while (actualLines[0][i] === expectedLines[0][i]) i++;
      if (i > 2) indicator = `\n  ${' '.repeat(i)}^`;
    }
  }
  const { text, skipped } = renderDiff(diffLines(actualLines, expectedLines));
  header += `\n+ actual - expected${skipped ? ' ... Lines skipped' : ''}`;
  return `${header}\n\n${text}${indicator}`;
}

/** The message for a failed comparison `operator` between actual and expected. */
function generateMessage(actual, expected, operator) {
  if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
    if (operator === 'strictEqual' && isObjectLike(actual) && isObjectLike(expected)) {
      if (inspectValue(actual) === inspectValue(expected)) {
        return `Values have same structure but are not reference-equal:\n\n${inspectValue(actual)}\n`;
      }
      return createErrDiff(actual, expected, 'strictEqualObject');
    }
    return createErrDiff(actual, expected, operator);
  }
  if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
    let base = readableOperator[operator];
    const lines = inspectValue(actual).split('\n');
    if (operator === 'notStrictEqual' && isObjectLike(actual)) base = readableOperator.notStrictEqualObject;
    if (lines.length === 1) return `${base}${lines[0].length > 5 ? '\n\n' : ' '}${lines[0]}`;
    return `${base}\n\n${lines.join('\n')}\n`;
  }
  const res = inspectValue(actual);
  const other = inspectValue(expected);
  if (operator === 'notDeepEqual' && res === other) return `${readableOperator.notDeepEqual}\n\n${res}`;
  if (operator === 'deepEqual') return `${readableOperator.deepEqual}\n\n${res}\n\nshould loosely deep-equal\n\n${other}`;
  if (operator === 'notDeepEqual') return `${readableOperator.notDeepEqualUnequal}\n\n${res}\n\nshould not loosely deep-equal\n\n${other}`;
  return `${res} ${operator} ${other}`;
}

class AssertionError extends Error {
  constructor(options) {
    if (options === null || typeof options !== 'object') {
      throw require('./errors.js').invalidArgType('options', 'of type object', options);
    }
    const { message, operator, actual, expected } = options;
    if (message === undefined || message === null) {
      super(generateMessage(actual, expected, operator));
    } else if (operator === 'strictEqual' || operator === 'deepStrictEqual') {
      // A custom message replaces the header of the diff, which is still shown.
      super(createErrDiff(actual, expected, operator, String(message)));
    } else {
      super(String(message));
    }
    this.generatedMessage = message === undefined || message === null;
    this.code = 'ERR_ASSERTION';
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
    Object.defineProperty(this, 'name', { value: 'AssertionError', enumerable: false, writable: true, configurable: true });
    // Node's stack header names the code: "AssertionError [ERR_ASSERTION]: message".
    if (typeof this.stack === 'string') {
      const frames = this.stack.indexOf('\n    at ');
      this.stack = `AssertionError [ERR_ASSERTION]: ${this.message}${frames === -1 ? '' : this.stack.slice(frames)}`;
    }
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
}

module.exports = { AssertionError, inspectValue };
