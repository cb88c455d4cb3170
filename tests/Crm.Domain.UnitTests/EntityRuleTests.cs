using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Domain.Users;

namespace Crm.Domain.UnitTests;

public sealed class CustomerTests
{
    private static CustomerDetails Details(string name = "Acme", IReadOnlyList<string>? tags = null) =>
        new(CustomerKind.Company, name, null, null, null, CustomerType.Lead, null, null, tags ?? [], null, null, "{}");

    [Fact]
    public void IdsAreVersion7() => Customer.Create(Details()).Id.Version.ShouldBe(7);

    [Fact]
    public void ANameIsRequired() => Should.Throw<DomainException>(() => Customer.Create(Details(" ")));

    [Fact]
    public void TagsAreDeduplicatedIgnoringCase() =>
        Customer.Create(Details(tags: ["VIP", "vip", "pl"])).Tags.ShouldBe(["VIP", "pl"]);

    [Fact]
    public void ArchiveIsIdempotentAndBlocksChangesUntilRestored()
    {
        var customer = Customer.Create(Details());
        var now = DateTimeOffset.UtcNow;
        customer.Archive(now).ShouldBeTrue();
        customer.Archive(now).ShouldBeFalse();
        Should.Throw<DomainException>(() => customer.Update(Details("B")));
        customer.Restore().ShouldBeTrue();
        customer.Update(Details("B"));
        customer.Name.ShouldBe("B");
    }

    [Fact]
    public void AnEmptyAddressIsStoredAsNone()
    {
        var customer = Customer.Create(Details() with { Address = new Address(null, null, null, null, null, null) });
        customer.ToDetails().Address.ShouldBeNull();
    }

    [Fact]
    public void SearchTextCoversNameEmailAndCity()
    {
        var customer = Customer.Create(Details("Αθηναϊκή") with { Email = "info@athinaiki.gr", Address = new Address(null, null, "Αθήνα", null, null, "GR") });
        customer.SearchText.ShouldBe("αθηναικη info@athinaiki.gr αθηνα");
    }

    [Fact]
    public void NamesAreKeptInNfc()
    {
        var customer = Customer.Create(Details("Cafe\u0301 Sa\u0303o Bento"));
        customer.Name.ShouldBe("Café São Bento");
        customer.Update(Details("Ło\u0301dz\u0301 Αθη\u0301να"));
        customer.Name.ShouldBe("Łódź Αθήνα");

        var contact = Contact.Create(new ContactDetails(customer.Id, "Zoe\u0308", "Wis\u0301niewska", null, null, null, false, null, "{}"));
        (contact.FirstName, contact.LastName).ShouldBe(("Zoë", "Wiśniewska"));
        Department.Create("Financ\u0327es").Name.ShouldBe("Finançes");
        var user = User.Create("a@b.pt", "Joa\u0303o", [Roles.Admin], null);
        user.Name.ShouldBe("João");
        user.Rename("Ma\u0301rio");
        user.Name.ShouldBe("Mário");
    }
}

public sealed class UserTests
{
    [Fact]
    public void UnknownRolesAreRefused() =>
        Should.Throw<DomainException>(() => User.Create("a@b.pt", "A", ["Wizard"], null));

    [Fact]
    public void AtLeastOneRole() =>
        Should.Throw<DomainException>(() => User.Create("a@b.pt", "A", [], null));

    [Fact]
    public void FailedSignInsBlockWithGrowingDelayAfterTheFreeOnes()
    {
        var user = User.Create("a@b.pt", "A", [Roles.Sales], null);
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < User.FreeFailedSignIns - 1; i++)
        {
            user.RecordFailedSignIn(now);
            user.IsSignInBlocked(now).ShouldBeFalse();
        }

        user.RecordFailedSignIn(now);
        user.SignInBlockedUntil.ShouldBe(now.AddSeconds(2));
        user.RecordFailedSignIn(now);
        user.SignInBlockedUntil.ShouldBe(now.AddSeconds(4));
        for (var i = 0; i < 30; i++)
        {
            user.RecordFailedSignIn(now);
        }

        user.SignInBlockedUntil.ShouldBe(now.AddMinutes(15));
        user.RecordSignIn(now);
        user.IsSignInBlocked(now).ShouldBeFalse();
        user.FailedSignInCount.ShouldBe(0);
    }

    [Fact]
    public void ARotatedRefreshTokenIsNoLongerActive()
    {
        var now = DateTimeOffset.UtcNow;
        var token = RefreshToken.Issue(Guid.CreateVersion7(), "hash", Guid.CreateVersion7(), now.AddDays(1));
        token.IsActive(now).ShouldBeTrue();
        token.Revoke(now, Guid.CreateVersion7());
        token.IsActive(now).ShouldBeFalse();
        token.IsActive(now.AddDays(2)).ShouldBeFalse();
    }
}
