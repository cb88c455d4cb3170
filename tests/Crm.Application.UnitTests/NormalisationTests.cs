using Crm.Application.Common;
using Crm.Application.Customers;
using Crm.Contracts.Customers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Application.UnitTests;

public sealed class ContactPointTests
{
    [Theory]
    [InlineData(" Ana.Silva@Example.PT ", "ana.silva@example.pt")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void EmailsAreTrimmedAndLowerCased(string? input, string? expected) =>
        ContactPoints.NormalizeEmail(input).ShouldBe(expected);

    [Theory]
    [InlineData(" Ana.Silva@Example.PT ", "ana.silva@example.pt")]
    [InlineData("İREM@example.com", "irem@example.com")]
    [InlineData("ılgın@example.com", "ılgın@example.com")] // dotless ı is its own letter
    [InlineData("ana@XN--BCHER-KVA.de", "ana@bücher.de")]
    [InlineData("ana@BÜCHER.de", "ana@bücher.de")]
    [InlineData("a@i\u0307stanbul.tr", "a@i\u0307stanbul.tr")]
    [InlineData("a@İstanbul.tr", "a@i\u0307stanbul.tr")]
    [InlineData("", null)]
    public void AccountEmailsMeetInOneFormWhateverTheCultureOrDomainSpelling(string? input, string? expected)
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("tr-TR");
        try
        {
            ContactPoints.NormalizeAccountEmail(input).ShouldBe(expected);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData("a@b.pt", true)]
    [InlineData("a@b", false)]
    [InlineData("a b@c.pt", false)]
    [InlineData("@c.pt", false)]
    [InlineData("a@@c.pt", false)]
    [InlineData("a@c..pt", false)]
    public void EmailShape(string email, bool valid) => ContactPoints.IsValidEmail(email).ShouldBe(valid);

    [Theory]
    [InlineData("+351 21 345 6789", null, "+351213456789")]
    [InlineData("21 345 6789", "PT", "+351213456789")]
    [InlineData("42 123 45 67", "pl", "+48421234567")]
    [InlineData("(0)30 1234567", "DE", "+49301234567")]
    [InlineData("+30 21 0123 4567", null, "+302101234567")]
    public void PhonesBecomeE164(string input, string? region, string expected)
    {
        ContactPoints.TryNormalizePhone(input, region, out var e164).ShouldBeTrue();
        e164.ShouldBe(expected);
    }

    [Theory]
    [InlineData("21 345 6789", null)] // no country code and no region
    [InlineData("12", "PT")]
    [InlineData("call me", "PT")]
    public void ImpossiblePhonesAreRefused(string input, string? region) =>
        ContactPoints.TryNormalizePhone(input, region, out _).ShouldBeFalse();

    [Theory]
    [InlineData("Example.COM", "https://example.com")]
    [InlineData("http://Example.com:80/", "http://example.com")]
    [InlineData("https://example.com/path/?q=1#frag", "https://example.com/path/?q=1")]
    [InlineData("https://żółć.pl", "https://xn--kda4b0koi.pl")]
    public void WebsitesAreCanonical(string input, string expected)
    {
        ContactPoints.TryNormalizeWebsite(input, out var url).ShouldBeTrue();
        url.ShouldBe(expected);
    }

    [Theory]
    [InlineData(80, true)] // https://example.com/ + 80 × %C4%85 = 500 characters
    [InlineData(81, false)]
    [InlineData(400, false)] // 412 characters as typed, 2,420 once normalised
    public void AWebsiteIsMeasuredOnceNormalised(int letters, bool valid)
    {
        var website = "example.com/" + new string('ą', letters);
        var errors = new CustomerInputValidator().Validate(new CustomerInput { Name = "Ana", Website = website }).Errors;
        errors.Select(e => e.PropertyName).ShouldBe(valid ? [] : ["Website"]);
    }

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("javascript:alert(1)")]
    [InlineData("not a url")]
    [InlineData("https://user:pw@example.com")]
    public void NonWebAddressesAreRefused(string input) => ContactPoints.TryNormalizeWebsite(input, out _).ShouldBeFalse();
}

public sealed class PagingTests
{
    [Fact]
    public void CursorsRoundTrip()
    {
        var id = Guid.CreateVersion7();
        var cursor = Paging.Encode("customers:name:a", "Zakład", id);
        Paging.Decode(cursor, "customers:name:a").ShouldBe(("Zakład", id));
    }

    [Theory]
    [InlineData("!!!")]
    [InlineData("eyJ9")]
    [InlineData("")]
    public void ForgedCursorsAreABadRequestNamingTheCursor(string cursor) =>
        Should.Throw<BadRequestException>(() => Paging.Decode(cursor, "customers:name:a")).Errors.Keys.ShouldBe(["cursor"]);

    [Fact]
    public void ACursorOfAnotherListIsRefused() =>
        Should.Throw<BadRequestException>(() => Paging.Decode(Paging.Encode("contacts:createdAt:a", "1", Guid.Empty), "customers:name:a"));

    [Theory]
    [InlineData("-1")]
    [InlineData("99999999999999999999")]
    [InlineData("abc")]
    public void OutOfRangeTimeKeysAreRefused(string key) => Should.Throw<BadRequestException>(() => Paging.ParseTime(key));
}

public sealed class EnumAlignmentTests
{
    [Theory]
    [InlineData(typeof(Crm.Domain.Customers.CustomerKind), typeof(Crm.Contracts.Customers.CustomerKind))]
    [InlineData(typeof(Crm.Domain.Customers.CustomerType), typeof(Crm.Contracts.Customers.CustomerType))]
    [InlineData(typeof(Crm.Domain.Customers.LifecycleStage), typeof(Crm.Contracts.Customers.LifecycleStage))]
    [InlineData(typeof(Crm.Domain.CustomFields.CustomFieldEntity), typeof(Crm.Contracts.CustomFields.CustomFieldEntity))]
    [InlineData(typeof(Crm.Domain.CustomFields.CustomFieldType), typeof(Crm.Contracts.CustomFields.CustomFieldType))]
    public void DomainAndWireEnumsHaveTheSameMembersInTheSameOrder(Type domain, Type wire)
    {
        Enum.GetNames(domain).ShouldBe(Enum.GetNames(wire));
        Enum.GetValues(domain).Cast<int>().ShouldBe(Enum.GetValues(wire).Cast<int>());
    }
}

public sealed class MappingTests
{
    [Fact]
    public void TheAutoMapperConfigurationIsValid()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApplication(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        var mapper = provider.GetRequiredService<AutoMapper.IMapper>();
        mapper.ConfigurationProvider.AssertConfigurationIsValid();
    }
}
