/**
 * Turns an uploaded file into text, or says why it cannot. Spreadsheet programs save "CSV" in
 * several encodings; only UTF-8 is accepted (with or without a byte-order mark), so a file is
 * never imported as mojibake. A UTF-16 file (Excel's "Unicode text") is refused as a whole;
 * bytes that are not UTF-8 (a GBK file, a corrupted line) become U+FFFD, and the rows holding
 * them are reported one by one by the parsers, so the rest of the file still imports.
 */
export type Decoded = { ok: true; text: string } | { ok: false; message: string };

export function decodeText(bytes: Uint8Array): Decoded {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    return { ok: false, message: 'the file is UTF-16 encoded; save it as "CSV UTF-8" or JSON in UTF-8' };
  }
  // UTF-16 without a byte-order mark: ASCII characters come with a zero byte beside them.
  const sample = bytes.subarray(0, 512);
  const zeros = sample.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
  if (sample.length > 0 && zeros / sample.length > 0.2) {
    return {
      ok: false,
      message: 'the file looks UTF-16 encoded (or binary); save it as "CSV UTF-8" or JSON in UTF-8',
    };
  }
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
  return { ok: true, text };
}

/** True when decoding replaced invalid bytes in this text. */
export function hasInvalidBytes(text: string): boolean {
  return text.includes('\uFFFD');
}
