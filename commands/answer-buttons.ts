import { component } from '../src/discord/modules.ts';
import { commentModal as commentModalView } from '../src/discord/views/comment-modal.ts';
import { answer } from './answer.ts';

/** The buttons of a unit's draft post and the comment modal: the same use case as /feedback agree|comment. */

/** Agree button: records the answer at once. */
export const agreeButton = component({
	kind: 'agree',
	type: 'button',
	defer: true,
	run: (ctx, id) => answer(ctx, { round: { id: id.roundId }, unit: { id: id.unitId }, answer: 'agree' }),
});

/** Comment button: opens the comment modal; nothing is recorded until it is submitted. */
export const commentButton = component({
	kind: 'comment',
	type: 'button',
	// A modal must be the first answer and cannot be deferred: no database read before it.
	defer: false,
	run: (ctx, id) => ctx.showModal(commentModalView(ctx.t, id.roundId, id.unitId)),
});

/** Comment modal submitted. Modals opened before the items field existed have no such field. */
export const commentModal = component({
	kind: 'comment-modal',
	type: 'modal',
	defer: true,
	run: (ctx, id, fields) =>
		answer(ctx, {
			round: { id: id.roundId },
			unit: { id: id.unitId },
			answer: 'comment',
			text: fields.get('text') ?? '',
			items: fields.get('items'),
		}),
});
