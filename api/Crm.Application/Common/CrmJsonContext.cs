using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;

namespace Crm.Application.Common;

/// <summary>
/// Compile-time JSON metadata for the busiest wire types; <see cref="CrmJson"/> puts it first in the
/// resolver chain and every other type falls back to reflection. The metadata carries no options of its
/// own: names, enum strings, escaping and unmapped-member handling still come from <see cref="CrmJson"/>.
/// </summary>
/// <remarks>
/// Metadata only: the serialize fast path is never taken with our options (custom converters, encoder,
/// dictionary key policy), so generating it would be dead code.
/// CustomerInput and CustomerBatchRequest are left to reflection on purpose: the .NET 10 generator sets
/// every init-only property through an object initializer, so a property absent from the JSON gets
/// default(T) instead of its initializer (dotnet/runtime#84484), and a customer posted without a type
/// would become a customer instead of a lead. Only list request types without property initializers.
/// </remarks>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(CustomerResponse))]
[JsonSerializable(typeof(Page<CustomerResponse>))]
[JsonSerializable(typeof(ContactResponse))]
[JsonSerializable(typeof(Page<ContactResponse>))]
[JsonSerializable(typeof(ContactInput))]
internal sealed partial class CrmJsonContext : JsonSerializerContext;
