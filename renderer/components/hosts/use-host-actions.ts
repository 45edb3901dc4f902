import { useMemo } from 'react';
import type { HostInfo, RequestOf } from '../../../src/contract/index.ts';
import { useApi, useAppStore } from '../../store/context.tsx';
import { errorInfoOf } from '../../transport/index.ts';

export interface HostActions {
  /** Resolves to the added host, or null when refused (said in a notice). */
  add(request: RequestOf<'hosts.add'>): Promise<HostInfo | null>;
  trust(host: string, fingerprint: string): Promise<boolean>;
  setToken(host: string, token: string): Promise<boolean>;
  reconnect(host: string): Promise<boolean>;
  remove(host: string): Promise<boolean>;
}

/**
 * The hosts requests, each answer applied to the store at once (the core's `hosts.changed` follows) and each
 * refusal told in a notice with the core's reason.
 */
export function useHostActions(): HostActions {
  const api = useApi();
  const store = useAppStore();
  return useMemo(() => {
    const fail = (title: string, e: unknown) => {
      const error = errorInfoOf(e);
      store.getState().notify({ intent: 'error', title, body: error.message, error });
    };
    const applying = async (title: string, request: () => Promise<HostInfo>): Promise<boolean> => {
      try {
        store.getState().applyHost(await request());
        return true;
      } catch (e) {
        fail(title, e);
        return false;
      }
    };
    return {
      add: async (request) => {
        try {
          const host = await api.invoke('hosts.add', request);
          store.getState().applyHost(host);
          return host;
        } catch (e) {
          fail('The host was not added', e);
          return null;
        }
      },
      trust: (host, fingerprint) =>
        applying(`${host}'s certificate was not trusted`, () =>
          api.invoke('hosts.trust', { host, fingerprint }),
        ),
      setToken: (host, token) =>
        applying(`${host}'s token was not changed`, () => api.invoke('hosts.setToken', { host, token })),
      reconnect: (host) =>
        applying(`${host} could not be reconnected`, () => api.invoke('hosts.reconnect', { host })),
      remove: async (host) => {
        try {
          await api.invoke('hosts.remove', { host });
          store.getState().applyHostRemoved(host);
          return true;
        } catch (e) {
          fail(`${host} was not removed`, e);
          return false;
        }
      },
    };
  }, [api, store]);
}
