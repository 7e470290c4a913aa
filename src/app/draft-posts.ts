import type { Round, Unit } from '../domain/model.ts';
import type { AccessProblem } from '../domain/permissions.ts';
import type { Deps } from './deps.ts';
import { draftPlans } from './plan-items.ts';
import { checkUnits } from './preflight.ts';

/**
 * Re-renders posted drafts from what the database says now (round state and deadline, current answers, items):
 * after an answer, an extension or the close. Reading everything afresh means a late refresh can never show an
 * older state, e.g. put the buttons back on a closed round. Failures are logged; the change they show is saved.
 * `onlyUnits`: the units whose posts to re-render (all when absent); the round is read once for all of them.
 */
export async function refreshDraftPosts(deps: Deps, roundId: number, onlyUnits?: ReadonlySet<number>): Promise<void> {
	const round: Round | null = await deps.rounds.get(roundId);
	if (!round) return;
	const reading = deps.rounds.targets(round.id);
	const [settings, targets, answers, deliveries, fileCounts, plans] = await Promise.all([
		deps.settings.get(round.guildId),
		reading,
		deps.answers.current(round.id),
		deps.outbox.deliveries(round.id),
		deps.rounds.draftFileCounts(round.id),
		reading.then((read) => draftPlans(deps, round, read)),
	]);
	for (const d of deliveries) {
		if (onlyUnits !== undefined && !onlyUnits.has(d.unitId)) continue;
		const target = targets.find((t) => t.unit.id === d.unitId);
		// Only a sent delivery has a message id (it is written with the status 'sent'): nothing else to edit.
		if (!d.messageId || !target) continue;
		// Each edit waits for the people still waiting for their own answer (a burst of clicks goes first).
		await deps.calm?.();
		try {
			const result = await deps.notifier.refreshDraft(d.channelId, d.messageId, {
				round,
				unit: target.unit,
				text: target.ownDraft ? target.draftText : round.commonText,
				files: [],
				fileCount: fileCounts.get(d.unitId) ?? 0,
				current: answers.get(d.unitId) ?? null,
				language: settings?.language ?? 'vi',
				sender: settings?.sender ?? '',
				plan: plans.get(d.unitId) ?? null,
			});
			if (!result.ok) {
				// A 403 is explained like a preflight finding: which permission the bot lacks in the channel.
				const problems = result.reason === 'missing-permission' ? await lacking(deps, round.guildId, target.unit) : [];
				deps.log.warn(
					{ round: round.code, unit: target.unit.code, reason: result.reason, problems },
					'draft post not refreshed',
				);
			}
		} catch (error) {
			deps.log.warn({ round: round.code, unit: target.unit.code, err: error }, 'draft post not refreshed');
		}
	}
}

/** What the bot lacks to edit its post in a unit's channel (an edit carries no new file); none when it cannot tell. */
async function lacking(deps: Deps, guildId: string, unit: Unit): Promise<AccessProblem[]> {
	// Stryker disable next-line ArrowFunction: filesFor's undefined is as falsy as its false
	const access = await checkUnits(deps, guildId, [unit], () => false);
	if (!access) return [];
	// Stryker disable next-line OptionalChaining,ArrayDeclaration: checkUnits answers one entry per unit asked: [0] is there
	return access[0]?.problems ?? [];
}
