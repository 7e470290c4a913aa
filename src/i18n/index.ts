import { en } from './en.ts';
import { vi, type Catalog } from './vi.ts';

export type { Catalog };
export type Lang = 'vi' | 'en';

const catalogs: Record<Lang, Catalog> = { vi, en };

/** The catalog of a language. */
export function catalog(lang: Lang): Catalog {
	return catalogs[lang];
}

/** The language a Discord locale asks for when the bot speaks it (Vietnamese or English), else null. */
export function localeLang(discordLocale: string | null | undefined): Lang | null {
	if (!discordLocale) return null;
	if (discordLocale === 'vi' || discordLocale.startsWith('vi-')) return 'vi';
	if (discordLocale.startsWith('en')) return 'en';
	return null;
}

/** A person's language from their Discord locale; anything else falls back to the server's language. */
export function langOf(discordLocale: string | null | undefined, fallback: Lang): Lang {
	return localeLang(discordLocale) ?? fallback;
}
