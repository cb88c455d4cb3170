using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.Webhooks;
using Crm.Domain.Webhooks;
using WireFailure = Crm.Contracts.Webhooks.WebhookFailure;
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
        // Member by member, as the status below: a cast would be sent to SQL as a cast of the stored name to an integer.
        CreateMap<WebhookDeliveryAttempt, WebhookAttemptResponse>()
            .ForMember(a => a.Failure, o => o.MapFrom(s =>
                s.Failure == null ? (WireFailure?)null
                : s.Failure == Domain.Webhooks.WebhookFailure.Status ? WireFailure.Status
                : s.Failure == Domain.Webhooks.WebhookFailure.Timeout ? WireFailure.Timeout
                : s.Failure == Domain.Webhooks.WebhookFailure.Refused ? WireFailure.Refused
                : s.Failure == Domain.Webhooks.WebhookFailure.NameNotResolved ? WireFailure.NameNotResolved
                : s.Failure == Domain.Webhooks.WebhookFailure.ConnectionFailed ? WireFailure.ConnectionFailed
                : s.Failure == Domain.Webhooks.WebhookFailure.SecureConnectionFailed ? WireFailure.SecureConnectionFailed
                : WireFailure.Other));
        CreateMap<WebhookDelivery, WebhookDeliveryResponse>()
            .ForMember(d => d.Status, o => o.MapFrom(s =>
                s.Status == Domain.Webhooks.WebhookDeliveryStatus.Pending ? WireStatus.Pending
                : s.Status == Domain.Webhooks.WebhookDeliveryStatus.Succeeded ? WireStatus.Succeeded
                : WireStatus.Failed))
            .ForMember(d => d.NextAttemptAt, o => o.MapFrom(s => s.Status == Domain.Webhooks.WebhookDeliveryStatus.Pending ? s.NextAttemptAt : (DateTimeOffset?)null))
            .ForMember(d => d.Attempts, o => o.MapFrom(s => s.Attempts.OrderBy(a => a.Number)));
    }
}
