using Crm.Application.CustomFields;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Crm.Infrastructure.Persistence.Configurations;

/// <summary>jsonb comes back in PostgreSQL's own layout; reading canonicalises it, so equal values are equal strings.</summary>
internal static class CustomFieldsConversion
{
    public static readonly ValueConverter<string, string> Converter = new(v => v, v => CustomFieldJson.Canonicalize(v));
}
