import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { createContext, useContext, useEffect, useState } from 'react';

const QUERY = '(prefers-color-scheme: dark)';

/** Fluent's light or dark theme, following the system's colour scheme as it changes. */
export function useSystemTheme(): Theme {
  const [dark, setDark] = useState(() => typeof matchMedia === 'function' && matchMedia(QUERY).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const media = matchMedia(QUERY);
    const onChange = () => setDark(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return dark ? webDarkTheme : webLightTheme;
}

/**
 * The theme's values for what draws outside CSS (the charts' canvases): the window provides the same Theme it
 * gives FluentProvider.
 */
export const ThemeValuesContext = createContext<Theme>(webLightTheme);

export function useThemeValues(): Theme {
  return useContext(ThemeValuesContext);
}
