import { Badge, Card, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '@/api/types';
import { ListTable, ListView } from '@/components/ui/list-view';
import { useFormat } from '@/lib/format';
import { useImports } from '../api/get-imports';
import { ErrorsDownloadButton } from './errors-download-button';

const statusColor: Record<ImportJob['status'], string> = { queued: 'gray', running: 'blue', succeeded: 'green', failed: 'red' };
const counters = ['inserted', 'updated', 'unchanged', 'duplicates', 'rejected'] as const;

/** The latest jobs, with what they did and their rejected rows. */
export function RecentImports() {
  const { t } = useTranslation();
  const format = useFormat();
  const imports = useImports();
  const items = imports.data ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="recent-imports-title">
      <Title order={2} size="h4" mb="sm" id="recent-imports-title">
        {t('imports.recent')}
      </Title>
      <ListView query={imports} count={items.length} empty={t('imports.recentEmpty')}>
        <ListTable
          minWidth={860}
          label={t('imports.recent')}
          columns={[
            t('imports.list.startedAt'),
            t('imports.list.file'),
            t('imports.list.entity'),
            t('imports.list.status'),
            ...counters.map((name) => ({ label: t(`imports.counts.${name}`), align: 'right' as const })),
          ]}
          actions
        >
          {items.map((job) => (
            <Table.Tr key={job.id}>
              <Table.Td>{format.dateTime(job.createdAt)}</Table.Td>
              <Table.Td>{job.fileName || '—'}</Table.Td>
              <Table.Td>
                {t(`imports.entities.${job.entity}`, { defaultValue: job.entity })}
                {job.dryRun ? (
                  <Badge ml="xs" size="xs" variant="outline" color="gray" miw="max-content">
                    {t('imports.dryRun')}
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td>
                {/* Not squeezed to "• :" by the numbers beside it (ZAKOŃCZONY, ΟΛΟΚΛΗΡΩΘΗΚΕ). */}
                <Badge color={statusColor[job.status]} variant="dot" title={job.error ?? undefined} style={{ flexShrink: 0, overflow: 'visible' }} miw="max-content">
                  {t(`imports.status.${job.status}`)}
                </Badge>
              </Table.Td>
              {counters.map((name) => (
                <Table.Td key={name} ta="right">
                  {format.number(job[name] ?? 0)}
                </Table.Td>
              ))}
              <Table.Td>{job.rejected > 0 ? <ErrorsDownloadButton jobId={job.id} compact /> : null}</Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </ListView>
    </Card>
  );
}
