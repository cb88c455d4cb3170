using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Crm.Application.Common;

/// <summary>The one JSON configuration of the wire: the web host applies it, merge-patch uses it.</summary>
public static class CrmJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // Unknown properties are a client bug; answer 400 naming them instead of silently dropping data.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // A member given twice is as much a client bug, and readers disagree on which one counts (see JsonDuplicates).
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        // By name, one name: no numbers, no comma lists read as flags (see the converter).
        options.Converters.Add(new OneNameEnumConverter(JsonNamingPolicy.CamelCase));
        // U+0000 anywhere in a body is a 400 naming the field (PostgreSQL text cannot hold it): strings and custom-field values.
        options.Converters.Add(new NulRejectingStringConverter());
        options.Converters.Add(new NulRejectingJsonElementConverter());
        // The customer, 50 to a list page, is written by hand (the same JSON; see the converter).
        options.Converters.Add(new CustomerResponseConverter());
        // Generated metadata for the hot types first; reflection still serves every other type. A fresh
        // JsonSerializerOptions has an empty chain (reflection is only its implicit default), so add it.
        if (options.TypeInfoResolverChain.Count == 0)
        {
            options.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
        }

        options.TypeInfoResolverChain.Insert(0, CrmJsonContext.Default);
        return options;
    }
}
