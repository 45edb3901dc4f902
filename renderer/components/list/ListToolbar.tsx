import { Dropdown, Option, SearchBox, makeStyles, tokens } from '@fluentui/react-components';
import { SystemState } from '../../../src/contract/index.ts';
import { ownerLabel } from '../../lib/owners.ts';
import { useApp, useAppStore } from '../../store/context.tsx';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  search: { minWidth: '240px', flex: '1 1 240px', maxWidth: '420px' },
  filter: { minWidth: '170px' },
});

/** Search text and the state, type and owner filters; the list follows as the user types. */
export function ListToolbar() {
  const styles = useStyles();
  const store = useAppStore();
  const search = useApp((s) => s.search);
  const stateFilter = useApp((s) => s.stateFilter);
  const typeFilter = useApp((s) => s.typeFilter);
  const types = useApp((s) => s.types);
  const ownerFilter = useApp((s) => s.ownerFilter);
  const owners = useApp((s) => s.owners);
  // A chosen type stays offered even if no system of that type is left, so it can be unchosen.
  const typeOptions = [...new Set([...types, ...typeFilter])];
  const ownerOptions = [...new Set([...owners, ...ownerFilter])];
  return (
    <div className={styles.bar} role="search" aria-label="Find systems">
      <SearchBox
        className={styles.search}
        aria-label="Search systems"
        placeholder="Search systems"
        value={search}
        onChange={(_, data) => store.getState().setSearch(data.value)}
      />
      <Dropdown
        className={styles.filter}
        aria-label="Filter by state"
        multiselect
        placeholder="All states"
        value={stateFilter.join(', ')}
        selectedOptions={[...stateFilter]}
        onOptionSelect={(_, data) =>
          store
            .getState()
            .setStateFilter(
              data.selectedOptions.filter((o) => SystemState.safeParse(o).success) as SystemState[],
            )
        }
      >
        {SystemState.options.map((state) => (
          <Option key={state} value={state}>
            {state}
          </Option>
        ))}
      </Dropdown>
      <Dropdown
        className={styles.filter}
        aria-label="Filter by type"
        multiselect
        placeholder="All types"
        value={typeFilter.join(', ')}
        selectedOptions={[...typeFilter]}
        onOptionSelect={(_, data) => store.getState().setTypeFilter(data.selectedOptions)}
      >
        {typeOptions.map((type) => (
          <Option key={type} value={type}>
            {type}
          </Option>
        ))}
      </Dropdown>
      <Dropdown
        className={styles.filter}
        aria-label="Filter by owner"
        multiselect
        placeholder="All owners"
        value={ownerFilter.map(ownerLabel).join(', ')}
        selectedOptions={[...ownerFilter]}
        onOptionSelect={(_, data) => store.getState().setOwnerFilter(data.selectedOptions)}
      >
        {ownerOptions.map((owner) => (
          <Option key={owner} value={owner} text={ownerLabel(owner)}>
            {ownerLabel(owner)}
          </Option>
        ))}
      </Dropdown>
    </div>
  );
}
