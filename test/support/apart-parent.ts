// A parent for test/infra/apart.test.ts: runs a never-ending function apart and prints its child's pid as soon as it
// is forked, so that the test can kill this process while the child is still loading (or later).
import { runApart } from '../../src/infra/apart.ts';
import { apartChildPids } from './processes.ts';

void runApart(new URL('./apart-fixture.ts', import.meta.url), 'hang', []).catch(() => {});
const apartChild = () => apartChildPids(process.pid)[0];
// The fork comes once runApart has its turn (a promise): look until it is there.
let child = apartChild();
while (child === undefined) {
	await new Promise((resolve) => setTimeout(resolve, 1));
	child = apartChild();
}
process.stdout.write(`${JSON.stringify({ child })}\n`);
