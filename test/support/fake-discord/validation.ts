import { FormErrors } from './errors.ts';
import type { Json } from './types.ts';

/**
 * Discord's payload limits, reported the way Discord reports them (50035 "Invalid Form Body" with an error tree).
 * The point is to make a bot that works against the fake also work against Discord: every limit here is one that
 * real Discord rejects, usually at the worst moment (a long Vietnamese plan title, an embed with many units...).
 */

export const MESSAGE_FLAGS = {
	SuppressEmbeds: 1 << 2,
	Ephemeral: 1 << 6,
	Loading: 1 << 7,
	SuppressNotifications: 1 << 12,
	IsComponentsV2: 1 << 15,
} as const;

type Path = Array<string | number>;

const len = (v: unknown): number => (typeof v === 'string' ? [...v].length : 0);

function checkString(
	errors: FormErrors,
	path: Path,
	value: unknown,
	max: number,
	opts: { min?: number; required?: boolean } = {},
): void {
	if (value === undefined || value === null) {
		if (opts.required) errors.required(path);
		return;
	}
	if (typeof value !== 'string') {
		errors.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
		return;
	}
	const n = len(value);
	const min = opts.min ?? 0;
	if (n > max || n < min) {
		if (min > 0) errors.badLength(path, min, max);
		else errors.maxLength(path, max);
	}
}

// -- messages -----------------------------------------------------------------------------------------------------

export interface MessageCheckOptions {
	/** PATCH: only the fields present are checked. */
	partial?: boolean;
	/** Number of files uploaded with the request (counts against "empty message"). */
	fileCount?: number;
	/** Flags of the message being edited (for components v2 rules on PATCH without flags). */
	existingFlags?: number;
}

