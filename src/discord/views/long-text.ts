import type { Catalog } from '../../i18n/index.ts';
import { MESSAGE_LIMIT, type Reply } from './text.ts';

/**
 * Fits a titled list into one message. When it would pass Discord's 2,000-character limit, the message keeps as
 * many whole lines as fit and the whole list goes into an attached Markdown file.
 */
export function splitForMessage(
	t: Catalog,
	title: string,
	lines: readonly string[],
	fileName: string,
	fullText?: string,
): Reply {
	const whole = [title, ...lines].join('\n');
	if (whole.length <= MESSAGE_LIMIT && fullText === undefined) return { content: whole, files: [] };
	const note = t.common.moreInFile({ file: fileName });
	const kept: string[] = [title];
	let length = title.length + 1 + note.length + 2;
	for (const line of lines) {
		if (length + line.length + 1 > MESSAGE_LIMIT) break;
		kept.push(line);
		length += line.length + 1;
	}
	kept.push('…', note);
	const content = kept.join('\n').slice(0, MESSAGE_LIMIT);
	return { content, files: [{ attachment: Buffer.from(fullText ?? whole, 'utf8'), name: fileName }] };
}
