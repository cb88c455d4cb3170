using Crm.Domain.Common;

namespace Crm.Domain.Imports;

public enum ImportStatus
{
    /// <summary>The file is staged; a worker will merge it.</summary>
    Queued,

    /// <summary>Receiving the file, or merging it.</summary>
    Running,

    Succeeded,

    Failed,
}

/// <summary>What a merge is at, in order; written by the worker while the merge's transaction runs.</summary>
public static class MergeSteps
{
    /// <summary>The rows against each other and against the existing records (duplicates, keys taken, changes).</summary>
    public const string Checking = "checking";

    /// <summary>Inserting and updating the records.</summary>
    public const string Writing = "writing";

    /// <summary>The search postings and word list of the records written.</summary>
    public const string Indexing = "indexing";

    /// <summary>One audit entry per record written.</summary>
    public const string Auditing = "auditing";
}

public enum ImportMode
{
    /// <summary>Only new records; a row matching an existing one is rejected.</summary>
    Insert,

    /// <summary>Create or update, matched on a key.</summary>
    Upsert,
}

/// <summary>
/// A bulk import: a file streamed into a staging table, then merged set-based in one transaction, so a
/// job is applied entirely or not at all. Counters and status are written by the import pipeline.
/// </summary>
public sealed class ImportJob : Entity
{
    private ImportJob()
    {
    }

    /// <summary>The target, e.g. customers or contacts.</summary>
    public string Entity { get; private set; } = string.Empty;

    public ImportMode Mode { get; private set; }

    /// <summary>email or externalId: the key rows are matched on.</summary>
    public string MatchOn { get; private set; } = string.Empty;

    public bool DryRun { get; private set; }

    public ImportStatus Status { get; private set; }

    /// <summary>receiving, staged, merging or done.</summary>
    public string Phase { get; private set; } = string.Empty;

    /// <summary>While merging: checking, writing, indexing or auditing (<see cref="MergeSteps"/>); null otherwise.</summary>
    public string? Step { get; private set; }

    public string? FileName { get; private set; }

    /// <summary>The single-byte character set the file was read in (windows-1250, …); null for UTF-8, the default.</summary>
    public string? Charset { get; private set; }

    /// <summary>JSON: the file's columns in order, each with the field it feeds (or null).</summary>
    public string Columns { get; private set; } = "[]";

    /// <summary>JSON: field → value applied where a row has none.</summary>
    public string Defaults { get; private set; } = "{}";

    public long Total { get; private set; }

    public long Processed { get; private set; }

    public long Inserted { get; private set; }

    public long Updated { get; private set; }

    public long Unchanged { get; private set; }

    /// <summary>Rows superseded by a later row with the same key (the last one wins).</summary>
    public long Duplicates { get; private set; }

    public long Rejected { get; private set; }

    public string? Error { get; private set; }

    public Guid? CreatedById { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>
    /// The language of the upload (en, pt, ca, pl, el): the rejected rows' reasons and the job's error are stored worded
    /// in it, for whoever reads them later.
    /// </summary>
    public string Language { get; private set; } = "en";

    public static ImportJob Receive(
        string entity, ImportMode mode, string matchOn, bool dryRun, string? fileName, string columns, string defaults, Guid? createdById, string language, string? charset = null) =>
        new()
        {
            Entity = entity,
            Mode = mode,
            MatchOn = matchOn,
            DryRun = dryRun,
            Status = ImportStatus.Running,
            Phase = "receiving",
            FileName = fileName,
            Columns = columns,
            Defaults = defaults,
            CreatedById = createdById,
            Language = language,
            Charset = charset,
        };
}
