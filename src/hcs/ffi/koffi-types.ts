/** The koffi types the bindings share, named once. */
import type koffi from 'koffi';

/** A loaded library (koffi.load). */
export type KoffiLibrary = ReturnType<typeof koffi.load>;
/** A declared native function; every HCS export is called through its `.async` form. */
export type KoffiFunction = ReturnType<KoffiLibrary['func']>;
/** What koffi accepts where a type is expected (a name, or a type object). */
export type KoffiTypeSpec = Parameters<typeof koffi.sizeof>[0];
