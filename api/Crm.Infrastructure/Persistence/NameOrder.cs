namespace Crm.Infrastructure.Persistence;

/// <summary>
/// The order lists sort names in: the ICU root collation (CLDR's order for every script, with no one language's
/// tailoring) with numbers compared by value. Letters first, then accents, then case: "adam", "Adam", "Ágata", "Bruno",
/// "Łukasz" after "Lukasz" and before "Mário", Greek after Latin in its own alphabet, "Loja 9" before "Loja 10". The
/// database's default collation (C.UTF-8 here, whatever the server was initialised with elsewhere) sorted by code point:
/// lower case and accented names after Z. Deterministic, so equal still means the same bytes and (name, id) keysets,
/// unique indexes and equality checks behave as before; only the order changes.
/// </summary>
public static class NameOrder
{
    public const string Collation = "crm_names";

    public const string IcuLocale = "und-u-kn-true";
}
