// RegExp replace / split / match / exec on a 1 MB string
const line = "user42@example.com visited /index.html at 2024-03-07T10:00:00Z\n";
const text = line.repeat(Math.ceil(1048576 / line.length));
let n = 0;
n += text.replace(/\d+/g, "#").length;
n += text.split(/\s+/).length;
n += text.match(/[a-z0-9]+@[a-z]+\.com/g).length;
n += text.replace(/(\d{4})-(\d{2})-(\d{2})/g, "$3/$2/$1").length;
const re = /(\w+)@(\w+)/g;
let m;
while ((m = re.exec(text)) !== null) n += m[1].length;
console.log(n);
