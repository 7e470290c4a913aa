// Run by `postinstall` after `prisma generate`: makes the generated clients load Prisma's query compiler (WebAssembly)
// without keeping its text in memory for the life of the process.
//
// As generated, a client imports the compiler from an ES module whose one export is the WebAssembly binary in
// base64 (2.5 MB). An ES module is never unloaded, so the bot kept that module's source and the exported string
// (2.5 MB each, the two largest objects of its idle heap) long after the compiler was built from them. Patched, the
// client reads the same file as text, decodes the base64 between its first two quotes and compiles it; the text is
// garbage once the module is built.
//
// Exits 1, naming the file, when a generated client does not have the expected shape (a Prisma upgrade changed it):
// the patch is then to be revisited, not skipped. test/infra/db/lean-wasm.test.ts checks that both clients are patched.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const MARK = '// patched by prisma/lean-wasm.js';
const clients = ['src/generated/prisma/internal/class.ts', 'src/generated/prisma-pg/internal/class.ts'];
// The project's root; a test passes another.
const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
const generated =
	/ {2}getQueryCompilerWasmModule: async \(\) => \{\n {4}const \{ wasm \} = await import\("(@prisma\/client\/runtime\/query_compiler_bg\.\w+\.wasm-base64\.mjs)"\)\n {4}return await decodeBase64AsWasm\(wasm\)\n {2}\}/;

for (const client of clients) {
	const file = path.join(root, client);
	const text = readFileSync(file, 'utf8');
	if (text.includes(MARK)) continue;
	const found = generated.exec(text);
	if (!found) {
		process.stderr.write(`prisma/lean-wasm.js: ${client} does not load the query compiler as expected; not patched\n`);
		process.exit(1);
	}
	const patched = [
		'  getQueryCompilerWasmModule: async () => {',
		`    ${MARK}: the base64 read as text, not imported as a module kept for the process's life`,
		"    const { readFile } = await import('node:fs/promises')",
		"    const { createRequire } = await import('node:module')",
		`    const source = await readFile(createRequire(import.meta.url).resolve("${found[1]}"), 'utf8')`,
		"    const start = source.indexOf('\"') + 1",
		"    return await decodeBase64AsWasm(source.slice(start, source.indexOf('\"', start)))",
		'  }',
	].join('\n');
	writeFileSync(file, text.replace(found[0], patched));
}
