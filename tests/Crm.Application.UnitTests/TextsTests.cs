using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Crm.Application.Common;
using Crm.Application.Customers;
using Crm.Contracts.Customers;
using FluentValidation;
using FluentValidation.Resources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Application.UnitTests;

/// <summary>The API's message catalogues (api/Crm.Application/Locales): complete in every language, and the only source of the texts.</summary>
public sealed partial class TextsTests
{
    public static TheoryData<string> Translations() => new(Texts.Languages.Where(l => l != "en"));

    [Theory]
    [MemberData(nameof(Translations))]
    public void EveryKeyIsInEveryCatalogueWithTheSamePlaceholders(string language)
    {
        var english = Texts.Catalogue("en");
        var catalogue = Texts.Catalogue(language);

        english.Keys.Except(catalogue.Keys).ShouldBeEmpty($"{language} lacks these keys");
        catalogue.Keys.Except(english.Keys).ShouldBeEmpty($"{language} has keys English does not");
        foreach (var (key, text) in catalogue)
        {
            text.ShouldNotBeNullOrWhiteSpace($"{language} {key}");
            Texts.Placeholders(text).Order().ShouldBe(Texts.Placeholders(english[key]).Order(), $"{language} {key}");
        }
    }

    [Fact]
    public void EnglishTextsAreNeverEmpty()
    {
        foreach (var (key, text) in Texts.Catalogue("en"))
        {
            text.ShouldNotBeNullOrWhiteSpace(key);
        }
    }

    [Theory]
    [InlineData("pl", "Nie znaleziono.")]
    [InlineData("pt-BR", "Não encontrado.")]
    [InlineData("el-GR", "Δεν βρέθηκε.")]
    [InlineData("de", "Not found.")]
    [InlineData("", "Not found.")]
    public void ALanguageWithoutACatalogueIsEnglishAndARegionalOneItsLanguage(string culture, string expected) =>
        Texts.Get("problem.notFound.title", CultureInfo.GetCultureInfo(culture)).ShouldBe(expected);

    [Fact]
    public void PlaceholdersAreFilledByNameAndNumbersWrittenAsTheLanguageWritesThem()
    {
        Texts.Format("json.malformed", Texts.English, ("position", 7), ("line", 3)).ShouldBe("Malformed JSON at line 3, position 7.");
        Texts.Format("problem.tooLarge.detail", Texts.English, ("limit", 1048576L)).ShouldBe("Bodies are limited to 1048576 bytes.");
        Texts.Format("field.maxChars", CultureInfo.GetCultureInfo("el"), ("max", 200)).ShouldBe("Έως 200 χαρακτήρες.");
    }

