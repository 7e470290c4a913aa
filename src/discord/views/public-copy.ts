import type { FileBlob } from '../../app/ports.ts';
import type { Catalog } from '../../i18n/index.ts';
import { clip, MESSAGE_LIMIT, type ReplyFile } from './text.ts';

/** Reply files as the notifier posts them. */
export function asBlobs(files: readonly ReplyFile[], contentType: string | null): FileBlob[] {
	return files.map((f) => ({ name: f.name, contentType, data: f.attachment }));
}

/** The private reply, with a line saying where its public copy went (or that the report channel refused it). */
export function withPublicCopyNote(
	t: Catalog,
	content: string,
	copy: { channelId: string; posted: boolean; what: 'status' | 'report' },
): string {
	const channel = `<#${copy.channelId}>`;
	const posted = copy.what === 'status' ? t.status.posted({ channel }) : t.report.posted({ channel });
	const note = copy.posted ? posted : t.setup.reportChannelNotWritable({ channel });
	return clip(`${content}\n\n${note}`, MESSAGE_LIMIT);
}
