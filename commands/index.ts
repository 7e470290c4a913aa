import type { CommandModule } from '../src/discord/interaction-context.ts';
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
