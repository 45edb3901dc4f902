// Renderer tests wait for Fluent UI's dialogs and transitions. The default 1 s wait of Testing Library is
// too short on a loaded 2-core CI machine; a longer one only matters when something is really wrong.
if ('document' in globalThis) {
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: 5000 });
}
export {};
