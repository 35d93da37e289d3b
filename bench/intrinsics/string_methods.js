// split / join / replace / indexOf on 1 MB strings
const line = "lorem ipsum dolor sit amet, consectetur adipiscing elit\n";
const text = line.repeat(Math.ceil(1048576 / line.length));
let n = 0;
for (let r = 0; r < 3; r++) {
  const lines = text.split("\n");
  n += lines.length + lines.join("|").length;
  n += text.replaceAll("ipsum", "IPSUM").length + text.replace("elit", "ELIT").length;
  let i = -1, count = 0;
  while ((i = text.indexOf("amet", i + 1)) !== -1) count++;
  n += count;
}
console.log(n);
