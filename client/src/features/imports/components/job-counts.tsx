import { SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '@/api/types';
import { useFormat } from '@/lib/format';

const counters = ['inserted', 'updated', 'unchanged', 'duplicates', 'rejected'] as const;

/** What a job did (or, in a dry run, would do), one figure per outcome. */
export function JobCounts({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }} component="dl" m={0}>
      {counters.map((name) => (
        <div key={name} data-testid={`count-${name}`}>
          <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t(`imports.counts.${name}`)}
          </Text>
          <Text component="dd" m={0} fz="xl" fw={700} c={name === 'rejected' && job.rejected > 0 ? 'red' : undefined}>
            {format.number(job[name] ?? 0)}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
