using AutoMapper;
using Crm.Application.Common;
using Crm.Application.Customers;
using Crm.Contracts.CustomFields;
using Crm.Domain.CustomFields;

namespace Crm.Application.CustomFields;

public sealed class CustomFieldMappingProfile : Profile
{
    public CustomFieldMappingProfile()
    {
        CreateMap<CustomFieldDefinition, CustomFieldResponse>()
            .ForMember(d => d.Entity, o => o.MapFrom(s => s.Entity.ToWire()))
            .ForMember(d => d.Type, o => o.MapFrom(s => s.Type.ToWire()));
        CreateMap<CustomFieldDefinition, Versioned<CustomFieldResponse>>()
            .ForMember(v => v.Value, o => o.MapFrom(c => c))
            .ForMember(v => v.Version, o => o.MapFrom(c => c.Version));
    }
}
