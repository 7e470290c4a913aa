import {
	ActionRowBuilder,
	AttachmentBuilder,
	ButtonBuilder,
	ButtonStyle,
	DiscordAPIError,
	LabelBuilder,
	MessageFlags,
	ModalBuilder,
	SlashCommandBuilder,
	StringSelectMenuBuilder,
	TextInputBuilder,
	TextInputStyle,
	type Client,
	type Interaction,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, startTestClient, type FakeDiscordOptions } from '../support/fake-discord/index.ts';

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
	await client?.destroy();
	await fake?.stop();
	client = undefined;
	fake = undefined;
});

/** A fake with one guild, one text channel and one member, plus a logged-in client running `handler`. */
async function world(handler: (i: Interaction) => Promise<void>, opts: FakeDiscordOptions = {}) {
	const f = await FakeDiscord.start(opts);
	fake = f;
	const guild = f.createGuild({ name: 'Sở A', locale: 'vi' });
	const channel = f.createChannel(guild.id, { name: 'gop-y' });
	const user = f.createUser({ username: 'lan', globalName: 'Chị Lan', locale: 'vi' });
	f.addMember(guild.id, user.id, []);
	const c = await startTestClient(f);
	client = c;
	const errors: unknown[] = [];
	c.on('interactionCreate', (i) => {
		handler(i).catch((e: unknown) => errors.push(e));
	});
	const base = { guildId: guild.id, channelId: channel.id, userId: user.id };
	return { fake: f, client: c, guild, channel, user, base, errors };
}

const waitFor = async (cond: () => boolean, timeoutMs = 3000): Promise<void> => {
	const end = Date.now() + timeoutMs;
	while (!cond()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 10));
	}
};

