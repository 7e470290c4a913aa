// Preloaded into the bot by the benches when BENCH_CPU_PROF=<dir> is set (NODE_OPTIONS=--require, which does not
// allow --cpu-prof): profiles the process from its start and writes the profile to <dir> on SIGUSR2.
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const session = new inspector.Session();
session.connect();
session.post('Profiler.enable', () => session.post('Profiler.start'));
process.on('SIGUSR2', () => {
	session.post('Profiler.stop', (error, result) => {
		if (error) return;
		const dir = process.env.BENCH_CPU_PROF;
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, `bot-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
		process.stdout.write('{"msg":"cpu profile written"}\n');
	});
});
