using System.Net;
using System.Net.Http.Json;
using Crm.Api.IntegrationTests.Infrastructure;
using Crm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Crm.Api.IntegrationTests.Users;

/// <summary>Department names are unique as SearchText.Fold reads them: no case, accents or extra spaces.</summary>
public sealed class DepartmentNameTests(CrmApiFactory factory) : ApiTest(factory)
{
    // Departments outlive each test (Respawn keeps the seeded ones): names of this run's own.
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    [Theory]
    [InlineData("Finanças {0}", " financas {0} ")]
    [InlineData("Finanças Norte {0}", "Finanças  Norte {0}")]
    [InlineData("Finanças Norte {0}", "FINANCAS\tnorte {0}")]
    [InlineData("Łódź {0}", "lodz {0}")]
    [InlineData("Λογιστήριο {0}", "ΛΟΓΙΣΤΗΡΙΟ {0}")]
    public async Task Returns409NamingNameWhenTheNameFoldsToAnExistingOne(string first, string second)
    {
        using var admin = await Factory.AdminClientAsync();
        var created = await (await admin.PostAsJsonAsync("/api/v1/departments", new { name = string.Format(first, run) })).ShouldBe(HttpStatusCode.Created);

        var problem = await (await admin.PostAsJsonAsync("/api/v1/departments", new { name = string.Format(second, run) })).ShouldBeProblem(HttpStatusCode.Conflict);

        problem.GetProperty("field").GetString().ShouldBe("name");
        problem.GetProperty("existingId").GetString().ShouldBe(created.GetProperty("id").GetString());
    }

    [Fact]
    public async Task ASeededDepartmentsNameInAnotherCaseOrWithSpacesIsTaken()
    {
        using var admin = await Factory.AdminClientAsync();

        var problem = await (await admin.PostAsJsonAsync("/api/v1/departments", new { name = "  supply   CHAIN " })).ShouldBeProblem(HttpStatusCode.Conflict);

        problem.GetProperty("field").GetString().ShouldBe("name");
    }

    [Fact]
    public async Task ANameIsStoredTrimmedAndOtherNamesStillCreate()
    {
        using var admin = await Factory.AdminClientAsync();

        var created = await (await admin.PostAsJsonAsync("/api/v1/departments", new { name = $"  Finanças Sul {run} " })).ShouldBe(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/departments", new { name = $"Finanças Sul 2 {run}" })).ShouldBe(HttpStatusCode.Created);

        created.GetProperty("name").GetString().ShouldBe($"Finanças Sul {run}");
    }

    [Fact]
    public async Task TheMigrationRenamesLaterDuplicatesAndKeepsEveryDepartmentAndItsUsers()
    {
        var database = "crm_migration_" + Guid.NewGuid().ToString("N")[..12];
        var server = new NpgsqlConnectionStringBuilder(Factory.ConnectionString) { Pooling = false };
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'", admin);
            await create.ExecuteNonQueryAsync();
        }

        var scratch = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ConnectionString;
        try
        {
            var options = new DbContextOptionsBuilder<CrmDbContext>()
                .UseNpgsql(scratch, o => o.MigrationsHistoryTable("__ef_migrations_history"))
                .UseSnakeCaseNamingConvention()
                .Options;
            await using var context = new CrmDbContext(options);
            var migrator = context.GetService<IMigrator>();
            await migrator.MigrateAsync("20261207115438_ApiTokenSecretsNotReplayed");

            await using var db = new NpgsqlConnection(scratch);
            await db.OpenAsync();
            await using (var seed = new NpgsqlCommand("""
                INSERT INTO departments (id, name, created_at, updated_at) VALUES
                    ('01900000-0000-7000-8000-000000000001', 'Finanças', '2026-02-01', '2026-02-01'),
                    ('01900000-0000-7000-8000-000000000002', 'financas', '2026-02-02', '2026-02-02'),
                    ('01900000-0000-7000-8000-000000000003', 'Finanças  Norte', '2026-02-03', '2026-02-03'),
                    ('01900000-0000-7000-8000-000000000004', 'FINANCAS NORTE', '2026-02-04', '2026-02-04'),
                    ('01900000-0000-7000-8000-000000000005', 'Finanças (2)', '2026-02-05', '2026-02-05'),
                    ('01900000-0000-7000-8000-000000000006', 'FINANÇAS', '2026-02-06', '2026-02-06');
                INSERT INTO users (id, email, name, password_hash, roles, department_id, active, failed_sign_in_count, created_at, updated_at)
                VALUES ('01900000-0000-7000-8000-0000000000aa', 'ana@example.pt', 'Ana', 'x', '{Sales}', '01900000-0000-7000-8000-000000000004', true, 0, now(), now());
                """, db))
            {
                await seed.ExecuteNonQueryAsync();
            }

            await migrator.MigrateAsync();

            var rows = new Dictionary<string, (string Name, string Key)>();
            await using (var read = new NpgsqlCommand("SELECT id::text, name, name_key FROM departments WHERE id::text LIKE '01900000%'", db))
            await using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    rows[reader.GetString(0)[^1..]] = (reader.GetString(1), reader.GetString(2));
                }
            }

            rows.Count.ShouldBe(6);
            rows["1"].ShouldBe(("Finanças", "financas"));
            rows["2"].ShouldBe(("financas (3)", "financas (3)")); // "(2)" was taken by department 5
            rows["3"].ShouldBe(("Finanças  Norte", "financas norte"));
            rows["4"].ShouldBe(("FINANCAS NORTE (2)", "financas norte (2)"));
            rows["5"].ShouldBe(("Finanças (2)", "financas (2)"));
            rows["6"].ShouldBe(("FINANÇAS (4)", "financas (4)"));
            await using var user = new NpgsqlCommand("SELECT department_id::text FROM users WHERE email = 'ana@example.pt'", db);
            (await user.ExecuteScalarAsync()).ShouldBe("01900000-0000-7000-8000-000000000004");
            await using var seeded = new NpgsqlCommand("SELECT name_key FROM departments WHERE name = 'Supply chain'", db);
            (await seeded.ExecuteScalarAsync()).ShouldBe("supply chain");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
