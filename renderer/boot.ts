// The page's first script (index.html): small, so it runs before the app's module graph has loaded.
import { openEarlyLink } from './transport/early-link.ts';

openEarlyLink(window);
