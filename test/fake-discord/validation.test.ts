import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../support/fake-discord/index.ts';

/**
 * Payload limits, hit with raw HTTP (discord.js' builders would refuse most of these locally; a bot building JSON
 * by hand, or with validation disabled, reaches Discord with them).
 */

let fake: FakeDiscord;
let guildId: string;
let channelId: string;
let userId: string;

beforeEach(async () => {
	fake = await FakeDiscord.start({ ackDeadlineMs: 60_000, messageBucket: { limit: 1000, windowMs: 1000 } });
	guildId = fake.createGuild({ name: 'G' }).id;
	channelId = fake.createChannel(guildId, { name: 'c' }).id;
	userId = fake.createUser({ username: 'u' }).id;
	fake.addMember(guildId, userId, []);
});

afterEach(async () => {
	await fake.stop();
});

async function call(method: string, path: string, body: unknown, auth = true): Promise<{ status: number; body: any }> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (auth) headers['authorization'] = `Bot ${fake.token}`;
	const res = await fetch(`${fake.apiUrl}/v10${path}`, { method, headers, body: JSON.stringify(body) });
	return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
}

const send = (body: unknown) => call('POST', `/channels/${channelId}/messages`, body);
const button = (custom_id: string, label = 'OK') => ({ type: 2, style: 1, custom_id, label });
const row = (...components: unknown[]) => ({ type: 1, components });
const errorCodes = (r: { body: any }): string[] =>
	JSON.stringify(r.body.errors ?? {}).match(/"code":"[A-Z_0-9]+"/g) ?? [];

