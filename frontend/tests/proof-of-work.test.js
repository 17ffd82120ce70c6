// The proof of work solves an ALTCHA v1 challenge made by the Python `altcha` package the server uses.
import assert from "node:assert/strict";
import { test } from "node:test";

import { payload, solve } from "../js/proof-of-work.js";

// altcha.create_challenge_v1(max_number=2000, hmac_key="test-key", salt=…, number=1234)
const CHALLENGE = {
  algorithm: "SHA-256",
  challenge: "57521aa6bc5d56a0bfaa94f73bb855ad431c103432649b8c10f419b2fdbf7f99",
  maxnumber: 2000,
  salt: "0123456789abcdef0123456789abcdef?expires=1893456000&survey=7&",
  signature: "18c0133108852fdc0b9fd89e1c79d249dca4e74872476dcfbb23874c57dfa985",
};

test("finds the number the server hid and sends it in the widget's payload", async () => {
  const number = await solve(CHALLENGE);
  assert.equal(number, 1234);
  const sent = JSON.parse(Buffer.from(payload(CHALLENGE, number), "base64").toString());
  assert.deepEqual(sent, { algorithm: "SHA-256", challenge: CHALLENGE.challenge, number: 1234, salt: CHALLENGE.salt, signature: CHALLENGE.signature });
});

test("gives up with null when no number up to maxnumber fits", async () => {
  assert.equal(await solve({ ...CHALLENGE, maxnumber: 1000 }), null);
});
