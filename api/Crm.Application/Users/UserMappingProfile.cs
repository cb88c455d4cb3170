using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.Users;
using Crm.Domain.Users;

namespace Crm.Application.Users;

public sealed class UserMappingProfile : Profile
{
    public UserMappingProfile()
    {
        CreateMap<User, UserResponse>();
        CreateMap<User, MeResponse>();
        CreateMap<User, UserDirectoryEntry>();
        CreateMap<User, Versioned<UserResponse>>()
            .ForMember(v => v.Value, o => o.MapFrom(u => u))
            .ForMember(v => v.Version, o => o.MapFrom(u => u.Version));
        CreateMap<Department, DepartmentResponse>();
        CreateMap<Department, Versioned<DepartmentResponse>>()
            .ForMember(v => v.Value, o => o.MapFrom(d => d))
            .ForMember(v => v.Version, o => o.MapFrom(d => d.Version));
    }
}
