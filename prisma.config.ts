import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { defineConfig } from 'prisma/config';

// Offline Prisma: the JavaScript schema engine with the better-sqlite3 driver adapter (see docs/ARCHITECTURE.md).
export default defineConfig({
	experimental: { adapter: true },
	engine: 'js',
	schema: path.join('prisma', 'schema.prisma'),
	adapter: () => Promise.resolve(new PrismaBetterSQLite3({ url: process.env['DATABASE_URL'] ?? 'file::memory:' })),
});
