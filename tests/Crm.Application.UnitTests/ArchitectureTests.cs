using System.Reflection;
using NetArchTest.Rules;

namespace Crm.Application.UnitTests;

/// <summary>Dependencies point inward only: Web → Infrastructure → Application → Domain; Contracts is a leaf.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(Crm.Domain.Common.Entity).Assembly;
    private static readonly Assembly Contracts = typeof(Crm.Contracts.Common.Page<>).Assembly;
    private static readonly Assembly Application = typeof(Crm.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(Crm.Infrastructure.DependencyInjection).Assembly;

    public static TheoryData<string, string[]> Forbidden() => new()
    {
        { "Domain", ["Crm.Application", "Crm.Infrastructure", "Crm.Web", "Crm.Contracts", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore"] },
        { "Contracts", ["Crm.Domain", "Crm.Application", "Crm.Infrastructure", "Crm.Web"] },
        { "Application", ["Crm.Infrastructure", "Crm.Web", "Microsoft.AspNetCore"] },
        { "Infrastructure", ["Crm.Web"] },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void LayersDependOnlyInward(string layer, string[] forbidden)
    {
        var assembly = layer switch
        {
            "Domain" => Domain,
            "Contracts" => Contracts,
            "Application" => Application,
            _ => Infrastructure,
        };

        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        result.IsSuccessful.ShouldBeTrue($"{layer} reaches outward: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void ProjectReferencesPointInward()
    {
        static string[] Refs(Assembly a) => a.GetReferencedAssemblies().Select(r => r.Name!).Where(n => n.StartsWith("Crm.", StringComparison.Ordinal)).ToArray();
        Refs(Domain).ShouldBeEmpty();
        Refs(Contracts).ShouldBeEmpty();
        Refs(Application).ShouldBeSubsetOf(["Crm.Domain", "Crm.Contracts"]);
        Refs(Infrastructure).ShouldBeSubsetOf(["Crm.Domain", "Crm.Contracts", "Crm.Application"]);
    }

    [Fact]
    public void EntitiesKeepTheirSettersPrivate()
    {
        var leaky = Types.InAssembly(Domain).That().Inherit(typeof(Crm.Domain.Common.Entity)).GetTypes()
            .SelectMany(t => t.GetProperties().Where(p => p.SetMethod?.IsPublic == true).Select(p => $"{t.Name}.{p.Name}"))
            .ToList();
        leaky.ShouldBeEmpty();
    }

    [Fact]
    public void HandlersAreSealed()
    {
        var result = Types.InAssembly(Application).That().HaveNameEndingWith("Handler").Should().BeSealed().GetResult();
        result.IsSuccessful.ShouldBeTrue(string.Join(", ", result.FailingTypeNames ?? []));
    }
}
