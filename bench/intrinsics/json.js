// JSON.parse and JSON.stringify of a 5 MB document
const items = [];
for (let i = 0; i < 40000; i++) {
  items.push({ id: i, name: "item" + i, tags: ["a", "b", "c"], price: i * 1.25, ok: i % 2 === 0, nested: { x: i, y: "z" } });
}
const s = JSON.stringify(items);
const back = JSON.parse(s);
const again = JSON.stringify(back);
console.log(s.length > 5e6, again.length === s.length, back[12345].name);
