using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.ApiTokens;
using Crm.Domain.Users;

namespace Crm.Application.ApiTokens;

public sealed class ApiTokenMappingProfile : Profile
{
    public ApiTokenMappingProfile()
    {
        CreateMap<ApiToken, ApiTokenResponse>();
        CreateMap<ApiToken, Versioned<ApiTokenResponse>>()
            .ForMember(v => v.Value, o => o.MapFrom(t => t))
            .ForMember(v => v.Version, o => o.MapFrom(t => t.Version));
    }
}
