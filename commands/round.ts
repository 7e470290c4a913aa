import { createRound, listRounds, publishRound, roundStatus, setUnitDraft } from '../src/app/manage-rounds.ts';
import { setUnitDrafts } from '../src/app/bulk-drafts.ts';
import { postPublicCopy } from '../src/app/public-copy.ts';
import { reminderMarks } from '../src/app/status-picture.ts';
import { startingPoint } from '../src/app/reports.ts';
import { closeRound, extendRound, remindNow } from '../src/app/round-deadlines.ts';
import { autocompleteRounds, autocompleteUnits } from '../src/discord/autocomplete.ts';
import { commandWithSubcommands, ROUND_OPTION, subcommand, who } from '../src/discord/modules.ts';
import { readDraftsUpload } from '../src/discord/draft-upload.ts';
import { withImportProgress } from '../src/discord/import-progress.ts';
import { replyProgress } from '../src/discord/progress.ts';
import { draftUpload } from '../src/discord/uploads.ts';
import { asBlobs, withPublicCopyNote } from '../src/discord/views/public-copy.ts';
import {
	createdReply,
	extendedReply,
	publishReply,
	remindReply,
	roundListReply,
} from '../src/discord/views/round-replies.ts';
import { renderStatus, statusCard, statusPictureFile } from '../src/discord/views/status.ts';
import { draftsSavedReply } from '../src/discord/views/drafts-replies.ts';
import { errorReply } from '../src/discord/views/errors.ts';
import { clip, MESSAGE_LIMIT } from '../src/discord/views/text.ts';
import type { Lang } from '../src/i18n/index.ts';
import { baseline, items, report } from './round-plan.ts';

/** Drafts are stored in the database until publication; Discord's own upload limit for bots is 10 MB. */
export const MAX_DRAFT_BYTES = 8 * 1024 * 1024;

const create = subcommand(
	{
		title: { type: 'string', required: true, maxLength: 200 },
		deadline: { type: 'string', required: true, maxLength: 40 },
		units: { type: 'string', maxLength: 1000 },
		campaign: { type: 'string', maxLength: 100 },
		draft: { type: 'attachment' },
		text: { type: 'string', maxLength: 4000 },
		reminders: { type: 'string', maxLength: 200 },
		silence: { type: 'string', choices: ['none', 'consent'] },
		late: { type: 'string', choices: ['accept', 'refuse'] },
		from: { type: 'string', autocomplete: true, maxLength: 20 },
	},
	async (ctx, { draft, ...o }) => {
		const file = await draftUpload(ctx, draft, MAX_DRAFT_BYTES);
		if (!file.ok) return ctx.fail(file.error);
		const result = await createRound(ctx.deps, { ...who(ctx), ...o, file: file.value });
		if (!result.ok) return ctx.fail(result.error);
		const start = result.value.from ? await startingPoint(ctx.deps, result.value.round) : null;
		await ctx.reply(createdReply(ctx.t, ctx.lang, result.value, start));
	},
);

const draft = subcommand(
	{
		round: ROUND_OPTION,
		unit: { type: 'string', required: true, autocomplete: true },
		file: { type: 'attachment' },
		text: { type: 'string', maxLength: 4000 },
	},
	async (ctx, { file: attachment, ...o }) => {
		const file = await draftUpload(ctx, attachment, MAX_DRAFT_BYTES);
		if (!file.ok) return ctx.fail(file.error);
		const result = await setUnitDraft(ctx.deps, { ...who(ctx), ...o, file: file.value });
		if (!result.ok) return ctx.fail(result.error);
		const { unit, round, files } = result.value;
		await ctx.reply(ctx.t.round.draftSaved({ unit: unit.code, round: round.code, files }));
	},
);

/** Many units' own drafts from one ZIP (a long upload shows its stage after 2 s) (CODE.ext or CODE/ folder) or `unit,text` table: all or none. */
const drafts = subcommand(
	{ round: ROUND_OPTION, file: { type: 'attachment', required: true } },
	async (ctx, { round, file }) => {
		await withImportProgress(ctx, async (stage) => {
			const upload = await readDraftsUpload(ctx, file, stage);
			if (!upload.ok) return upload;
			stage({ kind: 'save-drafts', units: upload.value.drafts.length });
			const result = await setUnitDrafts(ctx.deps, { ...who(ctx), round, ...upload.value });
			if (!result.ok) return result;
			return { ok: true, value: draftsSavedReply(ctx.t, result.value) };
		});
	},
);

