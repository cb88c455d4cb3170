// Loads N customers, and the contacts of the companies among them (0 to 4 each, about 1.3 per customer), into the
// migrated CRM schema with binary COPY, plus the side files the runner needs:
//   customers.csv  (same shape, different rows, for the import scenario)
//   terms.tsv      (realistic misspellings of names/cities in the data: raw \t folded \t LIKE pattern)
//   post.tsv       (JSON-escaped name \t phone \t city \t country \t folded name \t folded city, for unique POST
//                  bodies and the pgbench create)
// Usage: Crm.Bench.DataGen --connection "Host=...;Database=...;Username=..." --count 1000000
//          [--locale mixed|en|pt_BR|ca|pl|el] [--seed 42] [--out DIR] [--csv-count M] [--keep-indexes] [--truncate]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Bogus;
using Crm.Bench.DataGen;
using Crm.Domain.Common;
using Npgsql;
using NpgsqlTypes;

var opts = Options.Parse(args);
var total = Stopwatch.StartNew();
Randomizer.Seed = new Random(opts.Seed);
Directory.CreateDirectory(opts.OutDir);

if (opts.Count > 0 && opts.Connection is { } connection)
{
    await using var dataSource = NpgsqlDataSource.Create(connection);
    await using var conn = await dataSource.OpenConnectionAsync();
    await Db.ExecAsync(conn, "SET maintenance_work_mem = '512MB'");
    if (opts.Truncate)
    {
        await Db.ExecAsync(conn, "TRUNCATE customers, customer_search CASCADE");
    }

    // Secondary indexes are rebuilt once after the load: maintaining a GIN trigram index row by row
    // during a million-row COPY costs several times the COPY itself.
    var dropped = opts.KeepIndexes ? [] : await Db.DropSecondaryIndexesAsync(conn, "customers");
    // The contacts go in through a second connection, beside the customers (each COPY is one PostgreSQL backend):
    // their foreign key is dropped for the load, since the customers are not committed yet, and added back after
    // it, which checks every contact in one join.
    await using var contactsConn = await dataSource.OpenConnectionAsync();
    var droppedContacts = opts.KeepIndexes ? [] : await Db.DropSecondaryIndexesAsync(contactsConn, "contacts");
    var contactsKey = await Db.DropForeignKeysAsync(contactsConn, "contacts");
    // Owners are users (a foreign key): the generator's owners become users first, who cannot sign in (no password
    // matches the hash 'AA=='), and the customers' key to them is dropped for the load and added back after it.
    await Db.AddOwnersAsync(conn, Generator.Owners);
    var customersKey = await Db.DropForeignKeysAsync(conn, "customers");
    // The word postings (customer_search) are written after the load in one statement, as the migration
    // builds them: the trigger would write them at the end of the COPY, row by row into the index.
    // ALTER TABLE outlives this connection: the finally below turns the trigger back on even if the load fails.
    await Db.ExecAsync(conn, "ALTER TABLE customers DISABLE TRIGGER customer_search_insert");
    var sw = Stopwatch.StartNew();
    long loaded = 0, loadedContacts = 0;
    // The words search corrects misspellings against (search_words), split as the API splits them; the API
    // adds them on every save and import, so a database loaded behind its back must get them too.
    var words = new HashSet<string>(StringComparer.Ordinal);
    var gen = new Generator(opts.Seed, opts.Locale, indexOffset: 0, opts.Count, withContacts: true);
    try
    {
        var channel = Channel.CreateBounded<Row[]>(4);
        var producer = Task.Run(async () =>
        {
            foreach (var batch in gen.Batches(opts.Count, 5000))
            {
                await channel.Writer.WriteAsync(batch);
            }

            channel.Writer.Complete();
        });

        // Synchronous writes: an await per field costs more than the COPY itself.
        using (var writer = conn.BeginBinaryImport(Row.CopyCommand))
        using (var contactsWriter = contactsConn.BeginBinaryImport(ContactRow.CopyCommand))
        {
            foreach (var batch in channel.Reader.ReadAllAsync().ToBlockingEnumerable())
            {
                foreach (var row in batch)
                {
                    row.Write(writer);
                    words.UnionWith(SearchText.Words(row.SearchText));
                    foreach (var contact in row.Contacts)
                    {
                        contact.Write(contactsWriter);
                        words.UnionWith(SearchText.Words(contact.SearchText));
                    }

                    loadedContacts += row.Contacts.Length;
                }

                loaded += batch.Length;
                if (loaded % 100_000 == 0)
                {
                    Console.WriteLine($"datagen: {loaded:N0} rows copied ({loaded / sw.Elapsed.TotalSeconds:N0} rows/s)");
                }
            }

            writer.Complete();
            contactsWriter.Complete();
        }

        await producer;
    }
    finally
    {
        await Db.ExecAsync(conn, "ALTER TABLE customers ENABLE TRIGGER customer_search_insert");
    }

    var copySeconds = sw.Elapsed.TotalSeconds;
    Console.WriteLine($"datagen: COPY of {loaded:N0} customers took {copySeconds:N1} s ({loaded / copySeconds:N0} rows/s)");
    Console.WriteLine($"datagen: {loadedContacts:N0} contacts copied alongside ({(double)loadedContacts / Math.Max(1, loaded):N2} per customer)");

    sw.Restart();
    var postings = Stopwatch.StartNew();
    await Db.ExecAsync(conn, """
        ALTER TABLE customer_search DROP CONSTRAINT pk_customer_search;
        INSERT INTO customer_search (word, name, id)
        SELECT DISTINCT w COLLATE "C", changed.name COLLATE "C", changed.id
        FROM customers AS changed, crm_search_posting_words(changed.search_text) AS w
        WHERE NOT EXISTS (SELECT 1 FROM customer_search AS p WHERE p.id = changed.id)
        ORDER BY 1, 2, 3;
        ALTER TABLE customer_search ADD CONSTRAINT pk_customer_search PRIMARY KEY (word, name, id);
        """);
    Console.WriteLine($"datagen: word postings written in {postings.Elapsed.TotalSeconds:N1} s");

    foreach (var (name, def) in dropped.Concat(droppedContacts).Concat(contactsKey).Concat(customersKey))
    {
        var one = Stopwatch.StartNew();
        await Db.ExecAsync(conn, def);
        Console.WriteLine($"datagen: rebuilt {name} in {one.Elapsed.TotalSeconds:N1} s");
    }

    await using (var insertWords = new NpgsqlCommand(
        "INSERT INTO search_words (word) SELECT w FROM unnest(@words) AS w ORDER BY w ON CONFLICT DO NOTHING", conn))
    {
        insertWords.Parameters.AddWithValue("words", words.ToArray());
        var added = await insertWords.ExecuteNonQueryAsync();
        Console.WriteLine($"datagen: {added:N0} search words added ({words.Count:N0} distinct in the data)");
    }

    await Db.ExecAsync(conn, "VACUUM (ANALYZE) customers");
    await Db.ExecAsync(conn, "VACUUM (ANALYZE) contacts");
    await Db.ExecAsync(conn, "VACUUM (ANALYZE) search_words");
    await Db.ExecAsync(conn, "VACUUM (ANALYZE) customer_search");
    Console.WriteLine($"datagen: indexes + VACUUM ANALYZE took {sw.Elapsed.TotalSeconds:N1} s");

    gen.WriteSamples(opts.OutDir);
}

