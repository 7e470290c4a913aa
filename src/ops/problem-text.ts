import type { AccessProblem, PermName } from '../domain/permissions.ts';

/** Operator-facing (English) wording of preflight problems, for `npm run doctor` and the logs. */

const PERMISSION_LABEL: Record<PermName, string> = {
	ViewChannel: 'View Channel',
	SendMessages: 'Send Messages',
	EmbedLinks: 'Embed Links',
	AttachFiles: 'Attach Files',
	ReadMessageHistory: 'Read Message History',
	MentionEveryone: 'Mention @everyone, @here and All Roles',
};

export function permissionLabel(p: PermName): string {
	return PERMISSION_LABEL[p];
}

export function describeProblem(p: AccessProblem, channel: string, role: string): string {
	switch (p.kind) {
		case 'channel-missing':
			return `channel ${channel} does not exist`;
		case 'permission':
			return `the bot lacks ${PERMISSION_LABEL[p.permission]} in ${channel}`;
		case 'role-missing':
			return `role ${role} does not exist`;
		case 'ping-silent':
			return `pinging ${role} notifies nobody (the role is not mentionable and the bot lacks Mention @everyone)`;
		case 'refused':
			return `Discord refused the post in ${channel} (403: missing access or permissions)`;
	}
}

export function problemFix(p: AccessProblem): string {
	switch (p.kind) {
		case 'channel-missing':
			return 'point the unit at an existing channel with /unit edit';
		case 'permission':
			return `allow ${PERMISSION_LABEL[p.permission]} for the bot in the channel's permissions`;
		case 'role-missing':
			return 'point the unit at an existing role with /unit edit';
		case 'ping-silent':
			return 'make the role mentionable, or give the bot Mention @everyone';
		case 'refused':
			return "check the bot's permissions in the channel";
	}
}
