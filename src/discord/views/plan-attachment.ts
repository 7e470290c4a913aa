import type { DraftView } from '../../app/ports.ts';
import type { DraftPlan } from '../../domain/items.ts';
import { catalog } from '../../i18n/index.ts';
import { tableWriters } from './files.ts';
import { planFileName, planSheets } from './plan-post.ts';

/** The workbook of a unit's items (and their changes since the earlier round), in the server's language. */
export async function planAttachment(view: DraftView, plan: DraftPlan): Promise<{ name: string; data: Buffer }> {
	const t = catalog(view.language);
	const { writeXlsx } = await tableWriters();
	return { name: planFileName(t, view), data: await writeXlsx(planSheets(t, view.language, plan)) };
}
