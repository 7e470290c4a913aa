import type { RowProblem } from '../../domain/import/rows.ts';
import type { Catalog } from '../../i18n/index.ts';
import { importProblem } from './labels.ts';
import { splitForMessage } from './long-text.ts';
import { clip, type Reply } from './text.ts';

/** Every bad row with its line number and reason; long lists go into an attached file. */
export function problemList(t: Catalog, problems: readonly RowProblem[]): Reply {
	const lines = problems.map((p) =>
		t.importFile.line({
			line: p.line,
			column: p.column ? ` (${p.column}${p.value ? ` = “${clip(p.value, 40)}”` : ''})` : '',
			reason: importProblem(t, p.code),
		}),
	);
	return splitForMessage(t, t.importFile.rejected({ count: problems.length }), lines, 'import-errors.md');
}
