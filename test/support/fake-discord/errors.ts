/**
 * Discord's error responses, byte-for-byte where it matters: discord.js turns `{ code, message, errors }` into a
 * `DiscordAPIError` whose `code`/`status` the bot branches on, so the fake must use the same codes and statuses.
 */

export interface ApiErrorBody {
	code: number;
	message: string;
	errors?: FormErrorTree;
	[key: string]: unknown;
}

/** Thrown by route handlers; the server turns it into a JSON error response. */
export class ApiError extends Error {
	readonly status: number;
	readonly body: ApiErrorBody;
	readonly headers: Record<string, string>;

	constructor(status: number, body: ApiErrorBody, headers: Record<string, string> = {}) {
		super(`${status} ${body.code}: ${body.message}`);
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

export const unauthorized = (): ApiError => new ApiError(401, { code: 0, message: '401: Unauthorized' });
export const notFound = (): ApiError => new ApiError(404, { code: 0, message: '404: Not Found' });
export const methodNotAllowed = (): ApiError => new ApiError(405, { code: 0, message: '405: Method Not Allowed' });
export const unknownChannel = (): ApiError => new ApiError(404, { code: 10003, message: 'Unknown Channel' });
export const unknownGuild = (): ApiError => new ApiError(404, { code: 10004, message: 'Unknown Guild' });
export const unknownMember = (): ApiError => new ApiError(404, { code: 10007, message: 'Unknown Member' });
export const unknownMessage = (): ApiError => new ApiError(404, { code: 10008, message: 'Unknown Message' });
export const unknownRole = (): ApiError => new ApiError(404, { code: 10011, message: 'Unknown Role' });
export const unknownUser = (): ApiError => new ApiError(404, { code: 10013, message: 'Unknown User' });
export const unknownWebhook = (): ApiError => new ApiError(404, { code: 10015, message: 'Unknown Webhook' });
export const unknownCommand = (): ApiError =>
	new ApiError(404, { code: 10063, message: 'Unknown application command' });
export const unknownInteraction = (): ApiError => new ApiError(404, { code: 10062, message: 'Unknown interaction' });
export const alreadyAcknowledged = (): ApiError =>
	new ApiError(400, { code: 40060, message: 'Interaction has already been acknowledged.' });
export const invalidWebhookToken = (): ApiError => new ApiError(401, { code: 50027, message: 'Invalid Webhook Token' });
export const missingAccess = (): ApiError => new ApiError(403, { code: 50001, message: 'Missing Access' });
export const missingPermissions = (): ApiError => new ApiError(403, { code: 50013, message: 'Missing Permissions' });
export const cannotEditOthers = (): ApiError =>
	new ApiError(403, { code: 50005, message: 'Cannot edit a message authored by another user' });
export const cannotSendEmpty = (): ApiError =>
	new ApiError(400, { code: 50006, message: 'Cannot send an empty message' });
export const cannotDmUser = (): ApiError =>
	new ApiError(403, { code: 50007, message: 'Cannot send messages to this user' });
export const entityTooLarge = (): ApiError => new ApiError(413, { code: 40005, message: 'Request entity too large' });
export const badJson = (): ApiError =>
	new ApiError(400, { code: 50109, message: 'The request body contains invalid JSON.' });

// ---------------------------------------------------------------------------------------------------------------
// "Invalid Form Body" (50035): errors are a tree mirroring the request body, leaves are `{ _errors: [...] }`.

export interface FormErrorLeaf {
	_errors: Array<{ code: string; message: string }>;
}
export interface FormErrorTree {
	[key: string]: FormErrorTree | FormErrorLeaf['_errors'];
}

/** Collects 50035 errors at dotted paths (`embeds.0.fields.3.value`) and builds Discord's nested tree. */
export class FormErrors {
	private readonly tree: FormErrorTree = {};
	private count = 0;

	add(path: Array<string | number>, code: string, message: string): void {
		let node: FormErrorTree = this.tree;
		for (const key of path) {
			const k = String(key);
			let next = node[k];
			if (next === undefined || Array.isArray(next)) {
				next = {};
				node[k] = next;
			}
			node = next;
		}
		const leaf = (node['_errors'] ??= []) as FormErrorLeaf['_errors'];
		leaf.push({ code, message });
		this.count++;
	}

	maxLength(path: Array<string | number>, max: number): void {
		this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
	}

	badLength(path: Array<string | number>, min: number, max: number): void {
		this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
	}

	required(path: Array<string | number>): void {
		this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
	}

	get empty(): boolean {
		return this.count === 0;
	}

	/** Nest the whole tree under a prefix (interaction callbacks report errors under `data`). */
	toError(prefix: string[] = []): ApiError {
		let errors: FormErrorTree = this.tree;
		for (const key of [...prefix].reverse()) errors = { [key]: errors };
		return new ApiError(400, { code: 50035, message: 'Invalid Form Body', errors });
	}

	throwIfAny(prefix: string[] = []): void {
		if (!this.empty) throw this.toError(prefix);
	}
}
