// pipeline with an async generator transform and a promise-returning sink
const { pipeline, Readable } = require('stream');
const { pipeline: pipelineP } = require('stream/promises');
pipeline(
  Readable.from(['a', 'b', 'c']),
  async function* (source) { for await (const c of source) yield c.toUpperCase(); },
  async function (source) { let s = ''; for await (const c of source) s += c; return s; },
  (err, value) => console.log('cb', err, value),
);
(async () => {
  const out = [];
  await pipelineP([1, 2, 3], async function* (src) { for await (const n of src) yield n * 2; },
    async function (src) { for await (const n of src) out.push(n); });
  console.log('promise pipeline', out);
})();
