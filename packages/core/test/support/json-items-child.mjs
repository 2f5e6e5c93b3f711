// Streams the array of a big JSON session file (argv: path, key) in a process of its own, over the built
// core, and prints what it read and how far its memory grew meanwhile.
import { eachJsonItem } from '../../dist/index.js';

const [path, key] = process.argv.slice(2);
const rss = () => process.memoryUsage().rss;
const baseline = rss();
let peak = baseline;
let items = 0;
let lastIndex = -1;
let textBytes = 0;
const fields = {};
const result = await eachJsonItem(
  path,
  (value, index) => {
    items++;
    lastIndex = value.i === index ? index : -2;
    textBytes += value.content[0].content.length;
    if (index % 16 === 0) peak = Math.max(peak, rss());
  },
  {
    at: [key],
    onField: (k, v) => {
      fields[k] = v;
    },
  },
);
peak = Math.max(peak, rss());
process.stdout.write(
  JSON.stringify({ result, items, lastIndex, textBytes, fields, growth: peak - baseline }),
);
