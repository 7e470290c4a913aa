// @ts-check
/**
 * The targets `npm run mutation` holds the code to (issue 15), measured on the mutants that some test runs
 * ("covered"): killed or timed out counts as detected, survived as missed. A file with mutants but no covered
 * mutant at all is a failure of its own, whatever the percentages say.
 */
export const AREAS = [
	{ name: 'src/domain', prefix: 'src/domain/', area: 95, perFile: 90 },
	{ name: 'src/app', prefix: 'src/app/', area: 90, perFile: undefined },
];

const DETECTED = new Set(['Killed', 'Timeout']);

/**
 * @typedef {{ status: string }} Mutant
 * @typedef {{ file: string, detected: number, survived: number, noCoverage: number, ignored: number }} FileCounts
 * @typedef {{ ok: boolean, text: string }} Verdict
 */

/**
 * Counts per file, for the given files (paths relative to the root, forward slashes) that have mutants.
 * @param {{ files: Record<string, { mutants: Mutant[] }> }} report the mutation-testing-report-schema JSON
 * @param {string[]} files
 * @returns {FileCounts[]}
 */
export function countByFile(report, files) {
	const wanted = new Set(files);
	return Object.entries(report.files)
		.map(([name, file]) => ({ name: name.replaceAll('\\', '/'), mutants: file.mutants }))
		.filter(({ name }) => wanted.has(name))
		.map(({ name, mutants }) => {
			const counts = { file: name, detected: 0, survived: 0, noCoverage: 0, ignored: 0 };
			for (const { status } of mutants) {
				if (DETECTED.has(status)) counts.detected++;
				else if (status === 'Survived') counts.survived++;
				else if (status === 'NoCoverage') counts.noCoverage++;
				else counts.ignored++; // Ignored, CompileError, RuntimeError, Pending: not a test's doing
			}
			return counts;
		})
		.sort((a, b) => a.file.localeCompare(b.file));
}

/** @param {{ detected: number, survived: number }} c @returns {number | undefined} percent of covered mutants detected */
export function coveredScore(c) {
	const covered = c.detected + c.survived;
	return covered === 0 ? undefined : (100 * c.detected) / covered;
}

/**
 * Checks the targets on the counted files; an area none of whose files was mutated is not judged.
 * @param {FileCounts[]} files
 * @returns {Verdict[]}
 */
export function checkTargets(files) {
	/** @type {Verdict[]} */
	const verdicts = [];
	for (const area of AREAS) {
		const mine = files.filter((f) => f.file.startsWith(area.prefix));
		if (mine.length === 0) continue;
		const total = { detected: 0, survived: 0 };
		for (const f of mine) {
			total.detected += f.detected;
			total.survived += f.survived;
		}
		const score = coveredScore(total);
		verdicts.push({
			ok: score !== undefined && score >= area.area,
			text: `${area.name}: ${fmt(score)} of covered mutants detected (target ≥ ${area.area} %)`,
		});
		const perFile = area.perFile;
		if (perFile !== undefined) {
			const low = mine.filter((f) => (coveredScore(f) ?? 100) < perFile);
			verdicts.push({
				ok: low.length === 0,
				text:
					`${area.name}: no file below ${perFile} % of covered mutants` +
					(low.length === 0 ? '' : `; below: ${low.map((f) => `${f.file} (${fmt(coveredScore(f))})`).join(', ')}`),
			});
		}
		const uncovered = mine.filter((f) => f.noCoverage > 0 && coveredScore(f) === undefined);
		verdicts.push({
			ok: uncovered.length === 0,
			text:
				`${area.name}: no file without coverage` +
				(uncovered.length === 0 ? '' : `; no test covers: ${uncovered.map((f) => f.file).join(', ')}`),
		});
	}
	return verdicts;
}

/** @param {FileCounts[]} files @returns {string} a plain-text table, one row per file */
export function table(files) {
	const head = ['file', 'covered %', 'killed', 'survived', 'no cov.', 'ignored'];
	const rows = files.map((f) => [
		f.file,
		fmt(coveredScore(f)),
		String(f.detected),
		String(f.survived),
		String(f.noCoverage),
		String(f.ignored),
	]);
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (/** @type {string[]} */ r) =>
		r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ');
	return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

/** @param {number | undefined} n */
function fmt(n) {
	return n === undefined ? 'n/a' : `${n.toFixed(2)} %`;
}
