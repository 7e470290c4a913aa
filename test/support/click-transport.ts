import type { Transport } from '../../src/discord/context.ts';

/** A click's transport that records, in order, what the router sent for it. */
export function clickTransport(id: string, log: string[]): Transport {
	return {
		id,
		guildId: 'g',
		locale: 'vi',
		actor: { userId: `u${id}`, userName: 'U', roleIds: [], canManageGuild: false },
		reply: async (content) => void log.push(`${id} reply ${content}`),
		edit: async (content) => void log.push(`${id} edit ${content}`),
		defer: async () => void log.push(`${id} defer`),
		followUp: async (content) => void log.push(`${id} followUp ${content}`),
		showModal: async () => void log.push(`${id} modal`),
		respond: async () => void log.push(`${id} respond`),
		channels: () => [],
		roles: () => [],
		latencyMs: () => 0,
	};
}
