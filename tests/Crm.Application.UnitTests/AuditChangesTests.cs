using System.Text.Json.Nodes;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Crm.Application.UnitTests;

public sealed class AuditChangesTests
{
    private static CrmDbContext Offline() =>
        new(new DbContextOptionsBuilder<CrmDbContext>().UseNpgsql("Host=offline.invalid").UseSnakeCaseNamingConvention().Options);

    public static TheoryData<string> Created() => ["full customer", "bare customer", "contact"];

    private static Entity Make(string kind) => kind switch
    {
        "full customer" => Customer.Create(new CustomerDetails(
            CustomerKind.Company, "Ελληνική Εταιρεία \"Αθήνα\" & Cia. Lda.", "info@αθήνα.gr", "+30 210 555 0100", "https://example.gr",
            CustomerType.Partner, LifecycleStage.Opportunity, Guid.CreateVersion7(), ["vip", "łódź", "coöp"], "ext-42",
            new Address("Rua da Conceição 5", "2.º esq.", "Lisboa", null, "1100-000", "PT"), """{"segment":"Catalunya","score":7}""")),
        "bare customer" => Customer.Create(new CustomerDetails(
            CustomerKind.Person, "Joana", null, null, null, CustomerType.Lead, null, null, [], null, null, "{}")),
        _ => Contact.Create(new ContactDetails(Guid.CreateVersion7(), "Zoë", "Ptak-Wiśniewska", "zoe@example.pl", null, "CFO", true, null, "{}")),
    };

    [Theory]
    [MemberData(nameof(Created))]
    public void ACreatedEntityIsDescribedAsTheTreeOfChangesWouldBe(string kind)
    {
        using var db = Offline();
        var entity = Make(kind);
        entity.Stamp(new DateTimeOffset(2026, 12, 6, 16, 0, 0, TimeSpan.Zero), isNew: true);
        var entry = db.Entry(entity);
        entry.State.ShouldBe(EntityState.Detached);
        entry.State = EntityState.Added;

        var written = AuditingInterceptor.DescribeCreated(entry);
        var (action, tree) = AuditingInterceptor.Describe(entry);

        action.ShouldBe("created");
        tree.Count.ShouldBeGreaterThan(3);
        JsonNode.DeepEquals(JsonNode.Parse(written), tree).ShouldBeTrue($"{written}\n{tree.ToJsonString()}");
        written.ShouldNotContain("searchText");
        written.ShouldNotContain("\"version\"");
    }
}
