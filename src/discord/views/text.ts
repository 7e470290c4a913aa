/** Discord's limit for one message's content. */
export const MESSAGE_LIMIT = 2000;

/** Cuts text to a limit (in UTF-16 units, as Discord counts), marking the cut. */
export function clip(text: string, max: number): string {
	if (text.length <= max) return text;
	return `${text.slice(0, max - 1)}…`;
}

/** Human-readable size limit. */
export function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** A file attached to a private reply (any transport can send it). */
export interface ReplyFile {
	attachment: Buffer;
	name: string;
}

/** A private reply: its text and attached files. */
export interface Reply {
	content: string;
	files: ReplyFile[];
}

/** A Discord timestamp tag: every reader sees it in their own time zone. */
export function discordTime(date: Date, style: 'F' | 'R' | 'f' = 'F'): string {
	return `<t:${Math.floor(date.getTime() / 1000)}:${style}>`;
}
