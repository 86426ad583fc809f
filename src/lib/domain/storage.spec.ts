import { describe, expect, it } from 'vitest';
import { storageWarning } from './storage';

const GB = 1_000_000_000;

describe('storageWarning', () => {
	it.each([
		[null, GB],
		[GB, null],
		[1, 0],
		[0.5 * GB, GB]
	])('says nothing while there is room (%s of %s)', (usage, quota) => {
		expect(storageWarning(usage, quota)).toBeNull();
	});

	it.each([
		[0.85 * GB, GB],
		[0.95 * 0.2 * GB, 0.2 * GB],
		[1.2 * GB, GB]
	])('warns when nearly full (%s of %s)', (usage, quota) => {
		expect(storageWarning(usage, quota)).toMatch(
			/^Espace de stockage presque plein\s: .+ libres sur /u
		);
	});
});
