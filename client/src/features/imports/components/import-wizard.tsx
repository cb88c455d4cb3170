import { Alert, Anchor, Button, Card, Group, Loader, Progress, SegmentedControl, Select, SimpleGrid, Stack, Stepper, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportJob } from '@/api/types';
import { BusyButton } from '@/components/ui/busy-button';
import { ErrorAlert } from '@/components/ui/error-view';
import { paths } from '@/config/paths';
import { useCustomFields } from '@/lib/custom-fields';
import { errorMessage } from '@/lib/error-message';
import { useFormat } from '@/lib/format';
import { isUtf8, likelyCharset, type FileCharset } from '../api/file-charset';
import { useImportJob } from '../api/get-import';
import {
  importEntities,
  importModes,
  kindDefaults,
  matchOnChoices,
  mergeSteps,
  type ColumnMapping,
  type ImportEntity,
  type ImportModeChoice,
  type KindDefault,
  type MatchOnChoice,
} from '../api/import-fields';
import { readImportProblem, type ImportProblem } from '../api/import-problem';
import { useStartImport, type ImportRequest } from '../api/start-import';
import { CharsetPicker } from './charset-picker';
import { ErrorsDownloadButton } from './errors-download-button';
import { FileDrop } from './file-drop';
import { JobCounts } from './job-counts';
import { MappingTable } from './mapping-table';

type Step = 'file' | 'map' | 'import';
type Options = { mode: ImportModeChoice; matchOn: MatchOnChoice; kind: KindDefault };

/**
 * The API refused the upload only for what the columns step settles: no column feeds a required field (mapping) or the
 * field the import matches on (matchOn).
 */
const fixableByMapping = (problem: ImportProblem) =>
  Object.keys(problem.fields).length > 0 &&
  Object.keys(problem.fields).every((field) => field === 'mapping' || field === 'matchOn') &&
  !Object.keys(problem.columns).length &&
  !problem.general.length;

/**
 * Stand-ins for the fields a record cannot go without (the API's required fields), for reading a file's columns only:
 * in a dry run that inserts, nothing is matched and nothing written.
 */
const readingOnly: Record<ImportEntity, Record<string, string>> = {
  customers: { name: '-' },
  contacts: { firstName: '-', customerExternalId: '-' },
};

function ProblemAlert({ messages }: { messages: (string | undefined)[] }) {
  const { t } = useTranslation();
  const list = messages.filter((text): text is string => !!text);
  if (!list.length) return null;
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={t('imports.problem')} role="alert">
      {list.map((text) => (
        <Text key={text} size="sm">
          {text}
        </Text>
      ))}
    </Alert>
  );
}

/** The dry run's outcome under the mapping: what the import would do. */
function PreviewCard({ job, checking }: { job: ImportJob | undefined; checking: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const running = checking || !job || job.status === 'queued' || job.status === 'running';
  return (
    <Card withBorder component="section" aria-label={t('imports.steps.preview')}>
      <Title order={3} size="h5" mb="sm">
        {t('imports.previewTitle')}
      </Title>
      {running ? (
        <Group gap="xs" aria-live="polite">
          <Loader size="sm" />
          <Text c="dimmed">{t('imports.checking')}</Text>
        </Group>
      ) : job.status === 'failed' ? (
        <Alert color="red" title={t('imports.failedPreview')} role="alert">
          {job.error || t('errors.tryAgain')}
        </Alert>
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('imports.previewText', { total: format.number(job.total) })}
          </Text>
          <JobCounts job={job} />
          {job.rejected > 0 ? (
            <Group>
              <ErrorsDownloadButton jobId={job.id} />
            </Group>
          ) : null}
        </Stack>
      )}
    </Card>
  );
}

