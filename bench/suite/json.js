// A JSON round-trip: build a document of records (nested objects, arrays,
// strings with escapes, numbers), stringify it, parse it back, walk the
// parsed tree and stringify again. Self-checking: a checksum of the walk and
// the equality of both texts.
"use strict";

function makeDocument(n, seed) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state;
  };
  const tags = ["alpha", "beta", "gamma \"quoted\"", "delta\nline", "epsilon\\path", "zeta\u00e9"];
  const records = [];
  for (let i = 0; i < n; i++) {
    const r = next();
    records.push({
      id: i,
      name: "record-" + i,
      score: (r % 100000) / 100,
      active: r % 3 === 0,
      parent: i > 0 ? i - 1 : null,
      tags: [tags[r % 6], tags[(r >> 3) % 6]],
      position: { x: r % 640, y: (r >> 10) % 480, z: -((r >> 4) % 97) },
      history: [r % 7, r % 11, r % 13, r % 17],
    });
  }
  return { version: 3, generator: "minijs-bench", records };
}

function checksum(value) {
  if (value === null) return 1;
  switch (typeof value) {
    case "number": return Math.floor(value * 100) % 1000003;
    case "boolean": return value ? 3 : 5;
    case "string": {
      let h = value.length;
      for (let i = 0; i < value.length; i++) h = (h * 31 + value.charCodeAt(i)) % 1000003;
      return h;
    }
    default:
      if (Array.isArray(value)) {
        let h = 7;
        for (const v of value) h = (h * 17 + checksum(v)) % 1000003;
        return h;
      } else {
        let h = 11;
        for (const k of Object.keys(value)) h = (h * 13 + checksum(k) + checksum(value[k])) % 1000003;
        return h;
      }
  }
}

let total = 0;
for (let round = 0; round < 16; round++) {
  const doc = makeDocument(2500, round + 1);
  const text = JSON.stringify(doc);
  const parsed = JSON.parse(text);
  total = (total + checksum(parsed) + text.length) % 1000000007;
  if (JSON.stringify(parsed) !== text) {
    console.log("json: the round trip changed the text");
    process.exit(1);
  }
}
const EXPECTED = 17431343;
console.log(`json: ${total}`);
if (total !== EXPECTED) {
  console.log(`json: wrong result, expected ${EXPECTED}`);
  process.exit(1);
}
