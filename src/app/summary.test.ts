import { describe, expect, it } from 'vitest';
import { summaryFromListing } from './summary.ts';

describe('summaryFromListing: the hosting utility VM (issue 12 §6)', () => {
  it("carries a hosted container's HostingSystemId", () => {
    const s = summaryFromListing({ Id: 'c1', SystemType: 'Container', HostingSystemId: 'uvm@vm' });
    expect(s.hostingSystemId).toBe('uvm@vm');
    expect(s.listingProblem).toBeUndefined();
  });

  it('leaves it out for a system with no host, and keeps a known one when a later answer omits it', () => {
    const vm = summaryFromListing({ Id: 'vm', SystemType: 'VirtualMachine' });
    expect('hostingSystemId' in vm).toBe(false);
    const first = summaryFromListing({ Id: 'c1', HostingSystemId: 'uvm' });
    expect(summaryFromListing({ Id: 'c1', State: 'Running' }, first).hostingSystemId).toBe('uvm');
  });

  it('names a HostingSystemId that is not text as a listing problem, and drops one too long to be an id', () => {
    const wrong = summaryFromListing({ Id: 'c1', HostingSystemId: 7 as unknown as string });
    expect(wrong.hostingSystemId).toBeUndefined();
    expect(wrong.listingProblem).toMatch(/HostingSystemId/);
    expect(
      summaryFromListing({ Id: 'c1', HostingSystemId: 'x'.repeat(2000) }).hostingSystemId,
    ).toBeUndefined();
  });
});
