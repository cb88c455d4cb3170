using AutoMapper;
using Crm.Application.Common;
using Crm.Contracts.Webhooks;
using Crm.Domain.Webhooks;
using FluentValidation;
using Mediator;

namespace Crm.Application.Webhooks.CreateWebhook;

public sealed record CreateWebhook(WebhookInput Input) : ICommand<Versioned<CreatedWebhookResponse>>;

public sealed class CreateWebhookValidator : AbstractValidator<CreateWebhook>
{
    public CreateWebhookValidator(WebhookOptions options) => RuleFor(x => x.Input).NotNull().SetValidator(new WebhookInputValidator(options));
}

public sealed class CreateWebhookHandler(ICrmDbContext db, IMapper mapper) : ICommandHandler<CreateWebhook, Versioned<CreatedWebhookResponse>>
{
    public async ValueTask<Versioned<CreatedWebhookResponse>> Handle(CreateWebhook request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var secret = input.Secret ?? WebhookInputs.NewSecret();
        var subscription = WebhookSubscription.Create(WebhookInputs.Url(input), input.Events!, secret, WebhookInputs.Description(input), input.Active);
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return new Versioned<CreatedWebhookResponse>
        {
            Value = new CreatedWebhookResponse { Webhook = mapper.Map<WebhookResponse>(subscription), Secret = secret },
            Version = subscription.Version,
        };
    }
}
