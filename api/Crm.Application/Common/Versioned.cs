namespace Crm.Application.Common;

/// <summary>A representation and the row version it was read at (the ETag).</summary>
public sealed class Versioned<T>
{
    public required T Value { get; init; }

    public required uint Version { get; init; }
}
