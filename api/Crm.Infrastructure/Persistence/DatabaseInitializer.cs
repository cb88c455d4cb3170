using Crm.Application.Common;
using Crm.Domain.Customers;
using Crm.Domain.Users;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Crm.Infrastructure.Persistence;

/// <summary>Start-up work: migrations, the bootstrap Admin, and (on request) demo data. Safe with many replicas.</summary>
public sealed class DatabaseInitializer(CrmDbContext db, IPasswordHasher hasher, IConfiguration configuration, ILogger<DatabaseInitializer> logger)
{
    // Any fixed number: serialises start-up work between replicas.
    private const long StartupLockKey = 0x43524d5f494e4954;

    public async Task InitializeAsync(CancellationToken ct)
    {
        if (configuration.GetValue("Database:MigrateOnStartup", true))
        {
            // A migration may rewrite or index a large table: no 30 s command timeout for that.
            var timeout = db.Database.GetCommandTimeout();
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            try
            {
                await db.Database.MigrateAsync(ct);
            }
            finally
            {
                db.Database.SetCommandTimeout(timeout);
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({StartupLockKey})", ct);
        await NormalizeUserEmailsAsync(ct);
        await EnsureBootstrapAdminAsync(ct);
        if (configuration.GetValue("Demo:Seed", false))
        {
            await SeedDemoAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Users stored before sign-in emails were unified (<see cref="ContactPoints.NormalizeAccountEmail"/>) may hold a
    /// punycode domain or a capital İ, which sign-in no longer finds: rewrites them in the unified form. IDNA is not in
    /// SQL, so this runs here rather than in a migration; only rows with non-ASCII or "xn--" are read (the users of
    /// Unicode domains, again at every start: a few rows of a small table), and only those not yet unified are written. Two accounts that turn out to be one address keep both rows: the one
    /// already in the unified form keeps it, the other is left as it was and logged for an Admin to resolve.
    /// </summary>
    private async Task NormalizeUserEmailsAsync(CancellationToken ct)
    {
        var candidates = await db.Users
            .Where(u => u.Email.Contains("xn--") || Regex.IsMatch(u.Email, "[^\\x01-\\x7f]"))
            .ToListAsync(ct);
        foreach (var user in candidates)
        {
            var unified = ContactPoints.NormalizeAccountEmail(user.Email)!;
            if (unified == user.Email)
            {
                continue;
            }

            var other = await db.Users.Where(u => u.Email == unified).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            if (other is { } otherId)
            {
                logger.LogWarning("User {UserId} ({Email}) has the same email as user {OtherId} ({Unified}); left as it is, resolve by hand", user.Id, user.Email, otherId, unified);
                continue;
            }

            logger.LogInformation("User {UserId}: email {Email} unified as {Unified}", user.Id, user.Email, unified);
            user.ChangeEmail(unified);
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task EnsureBootstrapAdminAsync(CancellationToken ct)
    {
        var email = ContactPoints.NormalizeAccountEmail(configuration["Bootstrap:AdminEmail"]);
        var password = configuration["Bootstrap:AdminPassword"];
        if (email is null || string.IsNullOrEmpty(password) || await db.Users.AnyAsync(ct))
        {
            return;
        }

        var admin = User.Create(email, "Administrator", [Roles.Admin], null);
        admin.SetPasswordHash(hasher.Hash(password));
        db.Users.Add(admin);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Created the bootstrap Admin {Email}", email);
    }

    private async Task SeedDemoAsync(CancellationToken ct)
    {
        if (await db.Customers.AnyAsync(ct))
        {
            return;
        }

        foreach (var (name, kind, type, email, phone, website, city, country) in DemoData.Customers)
        {
            var customer = Customer.Create(new CustomerDetails(
                kind, name, email, phone, website, type, null, null, [], null,
                new Address(null, null, city, null, null, country), "{}"));
            db.Customers.Add(customer);
            if (DemoData.Contacts.TryGetValue(name, out var contact))
            {
                db.Contacts.Add(Contact.Create(new ContactDetails(
                    customer.Id, contact.First, contact.Last, contact.Email, null, contact.Title, false, null, "{}")));
            }
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Loaded {Count} demo customers", DemoData.Customers.Count);
    }
}

internal static class DemoData
{
    public static readonly IReadOnlyList<(string Name, CustomerKind Kind, CustomerType Type, string? Email, string? Phone, string? Website, string City, string Country)> Customers =
    [
        ("Zakład Łódzki Żółć Sp. z o.o.", CustomerKind.Company, CustomerType.Customer, "biuro@zaklad-lodzki.pl", "+48421234567", "https://zaklad-lodzki.pl", "Łódź", "PL"),
        ("Kraków Świętokrzyska Spółka", CustomerKind.Company, CustomerType.Prospect, "kontakt@swietokrzyska.pl", "+48123456789", null, "Kraków", "PL"),
        ("Construções São João Lda", CustomerKind.Company, CustomerType.Customer, "geral@saojoao.pt", "+351213456789", "https://saojoao.pt", "Lisboa", "PT"),
        ("Padaria Conceição", CustomerKind.Company, CustomerType.Lead, "ola@padariaconceicao.pt", null, null, "Porto", "PT"),
        ("Distribuidora São Paulo Ltda", CustomerKind.Company, CustomerType.Supplier, "compras@dsp.com.br", "+551131234567", "https://dsp.com.br", "São Paulo", "BR"),
        ("Cooperativa Agrícola de l'Empordà", CustomerKind.Company, CustomerType.Partner, "info@empordacoop.cat", "+34972123456", "https://empordacoop.cat", "Figueres", "ES"),
        ("Cal Pagès Cel·lers", CustomerKind.Company, CustomerType.Customer, "hola@calpages.cat", null, null, "Girona", "ES"),
        ("Αθηναϊκή Εμπορική Α.Ε.", CustomerKind.Company, CustomerType.Customer, "info@athinaiki.gr", "+302101234567", "https://athinaiki.gr", "Αθήνα", "GR"),
        ("Θεσσαλονίκη Logistics", CustomerKind.Company, CustomerType.Prospect, "sales@thess-logistics.gr", null, null, "Θεσσαλονίκη", "GR"),
        ("Μαρία Παπαδοπούλου", CustomerKind.Person, CustomerType.Lead, "maria.papadopoulou@example.gr", null, null, "Πάτρα", "GR"),
        ("João Gonçalves", CustomerKind.Person, CustomerType.Customer, "joao.goncalves@example.pt", "+351912345678", null, "Coimbra", "PT"),
        ("Acme Widgets Ltd", CustomerKind.Company, CustomerType.Customer, "hello@acme-widgets.co.uk", "+442071234567", "https://acme-widgets.co.uk", "London", "GB"),
    ];

    public static readonly IReadOnlyDictionary<string, (string First, string Last, string Email, string Title)> Contacts =
        new Dictionary<string, (string, string, string, string)>
        {
            ["Zakład Łódzki Żółć Sp. z o.o."] = ("Paweł", "Wójcik", "pawel.wojcik@zaklad-lodzki.pl", "Kierownik zakupów"),
            ["Construções São João Lda"] = ("Inês", "Conceição", "ines@saojoao.pt", "Diretora financeira"),
            ["Cooperativa Agrícola de l'Empordà"] = ("Jordi", "Puigdemont i Serra", "jordi@empordacoop.cat", "Gerent"),
            ["Αθηναϊκή Εμπορική Α.Ε."] = ("Γιώργος", "Νικολάου", "g.nikolaou@athinaiki.gr", "Διευθυντής πωλήσεων"),
            ["Acme Widgets Ltd"] = ("Jane", "Doe", "jane.doe@acme-widgets.co.uk", "Head of Procurement"),
        };
}
