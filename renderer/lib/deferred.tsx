import { Text } from '@fluentui/react-components';
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';

export interface DeferredComponent<P extends object> {
  (props: P & { fallback?: ReactNode }): ReactNode;
  /** Starts loading the chunk (idempotent): call it when the component will likely be wanted soon. */
  preload(): Promise<unknown>;
}

/**
 * A component kept in a chunk of its own (`load` is a dynamic import), loaded on first render or ahead with
 * preload(). Meanwhile it renders `fallback`.
 *
 * Not React.lazy: a lazy component that suspends is rendered again at a retry priority, and React lets such
 * renders wait as long as more urgent ones keep coming (retry lanes never expire). A window receiving live store
 * updates every second on a busy machine then showed "Loading…" for many seconds after its chunk had arrived.
 * Here the loaded chunk is a state update of ordinary priority, which React renders within a few seconds at the
 * latest whatever else happens.
 */
export function deferred<P extends object>(
  load: () => Promise<ComponentType<P>>,
  what: string,
): DeferredComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () => {
    loading ??= load().then(
      (component) => (loaded = component),
      (e: unknown) => {
        loading = null; // a later render tries again (the server may be back)
        throw e;
      },
    );
    return loading;
  };

  function Deferred({ fallback = null, ...props }: P & { fallback?: ReactNode }) {
    const [component, setComponent] = useState<{ C: ComponentType<P> } | null>(() =>
      loaded ? { C: loaded } : null,
    );
    const [error, setError] = useState<string | null>(null);
    useEffect(() => {
      if (component) return;
      let live = true;
      preload().then(
        (C) => live && setComponent({ C }),
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
      return () => {
        live = false;
      };
    }, [component]);
    if (component) return <component.C {...(props as P)} />;
    if (error)
      return (
        <Text role="alert">
          Could not load {what}: {error}. Reload the page to try again.
        </Text>
      );
    return fallback;
  }
  return Object.assign(Deferred, { preload });
}
