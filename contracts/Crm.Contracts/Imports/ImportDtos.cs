namespace Crm.Contracts.Imports;

/// <summary>Where an import job is.</summary>
public enum ImportStatus
{
    /// <summary>The file is staged; a worker will merge it in a moment.</summary>
    Queued,

    /// <summary>Receiving the file, or merging it (see <c>phase</c>).</summary>
    Running,

    /// <summary>Merged (or, for a dry run, evaluated); see the counters.</summary>
    Succeeded,

    /// <summary>Nothing was imported; <c>error</c> says why.</summary>
    Failed,
}

/// <summary>What a merge is doing, in this order (<c>step</c> of a job whose phase is merging).</summary>
public enum ImportMergeStep
{
    /// <summary>The rows against each other and against the existing records.</summary>
    Checking,

    /// <summary>Inserting and updating the records.</summary>
    Writing,

    /// <summary>The records' search postings and words.</summary>
    Indexing,

    /// <summary>One audit entry per record written.</summary>
    Auditing,
}

/// <summary>Insert only new records, or create-or-update on the match key.</summary>
public enum ImportMode
{
    /// <summary>Rows matching an existing record are rejected.</summary>
    Insert,

    /// <summary>Rows matching an existing record update it (only the columns the file maps).</summary>
    Upsert,
}

/// <summary>A column of the file and the field it feeds.</summary>
public sealed record ImportColumn
{
    /// <summary>The header as in the file (or the JSON key).</summary>
    public string Column { get; init; } = string.Empty;

    /// <summary>The field it feeds (name, email, address.city, customFields.sector, …), or null when ignored.</summary>
    public string? Field { get; init; }
}

/// <summary>A bulk import job and its counters.</summary>
public sealed record ImportJobResponse
{
    /// <summary>Job id.</summary>
    public Guid Id { get; init; }

    /// <summary>customers or contacts.</summary>
    /// <example>customers</example>
    public string Entity { get; init; } = string.Empty;

    /// <summary>Insert or upsert.</summary>
    public ImportMode Mode { get; init; }

    /// <summary>The key rows are matched on: email or externalId.</summary>
    /// <example>email</example>
    public string MatchOn { get; init; } = string.Empty;

    /// <summary>A dry run reports what would happen and changes nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>queued, running, succeeded or failed.</summary>
    public ImportStatus Status { get; init; }

    /// <summary>receiving (the upload), staged, merging, or done.</summary>
    /// <example>merging</example>
    public string Phase { get; init; } = string.Empty;

    /// <summary>
    /// While merging, what the merge is doing, in this order: checking (the rows against each other and the existing
    /// records), writing (the records), indexing (for search), auditing (one audit entry per record). Null in the
    /// other phases. A million-row merge takes minutes: the step shows it moving. A dry run stops after checking; a
    /// merge cut off by a restart shows its last step until it starts again from checking.
    /// </summary>
    public ImportMergeStep? Step { get; init; }

    /// <summary>The uploaded file's name, when sent as multipart.</summary>
    public string? FileName { get; init; }

    /// <summary>
    /// The single-byte character set the CSV was read in, as declared by the upload's <c>charset</c> (its Content-Type's
    /// or the parameter) and named as registered; null for UTF-8, the default (and when a byte order mark overrode the
    /// declaration).
    /// </summary>
    /// <example>windows-1250</example>
    public string? Charset { get; init; }

    /// <summary>The file's columns and the fields they feed.</summary>
    public IReadOnlyList<ImportColumn> Columns { get; init; } = [];

    /// <summary>Rows in the file (grows while receiving).</summary>
    public long Total { get; init; }

    /// <summary>Rows read and validated so far.</summary>
    public long Processed { get; init; }

    /// <summary>Records created (or that would be, in a dry run).</summary>
    public long Inserted { get; init; }

    /// <summary>Records changed.</summary>
    public long Updated { get; init; }

    /// <summary>Rows that matched a record already holding the same values.</summary>
    public long Unchanged { get; init; }

    /// <summary>Rows superseded by a later row with the same key in the same file (the last one wins).</summary>
    public long Duplicates { get; init; }

    /// <summary>Rows not imported; GET /imports/{id}/errors lists them with their line and reason.</summary>
    public long Rejected { get; init; }

    /// <summary>Why the job failed.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// The language of the upload, as its Accept-Language chose it among en, pt, ca, pl and el (else en): the rejected
    /// rows' reasons and <c>error</c> are stored worded in it, whoever reads them later.
    /// </summary>
    /// <example>pl</example>
    public string Language { get; init; } = "en";

    /// <summary>Who started it.</summary>
    public Guid? CreatedById { get; init; }

    /// <summary>When it started (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last progress (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it finished (UTC).</summary>
    public DateTimeOffset? FinishedAt { get; init; }
}
