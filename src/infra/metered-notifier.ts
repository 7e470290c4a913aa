import type {
	DraftView,
	FileBlob,
	Notifier,
	OwnPostProbe,
	ReminderView,
	RoundNotice,
	SendResult,
} from '../app/ports.ts';
import type { Metrics } from './metrics.ts';

/**
 * Counts draft deliveries and reminders by outcome around any Notifier. A post whose nonce was already tried by
 * this process is a retry (the nonce is the post's identity across attempts): it counts as `retried`, then as
 * sent or failed like any other.
 */
export class MeteredNotifier implements Notifier {
	private readonly tried = new Set<string>();

	constructor(
		private readonly inner: Notifier,
		private readonly metrics: Metrics,
	) {}

	private async count(
		counter: Metrics['deliveries'],
		nonce: string,
		send: () => Promise<SendResult>,
	): Promise<SendResult> {
		if (this.tried.has(nonce)) counter.inc({ outcome: 'retried' });
		this.tried.add(nonce);
		const result = await send();
		counter.inc({ outcome: result.ok ? 'sent' : 'failed' });
		if (result.ok) this.tried.delete(nonce);
		return result;
	}

	postDraft(view: DraftView, nonce: string): Promise<SendResult> {
		return this.count(this.metrics.deliveries, nonce, () => this.inner.postDraft(view, nonce));
	}

	postReminder(view: ReminderView, nonce: string): Promise<SendResult> {
		return this.count(this.metrics.reminders, nonce, () => this.inner.postReminder(view, nonce));
	}

	findOwnPost(channelId: string, probe: OwnPostProbe): Promise<string | null> {
		return this.inner.findOwnPost(channelId, probe);
	}

	refreshDraft(channelId: string, messageId: string, view: DraftView): Promise<SendResult> {
		return this.inner.refreshDraft(channelId, messageId, view);
	}

	postRoundNotice(channelId: string, notice: RoundNotice, nonce: string): Promise<SendResult> {
		return this.inner.postRoundNotice(channelId, notice, nonce);
	}

	postText(
		channelId: string,
		content: string,
		opts?: { files?: FileBlob[]; pingRoles?: string[]; nonce?: string },
	): Promise<SendResult> {
		return this.inner.postText(channelId, content, opts);
	}
}
