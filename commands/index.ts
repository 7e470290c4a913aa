import type { CommandModule, ComponentModule } from '../src/discord/modules.ts';
import { agreeButton, commentButton, commentModal } from './answer-buttons.ts';
import { audit } from './audit.ts';
import { calendar } from './calendar.ts';
import { comment } from './comment.ts';
import { feedback } from './feedback.ts';
import { ping } from './ping.ts';
import { round } from './round.ts';
import { setup } from './setup.ts';
import { unit } from './unit.ts';

/** Every slash command, registered statically (no folder scanning at run time). */
export const commands: readonly CommandModule[] = [ping, setup, unit, round, feedback, calendar, comment, audit];

/** Every button and modal, by the kind of custom id it answers (src/discord/custom-id.ts). */
export const components: readonly ComponentModule[] = [agreeButton, commentButton, commentModal];
