import { Badge, Card, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '@/api/types';
import { ListTable, ListView } from '@/components/ui/list-view';
import { useFormat } from '@/lib/format';
import { isFinished } from '../api/get-import';
import { useImports } from '../api/get-imports';
import { mergeSteps } from '../api/import-fields';
import { ErrorsDownloadButton } from './errors-download-button';

const statusColor: Record<ImportJob['status'], string> = { queued: 'gray', running: 'blue', succeeded: 'green', failed: 'red' };
const counters = ['inserted', 'updated', 'unchanged', 'duplicates', 'rejected'] as const;

/** An unfinished job's doing, in the import wizard's words: receiving (rows read so far), queued, or merging (its step). */
function Activity({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label =
    job.phase === 'staged'
      ? t('imports.status.queued')
      : job.phase === 'receiving' || job.phase === 'merging'
        ? t(`imports.phase.${job.phase}`)
        : t(`imports.status.${job.status}`);
  const step = job.phase === 'merging' && job.step ? mergeSteps.indexOf(job.step) : -1;
  return (
    <>
      <Badge color={job.phase === 'staged' ? 'gray' : 'blue'} variant="dot" style={{ flexShrink: 0, overflow: 'visible' }} miw="max-content">
        {label}
      </Badge>
      {job.phase === 'receiving' ? (
        <Text size="xs" c="dimmed">
          {t('imports.progress', { processed: format.number(job.processed), total: format.number(job.total) })}
        </Text>
      ) : step >= 0 ? (
        <Text size="xs" c="dimmed">
          {t('imports.stepOf', { step: step + 1, total: mergeSteps.length, what: t(`imports.step.${job.step}`) })}
        </Text>
      ) : null}
    </>
  );
}

/**
 * The latest jobs, with what they did and their rejected rows; an unfinished one says what it is doing, and its counts
 * stand blank until it finishes (a merge's arrive when it commits). The list refreshes until every job has finished.
 */
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
              <Table.Td>
                {job.fileName || '—'}
                {job.charset ? (
                  // Read in the set it was declared in, not UTF-8: said beside the file, as the wizard's picker said it.
                  <Text size="xs" c="dimmed" title={t('imports.charset.label')}>
                    {job.charset}
                  </Text>
                ) : null}
              </Table.Td>
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
                {isFinished(job) ? (
                  <Badge color={statusColor[job.status]} variant="dot" title={job.error ?? undefined} style={{ flexShrink: 0, overflow: 'visible' }} miw="max-content">
                    {t(`imports.status.${job.status}`)}
                  </Badge>
                ) : (
                  <Activity job={job} />
                )}
              </Table.Td>
              {counters.map((name) => (
                <Table.Td key={name} ta="right">
                  {isFinished(job) ? format.number(job[name] ?? 0) : '—'}
                </Table.Td>
              ))}
              <Table.Td>{isFinished(job) && job.rejected > 0 ? <ErrorsDownloadButton jobId={job.id} compact /> : null}</Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </ListView>
    </Card>
  );
}