/** Delivery shows its progress after 2 s ('Đang gửi: n/63'), then the summary replaces it. */
const publish = subcommand({ round: ROUND_OPTION }, async (ctx, { round }) => {
	const progress = replyProgress(ctx, (sent, total) => ctx.t.progress.sending({ sent, total }), ctx.deps.log);
	const result = await publishRound(ctx.deps, {
		...who(ctx),
		round,
		onProgress: (done, total) => {
			progress.update(done, total);
		},
	});
	await progress.settle();
	const { content, files } = result.ok ? publishReply(ctx.t, result.value) : errorReply(ctx.t, result.error);
	await progress.finish(content, files);
});

const status = subcommand({ round: ROUND_OPTION, post: { type: 'boolean' } }, async (ctx, { round, post }) => {
	const result = await roundStatus(ctx.deps, { ...who(ctx), round });
	if (!result.ok) return ctx.fail(result.error);
	const now = ctx.deps.clock.now();
	const { reportChannelId: channelId, language } = result.value;
	const mine = renderStatus(result.value, ctx.lang, now);
	const marks = await reminderMarks(ctx.deps, result.value.round.id);
	const picture = async (lang: Lang) => {
		try {
			return await statusPictureFile(result.value, lang, now, marks);
		} catch (error) {
			ctx.deps.log.error({ err: error, round: result.value.round.code }, 'status picture failed');
			return null;
		}
	};
	const myPicture = await picture(ctx.lang);
	if (!myPicture) mine.content = clip(`${mine.content}\n${ctx.t.picture.unavailable}`, MESSAGE_LIMIT);
	const card = statusCard(result.value, ctx.lang, now, myPicture?.name ?? null);
	if (post) {
		// The public copy speaks the server's language, whoever asked; it carries the picture too.
		const pub = renderStatus(result.value, language, now);
		const pubPicture = language === ctx.lang ? myPicture : await picture(language);
		const blobs = [...asBlobs(pub.files, 'text/markdown'), ...(pubPicture ? asBlobs([pubPicture], 'image/png') : [])];
		const posted = await postPublicCopy(ctx.deps, channelId, pub.content, blobs);
		mine.content = withPublicCopyNote(ctx.t, mine.content, { channelId, posted, what: 'status' });
	}
	await ctx.reply(mine.content, [...mine.files, ...(myPicture ? [myPicture] : [])], [card]);
});

const list = subcommand({}, async (ctx) => {
	const result = await listRounds(ctx.deps, who(ctx));
	if (!result.ok) return ctx.fail(result.error);
	const { content, files } = roundListReply(ctx.t, ctx.lang, result.value);
	await ctx.reply(content, files);
});

const extend = subcommand(
	{ round: ROUND_OPTION, deadline: { type: 'string', required: true, maxLength: 40 } },
	async (ctx, o) => {
		const result = await extendRound(ctx.deps, { ...who(ctx), ...o });
		if (!result.ok) return ctx.fail(result.error);
		await ctx.reply(extendedReply(ctx.t, ctx.lang, result.value.round, result.value.told.length));
	},
);

const close = subcommand({ round: ROUND_OPTION }, async (ctx, { round }) => {
	const result = await closeRound(ctx.deps, { ...who(ctx), round });
	if (!result.ok) return ctx.fail(result.error);
	await ctx.reply(ctx.t.reminders.closedReply({ round: result.value.round.code, silent: result.value.silent.length }));
});

const remind = subcommand({ round: ROUND_OPTION }, async (ctx, { round }) => {
	const result = await remindNow(ctx.deps, { ...who(ctx), round });
	if (!result.ok) return ctx.fail(result.error);
	await ctx.reply(remindReply(ctx.t, result.value));
});

/** /round create|draft|drafts|publish|status|list|extend|close|remind|items|baseline|report */
export const round = commandWithSubcommands(
	'round',
	{ create, draft, drafts, publish, status, list, extend, close, remind, items, baseline, report },
	(ctx, focus) =>
		focus.option === 'unit'
			? autocompleteUnits(ctx, focus.value, 'coordinator')
			: autocompleteRounds(ctx, focus.value, 'coordinator'),
);