if (opts.CsvCount > 0)
{
    var sw = Stopwatch.StartNew();
    var path = Path.Combine(opts.OutDir, "customers.csv");

    // Different index range = different emails and external ids, so the file can be imported into the loaded database.
    var csvGen = new Generator(opts.Seed + 1, opts.Locale, indexOffset: 1_000_000_000L, opts.CsvCount);
    using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
    file.WriteLine(Row.CsvHeader);
    foreach (var batch in csvGen.Batches(opts.CsvCount, 5000))
    {
        foreach (var row in batch)
        {
            file.WriteLine(row.ToCsv());
        }
    }

    Console.WriteLine($"datagen: wrote {opts.CsvCount:N0} rows to {path} in {sw.Elapsed.TotalSeconds:N1} s");
}

Console.WriteLine($"datagen: done in {total.Elapsed.TotalSeconds:N1} s");

internal sealed record Options(string? Connection, long Count, string Locale, int Seed, string OutDir, long CsvCount, bool KeepIndexes, bool Truncate)
{
    public static Options Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var count = long.Parse(Get("--count") ?? "100000", CultureInfo.InvariantCulture);
        var locale = Get("--locale") ?? "mixed";
        if (locale != "mixed" && LocaleInfo.All.All(l => l.Code != locale))
        {
            throw new ArgumentException($"--locale must be mixed or one of {string.Join(", ", LocaleInfo.All.Select(l => l.Code))}");
        }

