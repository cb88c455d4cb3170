namespace Crm.Application.Common;

/// <summary>
/// An export: the rows, streamed lazily, and the custom-field keys defined for the entity (one CSV column
/// each, in this order), read before the first row so a file's header is known up front.
/// </summary>
public sealed record ExportStream<T>(IReadOnlyList<string> CustomFieldKeys, IAsyncEnumerable<T> Rows);
