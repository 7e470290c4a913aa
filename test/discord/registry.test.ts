import { ApplicationCommandOptionType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands, components } from '../../commands/index.ts';
import { parseOptions, MalformedOptions } from '../../src/discord/command-spec.ts';
import { CustomIdSchema, decodeCustomId, encodeCustomId } from '../../src/discord/custom-id.ts';

describe('the command and component registry', () => {
	it('GIVEN every registered command WHEN its subcommands are looked up THEN each one Discord knows has a handler', () => {
		for (const command of commands) {
			const subs = (command.data.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
			const names = subs.length > 0 ? subs.map((s) => s.name) : [null];
			for (const name of names) expect(command.find(name), `${command.data.name} ${name}`).toBeDefined();
			expect(command.find('no-such-subcommand')).toBeUndefined();
		}
	});

	it('GIVEN every kind of custom id WHEN components are looked up THEN exactly one component answers it', () => {
		const kinds = CustomIdSchema.options.map((o) => o.shape.kind.value);
		for (const kind of kinds)
			expect(
				components.filter((c) => c.kind === kind),
				kind,
			).toHaveLength(1);
		expect(components).toHaveLength(kinds.length);
	});

	it('GIVEN a custom id WHEN encoded and decoded THEN the fields come back in the schema order; anything else is refused', () => {
		const id = { kind: 'comment-modal', roundId: 12, unitId: 345 } as const;
		expect(encodeCustomId(id)).toBe('g1:comment-modal:12:345');
		expect(decodeCustomId('g1:comment-modal:12:345')).toEqual(id);
		for (const bad of [
			'g1:comment-modal:12',
			'g1:comment-modal:12:345:6',
			'g0:agree:1:1',
			'g1:nope:1:1',
			'g1:agree:x:1',
		])
			expect(decodeCustomId(bad), bad).toBeNull();
	});

	it('GIVEN options read by a transport WHEN they do not match the spec THEN they are refused, not coerced', () => {
		const spec = {
			round: { type: 'string', required: true },
			late: { type: 'string', choices: ['accept', 'refuse'] },
		} as const;
		expect(parseOptions(spec, new Map([['round', 'R1']]))).toEqual({ round: 'R1', late: undefined });
		expect(() => parseOptions(spec, new Map())).toThrow(MalformedOptions);
		expect(() => parseOptions(spec, new Map([['round', 7]]))).toThrow(MalformedOptions);
		expect(() =>
			parseOptions(
				spec,
				new Map([
					['round', 'R1'],
					['late', 'maybe'],
				]),
			),
		).toThrow(MalformedOptions);
	});
});
