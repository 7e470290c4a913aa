// Preloaded into the bot by the benches when BENCH_CPU_PROF=<dir> is set (NODE_OPTIONS=--import, which does not
// allow --cpu-prof): profiles the process from its start and writes the profile to <dir> on SIGUSR2.
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import process from 'node:process';

const session = new inspector.Session();
session.connect();
session.post('Profiler.enable', () => session.post('Profiler.start'));
process.on('SIGUSR2', () => {
	session.post('Profiler.stop', (error, result) => {
		const dir = process.env['BENCH_CPU_PROF'];
		if (error || !dir) return;
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, `bot-${String(process.pid)}.cpuprofile`), JSON.stringify(result.profile));
		process.stdout.write('{"msg":"cpu profile written"}\n');
	});
});
