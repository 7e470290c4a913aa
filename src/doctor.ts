import { readEnvironment } from './config/environment.ts';
import { runDoctor } from './ops/doctor.ts';

/** `npm run doctor`: checks the set-up without changing anything; exit 1 when any check fails. */
// Exit at once: the REST client's keep-alive sockets would otherwise hold the process for a few seconds.
process.exit(await runDoctor(readEnvironment({ dotenv: true })));
