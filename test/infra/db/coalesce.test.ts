import { describe, expect, it } from 'vitest';
import { Coalescer } from '../../../src/infra/db/coalesce.ts';

/** A store of numbers by name whose reads are counted. */
function countingStore(values: Map<string, number>) {
	const reads: string[][] = [];
	const coalescer = new Coalescer<string, number>(async (keys) => {
		reads.push(keys);
		return new Map(keys.filter((k) => values.has(k)).map((k) => [k, values.get(k)!]));
	});
	return { coalescer, reads };
}

describe('reads asked for together', () => {
	it('GIVEN five reads of three keys in one turn of the event loop WHEN they resolve THEN the store was read once with each key once, and each caller has its value (null for a missing key)', async () => {
		const { coalescer, reads } = countingStore(
			new Map([
				['a', 1],
				['b', 2],
			]),
		);

		const got = await Promise.all(['a', 'b', 'a', 'missing', 'b'].map((k) => coalescer.load(k)));

		expect(got).toEqual([1, 2, 1, null, 2]);
		expect(reads).toEqual([['a', 'b', 'missing']]);
	});

	it('GIVEN reads asked for in one task, some a few promise steps later WHEN the event loop would go on to other work THEN the store was read once, already: the read does not wait for the next turn', async () => {
		const { coalescer, reads } = countingStore(new Map([['a', 1]]));
		const order: string[] = [];
		// What the event loop would do next: the next read of the socket (the next clicks of a burst).
		setImmediate(() => order.push('next turn'));

		const later = Promise.resolve()
			.then(() => undefined)
			.then(() => coalescer.load('b'));
		const got = await Promise.all([coalescer.load('a'), later]);
		order.push('read');

		expect(got).toEqual([1, null]);
		expect(reads).toEqual([['a', 'b']]);
		await new Promise((resolve) => setImmediate(resolve));
		expect(order).toEqual(['read', 'next turn']);
	});

	it('GIVEN a read under way (a database server answering later) WHEN keys are asked for meanwhile, in later tasks THEN they wait for it and go together in the next read, which sees what changed meanwhile', async () => {
		const values = new Map([
			['a', 1],
			['b', 2],
			['c', 3],
		]);
		const reads: string[][] = [];
		let answer: () => void = () => undefined;
		const coalescer = new Coalescer<string, number>(async (keys) => {
			reads.push(keys);
			const found = new Map(keys.map((k) => [k, values.get(k)!]));
			if (reads.length === 1) await new Promise<void>((resolve) => (answer = resolve));
			return found;
		});
		const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

		const first = coalescer.load('a');
		await nextTurn();
		values.set('b', 20);
		const meanwhile = [coalescer.load('b')];
		await nextTurn();
		meanwhile.push(coalescer.load('c'), coalescer.load('b'));
		await nextTurn();
		expect(reads).toEqual([['a']]);

		answer();
		expect(await first).toBe(1);
		expect(await Promise.all(meanwhile)).toEqual([20, 3, 20]);
		expect(reads).toEqual([['a'], ['b', 'c']]);
	});

	it('GIVEN a value changed after a first read WHEN read again in a later turn THEN the new value is returned: nothing is cached', async () => {
		const values = new Map([['a', 1]]);
		const { coalescer, reads } = countingStore(values);
		expect(await coalescer.load('a')).toBe(1);

		values.set('a', 2);

		expect(await coalescer.load('a')).toBe(2);
		expect(reads).toHaveLength(2);
	});

	it('GIVEN the store fails WHEN several callers wait on one read THEN each of them gets the error, and the next read is tried anew', async () => {
		let fail = true;
		const coalescer = new Coalescer<string, number>(async (keys) => {
			if (fail) throw new Error('database down');
			return new Map(keys.map((k) => [k, 7]));
		});

		const results = await Promise.allSettled([coalescer.load('a'), coalescer.load('b')]);
		expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'ok'))).toEqual([
			'database down',
			'database down',
		]);

		fail = false;
		expect(await coalescer.load('a')).toBe(7);
	});
});
