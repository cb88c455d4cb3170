using AutoMapper;
using Crm.Application.Common;
using Crm.Application.CustomFields;
using Crm.Contracts.Customers;
using Crm.Domain.Customers;

namespace Crm.Application.Customers;

public sealed class CustomerMappingProfile : Profile
{
    public CustomerMappingProfile()
    {
        CreateMap<Customer, CustomerResponse>()
            .ForMember(d => d.Kind, o => o.MapFrom(s => s.Kind.ToWire()))
            .ForMember(d => d.Type, o => o.MapFrom(s => s.Type.ToWire()))
            .ForMember(d => d.LifecycleStage, o => o.MapFrom(s => s.LifecycleStage.ToWire()))
            .ForMember(d => d.Address, o => o.MapFrom(s =>
                s.AddressLine1 == null && s.AddressLine2 == null && s.AddressCity == null && s.AddressRegion == null
                    && s.AddressPostalCode == null && s.AddressCountry == null
                    ? null
                    : new AddressDto
                    {
                        Line1 = s.AddressLine1,
                        Line2 = s.AddressLine2,
                        City = s.AddressCity,
                        Region = s.AddressRegion,
                        PostalCode = s.AddressPostalCode,
                        Country = s.AddressCountry,
                    }))
            .ForMember(d => d.CustomFields, o => o.MapFrom(s => CustomFieldJson.ToDictionary(s.CustomFields)));
        CreateMap<Customer, Versioned<CustomerResponse>>()
            .ForMember(v => v.Value, o => o.MapFrom(c => c))
            .ForMember(v => v.Version, o => o.MapFrom(c => c.Version));

        CreateMap<Contact, ContactResponse>()
            .ForMember(d => d.CustomFields, o => o.MapFrom(s => CustomFieldJson.ToDictionary(s.CustomFields)));
        CreateMap<Contact, Versioned<ContactResponse>>()
            .ForMember(v => v.Value, o => o.MapFrom(c => c))
            .ForMember(v => v.Version, o => o.MapFrom(c => c.Version));
    }
}
