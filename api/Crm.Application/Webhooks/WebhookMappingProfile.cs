using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.Webhooks;
using Crm.Domain.Webhooks;
using WireStatus = Crm.Contracts.Webhooks.WebhookDeliveryStatus;

namespace Crm.Application.Webhooks;

public sealed class WebhookMappingProfile : Profile
{
    public WebhookMappingProfile()
    {
        CreateMap<WebhookSubscription, WebhookResponse>();
        CreateMap<WebhookSubscription, Versioned<WebhookResponse>>()
            .ForMember(v => v.Value, o => o.MapFrom(s => s))
            .ForMember(v => v.Version, o => o.MapFrom(s => s.Version));
        CreateMap<WebhookDeliveryAttempt, WebhookAttemptResponse>();
        CreateMap<WebhookDelivery, WebhookDeliveryResponse>()
            .ForMember(d => d.Status, o => o.MapFrom(s =>
                s.Status == Domain.Webhooks.WebhookDeliveryStatus.Pending ? WireStatus.Pending
                : s.Status == Domain.Webhooks.WebhookDeliveryStatus.Succeeded ? WireStatus.Succeeded
                : WireStatus.Failed))
            .ForMember(d => d.NextAttemptAt, o => o.MapFrom(s => s.Status == Domain.Webhooks.WebhookDeliveryStatus.Pending ? s.NextAttemptAt : (DateTimeOffset?)null))
            .ForMember(d => d.Attempts, o => o.MapFrom(s => s.Attempts.OrderBy(a => a.Number)));
    }
}
