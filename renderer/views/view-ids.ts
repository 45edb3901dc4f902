/** The window's views, as the header's tabs list them (views.tsx). */
export const VIEW_IDS = ['systems', 'host', 'events', 'terminals', 'settings'] as const;
export type AppView = (typeof VIEW_IDS)[number];
