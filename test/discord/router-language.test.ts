import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/app/deps.ts';
import { encodeCustomId } from '../../src/discord/custom-id.ts';
import type { ComponentModule } from '../../src/discord/modules.ts';
import { createRouter } from '../../src/discord/router.ts';
import { catalog } from '../../src/i18n/index.ts';
import { clickTransport } from '../support/click-transport.ts';

const silent = { info() {}, warn() {}, error() {}, debug() {} };
const customId = encodeCustomId({ kind: 'agree', roundId: 1, unitId: 1 });

/** A router with one Agree button that replies in the language it was given; counts reads of the server's settings. */
function routerOnEnglishServer() {
	const reads: string[] = [];
	const agree: ComponentModule = {
		kind: 'agree',
		type: 'button',
		defer: true,
		run: (ctx) => ctx.reply(`lang ${ctx.lang}`),
	};
	const deps = {
		log: silent,
		settings: { get: async (guildId: string) => (reads.push(guildId), { guildId, language: 'en' }) },
	} as unknown as Deps;
	return { router: createRouter(deps, [], [agree]), reads };
}

describe("the language of an answer: the person's Discord locale, else the server's", () => {
	it.each([
		['vi', 'vi'],
		['en-US', 'en'],
		['en-GB', 'en'],
	])(
		'GIVEN a person whose Discord locale is %s WHEN they click THEN they are answered in %s without reading the server settings',
		async (locale, lang) => {
			const { router, reads } = routerOnEnglishServer();
			const log: string[] = [];
			await router.handleIncoming({ type: 'button', customId }, { ...clickTransport('1', log), locale });
			expect(log).toEqual([`1 reply lang ${lang}`]);
			expect(reads).toEqual([]);
		},
	);

	it("GIVEN a person whose locale the bot does not speak (French) WHEN they click THEN they are answered in the server's language, read once", async () => {
		const { router, reads } = routerOnEnglishServer();
		const log: string[] = [];
		await router.handleIncoming({ type: 'button', customId }, { ...clickTransport('1', log), locale: 'fr' });
		expect(log).toEqual(['1 reply lang en']);
		expect(reads).toEqual(['g']);
	});

	it.each([
		['vi', 'vi', 0],
		['fr', 'en', 1],
	] as const)(
		'GIVEN a stale button WHEN a person with locale %s clicks it THEN the refusal is in %s (%i reads of the server settings)',
		async (locale, lang, count) => {
			const { router, reads } = routerOnEnglishServer();
			const log: string[] = [];
			await router.handleIncoming({ type: 'button', customId: 'g0:gone' }, { ...clickTransport('1', log), locale });
			expect(log).toEqual([`1 reply ${catalog(lang).errors.unavailable}`]);
			expect(reads).toHaveLength(count);
		},
	);
});
