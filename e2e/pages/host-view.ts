import type { Locator, Page } from '@playwright/test';

/** The Host view: counts by state, type and owner, the running systems' totals, the service, the events. */
export class HostView {
  readonly region: Locator;
  readonly latestEvents: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('main', { name: /^On this host/ });
    this.latestEvents = this.region.getByRole('list', { name: 'Latest events' });
  }

  /** A count's button, e.g. count('state', 'Running', 2) — its name is the label and the number. */
  count(group: 'state' | 'type' | 'owner', label: string, n: number): Locator {
    return this.region
      .getByRole('list', { name: `Systems by ${group}` })
      .getByRole('button', { name: `${label} ${n}`, exact: true });
  }

  /** The buttons of a group, as their names read. */
  async counts(group: 'state' | 'type' | 'owner'): Promise<string[]> {
    const buttons = this.region.getByRole('list', { name: `Systems by ${group}` }).getByRole('button');
    return (await buttons.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  chart(title: string): Locator {
    return this.region.getByRole('figure', { name: title });
  }
}
