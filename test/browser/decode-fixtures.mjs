// Decodes every real-broker fixture of every Kafka version with a given instance of @kafkesc/konsumer-offsets and
// returns the output as text lines: the same module runs in Chromium (served over http by browser.int.test.ts) and in
// Node (a plain `node` child of that test), so that the two outputs can be compared line for line.
// Web platform only: fetch-like text loading is passed in, bytes are Uint8Array, no Buffer.

/** Hex text to bytes. */
function hexToBytes(hex) {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/**
 * Decodes each record of `fixtures/real/<version>/records.jsonl` for each version: one line per record with its JSON
 * form and Kafka's formatter form (or the error). `readText(path)` returns a file's text, `path` relative to the
 * fixtures folder. Returns {version: {records, lines, types}}.
 */
export async function decodeFixtures(ko, versions, readText) {
  const out = {};
  for (const version of versions) {
    const lines = [];
    const types = {};
    const text = await readText(`${version}/records.jsonl`);
    for (const line of text.split("\n")) {
      if (line.length === 0) continue;
      const captured = JSON.parse(line);
      const at = `${captured.partition}/${captured.offset}`;
      try {
        const record = ko.decode(hexToBytes(captured.key), captured.value === null ? null : hexToBytes(captured.value));
        types[record.type] = (types[record.type] ?? 0) + 1;
        lines.push(`${at} ${ko.toJson(record)} ${ko.toKafkaFormat(record)}`);
      } catch (error) {
        lines.push(`${at} ERROR ${error.name} ${error.code} ${error.message}`);
      }
    }
    out[version] = { records: lines.length, lines, types };
  }
  return out;
}
