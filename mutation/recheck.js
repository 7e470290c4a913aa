// @ts-check
/**
 * `node mutation/recheck.js <report.json> <source file> <test file>...`: applies, one at a time, every mutant of the
 * source file that a Stryker run's JSON report (reports/mutation/<area>/mutation.json) says survived, runs the given
 * test files against it with vitest (SQLite), and prints which ones the tests really let through. Stryker 9.6.1's vitest runner sometimes reports a
 * mutant as survived that the tests kill when it is applied by hand (see mutation/SCORES.md); this tells them apart.
 * Run it in a copy of the repository (a git worktree) while Stryker runs, since it rewrites source files; each file
 * is restored after each mutant, and at the end whatever happens.
 */
import console from 'node:console';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const [reportFile, only, ...tests] = process.argv.slice(2);
if (!reportFile || !only || tests.length === 0) {
	console.error('usage: node mutation/recheck.js <report.json> <source file> <test file>...');
	process.exit(2);
}
const report = JSON.parse(readFileSync(reportFile, 'utf8'));

/** Offset of a 1-based line and column in `text`. */
function offset(text, { line, column }) {
	let at = 0;
	for (let l = 1; l < line; l++) at = text.indexOf('\n', at) + 1;
	return at + column - 1;
}

const originals = new Map();
const restore = () => {
	for (const [file, text] of originals) writeFileSync(file, text);
};
process.on('exit', restore);
process.on('SIGINT', () => process.exit(130));

let still = 0;
let killed = 0;
for (const [name, file] of Object.entries(report.files)) {
	const rel = path.relative(process.cwd(), path.resolve(name));
	if (rel !== path.normalize(only)) continue;
	const source = readFileSync(rel, 'utf8');
	originals.set(rel, source);
	for (const m of file.mutants) {
		if (m.status !== 'Survived') continue;
		const start = offset(source, m.location.start);
		const end = offset(source, m.location.end);
		writeFileSync(rel, source.slice(0, start) + m.replacement + source.slice(end));
		const run = spawnSync('npx', ['vitest', 'run', '--project', 'sqlite', ...tests], { encoding: 'utf8' });
		writeFileSync(rel, source);
		const label = `${rel}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} → ${m.replacement.replaceAll('\n', ' ').slice(0, 60)}`;
		if (run.status === 0) {
			still++;
			console.log(`SURVIVES  ${label}`);
		} else {
			killed++;
			console.log(`killed    ${label}`);
		}
	}
}
console.log(`\n${killed} killed when applied by hand, ${still} survive (tests: ${tests.join(' ')})`);
