import type { DraftProblem } from '../domain/import/draft-bundle.ts';
import { DRAFT_TEXT_MAX } from '../domain/import/draft-bundle.ts';
import { normalizeUnitCode, type Actor, type Round, type Unit } from '../domain/model.ts';
import { requireCoordinator } from './access.ts';
import type { Deps } from './deps.ts';
import { fail, type AppResult } from './errors.ts';
import { findRound } from './manage-rounds.ts';
import type { FileBlob } from './ports.ts';

/** One unit's draft as read from a bulk upload (a ZIP entry or folder, or a table line). */
export interface BulkDraft {
	unit: string;
	text: string | null;
	files: FileBlob[];
	/** Where it came from, for problems: an archive entry name or a table line. */
	entry?: string;
	line?: number;
}

export interface BulkDraftsOutcome {
	round: Round;
	/** Units that got their own draft from this upload. */
	set: Unit[];
	/** Targeted units that still have no draft of their own (they get the round's common draft, if any). */
	withoutOwnDraft: Unit[];
}

function where(d: BulkDraft): Pick<DraftProblem, 'entry' | 'line'> {
	return { ...(d.entry !== undefined ? { entry: d.entry } : {}), ...(d.line !== undefined ? { line: d.line } : {}) };
}

/**
 * /round drafts: many units' own drafts from one upload, all or none. Problems found while reading the upload come
 * in `problems`; to them are added units this server does not know, units the round does not address and drafts
 * without content. With any problem nothing is saved and every problem is returned.
 */
export async function setUnitDrafts(
	deps: Deps,
	input: {
		guildId: string;
		actor: Actor;
		round: string;
		drafts: readonly BulkDraft[];
		problems: readonly DraftProblem[];
	},
): Promise<AppResult<BulkDraftsOutcome>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const found = await findRound(deps, input.guildId, input.round);
	if (!found.ok) return found;
	const round = found.value;
	if (round.state !== 'draft') return fail({ code: 'round-published', round: round.code });

	const problems: DraftProblem[] = [...input.problems];
	const targets = await deps.rounds.targets(round.id);
	const targeted = new Map(targets.map((t) => [t.unit.code, t.unit]));
	const known = new Map((await deps.units.list(input.guildId)).map((u) => [u.code, u]));
	const accepted: Array<{ unit: Unit; draft: BulkDraft }> = [];
	for (const draft of input.drafts) {
		const code = normalizeUnitCode(draft.unit) ?? draft.unit.trim().toUpperCase().slice(0, 20);
		const unit = targeted.get(code);
		if (!unit) {
			problems.push({ code: known.has(code) ? 'not-in-round' : 'unknown-unit', unit: code, ...where(draft) });
			continue;
		}
		const text = draft.text?.trim() || null;
		if (text === null && draft.files.length === 0) {
			problems.push({ code: 'empty', unit: code, ...where(draft) });
			continue;
		}
		if (text !== null && [...text].length > DRAFT_TEXT_MAX) {
			problems.push({ code: 'text-too-long', unit: code, ...where(draft) });
			continue;
		}
		accepted.push({ unit, draft: { ...draft, text } });
	}
	if (problems.length === 0 && accepted.length === 0) problems.push({ code: 'no-drafts' });
	if (problems.length > 0) return fail({ code: 'drafts-rejected', problems });

	await deps.rounds.setUnitDrafts(
		round.id,
		accepted.map(({ unit, draft }) => ({ unitId: unit.id, subject: unit.code, text: draft.text, files: draft.files })),
		{ guildId: input.guildId, actorId: input.actor.userId, actorName: input.actor.userName, action: 'round.draft' },
	);
	const setIds = new Set(accepted.map((a) => a.unit.id));
	const withoutOwnDraft = targets.filter((t) => !t.ownDraft && !setIds.has(t.unit.id)).map((t) => t.unit);
	return { ok: true, value: { round, set: accepted.map((a) => a.unit), withoutOwnDraft } };
}
