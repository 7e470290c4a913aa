import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Runs an exported function of a module in a short-lived child process and returns its result, for heavy,
 * occasional work (the status picture: ECharts, resvg and a font, ~25 MB more while drawing). The libraries and the
 * peak memory then stay out of the bot's process, whose resident memory would otherwise keep them for good (V8 and
 * malloc keep what they grew to), and the work runs on another core while the bot answers clicks.
 *
 * Arguments and result cross by structured clone (Dates, Maps, Uint8Arrays; a Buffer comes back as a Uint8Array);
 * functions do not. The child runs at a lower priority than the bot and exits once it has answered; at most {@link APART_MAX_CHILDREN} run at once, the
 * others wait their turn. A child that fails, exits without answering or outlives `timeoutMs` rejects the call.
 */
export async function runApart<T>(
	module: URL,
	name: string,
	args: readonly unknown[],
	opts: { timeoutMs?: number } = {},
): Promise<T> {
	await turn();
	try {
		return await inChild<T>(module, name, args, opts.timeoutMs ?? APART_TIMEOUT_MS);
	} finally {
		release();
	}
}

/** Children at once: a status asked by several coordinators at the same moment must not fork a process each. */
export const APART_MAX_CHILDREN = 2;
export const APART_TIMEOUT_MS = 60_000;
/** The children's niceness (0 is the bot's; 19 the lowest priority). */
export const CHILD_NICENESS = 10;

let running = 0;
const waiting: Array<() => void> = [];

/** How many children are at work (for tests). */
export function childrenAtWork(): number {
	return running;
}

function turn(): Promise<void> {
	if (running < APART_MAX_CHILDREN) {
		running++;
		return Promise.resolve();
	}
	return new Promise((resolve) => waiting.push(resolve));
}

function release(): void {
	const next = waiting.shift();
	if (next) next();
	else running--;
}

/** The child's entry, beside this file: `.ts` under tsx (tests, demo), `.js` once compiled (`npm start`). */
const here = fileURLToPath(import.meta.url);
const ext = path.extname(here);
const CHILD_ENTRY = path.join(path.dirname(here), `apart-child${ext}`);

/**
 * Node's flags for a child: a small young generation, as `npm start` gives the bot (the status picture's peak while
 * drawing: about 34 MB above its modules with Node's default, 26 MB with this; bench/pictures.ts measures it so).
 */
export const APART_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/** Sources run through tsx's loader, resolved from here (the bot's working directory may be anywhere). */
function childExecArgv(): string[] {
	if (ext !== '.ts') return [...APART_NODE_FLAGS];
	return [...APART_NODE_FLAGS, '--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
}

interface Answer {
	ok: boolean;
	value?: unknown;
	error?: string;
}

function inChild<T>(module: URL, name: string, args: readonly unknown[], timeoutMs: number): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		let child: ChildProcess;
		try {
			child = fork(CHILD_ENTRY, [], {
				execArgv: childExecArgv(),
				serialization: 'advanced',
				stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
			});
		} catch (error) {
			reject(error instanceof Error ? error : new Error(String(error)));
			return;
		}
		// Below the bot's own priority: the people clicking while a summary is drawn go first.
		if (child.pid !== undefined) {
			try {
				os.setPriority(child.pid, CHILD_NICENESS);
			} catch {
				// not allowed here: the child runs at the bot's priority
			}
		}
		let settled = false;
		const settle = (fn: () => void) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			fn();
		};
		const timer = setTimeout(() => {
			settle(() => reject(new Error(`${name} took longer than ${String(timeoutMs)} ms in a child process`)));
			child.kill('SIGKILL');
		}, timeoutMs);
		child.once('message', (answer: Answer) => {
			if (answer.ok) settle(() => resolve(answer.value as T));
			else settle(() => reject(new Error(`${name} failed in a child process: ${answer.error ?? 'unknown error'}`)));
		});
		child.once('error', (error) => {
			settle(() => reject(error));
			child.kill('SIGKILL');
		});
		child.once('exit', (code, signal) => {
			settle(() =>
				reject(new Error(`${name}: the child process exited (${signal ?? String(code)}) without answering`)),
			);
		});
		try {
			child.send({ module: module.href, name, args });
		} catch (error) {
			// Arguments that cannot be cloned (a function): the child would wait for nothing.
			settle(() => reject(error instanceof Error ? error : new Error(String(error))));
			child.kill('SIGKILL');
		}
	});
}
