/**
 * The bench's peer: a bare discord.js bot (no database, no app), run as its own process like gopy. It posts one
 * message with a button in BENCH_CHANNEL_ID, prints `{"ready":…,"messageId":…}` and answers every click at once
 * with an ephemeral reply in the initial callback. Plain JavaScript run by plain `node`, as a minimal bot would be.
 */
/* global process, console */
import { Client, Events, GatewayIntentBits, MessageFlags, Routes } from 'discord.js';

const api = process.env['DISCORD_API_URL'];
const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: api ? { api } : {} });
client.on('interactionCreate', (interaction) => {
	if (!interaction.isButton()) return;
	interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral }).catch((error) => console.error(error));
});
client.once(Events.ClientReady, async () => {
	const message = await client.rest.post(Routes.channelMessages(process.env['BENCH_CHANNEL_ID'] ?? ''), {
		body: {
			content: 'echo',
			components: [{ type: 1, components: [{ type: 2, style: 1, label: 'OK', custom_id: 'echo' }] }],
		},
	});
	process.stdout.write(`${JSON.stringify({ ready: true, messageId: message.id })}\n`);
});
await client.login(process.env['DISCORD_TOKEN']);
