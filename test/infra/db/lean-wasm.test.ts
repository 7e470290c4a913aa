import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');
const SCRIPT = path.join(ROOT, 'prisma/lean-wasm.js');
const CLIENTS = ['src/generated/prisma/internal/class.ts', 'src/generated/prisma-pg/internal/class.ts'];

/** The query compiler's loader as `prisma generate` (Prisma 6.19) writes it into a client. */
const generatedLoader = (engine: string): string => `config.compilerWasm = {
  getRuntime: async () => await import("@prisma/client/runtime/query_compiler_bg.${engine}.mjs"),

  getQueryCompilerWasmModule: async () => {
    const { wasm } = await import("@prisma/client/runtime/query_compiler_bg.${engine}.wasm-base64.mjs")
    return await decodeBase64AsWasm(wasm)
  }
}
`;

let dir: string | null = null;
afterEach(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
	dir = null;
});

/** A project root holding the two generated clients with the given texts. */
async function fakeRoot(texts: [string, string]): Promise<string> {
	dir = await mkdtemp(path.join(tmpdir(), 'gopy-lean-wasm-'));
	for (const [i, client] of CLIENTS.entries()) {
		await mkdir(path.dirname(path.join(dir, client)), { recursive: true });
		await writeFile(path.join(dir, client), texts[i]!);
	}
	return dir;
}

describe("the generated clients load Prisma's query compiler without keeping its base64 text (prisma/lean-wasm.js)", () => {
	it('GIVEN this checkout after npm ci WHEN its generated clients are read THEN both are patched, each for its own engine', async () => {
		for (const [client, engine] of [
			[CLIENTS[0]!, 'sqlite'],
			[CLIENTS[1]!, 'postgresql'],
		] as const) {
			const text = await readFile(path.join(ROOT, client), 'utf8');
			expect(text).toContain('// patched by prisma/lean-wasm.js');
			expect(text).toContain(`resolve("@prisma/client/runtime/query_compiler_bg.${engine}.wasm-base64.mjs")`);
			expect(text).not.toContain('const { wasm } = await import(');
		}
	});

	it('GIVEN freshly generated clients WHEN patched twice THEN each loader reads its base64 file as text, and the second run changes nothing', async () => {
		const root = await fakeRoot([generatedLoader('sqlite'), generatedLoader('postgresql')]);
		await run(process.execPath, [SCRIPT, root]);
		const once = await Promise.all(CLIENTS.map((c) => readFile(path.join(root, c), 'utf8')));
		await run(process.execPath, [SCRIPT, root]);
		const twice = await Promise.all(CLIENTS.map((c) => readFile(path.join(root, c), 'utf8')));
		expect(twice).toEqual(once);
		expect(once[0]).toContain('query_compiler_bg.sqlite.wasm-base64.mjs');
		expect(once[1]).toContain('query_compiler_bg.postgresql.wasm-base64.mjs');
		for (const text of once) {
			expect(text).not.toContain('const { wasm } = await import(');
			// The runtime's import is left as it was
			expect(text).toMatch(
				/getRuntime: async \(\) => await import\("@prisma\/client\/runtime\/query_compiler_bg\.\w+\.mjs"\)/,
			);
		}
	});

	it('GIVEN a client whose loader Prisma changed WHEN patched THEN the script fails, naming that client, and leaves it as it was', async () => {
		const changed = generatedLoader('postgresql').replace('decodeBase64AsWasm(wasm)', 'decodeWasm(wasm)');
		const root = await fakeRoot([generatedLoader('sqlite'), changed]);
		const failure = await run(process.execPath, [SCRIPT, root]).then(
			() => null,
			(error: unknown) => error as { code: number; stderr: string },
		);
		expect(failure?.code).toBe(1);
		expect(failure?.stderr).toContain(
			'src/generated/prisma-pg/internal/class.ts does not load the query compiler as expected',
		);
		expect(await readFile(path.join(root, CLIENTS[1]!), 'utf8')).toBe(changed);
	});
});
