using Crm.Web.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Crm.Application.UnitTests;

public sealed class StartupGuardTests
{
    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Crm.Web";

        public string ContentRootPath { get; set; } = ".";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static IConfiguration Config(string? key) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Jwt:SigningKey"] = key }).Build();

    [Fact]
    public void TheApiRefusesToStartOutsideDevelopmentWithoutASigningKey() =>
        Should.Throw<InvalidOperationException>(() => JwtSettings.Load(Config(null), new Env("Production")))
            .Message.ShouldContain("Jwt__SigningKey");

    [Fact]
    public void AShortKeyIsRefused() =>
        Should.Throw<InvalidOperationException>(() => JwtSettings.Load(Config("too-short"), new Env("Production")));

    [Fact]
    public void DevelopmentFallsBackToADevelopmentKey() =>
        JwtSettings.Load(Config(null), new Env("Development")).SigningKey.ShouldBe(JwtSettings.DevelopmentKey);
}
