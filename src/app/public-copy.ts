import type { Deps } from './deps.ts';
import type { FileBlob } from './ports.ts';

/**
 * Posts the public copy of a private reply (a status, a report) in the server's report channel. Says whether it was
 * posted; a channel the bot cannot write to is the coordinator's to fix, so it is not an error.
 */
export async function postPublicCopy(
	deps: Deps,
	channelId: string,
	content: string,
	files: readonly FileBlob[],
): Promise<boolean> {
	const posted = await deps.notifier.postText(channelId, content, { files: [...files] });
	return posted.ok;
}
