namespace Crm.Infrastructure.Imports;

/// <summary>The entities imports can fill; a new target is one line here plus its staging table.</summary>
public sealed class ImportTargets
{
    private readonly Dictionary<string, IImportTarget> byEntity;

    public ImportTargets(IEnumerable<IImportTarget> targets) =>
        byEntity = targets.ToDictionary(t => t.Entity, StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Entities => byEntity.Keys;

    public IImportTarget? Find(string? entity) => entity is null ? null : byEntity.GetValueOrDefault(entity.Trim());

    public static IEnumerable<IImportTarget> All() => [new CustomerImportTarget(), new ContactImportTarget()];
}

/// <summary>Advisory-lock keys for jobs: held by the upload while it stages, and by the worker while it merges.</summary>
internal static class ImportLocks
{
    public static long Key(Guid jobId)
    {
        Span<byte> bytes = stackalloc byte[16];
        jobId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[8..]) ^ 0x1A2B3C4D5E6F7081;
    }
}
