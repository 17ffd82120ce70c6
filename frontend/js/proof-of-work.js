/**
 * The ALTCHA proof of work (protocol v1), solved with the browser's WebCrypto: find the number n in
 * 0..maxnumber with SHA-256(salt + n) == challenge. Our own few lines instead of the ALTCHA widget, so the page
 * keeps its strict CSP (no inline styles, no workers from blob: URLs) and loads nothing extra.
 * The answer goes to the server as base64 JSON, the same payload the widget would send.
 */

const BATCH = 256; // digests started together: WebCrypto is asynchronous, waiting for each one is slow

function bytesOf(hex) {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function same(buffer, wanted) {
  const got = new Uint8Array(buffer);
  if (got.length !== wanted.length) return false;
  for (let i = 0; i < got.length; i += 1) if (got[i] !== wanted[i]) return false;
  return true;
}

/** The number that solves `challenge` ({algorithm, challenge, maxnumber, salt, signature}), or null. */
export async function solve(challenge, { signal, subtle = globalThis.crypto.subtle } = {}) {
  if (challenge.algorithm !== "SHA-256") throw new Error(`Unsupported algorithm ${challenge.algorithm}`);
  const wanted = bytesOf(challenge.challenge);
  const encoder = new TextEncoder();
  for (let start = 0; start <= challenge.maxnumber; start += BATCH) {
    if (signal?.aborted) return null;
    const numbers = [];
    for (let n = start; n < start + BATCH && n <= challenge.maxnumber; n += 1) numbers.push(n);
    const digests = await Promise.all(numbers.map((n) => subtle.digest("SHA-256", encoder.encode(`${challenge.salt}${n}`))));
    const at = digests.findIndex((d) => same(d, wanted));
    if (at >= 0) return numbers[at];
  }
  return null;
}

/** What the server checks: the challenge with the number found, as base64 JSON. */
export function payload(challenge, number) {
  const { algorithm, salt, signature } = challenge;
  return btoa(JSON.stringify({ algorithm, challenge: challenge.challenge, number, salt, signature }));
}

/** Fetch a challenge with `get()` and solve it; resolves to the payload string (null when it found nothing). */
export async function prove(get, options = {}) {
  const challenge = await get();
  const number = await solve(challenge, options);
  return number === null ? null : payload(challenge, number);
}
