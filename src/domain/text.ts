/**
 * Free text typed by people (unit names, titles, comments, notes, sources, holiday names): what counts as empty.
 * Text made only of characters nobody can see is empty: white space, zero-width and other format characters
 * (U+200B–U+200F, U+2060–U+2064, U+FEFF, bidirectional controls, soft hyphen, tags), control characters, combining
 * marks with no base letter, variation selectors, and the blank-looking fillers (Hangul fillers, braille blank).
 * Such text is refused, never stored nor counted as an answer.
 */
const INVISIBLE = /^[\s\p{Z}\p{Cc}\p{Cf}\p{M}\u115F\u1160\u3164\uFFA0\u2800\u{1D159}\u{1D173}-\u{1D17A}]*$/u;

/** True when a person would see nothing in `text` (see the module comment). */
export function isBlankText(text: string | null | undefined): boolean {
	return text === null || text === undefined || INVISIBLE.test(text);
}

/** Trimmed text, or null when nothing in it is visible. */
export function visibleTextOrNull(text: string | null | undefined): string | null {
	if (isBlankText(text)) return null;
	return (text ?? '').trim();
}
