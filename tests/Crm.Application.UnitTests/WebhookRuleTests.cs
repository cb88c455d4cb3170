using Crm.Application.Webhooks;
using Crm.Contracts.Webhooks;

namespace Crm.Application.UnitTests;

public sealed class WebhookRuleTests
{
    [Theory]
    [InlineData("https://erp.example.com/hooks", false, null)]
    [InlineData("https://93.184.215.14/hooks", false, null)]
    [InlineData("http://erp.example.com/hooks", false, "Must be an https URL.")]
    [InlineData("http://127.0.0.1:5000/hooks", true, null)]
    [InlineData("https://127.0.0.1/hooks", false, "internal")]
    [InlineData("https://[::1]/hooks", false, "internal")]
    [InlineData("https://[fc00::1]/hooks", false, "internal")]
    [InlineData("https://10.2.3.4/hooks", false, "internal")]
    [InlineData("https://169.254.169.254/latest", false, "internal")]
    [InlineData("https://localhost/hooks", false, "internal")]
    [InlineData("https://user:pass@erp.example.com/hooks", false, "credentials")]
    [InlineData("https://erp.example.com:0/hooks", false, "port 0")]
    [InlineData("https://erp.example.com:8443/hooks", false, null)]
    [InlineData("/relative", false, "absolute")]
    public void UrlsAreJudgedBySchemeAndAddress(string url, bool allowPrivate, string? problem)
    {
        var found = WebhookUrls.Problem(url, allowPrivate);
        if (problem is null)
        {
            found.ShouldBeNull();
        }
        else
        {
            found.ShouldNotBeNull().ShouldContain(problem);
        }
    }

    [Fact]
    public void EventTypesAreTheFourLifecycleEventsOfCustomersAndContacts()
    {
        WebhookEvents.Types.ShouldBe([
            "customer.created", "customer.updated", "customer.archived", "customer.restored",
            "contact.created", "contact.updated", "contact.archived", "contact.restored"]);
        WebhookEvents.IsKnown(WebhookEvents.Ping).ShouldBeFalse();
    }

    [Fact]
    public async Task UnknownEventsAreNamedByIndex()
    {
        var validator = new WebhookInputValidator(new WebhookOptions { AllowPrivateTargets = true });
        var result = await validator.ValidateAsync(new WebhookInput { Url = "http://127.0.0.1/h", Events = ["customer.created", "deal.won"] }, TestContext.Current.CancellationToken);
        result.Errors.Select(e => e.PropertyName).ShouldBe(["Events[1]"]);
    }
}
