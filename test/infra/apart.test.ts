import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { apartChildPids } from '../support/processes.ts';
import {
	APART_MAX_CHILDREN,
	APART_NODE_FLAGS,
	CHILD_NICENESS,
	childrenAtWork,
	runApart,
} from '../../src/infra/apart.ts';

// Heavy, occasional work (the status picture) runs in a short-lived child process (issue 10: memory, clicks).

const fixture = new URL('../support/apart-fixture.ts', import.meta.url);
const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** This process's children running the child entry. */
const childProcesses = () => apartChildPids(process.pid);

describe('work run apart, in a child process', () => {
	it('GIVEN a function and its arguments WHEN run apart THEN it runs in another process, Dates and Maps cross intact, a Buffer comes back as bytes, and the child is gone', async () => {
		const at = new Date('2026-12-02T07:00:00Z');
		const got = await runApart<{ value: { at: Date; m: Map<string, number> }; pid: number; bytes: Uint8Array }>(
			fixture,
			'echo',
			[{ at, m: new Map([['a', 1]]) }],
		);
		expect(got.pid).not.toBe(process.pid);
		expect(got.value.at).toBeInstanceOf(Date);
		expect(got.value.at.getTime()).toBe(at.getTime());
		expect(got.value.m.get('a')).toBe(1);
		expect(Buffer.from(got.bytes).toString()).toBe('gopy');
		await sleep(200);
		expect(alive(got.pid)).toBe(false);
		expect(childrenAtWork()).toBe(0);
	});

	it('GIVEN the bot at its own priority WHEN a child works THEN it runs at a lower one, so people clicking go first', async () => {
		const child = await runApart<number>(fixture, 'niceness', []);
		// Exactly CHILD_NICENESS, unless the tests themselves run at a lower priority than that (and not as root).
		expect(child).toBeGreaterThanOrEqual(CHILD_NICENESS);
	});

	it('GIVEN a child WHEN it starts THEN it has the small young generation the bot has', async () => {
		expect(await runApart<string[]>(fixture, 'flags', [])).toEqual([...APART_NODE_FLAGS]);
	});

	it('GIVEN a function that throws WHEN run apart THEN the call rejects with its message', async () => {
		await expect(runApart(fixture, 'fail', ['the font is missing'])).rejects.toThrow(/the font is missing/);
		expect(childrenAtWork()).toBe(0);
	});

	it('GIVEN an argument that cannot cross to another process (a function) WHEN run apart THEN the call rejects at once', async () => {
		await expect(runApart(fixture, 'echo', [() => 1])).rejects.toThrow();
		expect(childrenAtWork()).toBe(0);
		// The child it started is not left waiting for a job that never comes.
		await sleep(300);
		expect(childProcesses()).toEqual([]);
	});

	it('GIVEN a name the module does not export WHEN run apart THEN the call rejects and says so', async () => {
		await expect(runApart(fixture, 'nothing', [])).rejects.toThrow(/has no function nothing/);
	});

	it('GIVEN a child that exits without answering WHEN run apart THEN the call rejects', async () => {
		await expect(runApart(fixture, 'exitAbruptly', [])).rejects.toThrow(/exited \(3\) without answering/);
	});

	it('GIVEN a function that never ends WHEN its time is up THEN the call rejects and the child is killed', async () => {
		await expect(runApart(fixture, 'hang', [], { timeoutMs: 3000 })).rejects.toThrow(/took longer than 3000 ms/);
		expect(childrenAtWork()).toBe(0);
	});

	it(`GIVEN more calls than ${String(APART_MAX_CHILDREN)} at once WHEN run apart THEN at most ${String(APART_MAX_CHILDREN)} children work at a time, and every call is answered`, async () => {
		let most = 0;
		const watch = setInterval(() => (most = Math.max(most, childrenAtWork())), 5);
		const calls = Array.from({ length: APART_MAX_CHILDREN + 2 }, () => runApart<number>(fixture, 'slow', [300]));
		const pids = await Promise.all(calls);
		clearInterval(watch);
		expect(most).toBe(APART_MAX_CHILDREN);
		expect(new Set(pids).size).toBe(APART_MAX_CHILDREN + 2);
		expect(childrenAtWork()).toBe(0);
	});

	it.each([
		['while the child is still loading', 0],
		['once the child is at work', 1500],
	])(
		'GIVEN a parent killed (SIGKILL) %s WHEN its child notices THEN the child exits too: no orphan keeps running',
		async (_when, afterMs) => {
			const parent = spawn(
				process.execPath,
				['--import', import.meta.resolve('tsx'), new URL('../support/apart-parent.ts', import.meta.url).pathname],
				{ stdio: ['ignore', 'pipe', 'inherit'] },
			);
			const child = await new Promise<number>((resolve, reject) => {
				let out = '';
				parent.stdout.on('data', (d: Buffer) => {
					out += d.toString();
					const m = /\{"child":(\d+)\}/.exec(out);
					if (m) resolve(Number(m[1]));
				});
				parent.on('exit', () => reject(new Error(`the parent exited first: ${out}`)));
			});
			await sleep(afterMs);
			expect(alive(child)).toBe(true);
			parent.kill('SIGKILL');
			for (let i = 0; i < 200 && alive(child); i++) await sleep(50);
			expect(alive(child)).toBe(false);
		},
		20_000,
	);
});
