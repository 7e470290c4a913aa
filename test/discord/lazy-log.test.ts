import { describe, expect, it } from 'vitest';
import type { Log } from '../../src/app/deps.ts';
import { lazyChild } from '../../src/discord/router.ts';

function recordingLog(): { log: Log; children: object[]; lines: Array<[object, object, string | undefined]> } {
	const children: object[] = [];
	const lines: Array<[object, object, string | undefined]> = [];
	const make = (bindings: object): Log => ({
		info: (obj, msg) => void lines.push([bindings, obj, msg]),
		warn: (obj, msg) => void lines.push([bindings, obj, msg]),
		error: (obj, msg) => void lines.push([bindings, obj, msg]),
		child: (more) => {
			children.push(more);
			return make({ ...bindings, ...more });
		},
	});
	return { log: make({}), children, lines };
}

describe("an interaction's logger", () => {
	it('GIVEN an interaction that logs nothing THEN no child logger is made and its bindings are never computed', () => {
		const { log, children } = recordingLog();
		let computed = 0;
		lazyChild(log, () => (computed++, { interaction: '1' }));
		expect(children).toEqual([]);
		expect(computed).toBe(0);
	});

	it('GIVEN an interaction that logs THEN one child is made, once, and every line carries its bindings', () => {
		const { log, children, lines } = recordingLog();
		let computed = 0;
		const child = lazyChild(log, () => (computed++, { interaction: '1' }));
		child.warn({ a: 1 }, 'first');
		child.error({ b: 2 });
		expect(computed).toBe(1);
		expect(children).toEqual([{ interaction: '1' }]);
		expect(lines).toEqual([
			[{ interaction: '1' }, { a: 1 }, 'first'],
			[{ interaction: '1' }, { b: 2 }, undefined],
		]);
		child.child?.({ sweep: 'x' }).info({}, 'deeper');
		expect(lines.at(-1)).toEqual([{ interaction: '1', sweep: 'x' }, {}, 'deeper']);
	});

	it('GIVEN a logger without children THEN it is used as it is', () => {
		const log: Log = { info: () => {}, warn: () => {}, error: () => {} };
		expect(lazyChild(log, () => ({}))).toBe(log);
	});
});
