import { Dropdown, Option, makeStyles } from '@fluentui/react-components';
import { useMemo } from 'react';
import { LOCAL_HOST_ID } from '../../../src/contract/index.ts';
import { hostLabel } from '../../store/list-view.ts';
import { useApp, useAppStore } from '../../store/context.tsx';
import { HOST_STATE_LABEL } from './host-labels.ts';

const ALL = '*all';

const useStyles = makeStyles({ switcher: { minWidth: '150px' } });

/**
 * Which host the window shows: all of them, or one. It is the list's host filter (one fact, one home): a
 * filter of several hosts made in the list shows here as their names.
 */
export function HostSwitcher() {
  const styles = useStyles();
  const store = useAppStore();
  const hostFilter = useApp((s) => s.hostFilter);
  const hostsById = useApp((s) => s.hosts);
  const hosts = useMemo(() => Object.values(hostsById).sort((a, b) => a.id.localeCompare(b.id)), [hostsById]);
  if (hosts.length === 0 && hostFilter.length === 0) return null;
  const selected = hostFilter.length === 1 ? hostFilter[0]! : hostFilter.length === 0 ? ALL : null;
  const value = selected === ALL ? 'All hosts' : hostFilter.map(hostLabel).join(', ');
  return (
    <Dropdown
      className={styles.switcher}
      aria-label="Show host"
      value={value}
      selectedOptions={selected === null ? [] : [selected]}
      onOptionSelect={(_, data) =>
        store
          .getState()
          .setHostFilter(data.optionValue === ALL || !data.optionValue ? [] : [data.optionValue])
      }
    >
      <Option value={ALL}>All hosts</Option>
      <Option value={LOCAL_HOST_ID} text={hostLabel(LOCAL_HOST_ID)}>
        {`${hostLabel(LOCAL_HOST_ID)} (this host)`}
      </Option>
      {hosts.map((host) => (
        <Option key={host.id} value={host.id} text={host.id}>
          {`${host.id} (${HOST_STATE_LABEL[host.state]})`}
        </Option>
      ))}
    </Dropdown>
  );
}
