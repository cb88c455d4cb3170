using Npgsql;

namespace Crm.Application.Common;

/// <summary>Nullable columns of a hand-written statement's row (<see cref="RawQuery"/>), read as the EF Core projection reads them.</summary>
public static class ReaderValues
{
    public static string? TextOrNull(this NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    public static DateTimeOffset? TimeOrNull(this NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetFieldValue<DateTimeOffset>(ordinal);
}
