import { readdirSync, readFileSync } from 'node:fs';

/** The running processes whose parent is `pid` (Linux /proc; a process that ends meanwhile is left out). */
export function childPids(pid: number): number[] {
	const children: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			// The parent's pid is the 2nd field after the command, which is in parentheses and may hold spaces.
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
		} catch {
			// ended meanwhile
		}
	}
	return children;
}

/** The children of `pid` that run the child entry of `runApart` (src/infra/apart-child.ts). */
export function apartChildPids(pid: number): number[] {
	return childPids(pid).filter((child) => {
		try {
			return readFileSync(`/proc/${String(child)}/cmdline`, 'utf8').includes('apart-child');
		} catch {
			return false;
		}
	});
}
