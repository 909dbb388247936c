/** The properties parser reads what java.util.Properties.load reads (the cases of its Javadoc, and Kafka's client.properties). */
import { describe, expect, it } from "vitest";
import { ConfigFileError } from "../src/errors.js";
import { parseProperties } from "../src/properties.js";

const pairs = (text: string) => parseProperties(text, "client.properties").map((e) => [e.key, e.value]);

describe("parseProperties", () => {
  it("reads key=value, key:value and key value, with blanks around the separator", () => {
    expect(pairs("a=1\nb:2\nc 3\nd = 4\n  e\t:\t5\nf\t\t6")).toEqual([["a", "1"], ["b", "2"], ["c", "3"], ["d", "4"], ["e", "5"], ["f", "6"]]);
  });

  it("keeps separators after the first in the value, and trailing blanks", () => {
    expect(pairs("sasl.jaas.config=x required username=\"a:b\";\nurl: http://h:1/p \n")).toEqual([
      ["sasl.jaas.config", 'x required username="a:b";'],
      ["url", "http://h:1/p "],
    ]);
  });

  it("skips # and ! comment lines and blank lines, but not a # inside a value", () => {
    expect(pairs("# comment\n   ! also\n\n\t\nk=v # not a comment\n")).toEqual([["k", "v # not a comment"]]);
  });

  it("joins continued lines, dropping the next line's leading blanks", () => {
    expect(pairs("fruits  apple, banana, \\\n        pear, \\\n        cantaloupe\nnext=1")).toEqual([
      ["fruits", "apple, banana, pear, cantaloupe"],
      ["next", "1"],
    ]);
  });

  it("an even number of trailing backslashes is an escaped backslash, not a continuation", () => {
    expect(pairs("path=C:\\\\dir\\\\\nnext=1")).toEqual([["path", "C:\\dir\\"], ["next", "1"]]);
  });

  it("resolves escapes in keys and values", () => {
    expect(pairs("key\\ with\\=odd\\:chars = v\\tw\\nx\\u00e9\\q")).toEqual([["key with=odd:chars", "v\tw\nxéq"]]);
  });

  it("a key alone has an empty value; CRLF and CR line ends and a BOM are read", () => {
    expect(pairs("\uFEFFempty\r\na=1\rb=2")).toEqual([["empty", ""], ["a", "1"], ["b", "2"]]);
  });

  it("numbers entries by the line they start on", () => {
    expect(parseProperties("# c\n\na=1\\\n  2\nb=3").map((e) => [e.key, e.line])).toEqual([["a", 3], ["b", 5]]);
  });

  it("a malformed \\u escape is an error naming the file and line", () => {
    expect(() => parseProperties("a=1\nb=\\u12x4", "client.properties")).toThrow(ConfigFileError);
    expect(() => parseProperties("a=1\nb=\\u12x4", "client.properties")).toThrow("client.properties:2: malformed \\uXXXX escape: \\u12x4");
  });
});