    [Fact]
    public void EveryKeyTheCodeNamesIsInTheCatalogueAndEveryKeyIsUsed()
    {
        var english = Texts.Catalogue("en");
        var prefixes = english.Keys.Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)]).ToHashSet();
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root(), "api"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match m in KeyLiteral().Matches(File.ReadAllText(file)))
            {
                if (prefixes.Contains(m.Groups[1].Value))
                {
                    named.Add(m.Groups[0].Value.Trim('"'));
                }
            }
        }

        named.Except(english.Keys).ShouldBeEmpty("keys named in api/ but missing from Locales/en.json");
        english.Keys.Where(k => !k.StartsWith(ValidationTexts.ValidatorPrefix, StringComparison.Ordinal)).Except(named)
            .ShouldBeEmpty("keys in Locales/en.json that no code names");
    }

    /// <summary>FluentValidation's messages that we word ourselves: English stays its own, every other language is ours.</summary>
    [Fact]
    public void ValidatorMessagesAreFluentValidationsInEnglishAndOursElsewhere()
    {
        AddApplication();
        var shipped = new LanguageManager();
        foreach (var (key, text) in Texts.Catalogue("en").Where(e => e.Key.StartsWith(ValidationTexts.ValidatorPrefix, StringComparison.Ordinal)))
        {
            var validator = key[ValidationTexts.ValidatorPrefix.Length..];
            shipped.GetString(validator, Texts.English).ShouldBe(text, key);
            foreach (var language in Texts.Languages)
            {
                ValidatorOptions.Global.LanguageManager.GetString(validator, CultureInfo.GetCultureInfo(language))
                    .ShouldBe(Texts.Catalogue(language)[key], $"{language} {key}");
            }
        }
    }

    [Theory]
    [InlineData("en", "The length of 'address.city' must be 100 characters or fewer. You entered 101 characters.", "A name is required.")]
    [InlineData("pl", "Maksymalna liczba znaków w polu 'address.city': 100. Wprowadzono: 101.", "Nazwa jest wymagana.")]
    [InlineData("pt", "O campo 'address.city' pode ter no máximo 100 caracteres. Introduziu 101 caracteres.", "O nome é obrigatório.")]
    public void ValidationMessagesAreInTheUiLanguageAndNameANestedFieldByItsPath(string language, string city, string name)
    {
        AddApplication();
        var input = new CustomerInput { Name = "", Address = new AddressDto { City = new string('x', 101) } };
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            var errors = new CustomerInputValidator().Validate(input).Errors;
            errors.Single(e => e.PropertyName == "Address.City").ErrorMessage.ShouldBe(city);
            errors.Single(e => e.PropertyName == "Name").ErrorMessage.ShouldBe(name);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static void AddApplication() => new ServiceCollection().AddApplication(new ConfigurationBuilder().Build());

    /// <summary>The Domain depends on nothing, so its refusals carry their key and English text: the English must be the catalogue's.</summary>
    [Fact]
    public void TheDomainsEnglishIsTheCatalogues()
    {
        var english = Texts.Catalogue("en");
        var found = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root(), "api", "Crm.Domain"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match m in DomainRefusal().Matches(File.ReadAllText(file)))
            {
                Placeholder().Replace(m.Groups[2].Value, "{}").ShouldBe(Placeholder().Replace(english[m.Groups[1].Value], "{}"), m.Groups[1].Value);
                found++;
            }
        }

        found.ShouldBeGreaterThan(10);
    }

    /// <summary>The places that word problems take every title and detail from the catalogue: no English literal is left in them.</summary>
    [Theory]
    [InlineData("api/Crm.Web/Infrastructure/ProblemDetailsExceptionHandler.cs")]
    [InlineData("api/Crm.Web/Infrastructure/RequestLimits.cs")]
    [InlineData("api/Crm.Web/Infrastructure/NulQueryMiddleware.cs")]
    [InlineData("api/Crm.Web/Infrastructure/Idempotency.cs")]
    [InlineData("api/Crm.Web/Infrastructure/ETags.cs")]
    [InlineData("api/Crm.Web/Auth/BearerProblems.cs")]
    [InlineData("api/Crm.Web/Auth/UserAccess.cs")]
    [InlineData("api/Crm.Web/CrmSetup.cs")]
    public void ProblemsAreWordedFromTheCatalogue(string path)
    {
        var source = File.ReadAllText(Path.Combine(Root(), path));
        WordedLiteral().Matches(source).Select(m => m.Value).ShouldBeEmpty();
    }

    private static string Root([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));

    [GeneratedRegex(@"""([a-z][A-Za-z]*)\.[A-Za-z][A-Za-z0-9.]*""")]
    private static partial Regex KeyLiteral();

    [GeneratedRegex(@"new DomainException\(""([^""]+)"", \$?""([^""]+)""")]
    private static partial Regex DomainRefusal();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholder();

    /// <summary>A problem's title or detail, or a refusal, given as a sentence in quotes.</summary>
    [GeneratedRegex(@"(?:(?:Title|Detail|title|detail)\s*[=:]\s*\$?""[A-Z]|(?:Problem|WriteAsync|Exception|Validation)\([^;]*?,\s*\$?""[A-Z][a-z]+ [^""]*\.""|Exception\(\$?""[A-Z]|return \$?""[A-Z][a-z]+ [^""]*\.""|=> \$?""[A-Z][a-z]+ [^""]*\."")")]
    private static partial Regex WordedLiteral();
}
