import { badJson } from './errors.ts';
import type { Json } from './types.ts';

/**
 * Request bodies as Discord accepts them: JSON, or multipart/form-data with `payload_json` plus `files[n]` parts
 * (what @discordjs/rest sends whenever a message carries files). Parsing uses Node's built-in undici
 * `Response.formData()`, so no extra dependency.
 */

export interface UploadedFile {
	/** Form field name, e.g. `files[0]`. */
	field: string;
	/** The `n` of `files[n]`, which `attachments[].id` refers to. */
	index: number;
	filename: string;
	contentType?: string;
	data: Buffer;
}

export interface ParsedBody {
	json: Json;
	files: UploadedFile[];
}

export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
	if (raw.length === 0) return { json: undefined, files: [] };
	const type = (contentType ?? '').toLowerCase();
	if (type.startsWith('multipart/form-data')) return parseMultipart(raw, contentType ?? '');
	try {
		return { json: JSON.parse(raw.toString('utf8')), files: [] };
	} catch {
		throw badJson();
	}
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
	let form: FormData;
	try {
		// Deprecated for servers because it buffers whole bodies; fine for a test fixture and needs no dependency.
		// eslint-disable-next-line @typescript-eslint/no-deprecated
		form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
	} catch {
		throw badJson();
	}
	let json: Json = undefined;
	const files: UploadedFile[] = [];
	let fallbackIndex = 0;
	for (const [field, value] of form.entries()) {
		if (typeof value === 'string') {
			if (field === 'payload_json') {
				try {
					json = JSON.parse(value);
				} catch {
					throw badJson();
				}
			} else {
				// Discord also accepts plain form fields (rare; used by some endpoints with appendToFormData).
				json ??= {};
				json[field] = value;
			}
			continue;
		}
		const match = /^files\[(\d+)\]$/.exec(field) ?? /^file(\d*)$/.exec(field);
		const index = match?.[1] ? Number(match[1]) : fallbackIndex;
		fallbackIndex++;
		const file: UploadedFile = {
			field,
			index,
			filename: value.name || `file${index}`,
			data: Buffer.from(await value.arrayBuffer()),
		};
		if (value.type) file.contentType = value.type;
		files.push(file);
	}
	return { json, files };
}
