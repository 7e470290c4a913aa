/**
 * The status picture's figures (issue 12), each size in a fresh process so its memory is the picture's alone
 * (bench/picture.ts). `npm run bench` runs it after bench/run.ts. Exits 1 when a target is missed.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { APART_NODE_FLAGS } from '../src/infra/apart.ts';

interface Row {
	name: string;
	value: number;
	unit: string;
	target: number;
}

async function measure(units: number): Promise<Row[]> {
	const child = spawn(
		process.execPath,
		// With the flags the bot gives the child process that draws its pictures (src/infra/apart.ts).
		[...APART_NODE_FLAGS, '--import', 'tsx', path.join(import.meta.dirname, 'picture.ts'), String(units)],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	let out = '';
	child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	if (code !== 0) throw new Error(`bench/picture.ts ${String(units)} exited ${String(code)}`);
	const m = JSON.parse(out) as {
		coldMs: number;
		warmMs: number;
		warmCpuMs: number;
		extraMb: number;
		apartMs: number;
	};
	const label = `status picture, ${units.toLocaleString('en')} units`;
	return [
		// Wall time grows with the machine's load; CPU time is the picture's own cost.
		{ name: `${label}: warm render (wall)`, value: m.warmMs, unit: 'ms', target: 300 },
		{ name: `${label}: warm render (CPU)`, value: m.warmCpuMs, unit: 'ms', target: 300 },
		{ name: `${label}: first render after start (wall)`, value: m.coldMs, unit: 'ms', target: 2000 },
		{ name: `${label}: extra memory`, value: m.extraMb, unit: 'MB', target: 30 },
		// What a person waits for: the bot draws each picture in a child process (its start included).
		{ name: `${label}: in a child process (wall)`, value: m.apartMs, unit: 'ms', target: 2000 },
	];
}

const rows = [...(await measure(63)), ...(await measure(1000))];
let failed = false;
for (const row of rows) {
	const ok = row.value <= row.target;
	failed ||= !ok;
	process.stdout.write(
		`${ok ? 'ok  ' : 'MISS'}  ${row.name.padEnd(52)} ${row.value.toFixed(0).padStart(8)} ${row.unit.padEnd(3)} (target ≤ ${row.target} ${row.unit})\n`,
	);
}
process.exit(failed ? 1 : 0);
