import { DateTime } from 'luxon';
import type { FakeAttachment, FakeMessage } from '../test/support/fake-discord/index.ts';

/**
 * A readable transcript of a scenario run against the fake Discord: what people did and were privately told,
 * and what each channel ended up showing. Mentions, channels and Discord timestamps are written as a person
 * would see them (names, local times), so the output does not change from one run to the next.
 */

/** Display names of the server's things, by id. */
export interface NameBook {
	channel(id: string): string | undefined;
	role(id: string): string | undefined;
	user(id: string): string | undefined;
}

/** A private reply as the person saw it. */
export interface SeenReply {
	content: string;
	attachments: readonly FakeAttachment[];
}

interface EmbedView {
	title?: string;
	description?: string;
	fields?: Array<{ name: string; value: string }>;
	footer?: { text?: string };
}

interface ComponentView {
	type: number;
	label?: string;
	components?: ComponentView[];
}

const INDENT = '    ';

function indent(text: string, prefix = INDENT): string[] {
	return text.split('\n').map((line) => `${prefix}${line}`);
}

export class Transcript {
	private readonly lines: string[] = [];

	constructor(
		private readonly names: NameBook,
		/** Time zone in which times are shown (the server's). */
		private readonly zone: string,
	) {}

	/** A local date-time as the transcript shows it: `17/09/2021 09:00`. */
	time(at: Date): string {
		return DateTime.fromJSDate(at, { zone: this.zone }).toFormat('dd/MM/yyyy HH:mm');
	}

	/** Replaces `<@id>`, `<@&id>`, `<#id>` and `<t:…>` tags with what a reader sees. */
	readable(text: string): string {
		return text
			.replace(/<@&(\d+)>/g, (_, id: string) => `@${this.names.role(id) ?? `role:${id}`}`)
			.replace(/<@!?(\d+)>/g, (_, id: string) => `@${this.names.user(id) ?? `user:${id}`}`)
			.replace(/<#(\d+)>/g, (_, id: string) => `#${this.names.channel(id) ?? `channel:${id}`}`)
			.replace(/<t:(\d+)(?::([tTdDfFR]))?>/g, (_, seconds: string, style: string | undefined) => {
				const at = this.time(new Date(Number(seconds) * 1000));
				return style === 'R' ? `relative to ${at}` : `🕒${at}`;
			});
	}

	heading(title: string): void {
		if (this.lines.length > 0) this.lines.push('');
		this.lines.push(title, '='.repeat(Math.min(100, [...title].length)));
	}

	subheading(title: string): void {
		this.lines.push('', title, '-'.repeat(Math.min(100, [...title].length)));
	}

	say(text: string): void {
		this.lines.push(...text.split('\n'));
	}

	/** One thing a person did (at the scenario's clock time) and the private reply they got. */
	action(at: Date, who: string, what: string, reply?: SeenReply): void {
		this.lines.push(`[${this.time(at)}] ${who}: ${what}`);
		if (!reply) return;
		const [first = '', ...rest] = this.readable(reply.content).split('\n');
		this.lines.push(`${INDENT}→ ${first}`, ...rest.map((line) => `${INDENT}  ${line}`));
		for (const a of reply.attachments) this.lines.push(`${INDENT}  📎 ${a.filename} (${a.size} bytes)`);
	}

	/** Everything a channel shows now (edits applied), oldest first. */
	channel(name: string, messages: readonly FakeMessage[]): void {
		this.subheading(`#${name}`);
		if (messages.length === 0) this.lines.push(`${INDENT}(no messages)`);
		for (const m of messages) this.lines.push(...this.message(m));
	}

	/** One message: author, content, embeds, buttons and files. */
	message(m: FakeMessage): string[] {
		const author = (m.author as { id: string }).id;
		const edited = m.editCount > 0 ? ` (edited ${m.editCount}×)` : '';
		const out = [`${INDENT}— ${this.names.user(author) ?? author}${edited}`];
		if (m.content) out.push(...indent(this.readable(m.content), `${INDENT}  `));
		for (const embed of m.embeds as EmbedView[]) {
			out.push(`${INDENT}  ┌ ${this.readable(embed.title ?? '')}`);
			if (embed.description) out.push(...indent(this.readable(embed.description), `${INDENT}  │ `));
			for (const f of embed.fields ?? []) {
				out.push(`${INDENT}  │ ▸ ${this.readable(f.name)}`, ...indent(this.readable(f.value), `${INDENT}  │     `));
			}
			if (embed.footer?.text) out.push(`${INDENT}  └ ${this.readable(embed.footer.text)}`);
		}
		const buttons = (m.components as ComponentView[])
			.flatMap((row) => row.components ?? [])
			.filter((c) => c.type === 2);
		if (buttons.length > 0) out.push(`${INDENT}  ${buttons.map((b) => `[${b.label ?? '?'}]`).join(' ')}`);
		for (const a of m.attachments) out.push(`${INDENT}  📎 ${a.filename} (${a.size} bytes)`);
		return out;
	}

	toString(): string {
		return `${this.lines.join('\n')}\n`;
	}
}
