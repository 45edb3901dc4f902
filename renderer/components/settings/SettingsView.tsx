import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import {
  CHART_WINDOW_MINUTES,
  HcsApiChoice,
  ThemeChoice,
  type ChartWindowMinutes,
  type ErrorInfo,
  type Settings,
  type SettingsPatch,
} from '../../../src/contract/index.ts';
import { useSettings, useSettingsStore } from '../../settings/settings-store.ts';
import { useApi, useApp } from '../../store/context.tsx';
import { errorInfoOf } from '../../transport/index.ts';
import { ConfirmDialog, type ConfirmRequest } from '../common/ConfirmDialog.tsx';
import { ErrorDetails } from '../common/ErrorDetails.tsx';

const useStyles = makeStyles({
  view: { height: '100%', overflow: 'auto', boxSizing: 'border-box', padding: tokens.spacingHorizontalL },
  column: { maxWidth: '720px', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500 },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalM,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase400 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  footer: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  where: { color: tokens.colorNeutralForeground3, wordBreak: 'break-all' },
});

/** The sampling intervals offered (the contract allows any whole number of ms from 250 to 60 000). */
const INTERVALS_MS = [250, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000];

const THEME_LABEL: Record<ThemeChoice, string> = {
  system: 'As the system (follows it as it changes)',
  light: 'Light',
  dark: 'Dark',
};

const API_LABEL: Record<HcsApiChoice, string> = {
  auto: 'Automatic: V2 (computecore.dll) where it has what HCS Desktop needs, else V1',
  v1: 'V1 only (vmcompute.dll)',
  v2: 'V2 only (computecore.dll)',
};

const CONFIRMATIONS: ReadonlyArray<{ key: keyof Settings['confirm']; label: string }> = [
  { key: 'shutdown', label: 'Shutting down a system' },
  { key: 'terminate', label: 'Terminating a system' },
  { key: 'close', label: 'Closing (forgetting) a stopped system' },
  { key: 'kill', label: 'Killing a process' },
  { key: 'discardEdits', label: 'Closing a dialog whose document was edited' },
];

function formatInterval(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label={title}>
      <h3 className={styles.sectionTitle}>{title}</h3>
      {children}
    </section>
  );
}

/** A text setting: edited freely, saved when the field is left or Enter is pressed. */
function TextSetting({
  label,
  hint,
  value,
  onSave,
  mono = false,
}: {
  label: string;
  hint?: string;
  value: string;
  onSave: (value: string) => void;
  mono?: boolean;
}) {
  const styles = useStyles();
  const [draft, setDraft] = useState<string | null>(null);
  const save = () => {
    if (draft !== null && draft !== value) onSave(draft);
    setDraft(null);
  };
  return (
    <Field label={label} hint={hint}>
      <Input
        className={mono ? styles.mono : undefined}
        value={draft ?? value}
        onChange={(_, data) => setDraft(data.value)}
        onBlur={save}
        onKeyDown={(e) => e.key === 'Enter' && save()}
        autoComplete="off"
        spellCheck={false}
      />
    </Field>
  );
}

