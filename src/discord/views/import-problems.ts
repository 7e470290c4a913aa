import type { AttachmentPayload } from 'discord.js';
import type { RowProblem } from '../../domain/import/rows.ts';
import type { TableError } from '../../infra/files/read-table.ts';
import type { Catalog } from '../../i18n/index.ts';
import { formatBytes } from '../command-helpers.ts';
import { clip } from './errors.ts';
import { splitForMessage } from './long-text.ts';

/** Every bad row with its line number and reason; long lists go into an attached file. */
export function problemList(
	t: Catalog,
	problems: readonly RowProblem[],
): { content: string; files: AttachmentPayload[] } {
	const lines = problems.map((p) =>
		t.importFile.line({
			line: p.line,
			column: p.column ? ` (${p.column}${p.value ? ` = “${clip(p.value, 40)}”` : ''})` : '',
			reason: t.importFile.problems[p.code] ?? p.code,
		}),
	);
	return splitForMessage(t, t.importFile.rejected({ count: problems.length }), lines, 'import-errors.md');
}

/** A file that could not be read as a table at all. */
export function tableErrorMessage(t: Catalog, error: TableError): string {
	switch (error.code) {
		case 'unsupported-type':
			return t.importFile.unsupported;
		case 'too-large':
			return t.importFile.tooLarge({ max: formatBytes(error.maxBytes) });
		case 'too-many-rows':
			return t.importFile.tooManyRows({ max: error.maxRows });
		case 'unreadable':
			return t.importFile.unreadable;
		case 'empty':
			return t.importFile.empty;
		case 'duplicate-columns':
			return t.importFile.duplicateColumns({ columns: clip(error.columns.join(', '), 200) });
		case 'inflated-too-large':
			return t.importFile.inflatedTooLarge({ max: formatBytes(error.maxBytes) });
	}
}
