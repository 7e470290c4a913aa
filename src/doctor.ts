import { existsSync } from 'node:fs';
import { runDoctor } from './ops/doctor.ts';

/** `npm run doctor`: checks the set-up without changing anything; exit 1 when any check fails. */
if (existsSync('.env')) process.loadEnvFile('.env');
// Exit at once: the REST client's keep-alive sockets would otherwise hold the process for a few seconds.
process.exit(await runDoctor(process.env));