/** Validate a message create/edit body. Adds to `errors`; does NOT decide emptiness (see `isEmptyMessage`). */
export function validateMessageBody(body: Json, errors: FormErrors, opts: MessageCheckOptions = {}): void {
	if (body === null || typeof body !== 'object') {
		errors.add([], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
		return;
	}
	const flags = Number(body.flags ?? opts.existingFlags ?? 0);
	const v2 = (flags & MESSAGE_FLAGS.IsComponentsV2) !== 0;

	checkString(errors, ['content'], body.content, 2000);
	if (v2) {
		if (typeof body.content === 'string' && body.content.length > 0) {
			errors.add(
				['content'],
				'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
				"The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
			);
		}
		if (Array.isArray(body.embeds) && body.embeds.length > 0) {
			errors.add(
				['embeds'],
				'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
				"The 'embeds' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
			);
		}
	}
	if (body.nonce !== undefined && body.nonce !== null) {
		if (typeof body.nonce === 'string') checkString(errors, ['nonce'], body.nonce, 25);
		else if (typeof body.nonce !== 'number' || !Number.isInteger(body.nonce)) {
			errors.add(['nonce'], 'BASE_TYPE_STRING', 'Must be a string or integer.');
		}
	}
	if (body.embeds !== undefined && body.embeds !== null) validateEmbeds(body.embeds, errors);
	if (body.components !== undefined && body.components !== null) {
		validateMessageComponents(body.components, errors, v2);
	}
	if (body.allowed_mentions !== undefined && body.allowed_mentions !== null) {
		validateAllowedMentions(body.allowed_mentions, errors);
	}
	if (Array.isArray(body.attachments) && body.attachments.length > 10) errors.maxLength(['attachments'], 10);
	if ((opts.fileCount ?? 0) > 10) errors.maxLength(['files'], 10);
}

/** Discord's "Cannot send an empty message" (50006): nothing visible in the final message. */
export function isEmptyMessage(m: {
	content?: unknown;
	embeds?: unknown;
	components?: unknown;
	attachmentCount: number;
	sticker_ids?: unknown;
	poll?: unknown;
}): boolean {
	const hasContent = typeof m.content === 'string' && m.content.length > 0;
	const hasEmbeds = Array.isArray(m.embeds) && m.embeds.length > 0;
	const hasComponents = Array.isArray(m.components) && m.components.length > 0;
	const hasStickers = Array.isArray(m.sticker_ids) && m.sticker_ids.length > 0;
	const hasPoll = m.poll !== undefined && m.poll !== null;
	return !hasContent && !hasEmbeds && !hasComponents && m.attachmentCount === 0 && !hasStickers && !hasPoll;
}

export function validateEmbeds(embeds: unknown, errors: FormErrors): void {
	if (!Array.isArray(embeds)) {
		errors.add(['embeds'], 'BASE_TYPE_LIST', 'Must be a list.');
		return;
	}
	if (embeds.length > 10) errors.maxLength(['embeds'], 10);
	let total = 0;
	embeds.forEach((e: Json, i: number) => {
		if (e === null || typeof e !== 'object') {
			errors.add(['embeds', i], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
			return;
		}
		checkString(errors, ['embeds', i, 'title'], e.title, 256);
		checkString(errors, ['embeds', i, 'description'], e.description, 4096);
		checkString(errors, ['embeds', i, 'url'], e.url, 2048);
		total += len(e.title) + len(e.description);
		if (e.footer) {
			checkString(errors, ['embeds', i, 'footer', 'text'], e.footer.text, 2048, { required: true });
			total += len(e.footer.text);
		}
		if (e.author) {
			checkString(errors, ['embeds', i, 'author', 'name'], e.author.name, 256, { required: true });
			total += len(e.author.name);
		}
		if (e.fields !== undefined) {
			if (!Array.isArray(e.fields)) {
				errors.add(['embeds', i, 'fields'], 'BASE_TYPE_LIST', 'Must be a list.');
			} else {
				if (e.fields.length > 25) errors.maxLength(['embeds', i, 'fields'], 25);
				e.fields.forEach((f: Json, j: number) => {
					checkString(errors, ['embeds', i, 'fields', j, 'name'], f?.name, 256, { required: true, min: 1 });
					checkString(errors, ['embeds', i, 'fields', j, 'value'], f?.value, 1024, { required: true, min: 1 });
					total += len(f?.name) + len(f?.value);
				});
			}
		}
	});
	// The 6000 limit is across ALL embeds of one message.
	if (total > 6000) errors.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
}

export function validateAllowedMentions(am: Json, errors: FormErrors): void {
	if (typeof am !== 'object') return;
	const parse: unknown[] = Array.isArray(am.parse) ? am.parse : [];
	for (const [i, p] of parse.entries()) {
		if (p !== 'users' && p !== 'roles' && p !== 'everyone') {
			errors.add(
				['allowed_mentions', 'parse', i],
				'BASE_TYPE_CHOICES',
				"Value must be one of ('roles', 'users', 'everyone').",
			);
		}
	}
	for (const kind of ['users', 'roles'] as const) {
		const list: unknown = am[kind];
		if (Array.isArray(list)) {
			if (list.length > 100) errors.maxLength(['allowed_mentions', kind], 100);
			if (list.length > 0 && parse.includes(kind)) {
				errors.add(
					['allowed_mentions'],
					'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
					`parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
				);
			}
		}
	}
}

const BUTTON = 2;
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

/** Walk every component (rows, containers, sections' accessories) with its error path. */
function walk(components: Json[], path: Path, visit: (c: Json, p: Path) => void): void {
	components.forEach((c: Json, i: number) => {
		const p = [...path, i];
		visit(c, p);
		if (Array.isArray(c?.components)) walk(c.components, [...p, 'components'], visit);
		if (c?.accessory) visit(c.accessory, [...p, 'accessory']);
		if (c?.component) visit(c.component, [...p, 'component']);
	});
}

export function validateMessageComponents(components: unknown, errors: FormErrors, v2: boolean): void {
	if (!Array.isArray(components)) {
		errors.add(['components'], 'BASE_TYPE_LIST', 'Must be a list.');
		return;
	}
	if (!v2 && components.length > 5) errors.maxLength(['components'], 5);
	const ids = new Set<string>();
	let total = 0;
	let textDisplayChars = 0;
	walk(components, ['components'], (c, p) => {
		total++;
		if (c === null || typeof c !== 'object') return;
		if (c.type === 1) validateActionRow(c, p, errors);
		else if (!v2 && p.length === 2) {
			errors.add(p, 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
		}
		if (c.type === BUTTON) validateButton(c, p, errors);
		if (SELECT_TYPES.has(c.type)) validateSelect(c, p, errors);
		if (c.type === 10) {
			checkString(errors, [...p, 'content'], c.content, 4000, { required: true, min: 1 });
			textDisplayChars += len(c.content);
		}
		if (typeof c.custom_id === 'string') {
			if (ids.has(c.custom_id)) {
				errors.add([...p, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
			}
			ids.add(c.custom_id);
		}
	});
	if (v2 && total > 40) errors.add(['components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 40 or fewer in length.');
	if (textDisplayChars > 4000) {
		errors.add(
			['components'],
			'COMPONENT_MAX_TOTAL_TEXT_DISPLAY_LENGTH_EXCEEDED',
			'Total text display length must be 4000 or fewer.',
		);
	}
}

function validateActionRow(row: Json, p: Path, errors: FormErrors): void {
	const children: Json[] = Array.isArray(row.components) ? row.components : [];
	if (children.length === 0) errors.badLength([...p, 'components'], 1, 5);
	if (children.length > 5) errors.maxLength([...p, 'components'], 5);
	const selects = children.filter((c) => SELECT_TYPES.has(c?.type)).length;
	if (selects > 0 && children.length > 1) {
		errors.add(
			[...p, 'components'],
			'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
			'The specified component exceeds the maximum width',
		);
	}
	for (const [i, c] of children.entries()) {
		if (c?.type === 1)
			errors.add([...p, 'components', i, 'type'], 'UNION_TYPE_CHOICES', 'Action rows cannot be nested.');
	}
}

function validateButton(b: Json, p: Path, errors: FormErrors): void {
	checkString(errors, [...p, 'label'], b.label, 80);
	if (b.style === 5) {
		checkString(errors, [...p, 'url'], b.url, 512, { required: true, min: 1 });
		if (b.custom_id !== undefined) {
			errors.add([...p, 'custom_id'], 'BUTTON_CUSTOM_ID_INVALID', 'A custom id cannot be specified for link buttons');
		}
	} else if (b.style !== 6) {
		checkString(errors, [...p, 'custom_id'], b.custom_id, 100, { required: true, min: 1 });
	}
	if (b.label === undefined && b.emoji === undefined && b.style !== 6) {
		errors.add([...p], 'BUTTON_COMPONENT_MISSING_LABEL_OR_EMOJI', 'A button must have a label or an emoji');
	}
}

function validateSelect(s: Json, p: Path, errors: FormErrors): void {
	checkString(errors, [...p, 'custom_id'], s.custom_id, 100, { required: true, min: 1 });
	checkString(errors, [...p, 'placeholder'], s.placeholder, 150);
	if (s.type === 3) {
		const options: Json[] = Array.isArray(s.options) ? s.options : [];
		if (options.length < 1 || options.length > 25) errors.badLength([...p, 'options'], 1, 25);
		options.forEach((o, i) => {
			checkString(errors, [...p, 'options', i, 'label'], o?.label, 100, { required: true, min: 1 });
			checkString(errors, [...p, 'options', i, 'value'], o?.value, 100, { required: true, min: 1 });
			checkString(errors, [...p, 'options', i, 'description'], o?.description, 100);
		});
	}
	if (s.min_values !== undefined && (s.min_values < 0 || s.min_values > 25)) {
		errors.add([...p, 'min_values'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 25.');
	}
	if (s.max_values !== undefined && (s.max_values < 1 || s.max_values > 25)) {
		errors.add([...p, 'max_values'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 25.');
	}
}

// -- modals -------------------------------------------------------------------------------------------------------

/** Modal (callback type 9) data; errors are relative to `data`. */
export function validateModal(data: Json, errors: FormErrors): void {
	if (data === null || typeof data !== 'object') {
		errors.required([]);
		return;
	}
	checkString(errors, ['title'], data.title, 45, { required: true, min: 1 });
	checkString(errors, ['custom_id'], data.custom_id, 100, { required: true, min: 1 });
	const top: Json[] = Array.isArray(data.components) ? data.components : [];
	if (top.length < 1 || top.length > 5) errors.badLength(['components'], 1, 5);
	let inputs = 0;
	const ids = new Set<string>();
	top.forEach((c: Json, i: number) => {
		const p: Path = ['components', i];
		let inner: Json[] = [];
		if (c?.type === 1) {
			inner = Array.isArray(c.components) ? c.components : [];
			if (inner.length !== 1) errors.badLength([...p, 'components'], 1, 1);
			// Legacy form: the text input carries its own label.
			inner.forEach((t, j) =>
				checkString(errors, [...p, 'components', j, 'label'], t?.label, 45, { required: true, min: 1 }),
			);
			inner = inner.map((t, j) => ({ ...t, _path: [...p, 'components', j] }));
		} else if (c?.type === 18) {
			checkString(errors, [...p, 'label'], c.label, 45, { required: true, min: 1 });
			checkString(errors, [...p, 'description'], c.description, 100);
			if (!c.component) errors.required([...p, 'component']);
			else inner = [{ ...c.component, _path: [...p, 'component'] }];
		} else if (c?.type === 10) {
			checkString(errors, [...p, 'content'], c.content, 4000, { required: true, min: 1 });
		} else {
			errors.add([...p, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1, 10, 18).');
		}
		for (const t of inner) {
			const tp: Path = t._path;
			if (t.type === 4) {
				inputs++;
				checkString(errors, [...tp, 'placeholder'], t.placeholder, 100);
				checkString(errors, [...tp, 'value'], t.value, 4000);
				if (t.max_length !== undefined && (t.max_length < 1 || t.max_length > 4000)) {
					errors.add([...tp, 'max_length'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 4000.');
				}
				if (t.min_length !== undefined && (t.min_length < 0 || t.min_length > 4000)) {
					errors.add([...tp, 'min_length'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 4000.');
				}
				if (t.style !== 1 && t.style !== 2) {
					errors.add([...tp, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
				}
			} else if (SELECT_TYPES.has(t.type)) {
				validateSelect(t, tp, errors);
			}
			checkString(errors, [...tp, 'custom_id'], t.custom_id, 100, { required: true, min: 1 });
			if (typeof t.custom_id === 'string') {
				if (ids.has(t.custom_id)) {
					errors.add(
						[...tp, 'custom_id'],
						'COMPONENT_CUSTOM_ID_DUPLICATED',
						'Component custom id cannot be duplicated',
					);
				}
				ids.add(t.custom_id);
			}
		}
	});
	if (inputs > 5) errors.maxLength(['components'], 5);
}

// -- autocomplete -------------------------------------------------------------------------------------------------

export function validateAutocomplete(data: Json, errors: FormErrors): void {
	const choices: unknown = data?.choices;
	if (!Array.isArray(choices)) {
		errors.required(['choices']);
		return;
	}
	if (choices.length > 25) errors.maxLength(['choices'], 25);
	choices.forEach((c: Json, i: number) => {
		checkString(errors, ['choices', i, 'name'], c?.name, 100, { required: true, min: 1 });
		if (typeof c?.value === 'string') checkString(errors, ['choices', i, 'value'], c.value, 100);
		else if (typeof c?.value !== 'number') errors.required(['choices', i, 'value']);
	});
}

// -- application commands -----------------------------------------------------------------------------------------

export const DISCORD_LOCALES = new Set([
	'id',
	'da',
	'de',
	'en-GB',
	'en-US',
	'es-ES',
	'es-419',
	'fr',
	'hr',
	'it',
	'lt',
	'hu',
	'nl',
	'no',
	'pl',
	'pt-BR',
	'ro',
	'fi',
	'sv-SE',
	'vi',
	'tr',
	'cs',
	'el',
	'bg',
	'ru',
	'uk',
	'hi',
	'th',
	'zh-CN',
	'ja',
	'zh-TW',
	'ko',
]);

const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function validateName(errors: FormErrors, path: Path, name: unknown, lowercase: boolean): void {
	if (typeof name !== 'string' || !NAME_RE.test(name)) {
		errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', `Command name is invalid`);
	} else if (lowercase && name !== name.toLowerCase()) {
		errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
	}
}

function validateLocalizations(
	errors: FormErrors,
	path: Path,
	value: unknown,
	check: (v: unknown, p: Path) => void,
): void {
	if (value === undefined || value === null) return;
	if (typeof value !== 'object') return;
	for (const [locale, v] of Object.entries(value)) {
		if (!DISCORD_LOCALES.has(locale)) {
			errors.add([...path, locale], 'LOCALE_INVALID', `Invalid locale "${locale}"`);
		} else check(v, [...path, locale]);
	}
}

function validateOptions(errors: FormErrors, path: Path, options: unknown, depth: number): void {
	if (options === undefined || options === null) return;
	if (!Array.isArray(options)) {
		errors.add(path, 'BASE_TYPE_LIST', 'Must be a list.');
		return;
	}
	if (options.length > 25) errors.maxLength(path, 25);
	let seenOptional = false;
	const names = new Set<string>();
	options.forEach((o: Json, i: number) => {
		const p = [...path, i];
		validateName(errors, [...p, 'name'], o?.name, true);
		if (names.has(o?.name))
			errors.add([...p, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option name already exists');
		names.add(o?.name);
		validateLocalizations(errors, [...p, 'name_localizations'], o?.name_localizations, (v, lp) =>
			validateName(errors, lp, v, true),
		);
		checkString(errors, [...p, 'description'], o?.description, 100, { required: true, min: 1 });
		validateLocalizations(errors, [...p, 'description_localizations'], o?.description_localizations, (v, lp) =>
			checkString(errors, lp, v, 100, { min: 1 }),
		);
		const type = Number(o?.type);
		if (!(type >= 1 && type <= 11)) errors.add([...p, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1..11).');
		if (type === 1 || type === 2) {
			if (depth >= (type === 2 ? 1 : 2)) {
				errors.add(
					[...p, 'type'],
					'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
					'Sub-commands cannot be nested that deep',
				);
			}
			validateOptions(errors, [...p, 'options'], o.options, depth + 1);
			return;
		}
		if (o?.required) {
			if (seenOptional) {
				errors.add(
					[...p, 'required'],
					'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
					'Required options must be placed before non-required options',
				);
			}
		} else seenOptional = true;
		if (Array.isArray(o?.choices)) {
			if (o.choices.length > 25) errors.maxLength([...p, 'choices'], 25);
			if (o.autocomplete) {
				errors.add(
					[...p, 'autocomplete'],
					'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_CHOICES',
					'Autocomplete cannot be used with choices',
				);
			}
			o.choices.forEach((c: Json, j: number) => {
				checkString(errors, [...p, 'choices', j, 'name'], c?.name, 100, { required: true, min: 1 });
				if (typeof c?.value === 'string') checkString(errors, [...p, 'choices', j, 'value'], c.value, 100);
			});
		}
	});
}

/** Validate one application command as sent to PUT/POST /applications/{app}/(guilds/{g}/)commands. */
export function validateCommand(cmd: Json, errors: FormErrors, path: Path = []): void {
	const type = Number(cmd?.type ?? 1);
	validateName(errors, [...path, 'name'], cmd?.name, type === 1);
	validateLocalizations(errors, [...path, 'name_localizations'], cmd?.name_localizations, (v, lp) =>
		validateName(errors, lp, v, type === 1),
	);
	if (type === 1) {
		checkString(errors, [...path, 'description'], cmd?.description, 100, { required: true, min: 1 });
		validateLocalizations(errors, [...path, 'description_localizations'], cmd?.description_localizations, (v, lp) =>
			checkString(errors, lp, v, 100, { min: 1 }),
		);
		validateOptions(errors, [...path, 'options'], cmd?.options, 0);
	}
}
