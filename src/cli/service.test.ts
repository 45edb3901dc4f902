import { describe, expect, it } from 'vitest';
import { describePropertyType, formatService, schemaVersions, type ServiceReport } from './service.ts';

const BASIC = {
  Properties: [{ SupportedSchemaVersions: [{ Major: 2, Minor: 1 }, { Major: 1, Minor: 0 }, { Major: 'x' }] }],
};

describe('hcsctl service', () => {
  it('schema versions oldest first; what each property type says in a line', () => {
    expect(schemaVersions(BASIC)).toEqual(['1.0', '2.1']);
    expect(schemaVersions(null)).toEqual([]);
    expect(
      describePropertyType('ProcessorTopology', {
        LogicalProcessorCount: 4,
        LogicalProcessors: [
          { NodeNumber: 0, PackageId: 0 },
          { NodeNumber: 0, PackageId: 0 },
          { NodeNumber: 1, PackageId: 1 },
          { NodeNumber: 1, PackageId: 1 },
        ],
      }),
    ).toBe('4 logical processors in 2 packages, 2 NUMA nodes');
    expect(
      describePropertyType('Memory', { TotalPhysicalMemoryInMB: 2048, AvailablePhysicalMemoryInMB: 512 }),
    ).toBe('2.00GiB physical, 512MiB available');
    expect(describePropertyType('CpuGroup', { CpuGroups: [{}] })).toBe('1 CPU group');
    expect(describePropertyType('QoSCapabilities', { ProcessorQoSSupported: false })).toBe(
      'processor QoS not supported',
    );
    expect(describePropertyType('CacheMonitoring', { CacheMonitoringSupported: true })).toBe('supported');
    // Cut short as JSON (which escapes control characters itself), with nothing a terminal acts on.
    expect(describePropertyType('Memory', { Other: 'x\u001b\u202e' })).toBe('{"Other":"x\\u001b\\u{202e}"}');
    expect(describePropertyType('CpuGroup', { CpuGroups: 'x'.repeat(200) })).toHaveLength(120);
  });

  it('names the API and why, then every property type, answered or refused', () => {
    const report: ServiceReport = {
      api: 'v2',
      reason: 'v2 was asked for',
      properties: BASIC,
      schemaVersions: ['1.0', '2.1'],
      propertyTypes: { CpuGroup: { CpuGroups: [] } },
      propertyErrors: {
        Memory: { message: 'The data is invalid.', hresult: '0x8007000D', name: 'ERROR_INVALID_DATA' },
      },
    };
    expect(formatService(report)).toBe(
      [
        'HCS API:                    V2 (computecore.dll)',
        'chosen because:             v2 was asked for',
        'newest schema version:      2.1',
        'supported schema versions:  1.0, 2.1',
        'crash a system:             available',
        'Memory:                     not answered: The data is invalid. (0x8007000D ERROR_INVALID_DATA)',
        'CpuGroup:                   0 CPU groups',
        '',
      ].join('\n'),
    );
    expect(formatService({ ...report, api: 'v1', propertyTypes: {}, propertyErrors: {} })).toContain(
      'other property types:       asked through the HCS V2 API only (hcsctl --api v2 service)\n',
    );
  });
});
