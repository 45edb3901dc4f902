import { describe, expect, it } from 'vitest';
import { ownName, shortId } from './short-id.ts';

describe('shortId: a readable form of long machine ids (issue 12 §6)', () => {
  it("shows Docker's 64-hex ids as Docker does (12 digits), and keeps containerd's @vm suffix", () => {
    const docker = '7c2e4f1a9b3d5e8f0a6c1b2d4e9f7a3c5b8d0e2f4a6c8e1b3d5f7a9c0e2b4d6f';
    expect(shortId(docker)).toBe('7c2e4f1a9b3d…');
    expect(shortId(`${docker}@vm`)).toBe('7c2e4f1a9b3d…@vm');
  });

  it('shows a GUID by its first group, with or without braces', () => {
    expect(shortId('A9F3C2D1-6B8E-4F7A-9C5D-2E1B0F4A8C6D')).toBe('A9F3C2D1…');
    expect(shortId('{a9f3c2d1-6b8e-4f7a-9c5d-2e1b0f4a8c6d}')).toBe('a9f3c2d1…');
  });

  it('leaves a name a person chose, and short hex, as they are', () => {
    expect(shortId('test-vm-running')).toBe('test-vm-running');
    expect(shortId('deadbeef')).toBe('deadbeef');
    expect(shortId('my-container-with-a-really-long-name-that-is-not-hex-at-all')).toBe(
      'my-container-with-a-really-long-name-that-is-not-hex-at-all',
    );
  });
});

describe('ownName', () => {
  it('is null when the name is empty or only repeats the id (Docker names containers by their id)', () => {
    expect(ownName('', 'x')).toBeNull();
    expect(ownName('  ', 'x')).toBeNull();
    expect(ownName('abc', 'abc')).toBeNull();
    expect(ownName('web', 'abc')).toBe('web');
  });
});
