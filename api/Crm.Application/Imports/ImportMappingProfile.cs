using System.Text.Json;
using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.Imports;
using Crm.Domain.Imports;

namespace Crm.Application.Imports;

public sealed class ImportMappingProfile : Profile
{
    public ImportMappingProfile()
    {
        CreateMap<ImportJob, ImportJobResponse>()
            .ForMember(d => d.Mode, o => o.MapFrom(s => ImportWire.Mode(s.Mode)))
            .ForMember(d => d.Status, o => o.MapFrom(s => ImportWire.Status(s.Status)))
            .ForMember(d => d.Step, o => o.MapFrom(s => ImportWire.Step(s.Step)))
            .ForMember(d => d.Columns, o => o.MapFrom(s => ImportWire.Columns(s.Columns)));
        CreateMap<ImportJob, Versioned<ImportJobResponse>>()
            .ForMember(v => v.Value, o => o.MapFrom(j => j))
            .ForMember(v => v.Version, o => o.MapFrom(j => j.Version));
    }
}

/// <summary>Domain → wire, as methods so EF evaluates them in the final projection.</summary>
public static class ImportWire
{
    public static Contracts.Imports.ImportMode Mode(Domain.Imports.ImportMode mode) => (Contracts.Imports.ImportMode)(int)mode;

    public static Contracts.Imports.ImportStatus Status(Domain.Imports.ImportStatus status) => (Contracts.Imports.ImportStatus)(int)status;

    /// <summary>The domain writes <see cref="Domain.Imports.MergeSteps"/> (checking, …): the same names, lower-case.</summary>
    public static ImportMergeStep? Step(string? step) => step is null ? null : Enum.Parse<ImportMergeStep>(step, ignoreCase: true);

    public static IReadOnlyList<ImportColumn> Columns(string json) =>
        JsonSerializer.Deserialize<List<ImportColumn>>(json, JsonSerializerOptions.Web) ?? [];
}
