import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ed25519PublicKey, MAX_SKEW_SECONDS, verifySignature } from '../../src/discord/http-interactions.ts';

/** Discord's request signature: Ed25519 over the timestamp (Unix seconds, as text) followed by the raw body. */

const keys = generateKeyPairSync('ed25519');
const publicHex = Buffer.from(keys.publicKey.export({ format: 'jwk' }).x ?? '', 'base64url').toString('hex');
const key = ed25519PublicKey(publicHex);
const NOW = 1_700_000_000_000;
const body = Buffer.from('{"type":1}');

function signed(timestamp: string, what: Buffer = body) {
	const signature = sign(null, Buffer.concat([Buffer.from(timestamp), what]), keys.privateKey).toString('hex');
	return { signature, timestamp };
}

describe('interaction signatures', () => {
	it('GIVEN a request signed now WHEN checked THEN it passes; with the body or the timestamp changed it fails', () => {
		const headers = signed(String(NOW / 1000));
		expect(verifySignature(key, headers, body, NOW)).toBe(true);
		expect(verifySignature(key, headers, Buffer.from('{"type":2}'), NOW)).toBe(false);
		expect(verifySignature(key, { ...headers, timestamp: String(NOW / 1000 - 1) }, body, NOW)).toBe(false);
	});

	it(`GIVEN the timestamp ${MAX_SKEW_SECONDS} s away WHEN checked THEN it passes; one second more, either way, it fails`, () => {
		const edge = NOW / 1000 - MAX_SKEW_SECONDS;
		expect(verifySignature(key, signed(String(edge)), body, NOW)).toBe(true);
		expect(verifySignature(key, signed(String(edge - 1)), body, NOW)).toBe(false);
		expect(verifySignature(key, signed(String(NOW / 1000 + MAX_SKEW_SECONDS + 1)), body, NOW)).toBe(false);
	});

	it('GIVEN another key pair, missing or malformed headers WHEN checked THEN each fails without throwing', () => {
		const other = generateKeyPairSync('ed25519');
		const ts = String(NOW / 1000);
		const foreign = sign(null, Buffer.concat([Buffer.from(ts), body]), other.privateKey).toString('hex');
		expect(verifySignature(key, { signature: foreign, timestamp: ts }, body, NOW)).toBe(false);
		expect(verifySignature(key, { signature: undefined, timestamp: ts }, body, NOW)).toBe(false);
		expect(verifySignature(key, { signature: signed(ts).signature, timestamp: undefined }, body, NOW)).toBe(false);
		expect(verifySignature(key, { signature: 'zz', timestamp: ts }, body, NOW)).toBe(false);
		expect(verifySignature(key, { ...signed(ts), timestamp: `${ts}.5` }, body, NOW)).toBe(false);
	});

	it('GIVEN a public key that is not 32 bytes WHEN loaded THEN it is refused', () => {
		expect(() => ed25519PublicKey('ab'.repeat(31))).toThrow(/32 bytes/);
	});
});
