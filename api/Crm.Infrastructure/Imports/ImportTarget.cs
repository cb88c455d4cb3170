using System.Globalization;
using Crm.Domain.CustomFields;
using NpgsqlTypes;

namespace Crm.Infrastructure.Imports;

/// <summary>A column of a target's staging table, after the common ones (job_id, line, status, error, raw).</summary>
public sealed record StagingColumn(string Name, NpgsqlDbType Type);

/// <summary>A staged row: values aligned with <see cref="IImportTarget.StagingColumns"/>, or why it is rejected.</summary>
public readonly record struct StagedRow(object?[]? Values, string? Error);

/// <summary>
/// An entity that bulk imports can fill. The pipeline (reading, mapping, staging by binary COPY, the job
/// lifecycle, the worker, the errors file) is generic; a target brings its fields, how a row is
/// validated and normalised (the API's own rules), and its merge description. Deals and tickets plug in
/// by adding a target and a staging table.
/// </summary>
public interface IImportTarget
{
    /// <summary>The <c>entity</c> query value: customers, contacts.</summary>
    string Entity { get; }

    CustomFieldEntity CustomFieldEntity { get; }

    IReadOnlyList<ImportField> Fields { get; }

    /// <summary>Fields every file must map, each entry one of a group (a 400 before anything is staged otherwise).</summary>
    IReadOnlyList<string[]> RequiredFields { get; }

    /// <summary>Wire names of the keys rows can be matched on, e.g. email, externalId.</summary>
    IReadOnlyList<string> MatchKeys { get; }

    string StagingTable { get; }

    IReadOnlyList<StagingColumn> StagingColumns { get; }

    MergeSpec Merge { get; }

    /// <summary>Validates and normalises one row exactly as the API would.</summary>
    StagedRow Stage(ImportRow row);
}

/// <summary>
/// Everything the set-based merge needs to know about a target's table. <see cref="SearchPostingsTable"/>: the word
/// postings (word, name, id) an insert trigger keeps for the table; the merge defers that trigger and writes the
/// postings of the inserted rows itself, in bulk. <see cref="InsertFallbacks"/>: columns that cannot be empty, with the
/// SQL literal a new record gets when its staged value is NULL (an empty cell, no default); an update keeps the
/// record's value then, so an empty cell never resets it.
/// </summary>
public sealed record MergeSpec(
    string Table,
    string AuditEntityType,
    string Noun,
    IReadOnlyDictionary<string, string> UniqueKeys,
    IReadOnlyList<string> InsertColumns,
    Func<ImportPlan, IReadOnlyList<MergeSql>> PreparationSql,
    IReadOnlyList<string> SearchColumns,
    Func<object?[], string> SearchText,
    string? SearchPostingsTable = null,
    IReadOnlyDictionary<string, string>? InsertFallbacks = null);

/// <summary>
/// What a job asks for, resolved: its key, mode and dry run; <see cref="MappedColumns"/>, the table columns the file's
/// columns feed (compared and updated); <see cref="DefaultedColumns"/>, those only a default fills (new records only);
/// <see cref="Fields"/>, the wire names fed either way; <see cref="Language"/>, the job's, in which rejected rows' reasons are worded.
/// </summary>
public sealed record ImportPlan(
    Guid JobId,
    Domain.Imports.ImportMode Mode,
    string MatchKeyColumn,
    bool DryRun,
    IReadOnlySet<string> MappedColumns,
    IReadOnlySet<string> DefaultedColumns,
    IReadOnlySet<string> Fields,
    bool MapsCustomFields,
    Guid? ActorId,
    CultureInfo Language);

/// <summary>
/// A statement of the merge, with the parameters it takes beside the job's (@job, @actor): the reasons it gives rejected
/// rows, worded in the job's language. A line number in a reason is its <c>{line}</c>, filled in by the statement.
/// </summary>
public sealed record MergeSql(string Text, params (string Name, object Value)[] Parameters)
{
    public static implicit operator MergeSql(string text) => new(text);
}
