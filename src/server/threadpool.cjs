// Preloaded by `npm run serve` (node --require) before the ES module loader starts libuv's thread pool, the
// only moment UV_THREADPOOL_SIZE can still take effect. HCS calls hold pool threads (koffi .async); more
// threads let more of them run without stalling file I/O. The value mirrors src/hcs's
// DEFAULT_THREADPOOL_SIZE (this file cannot import TypeScript); a size set by the user wins.
'use strict';
if (process.env.UV_THREADPOOL_SIZE === undefined) process.env.UV_THREADPOOL_SIZE = '16';
