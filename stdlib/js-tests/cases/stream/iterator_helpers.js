// Readable iterator helpers: map, filter, take, drop, toArray, reduce, some, find
const { Readable } = require('stream');
(async () => {
  console.log(await Readable.from([1, 2, 3, 4, 5]).map((x) => x * 2).filter((x) => x > 4).toArray());
  console.log(await Readable.from([1, 2, 3, 4, 5]).drop(1).take(2).toArray());
  console.log(await Readable.from([1, 2, 3]).reduce((a, b) => a + b, 10));
  console.log(await Readable.from([1, 2, 3]).some((x) => x > 2), await Readable.from([1, 2, 3]).every((x) => x > 2));
  console.log(await Readable.from(['a', 'bb', 'ccc']).find((s) => s.length === 2));
  console.log(await Readable.from([[1, 2], [3]]).flatMap((x) => x).toArray());
  const seen = [];
  await Readable.from(['x', 'y']).forEach((v) => seen.push(v));
  console.log(seen);
  try { await Readable.from([]).reduce((a, b) => a + b); } catch (e) { console.log(e.name, e.message); }
})();
