// Parses GIFT files with gift-pegjs (an independent parser, pinned in package.json) and prints
// the questions as JSON, one array per file: node parse_gift.cjs a.gift b.gift
const fs = require("fs");
const { parse } = require("gift-pegjs");

const out = process.argv.slice(2).map((file) => parse(fs.readFileSync(file, "utf8")));
process.stdout.write(JSON.stringify(out));
