using AutoMapper;
using Crm.Contracts.ApiTokens;
using Crm.Domain.Users;

namespace Crm.Application.ApiTokens;

public sealed class ApiTokenMappingProfile : Profile
{
    public ApiTokenMappingProfile() => CreateMap<ApiToken, ApiTokenResponse>();
}
