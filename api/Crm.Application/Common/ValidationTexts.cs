using System.Globalization;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Resources;

namespace Crm.Application.Common;

/// <summary>Validation messages from the catalogue (<see cref="Texts"/>), worded when a rule fails in the request's language.</summary>
public static class ValidationTexts
{
    /// <summary>
    /// The rule's message is the catalogue's <paramref name="key"/>, worded when the rule fails (validators are
    /// singletons: a message fixed when one is built would be in whatever language that request had).
    /// </summary>
    public static IRuleBuilderOptions<T, TProperty> WithText<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string key, params (string Name, object? Value)[] args) =>
        rule.WithMessage(_ => Texts.Format(key, args));

    /// <summary>
    /// FluentValidation's own messages in the request's language: it picks <see cref="CultureInfo.CurrentUICulture"/> and
    /// ships all our languages, but we word the validators we use ourselves (<c>validator.*</c> keys: its Portuguese is
    /// Brazilian, its Polish writes "znaki(ów)"), and a field is named by its whole path (<c>'address.city'</c>, the
    /// error's key, not <c>'city'</c>).
    /// </summary>
    public static void Configure()
    {
        var languages = new LanguageManager();
        foreach (var language in Texts.Languages.Where(l => l != Texts.English.Name))
        {
            foreach (var (key, text) in Texts.Catalogue(language))
            {
                if (key.StartsWith(ValidatorPrefix, StringComparison.Ordinal))
                {
                    languages.AddTranslation(language, key[ValidatorPrefix.Length..], text);
                }
            }
        }

        ValidatorOptions.Global.LanguageManager = languages;
        ValidatorOptions.Global.MessageFormatterFactory = () => new FieldPathFormatter();
    }

    /// <summary>Catalogue keys of FluentValidation's messages: <c>validator.</c> and its validator's name.</summary>
    public const string ValidatorPrefix = "validator.";

    /// <summary>Names a nested field by its path, as the error's key does; a top-level field keeps its name.</summary>
    private sealed class FieldPathFormatter : MessageFormatter
    {
        public override string BuildMessage(string messageTemplate)
        {
            if (PlaceholderValues.TryGetValue("PropertyPath", out var value) && value is string path
                && PlaceholderValues.TryGetValue(PropertyName, out var name) && name is string shown
                && FieldNames.FromPropertyPath(path) is var field && field.Contains('.', StringComparison.Ordinal)
                && field.EndsWith("." + shown, StringComparison.Ordinal))
            {
                PlaceholderValues[PropertyName] = field;
            }

            return base.BuildMessage(messageTemplate);
        }
    }
}
