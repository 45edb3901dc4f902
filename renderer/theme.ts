import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { createContext, useContext, useEffect, useState } from 'react';
import type { ThemeChoice } from '../src/contract/index.ts';
import { useSettings } from './settings/settings-store.ts';

const QUERY = '(prefers-color-scheme: dark)';

function useSystemDark(): boolean {
  const [dark, setDark] = useState(() => typeof matchMedia === 'function' && matchMedia(QUERY).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const media = matchMedia(QUERY);
    const onChange = () => setDark(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return dark;
}

/** Fluent's light or dark theme, following the system's colour scheme as it changes. */
export function useSystemTheme(): Theme {
  return useSystemDark() ? webDarkTheme : webLightTheme;
}

export function themeFor(choice: ThemeChoice, systemDark: boolean): Theme {
  return choice === 'dark' || (choice === 'system' && systemDark) ? webDarkTheme : webLightTheme;
}

/**
 * The theme the user chose in the settings: light, dark, or (the default) the system's, followed as it
 * changes. The page's color-scheme follows too, so scrollbars and form controls drawn by the browser match.
 */
export function useChosenTheme(): Theme {
  const choice = useSettings((s) => s.settings.theme);
  const theme = themeFor(choice, useSystemDark());
  useEffect(() => {
    document.documentElement.style.colorScheme = theme === webDarkTheme ? 'dark' : 'light';
  }, [theme]);
  return theme;
}

/**
 * The theme's values for what draws outside CSS (the charts' canvases): the window provides the same Theme it
 * gives FluentProvider.
 */
export const ThemeValuesContext = createContext<Theme>(webLightTheme);

export function useThemeValues(): Theme {
  return useContext(ThemeValuesContext);
}
