import { roundChoices, unitChoices } from '../app/queries.ts';
import type { Context } from './context.ts';
import { clip } from './views/text.ts';

/** Autocomplete answers shared by commands: at most 25 choices, labels within Discord's 100 characters. */

function matching<T>(items: readonly T[], typed: string, fields: (item: T) => string[]): T[] {
	const needle = typed.trim().toLowerCase();
	return items.filter((item) => !needle || fields(item).some((f) => f.toLowerCase().includes(needle))).slice(0, 25);
}

/** A round option: a coordinator's recent rounds, or the open rounds a member may answer. */
export async function autocompleteRounds(ctx: Context, typed: string, scope: 'coordinator' | 'member'): Promise<void> {
	const rounds = await roundChoices(ctx.deps, ctx.guildId, ctx.actor, scope);
	const label = (r: (typeof rounds)[number]) =>
		ctx.t.round.autocompleteLabel({ id: r.code, title: r.title, state: ctx.t.round.states[r.state] });
	await ctx.respond(
		matching(rounds, typed, (r) => [r.code, r.title]).map((r) => ({ name: clip(label(r), 100), value: r.code })),
	);
}

/** A unit option: every active unit for a coordinator; with `own`, the person's own units (matched by code). */
export async function autocompleteUnits(ctx: Context, typed: string, scope: 'coordinator' | 'own'): Promise<void> {
	const units = await unitChoices(ctx.deps, ctx.guildId, ctx.actor, scope);
	const fields = (u: (typeof units)[number]) => (scope === 'own' ? [u.code] : [u.code, u.name]);
	await ctx.respond(
		matching(units, typed, fields).map((u) => ({ name: clip(`${u.code} – ${u.name}`, 100), value: u.code })),
	);
}
