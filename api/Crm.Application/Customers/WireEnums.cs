using Wire = Crm.Contracts.Customers;

namespace Crm.Application.Customers;

/// <summary>
/// Domain enum → wire enum. Methods (not casts) on purpose: EF Core evaluates them on the client in the
/// final projection, whereas a cast would be sent to SQL as CAST(kind AS integer) over a text column.
/// A unit test keeps the two enums' names aligned.
/// </summary>
public static class WireEnums
{
    public static Wire.CustomerKind ToWire(this Domain.Customers.CustomerKind value) => (Wire.CustomerKind)(int)value;

    public static Wire.CustomerType ToWire(this Domain.Customers.CustomerType value) => (Wire.CustomerType)(int)value;

    public static Crm.Contracts.CustomFields.CustomFieldEntity ToWire(this Domain.CustomFields.CustomFieldEntity value) => (Crm.Contracts.CustomFields.CustomFieldEntity)(int)value;

    public static Crm.Contracts.CustomFields.CustomFieldType ToWire(this Domain.CustomFields.CustomFieldType value) => (Crm.Contracts.CustomFields.CustomFieldType)(int)value;

    public static Wire.LifecycleStage? ToWire(this Domain.Customers.LifecycleStage? value) => value is { } v ? (Wire.LifecycleStage)(int)v : null;
}
