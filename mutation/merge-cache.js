// @ts-check
/**
 * `node mutation/merge-cache.js <out> <in>...`: merges Stryker incremental reports (plain `.json` or `.json.gz`) of
 * runs made in parallel on different branches (each mutating different files) into one, for `npm run mutation` to
 * reuse after the branches are merged. Written gzipped when `<out>` ends in `.gz`.
 *
 * - Mutated files: each file's results come from the last input that has it.
 * - Test files: the results keep their tests only where the input's copy of the test file is the one in the working
 *   tree now (the merged code). A test whose file differs is dropped from that input's results: Stryker then sees the
 *   mutants it killed or covered as not known to be killed, and tests them again. Nothing is reused on trust.
 * - Test ids are renumbered, since every run numbers its own.
 */
import { Buffer } from 'node:buffer';
import console from 'node:console';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { gunzipSync, gzipSync } from 'node:zlib';

/** @param {string} file */
export function readReport(file) {
	const raw = readFileSync(file);
	return JSON.parse((file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
}

/**
 * @param {string} file
 * @param {unknown} report
 */
export function writeReport(file, report) {
	const text = Buffer.from(JSON.stringify(report));
	writeFileSync(file, file.endsWith('.gz') ? gzipSync(text, { level: 9 }) : text);
}

/**
 * A file name of a report, relative to the project (reports of a worktree may hold absolute names).
 * @param {string} name
 * @param {string | undefined} root
 */
function relative(name, root) {
	const normalized = name.replaceAll('\\', '/');
	if (!path.isAbsolute(normalized)) return normalized;
	return root ? path.relative(root, normalized).replaceAll('\\', '/') : normalized;
}

/**
 * @param {any[]} reports incremental reports, later ones winning for a mutated file they share
 * @param {(file: string) => string | undefined} current the working tree's text of a file (undefined: missing)
 */
export function mergeReports(reports, current) {
	/** @type {Record<string, any>} */
	const files = {};
	/** @type {Record<string, { source: string; tests: any[] }>} */
	const testFiles = {};
	let nextId = 0;
	for (const report of reports) {
		/** @type {Map<string, string>} this report's test id → merged id (only tests kept) */
		const ids = new Map();
		for (const [name, testFile] of Object.entries(report.testFiles ?? {})) {
			const file = relative(name, report.projectRoot);
			const now = current(file);
			if (now === undefined || testFile.source !== now) continue;
			const merged = (testFiles[file] ??= { source: now, tests: [] });
			for (const test of testFile.tests) {
				const known = merged.tests.find(
					(t) => t.name === test.name && t.location?.start?.line === test.location?.start?.line,
				);
				const id = known?.id ?? String(nextId++);
				if (!known) merged.tests.push({ ...test, id });
				ids.set(String(test.id), id);
			}
		}
		const keep = (/** @type {string[] | undefined} */ list) =>
			list?.map((id) => ids.get(String(id))).filter((id) => id !== undefined);
		for (const [name, file] of Object.entries(report.files ?? {})) {
			files[relative(name, report.projectRoot)] = {
				...file,
				mutants: file.mutants.map((/** @type {any} */ m) => ({
					...m,
					coveredBy: keep(m.coveredBy),
					killedBy: keep(m.killedBy),
				})),
			};
		}
	}
	const base = reports.at(-1) ?? {};
	return { ...base, projectRoot: undefined, files, testFiles };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
	const [out, ...inputs] = process.argv.slice(2);
	if (!out || inputs.length === 0) {
		console.error('usage: node mutation/merge-cache.js <out.json[.gz]> <in.json[.gz]>...');
		process.exit(2);
	}
	const merged = mergeReports(
		inputs.map((f) => readReport(f)),
		(file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined),
	);
	writeReport(out, merged);
	const mutants = Object.values(merged.files).reduce((n, f) => n + f.mutants.length, 0);
	const tests = Object.values(merged.testFiles).reduce((n, f) => n + f.tests.length, 0);
	console.log(`${out}: ${Object.keys(merged.files).length} mutated files, ${mutants} mutants, ${tests} tests kept`);
}
