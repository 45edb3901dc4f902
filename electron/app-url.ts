/** The renderer is served from this custom protocol, never file:// (Electron security checklist #18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'hcs-desktop';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/** Whether a URL is one of our pages (app://hcs-desktop/…), spelled any way the URL parser accepts. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password
    );
  } catch {
    return false;
  }
}