describe('fake Discord: interactions', () => {
	it('GIVEN a registered command WHEN a user runs it with options and an attachment THEN the bot reads them and can download the file', async () => {
		let seen: Record<string, unknown> = {};
		const w = await world(async (i) => {
			if (!i.isChatInputCommand()) return;
			const file = i.options.getAttachment('file', true);
			const body = await (await fetch(file.url)).text();
			seen = {
				sub: i.options.getSubcommand(),
				title: i.options.getString('title'),
				count: i.options.getInteger('count'),
				ratio: i.options.getNumber('ratio'),
				urgent: i.options.getBoolean('urgent'),
				unit: i.options.getRole('unit')?.name,
				who: i.options.getUser('who')?.username,
				where: i.options.getChannel('where')?.id,
				file: { name: file.name, type: file.contentType, body },
				locale: i.locale,
				guildLocale: i.guildLocale,
			};
			await i.reply({ content: 'Đã nhận' });
		});
		const cmd = new SlashCommandBuilder()
			.setName('plan')
			.setDescription('Kế hoạch')
			.addSubcommand((s) =>
				s
					.setName('create')
					.setDescription('Tạo')
					.addStringOption((o) => o.setName('title').setDescription('Tiêu đề').setRequired(true))
					.addAttachmentOption((o) => o.setName('file').setDescription('Tệp').setRequired(true))
					.addIntegerOption((o) => o.setName('count').setDescription('Số'))
					.addNumberOption((o) => o.setName('ratio').setDescription('Tỉ lệ'))
					.addBooleanOption((o) => o.setName('urgent').setDescription('Gấp'))
					.addRoleOption((o) => o.setName('unit').setDescription('Đơn vị'))
					.addUserOption((o) => o.setName('who').setDescription('Ai'))
					.addChannelOption((o) => o.setName('where').setDescription('Kênh')),
			);
		await w.client.application?.commands.set([cmd.toJSON()], w.guild.id);
		expect(w.fake.commands(w.guild.id).map((c) => c.name)).toEqual(['plan']);
		const role = w.fake.createRole(w.guild.id, { name: 'Phòng KH' });

		const h = w.fake.slashCommand({
			...w.base,
			name: 'plan',
			subcommand: 'create',
			options: {
				title: 'Dự thảo 1',
				count: 3,
				ratio: 3, // registered as NUMBER: the fake follows the registration, not the JS value
				urgent: true,
				unit: { type: 'role', id: role.id },
				who: { type: 'user', id: w.user.id },
				where: { type: 'channel', id: w.channel.id },
				file: { attachment: { filename: 'du-thao.txt', contentType: 'text/plain', data: Buffer.from('nội dung') } },
			},
		});
		const reply = await h.reply();
		expect(reply.content).toBe('Đã nhận');
		expect(reply.ephemeral).toBe(false);
		expect(seen).toEqual({
			sub: 'create',
			title: 'Dự thảo 1',
			count: 3,
			ratio: 3,
			urgent: true,
			unit: 'Phòng KH',
			who: 'lan',
			where: w.channel.id,
			file: { name: 'du-thao.txt', type: 'text/plain', body: 'nội dung' },
			locale: 'vi',
			guildLocale: 'vi',
		});
		expect(w.fake.messages(w.channel.id).map((m) => m.content)).toEqual(['Đã nhận']);
		expect(() =>
			w.fake.slashCommand({ ...w.base, name: 'plan', subcommand: 'create', options: { title: 'x' } }),
		).toThrow(/requires option "file"/);
	});

	it('GIVEN deferReply + editReply, ephemeral replies and follow-ups WHEN the bot answers THEN handle.reply() shows the first visible response', async () => {
		const w = await world(async (i) => {
			if (!i.isChatInputCommand()) return;
			if (i.commandName === 'slow') {
				await i.deferReply({ flags: MessageFlags.Ephemeral });
				await new Promise((r) => setTimeout(r, 30));
				await i.editReply('Xong');
				await i.followUp({ content: 'Chi tiết', flags: MessageFlags.Ephemeral });
				await i.followUp('Công khai');
			} else if (i.commandName === 'secret') {
				await i.reply({ content: 'Chỉ bạn thấy', flags: MessageFlags.Ephemeral });
			} else if (i.commandName === 'defer-follow') {
				await i.deferReply({ flags: MessageFlags.Ephemeral });
				await i.followUp({ content: 'from follow-up' });
			}
		});

		const slow = w.fake.slashCommand({ ...w.base, name: 'slow' });
		const first = await slow.reply();
		expect(first).toMatchObject({ content: 'Xong', ephemeral: true, via: 'edit-original' });
		const publicOne = await slow.followUp({ index: 1 });
		expect(publicOne.content).toBe('Công khai');
		expect(slow.followUps.map((m) => [m.content, m.ephemeral])).toEqual([
			['Chi tiết', true],
			['Công khai', false],
		]);
		expect(slow.state()).toMatchObject({ callbacks: 1, callbackType: 5, expired: false });
		// Ephemeral messages are not in the channel; public follow-ups are.
		expect(w.fake.messages(w.channel.id).map((m) => m.content)).toEqual(['Công khai']);
		expect(w.fake.ephemerals(w.user.id).map((m) => m.content)).toEqual(['Xong', 'Chi tiết']);

		const secret = await w.fake.slashCommand({ ...w.base, name: 'secret' }).reply();
		expect(secret).toMatchObject({ content: 'Chỉ bạn thấy', ephemeral: true, via: 'reply' });

		// Discord quirk: the first follow-up after a deferral fills the deferred message and keeps its ephemerality.
		const df = w.fake.slashCommand({ ...w.base, name: 'defer-follow' });
		expect(await df.reply()).toMatchObject({ content: 'from follow-up', ephemeral: true, via: 'follow-up' });
		expect(w.errors).toEqual([]);
	});

	it('GIVEN a message with a button WHEN the user clicks it THEN the bot updates the message in place', async () => {
		const w = await world(async (i) => {
			if (i.isChatInputCommand()) {
				const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
					new ButtonBuilder().setCustomId('approve:42').setLabel('Duyệt').setStyle(ButtonStyle.Success),
				);
				await i.reply({ content: 'Dự thảo 42', components: [row] });
			} else if (i.isButton()) {
				await i.update({ content: `Đã duyệt bởi ${i.user.username} (${i.customId})`, components: [] });
			}
		});
		const posted = await w.fake.slashCommand({ ...w.base, name: 'review' }).reply();
		const click = w.fake.clickButton({ ...w.base, messageId: posted.message.id, customId: 'approve:42' });
		const updated = await click.reply();
		expect(updated).toMatchObject({ via: 'update', content: 'Đã duyệt bởi lan (approve:42)', components: [] });
		expect(w.fake.messages(w.channel.id)).toHaveLength(1);
		expect(w.fake.messages(w.channel.id)[0]?.content).toBe('Đã duyệt bởi lan (approve:42)');
		expect(() => w.fake.clickButton({ ...w.base, messageId: posted.message.id, customId: 'approve:42' })).toThrow(
			/has no button/,
		);
	});

	it('GIVEN a select menu and a deferred update WHEN the user picks THEN the bot edits the message via @original', async () => {
		const w = await world(async (i) => {
			if (i.isChatInputCommand()) {
				const menu = new StringSelectMenuBuilder()
					.setCustomId('unit')
					.addOptions({ label: 'Phòng A', value: 'a' }, { label: 'Phòng B', value: 'b' });
				await i.reply({
					content: 'Chọn đơn vị',
					components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)],
				});
			} else if (i.isStringSelectMenu()) {
				await i.deferUpdate();
				await i.editReply({ content: `Đã chọn ${i.values.join(',')}`, components: [] });
			}
		});
		const posted = await w.fake.slashCommand({ ...w.base, name: 'pick' }).reply();
		const pick = w.fake.selectMenu({ ...w.base, messageId: posted.message.id, customId: 'unit', values: ['b'] });
		expect(await pick.reply()).toMatchObject({ via: 'edit-original', content: 'Đã chọn b' });
		expect(pick.state().callbackType).toBe(6);
		expect(w.fake.messages(w.channel.id).map((m) => m.content)).toEqual(['Đã chọn b']);
		expect(() =>
			w.fake.selectMenu({ ...w.base, messageId: posted.message.id, customId: 'unit', values: ['z'] }),
		).toThrow();
	});

	it('GIVEN a reply with a file WHEN the bot answers THEN the attachment bytes arrive (multipart callback)', async () => {
		const xlsx = Buffer.from('PK\u0003\u0004fake-xlsx');
		const w = await world(async (i) => {
			if (!i.isChatInputCommand()) return;
			await i.reply({ content: 'Tệp xuất', files: [new AttachmentBuilder(xlsx, { name: 'tong-hop.xlsx' })] });
		});
		const reply = await w.fake.slashCommand({ ...w.base, name: 'export' }).reply();
		expect(reply.attachments.map((a) => a.filename)).toEqual(['tong-hop.xlsx']);
		expect(reply.attachments[0]?.data.equals(xlsx)).toBe(true);
	});

	it('GIVEN a command that opens a modal (label and legacy layouts) WHEN the user submits it THEN the bot reads the fields', async () => {
		const got: string[] = [];
		const w = await world(async (i) => {
			if (i.isChatInputCommand()) {
				if (i.commandName === 'labels') {
					const title = new TextInputBuilder().setCustomId('title').setStyle(TextInputStyle.Short).setMaxLength(100);
					const body = new TextInputBuilder().setCustomId('body').setStyle(TextInputStyle.Paragraph).setRequired(false);
					const modal = new ModalBuilder()
						.setCustomId('feedback')
						.setTitle('Góp ý')
						.addLabelComponents(
							new LabelBuilder().setLabel('Tiêu đề').setTextInputComponent(title),
							new LabelBuilder().setLabel('Nội dung').setTextInputComponent(body),
						);
					await i.showModal(modal);
				} else {
					// The legacy layout (text inputs in action rows, labels on the inputs), as raw JSON: the builders
					// for it are deprecated, but Discord and older bots still use it.
					await i.showModal({
						custom_id: 'feedback',
						title: 'Góp ý',
						components: [
							{ type: 1, components: [{ type: 4, custom_id: 'title', style: 1, label: 'Tiêu đề', max_length: 100 }] },
							{ type: 1, components: [{ type: 4, custom_id: 'body', style: 2, label: 'Nội dung', required: false }] },
						],
					});
				}
			} else if (i.isModalSubmit()) {
				got.push(`${i.fields.getTextInputValue('title')}|${i.fields.getTextInputValue('body')}`);
				await i.reply({ content: 'Cảm ơn', flags: MessageFlags.Ephemeral });
			}
		});
		for (const name of ['labels', 'rows']) {
			const open = w.fake.slashCommand({ ...w.base, name });
			const modal = await open.modal();
			expect(modal).toMatchObject({ custom_id: 'feedback', title: 'Góp ý' });
			expect(modal.components[0]).toMatchObject({ type: name === 'labels' ? 18 : 1 });
			const submit = w.fake.submitModal({ ...w.base, customId: 'feedback', fields: { title: `T-${name}`, body: 'B' } });
			expect(await submit.reply()).toMatchObject({ content: 'Cảm ơn', ephemeral: true });
		}
		expect(got).toEqual(['T-labels|B', 'T-rows|B']);
		expect(() => w.fake.submitModal({ ...w.base, customId: 'feedback', fields: { body: 'no title' } })).toThrow(
			/required/,
		);
	});

	it('GIVEN an autocomplete option WHEN the user types THEN the bot answers choices (and more than 25 are refused)', async () => {
		const w = await world(async (i) => {
			if (!i.isAutocomplete()) return;
			const typed = i.options.getFocused();
			const n = typed === 'many' ? 26 : 3;
			await i
				.respond(Array.from({ length: n }, (_, k) => ({ name: `${typed} ${k}`, value: `v${k}` })))
				.catch(() => undefined);
		});
		await w.client.application?.commands.set(
			[
				new SlashCommandBuilder()
					.setName('find')
					.setDescription('Tìm')
					.addStringOption((o) => o.setName('plan').setDescription('KH').setAutocomplete(true))
					.toJSON(),
			],
			w.guild.id,
		);
		const choices = await w.fake.autocomplete({ ...w.base, name: 'find', focused: 'plan', value: 'dự' });
		expect(choices).toEqual([
			{ name: 'dự 0', value: 'v0' },
			{ name: 'dự 1', value: 'v1' },
			{ name: 'dự 2', value: 'v2' },
		]);
		await expect(
			w.fake.autocomplete({ ...w.base, name: 'find', focused: 'plan', value: 'many', timeoutMs: 200 }),
		).rejects.toThrow(/Must be 25 or fewer in length/);
	});

	it('GIVEN an interaction already acknowledged WHEN the bot acknowledges again THEN Discord answers 40060', async () => {
		let second: unknown;
		const w = await world(async (i) => {
			if (!i.isChatInputCommand()) return;
			await i.reply('một');
			// Bypass discord.js' own "already replied" guard to hit the API like a buggy bot would.
			second = await i.client.rest
				.post(`/interactions/${i.id}/${i.token}/callback`, { body: { type: 4, data: { content: 'hai' } }, auth: false })
				.catch((e: unknown) => e);
		});
		const h = w.fake.slashCommand({ ...w.base, name: 'x' });
		expect((await h.reply()).content).toBe('một');
		await waitFor(() => second !== undefined);
		expect(second).toBeInstanceOf(DiscordAPIError);
		expect((second as DiscordAPIError).code).toBe(40060);
		expect(h.state().callbacks).toBe(1);
	});

	it('GIVEN a bot slower than the ack deadline WHEN it finally replies THEN Discord answers 10062 and nothing becomes visible', async () => {
		let failure: unknown;
		const w = await world(
			async (i) => {
				if (!i.isChatInputCommand()) return;
				await new Promise((r) => setTimeout(r, 150));
				failure = await i.reply('quá muộn').catch((e: unknown) => e);
			},
			{ ackDeadlineMs: 100 },
		);
		const h = w.fake.slashCommand({ ...w.base, name: 'late' });
		await waitFor(() => failure !== undefined);
		expect((failure as DiscordAPIError).code).toBe(10062);
		expect((failure as DiscordAPIError).status).toBe(404);
		expect(h.state()).toMatchObject({ callbacks: 0, expired: true });
		await expect(h.reply({ timeoutMs: 50 })).rejects.toThrow(/rejected POST \(404 10062\)/);
		expect(w.fake.messages(w.channel.id)).toEqual([]);
	});

	it('GIVEN an expired interaction token WHEN the bot edits its reply THEN Discord answers 401 50027', async () => {
		let failure: unknown;
		const w = await world(
			async (i) => {
				if (!i.isChatInputCommand()) return;
				await i.deferReply();
				await new Promise((r) => setTimeout(r, 150));
				failure = await i.editReply('quá hạn').catch((e: unknown) => e);
			},
			{ tokenLifetimeMs: 100 },
		);
		const h = w.fake.slashCommand({ ...w.base, name: 'export' });
		await waitFor(() => failure !== undefined);
		expect((failure as DiscordAPIError).code).toBe(50027);
		expect((failure as DiscordAPIError).status).toBe(401);
		expect(h.state()).toMatchObject({ callbacks: 1, expired: true });
		await expect(h.reply({ timeoutMs: 50 })).rejects.toThrow(/callback 5/);
	});

	it('GIVEN a reply with content over 2000 characters WHEN the bot sends it THEN it gets a 50035 DiscordAPIError', async () => {
		let failure: unknown;
		const w = await world(async (i) => {
			if (!i.isChatInputCommand()) return;
			failure = await i.reply('x'.repeat(2001)).catch((e: unknown) => e);
		});
		const h = w.fake.slashCommand({ ...w.base, name: 'long' });
		await waitFor(() => failure !== undefined);
		expect(failure).toBeInstanceOf(DiscordAPIError);
		expect((failure as DiscordAPIError).code).toBe(50035);
		expect((failure as DiscordAPIError).rawError).toMatchObject({
			errors: { data: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
		});
		expect(h.state().callbacks).toBe(0);
	});

	it('GIVEN withResponse WHEN the bot replies THEN discord.js gets an InteractionCallbackResponse with the message', async () => {
		let messageId: string | undefined;
		const w = await world(async (i) => {
			if (!i.isChatInputCommand()) return;
			const res = await i.reply({ content: 'có phản hồi', withResponse: true });
			messageId = res.resource?.message?.id;
		});
		const reply = await w.fake.slashCommand({ ...w.base, name: 'x' }).reply();
		await waitFor(() => messageId !== undefined);
		expect(messageId).toBe(reply.message.id);
	});
});