/** The real run: progress while it goes, then what it did. */
function ImportRun({ job, entity, onAgain, onBack }: { job: ImportJob | undefined; entity: ImportEntity; onAgain: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!job || job.status === 'queued' || job.status === 'running') {
    const total = job?.total ?? 0;
    const processed = job?.processed ?? 0;
    const phase = job?.phase ?? 'receiving';
    const step = job?.step;
    // While the file arrives, the rows read; once merging, the merge's steps done (every row is read by then, and the
    // bar sat full through a merge that takes most of a big import's time).
    const percent =
      phase === 'merging' && step
        ? Math.round((mergeSteps.indexOf(step) / mergeSteps.length) * 100)
        : total > 0
          ? Math.min(100, Math.round((processed / total) * 100))
          : 0;
    return (
      <Stack aria-live="polite">
        <Text fw={600}>{t('imports.importing')}</Text>
        <Progress
          value={phase === 'done' ? 100 : percent}
          animated
          striped
          size="lg"
          aria-label={t('imports.progressLabel')}
        />
        <Group justify="space-between">
          <Text size="sm" data-testid="import-phase">
            {t(`imports.phase.${phase}`, { defaultValue: phase })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('imports.progress', { processed: format.number(processed), total: format.number(total) })}
          </Text>
        </Group>
        {phase === 'merging' && step ? (
          <Text size="sm" c="dimmed" data-testid="import-step">
            {t('imports.stepOf', {
              step: mergeSteps.indexOf(step) + 1,
              total: mergeSteps.length,
              what: t(`imports.step.${step}`, { defaultValue: step }),
            })}
          </Text>
        ) : null}
      </Stack>
    );
  }
  if (job.status === 'failed') {
    return (
      <Stack>
        <Alert color="red" icon={<IconAlertTriangle />} title={t('imports.failed')} role="alert">
          {job.error || t('errors.tryAgain')}
          <Text size="sm" mt="xs">
            {t('imports.failedNothingChanged')}
          </Text>
        </Alert>
        <Group>
          <Button variant="default" onClick={onBack}>
            {t('imports.backToColumns')}
          </Button>
          <Button onClick={onAgain}>{t('imports.again')}</Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack>
      <Alert color="green" icon={<IconCircleCheck />} title={t('imports.succeeded')}>
        {t('imports.succeededText', { total: format.number(job.total) })}
      </Alert>
      <JobCounts job={job} />
      <Group>
        {job.rejected > 0 ? <ErrorsDownloadButton jobId={job.id} /> : null}
        <Anchor component={Link} to={paths.customers.getHref()}>
          {entity === 'customers' ? t('imports.openCustomers') : t('imports.openCustomersForContacts')}
        </Anchor>
        <Button variant="light" onClick={onAgain}>
          {t('imports.again')}
        </Button>
      </Group>
    </Stack>
  );
}

export function ImportWizard() {
  const { t, i18n } = useTranslation();
  const start = useStartImport();
  const [step, setStep] = useState<Step>('file');
  const [entity, setEntity] = useState<ImportEntity>('customers');
  const [file, setFile] = useState<File | null>(null);
  // UTF-8 unless the file is not: then the set it was saved in, which the user confirms against a sample of its lines.
  const [charset, setCharset] = useState<FileCharset>('utf-8');
  const [notUtf8, setNotUtf8] = useState(false);
  const chosen = useRef<File | null>(null);
  const [columns, setColumns] = useState<string[]>([]);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [options, setOptions] = useState<Options>({ mode: 'upsert', matchOn: 'email', kind: 'company' });
  const [dryRunId, setDryRunId] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [problem, setProblem] = useState<ImportProblem | null>(null);
  const [sending, setSending] = useState(false);
  // Only the answer to the latest request counts: a quick second change supersedes the first.
  const latest = useRef(0);
  const customFields = useCustomFields(entity).data ?? [];
  const dryRun = useImportJob(dryRunId);
  const run = useImportJob(importId);

  const send = async (request: Omit<ImportRequest, 'entity' | 'file' | 'charset'>, onJob: (job: ImportJob) => void) => {
    if (!file) return;
    const seq = ++latest.current;
    setProblem(null);
    setSending(true);
    try {
      const job = await start.mutateAsync({ ...request, entity, file, charset });
      if (seq === latest.current) onJob(job);
    } catch (error) {
      if (seq === latest.current) setProblem(readImportProblem(error, errorMessage(error, t)));
    } finally {
      if (seq === latest.current) setSending(false);
    }
  };

  const preview = (nextMapping: ColumnMapping, nextOptions: Options) =>
    send({ ...nextOptions, mapping: nextMapping, dryRun: true }, (job) => setDryRunId(job.id));

  const showColumns = (job: ImportJob) => {
    setColumns(job.columns.map((c) => c.column));
    setMapping(Object.fromEntries(job.columns.map((c) => [c.column, c.field ?? null])));
    setStep('map');
  };

  const detect = async () => {
    if (!file) return;
    const seq = ++latest.current;
    setProblem(null);
    setSending(true);
    try {
      const job = await start.mutateAsync({ ...options, entity, file, charset, mapping: {}, dryRun: true });
      if (seq !== latest.current) return;
      showColumns(job);
      setDryRunId(job.id);
    } catch (error) {
      if (seq !== latest.current) return;
      const refused = readImportProblem(error, errorMessage(error, t));
      setProblem(refused);
      // A file with nothing to match on (no email column, say) or no column the API recognises as the name was refused
      // before its columns were read, and the file step has no control that could fix that. A dry run that inserts
      // and stands in for the required fields reads them; the refusal then stands on the columns step, where the user
      // maps a column to the field or chooses to insert.
      if (!fixableByMapping(refused)) return;
      try {
        const job = await start.mutateAsync({ ...options, mode: 'insert', defaults: readingOnly[entity], entity, file, charset, mapping: {}, dryRun: true });
        if (seq !== latest.current) return;
        showColumns(job);
        setDryRunId(null);
      } catch {
        // The first refusal stays shown on the file step.
      }
    } finally {
      if (seq === latest.current) setSending(false);
    }
  };

  const changeColumn = (column: string, field: string | null) => {
    const next = { ...mapping, [column]: field };
    setMapping(next);
    void preview(next, options);
  };
  const changeOptions = (patch: Partial<Options>) => {
    const next = { ...options, ...patch };
    setOptions(next);
    void preview(mapping, next);
  };

  const startImport = () => {
    setImportId(null);
    setStep('import');
    void send({ ...options, mapping, dryRun: false }, (job) => setImportId(job.id));
  };

  const chooseFile = (next: File) => {
    setFile(next);
    setProblem(null);
    setCharset('utf-8');
    setNotUtf8(false);
    chosen.current = next;
    void isUtf8(next).then((utf8) => {
      // Only for the file still chosen.
      if (chosen.current === next && !utf8) {
        setNotUtf8(true);
        setCharset(likelyCharset(i18n.resolvedLanguage));
      }
    });
  };

  const reset = () => {
    latest.current += 1;
    setStep('file');
    setFile(null);
    chosen.current = null;
    setCharset('utf-8');
    setNotUtf8(false);
    setColumns([]);
    setMapping({});
    setDryRunId(null);
    setImportId(null);
    setProblem(null);
    setSending(false);
  };

  const backToFile = () => {
    latest.current += 1;
    setStep('file');
    setDryRunId(null);
    setProblem(null);
    setSending(false);
  };

  const dryRunJob = dryRun.data;
  // Import only what the preview showed: the latest mapping, checked without a problem.
  const previewReady = !sending && !problem && dryRunJob?.status === 'succeeded';
  const runJob = run.data;
  const active =
    step === 'file' ? 0 : step === 'map' ? (previewReady ? 2 : 1) : runJob?.status === 'succeeded' ? 4 : 3;
  const fields = problem?.fields ?? {};

  return (
    <Stack>
      <Stepper active={active} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('imports.steps.file')} description={t('imports.steps.fileText')} />
        <Stepper.Step label={t('imports.steps.columns')} description={t('imports.steps.columnsText')} />
        <Stepper.Step label={t('imports.steps.preview')} description={t('imports.steps.previewText')} />
        <Stepper.Step label={t('imports.steps.import')} description={t('imports.steps.importText')} />
      </Stepper>

      {step === 'file' ? (
        <Card withBorder component="section" aria-label={t('imports.steps.file')}>
          <Stack>
            <ProblemAlert
              messages={[fields.mapping, fields.matchOn, fields.mode, fields.defaults, notUtf8 ? undefined : fields.charset, ...(problem?.general ?? [])]}
            />
            <div>
              <Text size="sm" fw={500} id="import-entity-label">
                {t('imports.entity')}
              </Text>
              <SegmentedControl
                aria-labelledby="import-entity-label"
                value={entity}
                onChange={(value) => setEntity(value as ImportEntity)}
                data={importEntities.map((value) => ({ value, label: t(`imports.entities.${value}`) }))}
              />
              {fields.entity ? (
                <Text c="red" size="sm" mt={4}>
                  {fields.entity}
                </Text>
              ) : null}
            </div>
            <FileDrop
              file={file}
              onChange={chooseFile}
              error={fields.file}
            />
            {file && notUtf8 ? (
              <CharsetPicker
                file={file}
                charset={charset}
                onChange={(next) => {
                  setCharset(next);
                  setProblem(null);
                }}
                error={fields.charset}
              />
            ) : null}
            <Group justify="flex-end">
              <BusyButton onClick={() => void detect()} disabled={!file} loading={sending}>
                {t('imports.detect')}
              </BusyButton>
            </Group>
          </Stack>
        </Card>
      ) : null}

      {step === 'map' ? (
        <Stack>
          <Card withBorder component="section" aria-label={t('imports.steps.columns')}>
            <Stack>
              <Text size="sm" c="dimmed">
                {t('imports.columnsIntro', { file: file?.name ?? '' })}
              </Text>
              <ProblemAlert messages={[fields.file, fields.charset, fields.entity, fields.mapping, ...(problem?.general ?? [])]} />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Select
                  label={t('imports.mode')}
                  data={importModes.map((value) => ({ value, label: t(`imports.modes.${value}`) }))}
                  value={options.mode}
                  onChange={(value) => value && changeOptions({ mode: value as ImportModeChoice })}
                  allowDeselect={false}
                  error={fields.mode}
                />
                <Select
                  label={t('imports.matchOn')}
                  data={matchOnChoices.map((value) => ({ value, label: t(`imports.matchOnChoices.${value}`) }))}
                  value={options.matchOn}
                  onChange={(value) => value && changeOptions({ matchOn: value as MatchOnChoice })}
                  allowDeselect={false}
                  error={fields.matchOn}
                />
                {entity === 'customers' ? (
                  <Select
                    label={t('imports.kindDefault')}
                    description={t('imports.kindDefaultHint')}
                    data={kindDefaults.map((value) => ({ value, label: t(`imports.kinds.${value}`) }))}
                    value={options.kind}
                    onChange={(value) => value && changeOptions({ kind: value as KindDefault })}
                    allowDeselect={false}
                    error={fields.defaults}
                  />
                ) : null}
              </SimpleGrid>
              <MappingTable
                entity={entity}
                columns={columns}
                mapping={mapping}
                customFields={customFields}
                errors={problem?.columns ?? {}}
                onChange={changeColumn}
              />
            </Stack>
          </Card>
          {problem ? null : dryRun.isError ? <ErrorAlert error={dryRun.error} /> : <PreviewCard job={dryRunJob} checking={sending} />}
          <Group justify="space-between">
            <Button variant="default" onClick={backToFile}>
              {t('imports.back')}
            </Button>
            <Button onClick={startImport} disabled={!previewReady}>
              {t('imports.start')}
            </Button>
          </Group>
        </Stack>
      ) : null}

      {step === 'import' ? (
        <Card withBorder component="section" aria-label={t('imports.steps.import')}>
          {problem ? (
            <Stack>
              <ProblemAlert
                messages={[
                  fields.file,
                  fields.charset,
                  fields.entity,
                  fields.mapping,
                  fields.matchOn,
                  fields.mode,
                  fields.defaults,
                  ...Object.entries(problem.columns).map(([column, text]) => `${column}: ${text}`),
                  ...problem.general,
                ]}
              />
              <Group>
                <Button variant="default" onClick={() => setStep('map')}>
                  {t('imports.backToColumns')}
                </Button>
              </Group>
            </Stack>
          ) : run.isError ? (
            <ErrorAlert error={run.error} />
          ) : (
            <ImportRun job={runJob} entity={entity} onAgain={reset} onBack={() => setStep('map')} />
          )}
        </Card>
      ) : null}
    </Stack>
  );
}