/** Restart the app to apply a setting that needs it, where it can restart itself; else say how. */
function RestartOffer() {
  const api = useApi();
  const canRestart = useSettings((s) => s.state?.canRestart === true);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const restart = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await api.invoke('app.restart', {});
    } catch (e) {
      setFailure(errorInfoOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Restart needed</MessageBarTitle>
        The HCS API is chosen when HCS Desktop starts: the new choice applies after a restart.
        {!canRestart &&
          ' The web server cannot restart itself: stop it (Ctrl+C in its terminal), start it again, then reload this page.'}
        {failure && <ErrorDetails error={failure} defaultOpen />}
      </MessageBarBody>
      {canRestart && (
        <MessageBarActions>
          <Button disabled={busy} onClick={() => void restart()}>
            Restart HCS Desktop
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/**
 * The user's settings, kept by the main side for every window: theme, statistics, which actions ask first,
 * what a new Exec starts with, and the HCS API. Each change is saved at once (text fields when left) and
 * reaches every open window.
 */
export function SettingsView() {
  const styles = useStyles();
  const store = useSettingsStore();
  const settings = useSettings((s) => s.settings);
  const state = useSettings((s) => s.state);
  const error = useSettings((s) => s.error);
  const running = useApp((s) => s.service?.backend);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const update = (patch: SettingsPatch) => void store.getState().update(patch);

  return (
    <div className={styles.view}>
      <div className={styles.column}>
        <h2 className={styles.heading}>Settings</h2>
        {state?.problem && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>The saved settings could not be used</MessageBarTitle>
              {state.problem}
            </MessageBarBody>
          </MessageBar>
        )}
        {error && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>The last change was not saved</MessageBarTitle>
              {error.message}
              <ErrorDetails error={error} />
            </MessageBarBody>
          </MessageBar>
        )}

        <Section title="Appearance">
          <RadioGroup
            aria-label="Theme"
            value={settings.theme}
            onChange={(_, data) => update({ theme: ThemeChoice.parse(data.value) })}
          >
            {ThemeChoice.options.map((choice) => (
              <Radio key={choice} value={choice} label={THEME_LABEL[choice]} />
            ))}
          </RadioGroup>
        </Section>

        <Section title="Statistics">
          <Field
            label="Sampling interval"
            hint="How often HCS is asked for the statistics of a system a view shows (for every window)"
          >
            <Select
              value={String(settings.statistics.intervalMs)}
              onChange={(_, data) => update({ statistics: { intervalMs: Number(data.value) } })}
            >
              {[...new Set([...INTERVALS_MS, settings.statistics.intervalMs])]
                .sort((a, b) => a - b)
                .map((ms) => (
                  <option key={ms} value={ms}>
                    {formatInterval(ms)}
                  </option>
                ))}
            </Select>
          </Field>
          <RadioGroup
            aria-label="Chart window"
            layout="horizontal"
            value={String(settings.statistics.chartWindowMinutes)}
            onChange={(_, data) =>
              update({ statistics: { chartWindowMinutes: Number(data.value) as ChartWindowMinutes } })
            }
          >
            {CHART_WINDOW_MINUTES.map((minutes) => (
              <Radio key={minutes} value={String(minutes)} label={`${minutes} min`} />
            ))}
          </RadioGroup>
          <Switch
            label="Show statistics as charts (off: as tables)"
            checked={settings.statistics.charts}
            onChange={(_, data) => update({ statistics: { charts: data.checked } })}
          />
        </Section>

        <Section title="Ask before">
          {CONFIRMATIONS.map(({ key, label }) => (
            <Checkbox
              key={key}
              label={label}
              checked={settings.confirm[key]}
              onChange={(_, data) => update({ confirm: { [key]: data.checked === true } })}
            />
          ))}
        </Section>

        <Section title="New processes (Exec)">
          <TextSetting
            label="Command line"
            hint="What the Exec dialog starts with; empty: nothing"
            mono
            value={settings.exec.commandLine}
            onSave={(commandLine) => update({ exec: { commandLine } })}
          />
          <TextSetting
            label="Working directory"
            hint="Empty: the system's default"
            mono
            value={settings.exec.cwd}
            onSave={(cwd) => update({ exec: { cwd } })}
          />
          <TextSetting
            label="User"
            hint="The user the process runs as (as hcsctl exec --user); empty: the system's default"
            mono
            value={settings.exec.user}
            onSave={(user) => update({ exec: { user } })}
          />
          <Switch
            label="Emulated console (a pty)"
            checked={settings.exec.tty}
            onChange={(_, data) => update({ exec: { tty: data.checked } })}
          />
          <Switch
            label="Show the terminal when a process starts (off: stay on the Systems view)"
            checked={settings.exec.openTerminal}
            onChange={(_, data) => update({ exec: { openTerminal: data.checked } })}
          />
        </Section>

        <Section title="HCS API">
          <RadioGroup
            aria-label="HCS API"
            value={settings.hcsApi}
            onChange={(_, data) => update({ hcsApi: HcsApiChoice.parse(data.value) })}
          >
            {HcsApiChoice.options.map((choice) => (
              <Radio key={choice} value={choice} label={API_LABEL[choice]} />
            ))}
          </RadioGroup>
          <Text size={200}>
            Chosen when HCS Desktop starts
            {running === 'simulator' ? ' (here HCS is simulated)' : ''}; a --hcs-api flag or the
            HCS_DESKTOP_HCS_API variable overrides it.
          </Text>
          {state?.restartNeeded.includes('hcsApi') && <RestartOffer />}
        </Section>

        <div className={styles.footer}>
          <Button
            onClick={() =>
              setConfirm({
                title: 'Restore the default settings?',
                body: 'Every setting goes back to its default, the window layout (column widths, pane sizes) included.',
                confirmLabel: 'Restore defaults',
                onConfirm: () => void store.getState().reset(),
              })
            }
          >
            Restore defaults
          </Button>
          <Text size={200} className={styles.where}>
            {state?.location ? `Kept in ${state.location}` : 'Kept while HCS Desktop runs'}
          </Text>
        </div>
      </div>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </div>
  );
}
