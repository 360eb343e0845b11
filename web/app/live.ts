/**
 * Live updates: one EventSource on `/web/events` (server-sent events fed from NATS, scoped on
 * the server to what the person may see). A page subscribes and reloads what it shows, at most
 * every half second however many events arrive.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api';

export interface Change { type: string; taskId?: string; processKind?: string; processId?: string; light?: string }

export interface Live {
  connected: boolean;
  subscribe(listener: (change: Change) => void): () => void;
}

export function useLive(on: boolean): Live {
  const [connected, setConnected] = useState(false);
  const listeners = useRef(new Set<(c: Change) => void>());
  useEffect(() => {
    if (!on || typeof EventSource === 'undefined') return;
    const source = new EventSource(api.eventsUrl);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('change', (e) => {
      const change = JSON.parse((e as MessageEvent<string>).data) as Change;
      for (const l of listeners.current) l(change);
    });
    return () => source.close();
  }, [on]);
  return {
    connected,
    subscribe: (listener) => {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  };
}

/** Calls `reload` (debounced) when a change passes `matters`. */
export function useReloadOn(live: Live, matters: (c: Change) => boolean, reload: () => void, deps: unknown[]): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = live.subscribe((c) => {
      if (!matters(c)) return;
      clearTimeout(timer);
      timer = setTimeout(reload, 500);
    });
    return () => { off(); clearTimeout(timer); };
  }, deps);
}
