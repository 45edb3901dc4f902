import {
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { RequestOf } from '../../../src/contract/index.ts';
import {
  describeConfiguration,
  summarize,
  type ConfigurationInput,
  type HardwareSection,
  type HardwareSource,
} from '../../hardware/configuration.ts';
import { formatTime } from '../../lib/format.ts';
import { useApi } from '../../store/context.tsx';
import { JsonResult } from './JsonResult.tsx';

const useStyles = makeStyles({
  note: { display: 'block', marginBottom: tokens.spacingVerticalM, color: tokens.colorNeutralForeground2 },
  section: {
    marginBottom: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { margin: `0 0 ${tokens.spacingVerticalXS}`, fontSize: tokens.fontSizeBase400 },
  items: {
    display: 'grid',
    gridTemplateColumns: 'minmax(100px, 14em) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: '2px',
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: {
    margin: 0,
    wordBreak: 'break-word',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
  sources: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalXS,
  },
  unknown: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  path: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

type V2Types = Extract<RequestOf<'systems.properties'>, { version: 'v2' }>['types'];

/** The V2 property types the view reads, each asked alone: HCS refuses some for some systems. */
const TYPES: V2Types = ['Memory', 'ProcessorTopology', 'GuestConnection'];

type Loaded = {
  input: ConfigurationInput;
  createdAt: number | null;
  /** What HCS refused or could not answer, by what was asked. */
  refused: string[];
};

function fieldOf(answer: unknown, field: string, type: string): unknown {
  const a = answer as Record<string, unknown> | null;
  if (!a) return undefined;
  if (field in a) return a[field];
  const responses = a.PropertyResponses as Record<string, { Response?: unknown }> | undefined;
  return responses?.[type]?.Response;
}

function useConfiguration(id: string): Loaded | null {
  const api = useApi();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    let current = true;
    setLoaded(null);
    const v2 = (types: V2Types) => api.invoke('systems.properties', { id, version: 'v2', types });
    void Promise.allSettled([
      api.invoke('systems.createDocument', { id }),
      v2([]),
      ...TYPES.map((t) => v2([t])),
    ]).then(([doc, basic, memory, topology, guest]) => {
      if (!current) return;
      const refused: string[] = [];
      const value = <T,>(r: PromiseSettledResult<T> | undefined, what: string): T | undefined => {
        if (r?.status === 'fulfilled') return r.value;
        refused.push(what);
        return undefined;
      };
      const document = value(doc, 'the create document');
      let createDocument: unknown = null;
      try {
        createDocument = document?.document ? JSON.parse(document.document) : null;
      } catch {
        refused.push('the create document (it is not JSON)');
      }
      setLoaded({
        input: {
          createDocument,
          basic: value(basic, 'the basic properties')?.properties,
          memory: fieldOf(value(memory, 'Memory')?.properties, 'Memory', 'Memory'),
          processorTopology: fieldOf(
            value(topology, 'ProcessorTopology')?.properties,
            'ProcessorTopology',
            'ProcessorTopology',
          ),
          guestConnection: fieldOf(
            value(guest, 'GuestConnection')?.properties,
            'GuestConnectionInfo',
            'GuestConnection',
          ),
        },
        createdAt: document?.createdAt ?? null,
        refused,
      });
    });
    return () => {
      current = false;
    };
  }, [api, id]);
  return loaded;
}

function SourceLink({ id, source }: { id: string; source: HardwareSource }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" appearance="secondary" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {`${source.label}: ${source.path}`}
      </Button>
      {open && (
        <div style={{ flexBasis: '100%' }}>
          <JsonResult
            value={source.json}
            label={`${source.label}: ${source.path}`}
            fileName={`${id}-${source.path}`}
          />
        </div>
      )}
    </>
  );
}

function Section({ id, section }: { id: string; section: HardwareSection }) {
  const styles = useStyles();
  const headingId = `hardware-${section.key}`;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        {section.title}
      </h3>
      {section.items.length > 0 && (
        <dl className={styles.items} aria-label={section.title}>
          {section.items.map((item, i) => (
            <div key={`${item.label}-${i}`} style={{ display: 'contents' }}>
              <dt className={styles.term}>{item.label}</dt>
              <dd className={styles.value}>{item.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {section.unknown.length > 0 && (
        <>
          <Text size={200}>Not described above (as the JSON has them):</Text>
          <ul className={styles.unknown} aria-label={`Other fields of ${section.title}`}>
            {section.unknown.map((u) => (
              <li key={u.path}>
                <span className={styles.path}>{u.path}</span>:{' '}
                <span className={styles.path}>{summarize(u.value)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {section.sources.length > 0 && (
        <div className={styles.sources} role="group" aria-label={`Sources of ${section.title}`}>
          {section.sources.map((s) => (
            <SourceLink key={`${s.label}-${s.path}`} id={id} source={s} />
          ))}
        </div>
      )}
    </section>
  );
}

/**
 * A system's hardware, readable: from the create document this app sent (HCS hands none out) and the V2
 * properties HCS reports, section by section, each linking to the JSON it came from; fields no section
 * describes are listed as they are.
 */
export function HardwarePanel({ id }: { id: string }) {
  const styles = useStyles();
  const loaded = useConfiguration(id);
  const sections = useMemo(() => (loaded ? describeConfiguration(loaded.input) : []), [loaded]);
  if (!loaded) return <Spinner size="tiny" label="Reading the configuration…" />;
  return (
    <div aria-label={`Hardware of ${id}`} role="region">
      <Text className={styles.note}>
        {loaded.input.createDocument
          ? `From the create document HCS Desktop sent at ${formatTime(loaded.createdAt ?? 0)}, and what HCS reports now.`
          : 'HCS hands out no create document: this system was created by another client (or before HCS Desktop started), so this is what HCS reports of it.'}
      </Text>
      {loaded.refused.length > 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{`HCS did not answer for: ${loaded.refused.join(', ')}.`}</MessageBarBody>
        </MessageBar>
      )}
      {sections.length === 0 ? (
        <Text>Nothing is known of this system's configuration.</Text>
      ) : (
        sections.map((section) => <Section key={section.key} id={id} section={section} />)
      )}
    </div>
  );
}
