import type { Clock } from '../../src/app/ports.ts';

/** A clock that moves only when a test says so. */
export class ManualClock implements Clock {
	private current: Date;
	constructor(start: Date | string) {
		this.current = new Date(start);
	}
	now(): Date {
		return new Date(this.current);
	}
	set(at: Date | string): void {
		this.current = new Date(at);
	}
	advance(ms: number): void {
		this.current = new Date(this.current.getTime() + ms);
	}
}