        return new Options(
            Get("--connection") ?? Environment.GetEnvironmentVariable("BENCH_PG"),
            count,
            locale,
            int.Parse(Get("--seed") ?? "42", CultureInfo.InvariantCulture),
            Get("--out") ?? ".",
            long.Parse(Get("--csv-count") ?? "0", CultureInfo.InvariantCulture),
            args.Contains("--keep-indexes"),
            args.Contains("--truncate"));
    }
}

internal static class Db
{
    public static async Task ExecAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Drops <paramref name="table"/>'s indexes but its primary key; returns each one's name and CREATE statement.</summary>
    public static async Task<List<(string Name, string Def)>> DropSecondaryIndexesAsync(NpgsqlConnection conn, string table)
    {
        var list = await ListAsync(conn, table, """
            SELECT i.relname, pg_get_indexdef(i.oid)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = @table AND NOT x.indisprimary
            ORDER BY i.relname
            """);
        foreach (var (name, _) in list)
        {
            await ExecAsync(conn, $"DROP INDEX \"{name}\"");
        }

        return list;
    }

    /// <summary>The owners the generated customers name, as users who cannot sign in (no password matches the hash 'AA==').</summary>
    public static async Task AddOwnersAsync(NpgsqlConnection conn, Guid[] owners)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO users (id, email, name, password_hash, roles, active, failed_sign_in_count, created_at, updated_at)
            SELECT o, 'bench.owner.' || n || '@example.com', 'Bench owner ' || n, 'AA==', ARRAY['Sales'], true, 0, now(), now()
            FROM unnest(@owners) WITH ORDINALITY AS t(o, n)
            ON CONFLICT DO NOTHING
            """, conn);
        cmd.Parameters.AddWithValue("owners", owners);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Drops <paramref name="table"/>'s foreign keys; returns each one's name and the statement that adds it back.</summary>
    public static async Task<List<(string Name, string Def)>> DropForeignKeysAsync(NpgsqlConnection conn, string table)
    {
        var list = await ListAsync(conn, table, """
            SELECT c.conname, format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid))
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE t.relname = @table AND c.contype = 'f'
            ORDER BY c.conname
            """);
        foreach (var (name, _) in list)
        {
            await ExecAsync(conn, $"ALTER TABLE \"{table}\" DROP CONSTRAINT \"{name}\"");
        }

        return list;
    }

    private static async Task<List<(string Name, string Def)>> ListAsync(NpgsqlConnection conn, string table, string sql)
    {
        var list = new List<(string, string)>();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("table", table);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add((reader.GetString(0), reader.GetString(1)));
        }

        return list;
    }
}

internal sealed class Row
{
    public const string CopyCommand =
        "COPY customers (id, kind, name, email, phone, website, type, lifecycle_stage, owner_id, tags, external_id, " +
        "address_line1, address_line2, address_city, address_region, address_postal_code, address_country, archived_at, " +
        "search_text, created_at, updated_at) FROM STDIN (FORMAT BINARY)";

    public const string CsvHeader =
        "kind,name,email,phone,website,type,lifecycleStage,tags,externalId,addressLine1,addressLine2,addressCity,addressRegion,addressPostalCode,addressCountry";

    private string? searchText;

    public Guid Id { get; init; }

    public string Kind { get; init; } = "Company";

    public string Name { get; init; } = string.Empty;

    public string Email { get; init; } = string.Empty;

    public string Phone { get; init; } = string.Empty;

    public string? Website { get; init; }

    public string Type { get; init; } = "Lead";

    public string? LifecycleStage { get; init; }

    public Guid? OwnerId { get; init; }

    public string[] Tags { get; init; } = [];

    public string? ExternalId { get; init; }

    public string? Line1 { get; init; }

    public string? Line2 { get; init; }

    public string City { get; init; } = string.Empty;

    public string? Region { get; init; }

    public string? PostalCode { get; init; }

    public string Country { get; init; } = string.Empty;

    public DateTimeOffset? ArchivedAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public ContactRow[] Contacts { get; init; } = [];

    /// <summary>Exactly what Customer.Apply stores.</summary>
    public string SearchText => searchText ??= Crm.Domain.Common.SearchText.Build(Name, Email, Phone, Website, ExternalId, City);

    public void Write(NpgsqlBinaryImporter w)
    {
        w.StartRow();
        w.Write(Id, NpgsqlDbType.Uuid);
        w.Write(Kind, NpgsqlDbType.Varchar);
        w.Write(Name, NpgsqlDbType.Varchar);
        w.Write(Email, NpgsqlDbType.Varchar);
        w.Write(Phone, NpgsqlDbType.Varchar);
        WriteNullable(w, Website);
        w.Write(Type, NpgsqlDbType.Varchar);
        WriteNullable(w, LifecycleStage);
        if (OwnerId is { } owner)
        {
            w.Write(owner, NpgsqlDbType.Uuid);
        }
        else
        {
            w.WriteNull();
        }

        w.Write(Tags, NpgsqlDbType.Array | NpgsqlDbType.Text);
        WriteNullable(w, ExternalId);
        WriteNullable(w, Line1);
        WriteNullable(w, Line2);
        w.Write(City, NpgsqlDbType.Varchar);
        WriteNullable(w, Region);
        WriteNullable(w, PostalCode);
        w.Write(Country, NpgsqlDbType.Varchar);
        WriteNullable(w, ArchivedAt);

        w.Write(SearchText, NpgsqlDbType.Text);
        w.Write(CreatedAt, NpgsqlDbType.TimestampTz);
        w.Write(UpdatedAt, NpgsqlDbType.TimestampTz);
    }

    public string ToCsv() => string.Join(',', new[]
    {
        Kind.ToLowerInvariant(), Name, Email, Phone, Website, Type.ToLowerInvariant(), LifecycleStage?.ToLowerInvariant(),
        string.Join(';', Tags), ExternalId, Line1, Line2, City, Region, PostalCode, Country,
    }.Select(Csv));

    private static string Csv(string? value) =>
        value is null ? string.Empty
        : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;

    public static void WriteNullable(NpgsqlBinaryImporter w, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            w.Write(time, NpgsqlDbType.TimestampTz);
        }
        else
        {
            w.WriteNull();
        }
    }

    public static void WriteNullable(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(value, NpgsqlDbType.Varchar);
        }
    }
}

internal sealed class ContactRow
{
    public const string CopyCommand =
        "COPY contacts (id, customer_id, first_name, last_name, email, phone, job_title, email_consent, external_id, " +
        "archived_at, search_text, created_at, updated_at) FROM STDIN (FORMAT BINARY)";

    private string? searchText;

    public Guid Id { get; init; }

    public Guid CustomerId { get; init; }

    public string FirstName { get; init; } = string.Empty;

    public string LastName { get; init; } = string.Empty;

    public string Email { get; init; } = string.Empty;

    public string? Phone { get; init; }

    public string JobTitle { get; init; } = string.Empty;

    public bool EmailConsent { get; init; }

    public string? ExternalId { get; init; }

    public DateTimeOffset? ArchivedAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Exactly what Contact.Apply stores.</summary>
    public string SearchText => searchText ??= Crm.Domain.Common.SearchText.Build(FirstName, LastName, Email, Phone, JobTitle, ExternalId);

    public void Write(NpgsqlBinaryImporter w)
    {
        w.StartRow();
        w.Write(Id, NpgsqlDbType.Uuid);
        w.Write(CustomerId, NpgsqlDbType.Uuid);
        w.Write(FirstName, NpgsqlDbType.Varchar);
        w.Write(LastName, NpgsqlDbType.Varchar);
        w.Write(Email, NpgsqlDbType.Varchar);
        Row.WriteNullable(w, Phone);
        w.Write(JobTitle, NpgsqlDbType.Varchar);
        w.Write(EmailConsent, NpgsqlDbType.Boolean);
        Row.WriteNullable(w, ExternalId);
        Row.WriteNullable(w, ArchivedAt);

        w.Write(SearchText, NpgsqlDbType.Text);
        w.Write(CreatedAt, NpgsqlDbType.TimestampTz);
        w.Write(CreatedAt, NpgsqlDbType.TimestampTz);
    }
}

internal sealed class Generator
{
    private static readonly string[] Types = ["Customer", "Customer", "Customer", "Customer", "Prospect", "Prospect", "Lead", "Lead", "Lead", "Supplier", "Partner"];
    private static readonly string[] Stages = ["Subscriber", "Lead", "Qualified", "Opportunity", "Customer", "Evangelist", "Other"];
    private static readonly string[] TagPool = ["vip", "newsletter", "partner-program", "q1-campaign", "trade-show", "churn-risk", "enterprise", "smb", "reseller", "public-sector"];
    private static readonly string[] Roles = ["info", "sales", "office", "contact", "hello", "biuro", "contato", "comercial", "grafeio"];
    public static readonly Guid[] Owners = Enumerable.Range(1, 12).Select(i => Guid.Parse($"00000000-0000-7000-9000-{i:D12}")).ToArray();
    private static readonly DateTimeOffset Start = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    // Contacts per company customer, 0 to 4 (mean 1.8); an individual customer has none.
    private static readonly int[] ContactCounts = [0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4];

    private static readonly Dictionary<string, string[]> JobTitles = new()
    {
        ["en"] = ["Chief Executive Officer", "Sales Manager", "Account Manager", "Purchasing Manager", "Office Manager",
                  "Finance Director", "IT Manager", "Operations Manager", "HR Business Partner", "Marketing Coordinator"],
        ["pt_BR"] = ["Diretor Executivo", "Gerente de Vendas", "Gerente de Contas", "Comprador", "Gerente Administrativo",
                     "Diretora Financeira", "Gerente de TI", "Gerente de Operações", "Analista de RH", "Coordenadora de Marketing"],
        ["ca"] = ["Director General", "Cap de Vendes", "Gestor de Comptes", "Responsable de Compres", "Cap d'Administració",
                  "Directora Financera", "Responsable d'Informàtica", "Cap d'Operacions", "Tècnica de Recursos Humans", "Coordinadora de Màrqueting"],
        ["pl"] = ["Prezes Zarządu", "Kierownik Sprzedaży", "Opiekun Klienta", "Specjalista ds. Zakupów", "Kierownik Biura",
                  "Dyrektor Finansowy", "Kierownik Działu IT", "Kierownik Operacyjny", "Specjalistka ds. Kadr", "Koordynatorka Marketingu"],
        ["el"] = ["Διευθύνων Σύμβουλος", "Διευθυντής Πωλήσεων", "Υπεύθυνος Λογαριασμών", "Υπεύθυνος Προμηθειών", "Προϊστάμενος Γραφείου",
                  "Οικονομική Διευθύντρια", "Υπεύθυνος Πληροφορικής", "Διευθυντής Λειτουργιών", "Στέλεχος Ανθρώπινου Δυναμικού", "Συντονίστρια Μάρκετινγκ"],
    };

    private readonly Randomizer rnd;
    private readonly (LocaleInfo Info, Faker Faker)[] locales;
    private readonly long indexOffset;
    private readonly long count;
    private readonly List<(string Name, string City, string Country, string Phone)> samples = [];
    private long seen;

    // The contacts draw from their own random sources, so the customers are the same rows with or without them.
    private readonly Randomizer? contactRnd;
    private readonly Dictionary<string, Faker> contactFakers = [];

    public Generator(int seed, string locale, long indexOffset, long count, bool withContacts = false)
    {
        rnd = new Randomizer(seed);
        locales = LocaleInfo.All
            .Where(l => locale == "mixed" || l.Code == locale)
            .Select(l => (l, new Faker(l.BogusLocale) { Random = new Randomizer(seed + l.Code.Length) }))
            .ToArray();
        this.indexOffset = indexOffset;
        this.count = count;
        if (withContacts)
        {
            contactRnd = new Randomizer(seed + 1000);
            foreach (var (l, _) in locales)
            {
                contactFakers[l.Code] = new Faker(l.BogusLocale) { Random = new Randomizer(seed + 1000 + l.Code.Length) };
            }
        }
    }

    public IEnumerable<Row[]> Batches(long n, int size)
    {
        for (long done = 0; done < n; done += size)
        {
            var len = (int)Math.Min(size, n - done);
            var batch = new Row[len];
            for (var j = 0; j < len; j++)
            {
                batch[j] = Next(done + j);
            }

            yield return batch;
        }
    }

    /// <summary>terms.tsv (misspelled search queries) and post.tsv (bodies for POST).</summary>
    public void WriteSamples(string dir)
    {
        var utf8 = new UTF8Encoding(false);
        using (var terms = new StreamWriter(Path.Combine(dir, "terms.tsv"), false, utf8))
        {
            foreach (var (name, city, _, _) in samples.Take(2000))
            {
                var q = Misspell(rnd.Number(0, 9) < 8 ? name : city);
                var folded = SearchText.Fold(q);
                terms.WriteLine($"{q}\t{folded}\t%{folded.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%");
            }
        }

        using var post = new StreamWriter(Path.Combine(dir, "post.tsv"), false, utf8);
        foreach (var (name, city, country, phone) in samples.Skip(2000).Take(2000))
        {
            // The folded name and city too, for the pgbench baseline's search text (as SearchText.Build makes it).
            post.WriteLine($"{JsonEscape(name)}\t{phone}\t{JsonEscape(city)}\t{country}\t{SearchText.Fold(name)}\t{SearchText.Fold(city)}");
        }
    }

    private static string JsonEscape(string s) => System.Text.Json.JsonEncodedText.Encode(s, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();

    private static string Base36(long value)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        var sb = new StringBuilder();
        do
        {
            sb.Insert(0, digits[(int)(value % 36)]);
            value /= 36;
        }
        while (value > 0);
        return sb.ToString();
    }

    /// <summary>Latin slug for emails and domains (Greek transliterated).</summary>
    private static string Slug(string text)
    {
        var folded = SearchText.Fold(text);
        var sb = new StringBuilder(folded.Length);
        foreach (var ch in folded)
        {
            if (ch is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(ch);
            }
            else if (ch is >= 'α' and <= 'ω')
            {
                sb.Append(Greek[ch - 'α']);
            }
        }

        return sb.Length == 0 ? "x" : sb.ToString();
    }

    private static readonly string[] Greek =
        ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s", "s", "t", "y", "f", "ch", "ps", "o"];

    private Row Next(long i)
    {
        var (loc, f) = locales[rnd.Number(0, locales.Length - 1)];
        var person = rnd.Number(0, 9) < 3;
        var first = loc.FirstNames is { } fn ? rnd.ArrayElement(fn) : f.Name.FirstName();
        var last = loc.LastNames is { } ln ? rnd.ArrayElement(ln) : f.Name.LastName();
        var city = rnd.ArrayElement(loc.Cities);
        var tag = Base36(indexOffset + i);
        string name, email;
        string? website = null, domain = null;
        if (person)
        {
            name = $"{first} {last}";
            email = $"{Slug(first)}.{Slug(last)}.{tag}@{rnd.ArrayElement(loc.FreeMailDomains)}";
        }
        else
        {
            var last2 = loc.LastNames is { } ln2 ? rnd.ArrayElement(ln2) : f.Name.LastName();
            name = rnd.Number(0, 3) switch
            {
                0 => $"{last}-{last2} {rnd.ArrayElement(loc.CompanySuffixes)}",
                1 => $"{last} {city} {rnd.ArrayElement(loc.CompanySuffixes)}",
                _ => $"{last} {rnd.ArrayElement(loc.CompanySuffixes)}",
            };
            domain = $"{Slug(last)}{(rnd.Bool() ? Slug(last2) : string.Empty)}.{rnd.ArrayElement(loc.Tlds)}";
            website = rnd.Number(0, 9) < 7 ? $"https://www.{domain}" : null;
            email = $"{rnd.ArrayElement(Roles)}.{tag}@{domain}";
        }

        if (name.Length > 200)
        {
            name = name[..200];
        }

        // Creation times rise with i, so UUIDv7 ids arrive in index order, as in a CRM that grew over the years.
        var span = (End - Start).Ticks;
        var created = Start.AddTicks(span / Math.Max(1, count) * i + rnd.Number(0, 1000) * TimeSpan.TicksPerMillisecond);
        var updated = rnd.Number(0, 3) == 0 ? created.AddMinutes(rnd.Number(1, 500_000)) : created;
        if (updated > End)
        {
            updated = End;
        }

        var phone = loc.Phone(rnd);
        var id = Guid.CreateVersion7(created);
        var row = new Row
        {
            Id = id,
            Kind = person ? "Person" : "Company",
            Name = name,
            Email = email,
            Phone = phone,
            Website = website,
            Type = rnd.ArrayElement(Types),
            LifecycleStage = rnd.Number(0, 9) < 3 ? null : rnd.ArrayElement(Stages),
            OwnerId = rnd.Number(0, 4) == 0 ? null : rnd.ArrayElement(Owners),
            Tags = rnd.Number(0, 2) == 0 ? [] : rnd.ArrayElements(TagPool, rnd.Number(1, 2)),
            ExternalId = rnd.Bool() ? $"ERP-{indexOffset + i:D9}" : null,
            Line1 = f.Address.StreetAddress(),
            Line2 = rnd.Number(0, 9) == 0 ? f.Address.SecondaryAddress() : null,
            City = city,
            Region = loc.Code == "en" ? f.Address.StateAbbr() : null,
            PostalCode = f.Address.ZipCode(),
            Country = loc.Country,
            ArchivedAt = rnd.Number(0, 49) == 0 ? updated : null,
            CreatedAt = created,
            UpdatedAt = updated,
            Contacts = domain is null || contactRnd is null ? [] : Contacts(loc, id, created, domain, tag, indexOffset + i),
        };

        // Reservoir sample of names/cities for search terms and POST bodies.
        seen++;
        if (samples.Count < 4000)
        {
            samples.Add((name, city, loc.Country, phone));
        }
        else if (rnd.Number(0, (int)Math.Min(seen, int.MaxValue - 1)) < 4000)
        {
            samples[rnd.Number(0, 3999)] = (name, city, loc.Country, phone);
        }

        return row;
    }

    /// <summary>
    /// The people a company customer deals through: names of its locale, an e-mail at its domain (unique: the customer's
    /// tag and the contact's number), a job title in its language; most with a phone, some with an ERP id, four in ten
    /// consenting to e-mail, one in fifty archived. Created within a month of the customer.
    /// </summary>
    private ContactRow[] Contacts(LocaleInfo loc, Guid customerId, DateTimeOffset customerCreated, string domain, string tag, long index)
    {
        var r = contactRnd!;
        var f = contactFakers[loc.Code];
        var contacts = new ContactRow[r.ArrayElement(ContactCounts)];
        for (var k = 0; k < contacts.Length; k++)
        {
            var first = loc.FirstNames is { } fn ? r.ArrayElement(fn) : f.Name.FirstName();
            var last = loc.LastNames is { } ln ? r.ArrayElement(ln) : f.Name.LastName();
            var created = customerCreated.AddMinutes(r.Number(1, 43_200));
            if (created > End)
            {
                created = End;
            }

            contacts[k] = new ContactRow
            {
                Id = Guid.CreateVersion7(created),
                CustomerId = customerId,
                FirstName = first,
                LastName = last,
                Email = $"{Slug(first)}.{Slug(last)}.{tag}.{k + 1}@{domain}",
                Phone = r.Number(0, 9) < 7 ? loc.Phone(r) : null,
                JobTitle = r.ArrayElement(JobTitles[loc.Code]),
                EmailConsent = r.Number(0, 9) < 4,
                // Digits after the prefix, as the customers' ERP ids: a base-36 tag without a digit ("ERP-Cxqz-1") would
                // be a word of the search text, and 64,000 of them swelled search_words from 5,010 words to 69,347.
                ExternalId = r.Number(0, 9) < 3 ? $"ERP-{index:D9}-{k + 1}" : null,
                ArchivedAt = r.Number(0, 49) == 0 ? created : null,
                CreatedAt = created,
            };
        }

        return contacts;
    }

    /// <summary>
    /// What people type: one word of the name (the distinctive one), often without its accents, with
    /// one slip: a dropped, doubled, swapped or substituted letter. Sometimes two words, sometimes exact.
    /// </summary>
    private string Misspell(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 4 && !w.Contains('.', StringComparison.Ordinal)).ToArray();
        // The longest word is the distinctive one (the surname, the company's own name), not "João" or "Sp.".
        var q = words.Length == 0 ? text : words.MaxBy(w => w.Length)!;
        if (words.Length > 1 && rnd.Number(0, 4) == 0)
        {
            q = $"{words[0]} {words[1]}";
        }

        if (rnd.Bool())
        {
            q = StripAccents(q);
        }

        if (rnd.Number(0, 4) == 0)
        {
            q = q.ToLowerInvariant();
        }

        if (q.Length < 5 || rnd.Number(0, 4) == 0)
        {
            return q; // typed correctly
        }

        var p = rnd.Number(1, q.Length - 2);
        if (q[p] == ' ' || q[p + 1] == ' ')
        {
            return q[p] == ' ' ? q : q.Remove(p, 1); // no slip across a space
        }

        return rnd.Number(0, 3) switch
        {
            0 => q.Remove(p, 1),
            1 => q.Insert(p, q[p].ToString()),
            2 => q[..p] + q[p + 1] + q[p] + q[(p + 2)..],
            _ => q[..p] + (char.IsLetter(q[p]) ? (char)(q[p] == 'z' ? 'y' : q[p] + 1) : q[p]) + q[(p + 1)..],
        };
    }

    private static string StripAccents(string s)
    {
        var d = s.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(d.Length);
        foreach (var ch in d)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(ch);
            }
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
