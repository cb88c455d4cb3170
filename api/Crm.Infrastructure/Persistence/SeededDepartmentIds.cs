namespace Crm.Infrastructure.Persistence;

/// <summary>Fixed ids for the seeded departments, so every installation and test agrees on them.</summary>
public static class SeededDepartmentIds
{
    public static Guid For(int index) => new($"00000000-0000-7000-8000-{index + 1:D12}");
}
