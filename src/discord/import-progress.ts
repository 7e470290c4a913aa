import type { AppResult } from '../app/errors.ts';
import type { Catalog } from '../i18n/index.ts';
import type { Context } from './context.ts';
import { replyStages } from './progress.ts';
import { errorReply } from './views/errors.ts';
import { clip, formatBytes, type Reply } from './views/text.ts';

/** Where a long import is: what the person's reply says while it runs. */
export type ImportStage =
	| { kind: 'download'; name: string; bytes: number }
	| { kind: 'read'; name: string }
	| { kind: 'save'; rows: number }
	| { kind: 'save-drafts'; units: number };

/** Reports stages; imports called without a reply to update (tests, other callers) pass nothing. */
export type OnStage = (stage: ImportStage) => void;

const NAME_MAX = 80;

export function stageText(t: Catalog, stage: ImportStage): string {
	switch (stage.kind) {
		case 'download':
			return t.progress.downloading({ name: clip(stage.name, NAME_MAX), size: formatBytes(stage.bytes) });
		case 'read':
			return t.progress.reading({ name: clip(stage.name, NAME_MAX) });
		case 'save':
			return t.progress.saving({ rows: stage.rows });
		case 'save-drafts':
			return t.progress.savingDrafts({ units: stage.units });
	}
}

/**
 * Runs an import with its reply: after about 2 s the reply shows the stage the import is in (downloading, reading,
 * checking and saving), then the outcome or the refusal replaces that line. Short imports answer once, as before.
 * If the work throws, the stages stop before the router's apology.
 */
export async function withImportProgress(
	ctx: Context,
	work: (stage: OnStage) => Promise<AppResult<Reply>>,
): Promise<void> {
	const stages = replyStages(ctx, ctx.deps.log);
	let result: AppResult<Reply>;
	try {
		result = await work((stage) => {
			stages.stage(stageText(ctx.t, stage));
		});
	} catch (error) {
		await stages.stop();
		throw error;
	}
	const reply = result.ok ? result.value : errorReply(ctx.t, result.error);
	await stages.finish(reply.content, reply.files);
}