describe('fake Discord: payload limits', () => {
	it('GIVEN message components over the limits WHEN posted THEN each is a 50035 at the offending path', async () => {
		let r = await send({ content: 'x', components: Array.from({ length: 6 }, (_, k) => row(button(`b${k}`))) });
		expect(r.body).toMatchObject({
			code: 50035,
			errors: { components: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } },
		});

		r = await send({ content: 'x', components: [row(...Array.from({ length: 6 }, (_, k) => button(`b${k}`)))] });
		expect(r.body.errors).toMatchObject({
			components: { 0: { components: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
		});

		r = await send({ content: 'x', components: [row(button('c'.repeat(101)))] });
		expect(r.body.errors).toMatchObject({
			components: { 0: { components: { 0: { custom_id: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } } } },
		});

		r = await send({ content: 'x', components: [row(button('ok', 'l'.repeat(81)))] });
		expect(r.body.errors).toMatchObject({
			components: { 0: { components: { 0: { label: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } } },
		});

		r = await send({ content: 'x', components: [row(button('same')), row(button('same'))] });
		expect(errorCodes(r)).toEqual(['"code":"COMPONENT_CUSTOM_ID_DUPLICATED"']);

		r = await send({ content: 'x', components: [row(button('a'), button('b'))] });
		expect(r.status).toBe(200);
		expect(fake.messages(channelId)).toHaveLength(1);
	});

	it('GIVEN embed parts over their limits WHEN posted THEN 50035 names every one of them', async () => {
		const r = await send({
			embeds: [
				{
					title: 't'.repeat(257),
					footer: { text: 'f'.repeat(2049) },
					author: { name: 'a'.repeat(257) },
					fields: [{ name: 'n'.repeat(257), value: 'v'.repeat(1025) }],
				},
			],
		});
		expect(r.status).toBe(400);
		expect(r.body.errors.embeds[0]).toMatchObject({
			title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] },
			footer: { text: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } },
			author: { name: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } },
			fields: { 0: { name: { _errors: [{}] }, value: { _errors: [{}] } } },
		});
		const desc = await send({ embeds: [{ description: 'd'.repeat(4097) }] });
		expect(desc.body.errors.embeds[0].description._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
		expect((await send({ content: '' })).body).toEqual({ code: 50006, message: 'Cannot send an empty message' });
	});

	it('GIVEN modals over the limits WHEN the bot opens them THEN the callback is refused and the interaction stays unacknowledged', async () => {
		const h = fake.slashCommand({ guildId, channelId, userId, name: 'open' });
		const input = (custom_id: string, extra: object = {}) => ({
			type: 4,
			custom_id,
			style: 1,
			label: 'Nhãn',
			...extra,
		});
		const modal = (data: object) => call('POST', `/interactions/${h.id}/${h.token}/callback`, { type: 9, data }, false);
		const base = { custom_id: 'm', title: 'Góp ý' };

		let r = await modal({ ...base, title: 't'.repeat(46), components: [row(input('a'))] });
		expect(r.body.errors).toMatchObject({ data: { title: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } });

		r = await modal({ ...base, components: Array.from({ length: 6 }, (_, k) => row(input(`i${k}`))) });
		expect(r.body.errors.data.components._errors[0].code).toMatch(/LENGTH/);

		r = await modal({ ...base, components: [row(input('a', { max_length: 4001 }))] });
		expect(r.body.errors.data.components[0].components[0].max_length._errors).toHaveLength(1);

		r = await modal({ ...base, components: [row(input('a', { value: 'v'.repeat(4001) }))] });
		expect(r.body.errors.data.components[0].components[0].value._errors).toHaveLength(1);

		r = await modal({ ...base, components: [row(input('a', { label: 'l'.repeat(46) }))] });
		expect(r.body.errors.data.components[0].components[0].label._errors).toHaveLength(1);

		const labelled = { type: 18, label: 'l'.repeat(46), component: { type: 4, custom_id: 'a', style: 1 } };
		r = await modal({ ...base, components: [labelled] });
		expect(r.body.errors.data.components[0].label._errors).toHaveLength(1);

		expect(h.state().callbacks).toBe(0);
		expect(h.errors).toHaveLength(6);
		r = await modal({ ...base, components: [{ ...labelled, label: 'Tiêu đề' }] });
		expect(r.status).toBe(204);
		expect((await h.modal()).components).toHaveLength(1);
	});

	it('GIVEN invalid application commands WHEN registered THEN Discord refuses them', async () => {
		const put = (body: unknown) => call('PUT', `/applications/${fake.applicationId}/guilds/${guildId}/commands`, body);
		let r = await put([{ name: 'Plan', description: 'x' }]);
		expect(r.body.errors[0].name._errors[0].code).toBe('APPLICATION_COMMAND_INVALID_NAME');
		r = await put([{ name: 'plan', description: 'd'.repeat(101) }]);
		expect(r.body.errors[0].description._errors[0].code).toBe('BASE_TYPE_BAD_LENGTH');
		r = await put([{ name: 'plan', description: 'x', name_localizations: { 'vi-VN': 'ke-hoach' } }]);
		expect(r.body.errors[0].name_localizations['vi-VN']._errors[0].code).toBe('LOCALE_INVALID');
		r = await put([
			{
				name: 'plan',
				description: 'x',
				options: [
					{ type: 3, name: 'a', description: 'a' },
					{ type: 3, name: 'b', description: 'b', required: true },
				],
			},
		]);
		expect(r.body.errors[0].options[1].required._errors[0].code).toBe('APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID');
		expect(fake.commands(guildId)).toEqual([]);

		r = await put([{ name: 'kế-hoạch', description: 'Kế hoạch', name_localizations: { vi: 'kế-hoạch' } }]);
		expect(r.status).toBe(200);
		const first = fake.commands(guildId)[0];
		r = await put([{ name: 'kế-hoạch', description: 'Kế hoạch (mới)' }]);
		expect(fake.commands(guildId)[0]?.id).toBe(first?.id); // same name keeps its id, like Discord
	});

	it('GIVEN an unknown route WHEN called THEN 404 code 0 and it is recorded as unknown', async () => {
		const r = await call('POST', `/channels/${channelId}/crosspost-everything`, {});
		expect(r).toEqual({ status: 404, body: { code: 0, message: '404: Not Found' } });
		expect(fake.unknownRequests().map((q) => `${q.method} ${q.path}`)).toEqual([
			`POST /channels/${channelId}/crosspost-everything`,
		]);
	});
});
