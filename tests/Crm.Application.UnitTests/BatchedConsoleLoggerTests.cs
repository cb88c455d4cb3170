using System.Text;
using System.Text.Json;
using Crm.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Crm.Application.UnitTests;

public sealed class BatchedConsoleLoggerTests
{
    private static ConsoleFormatter JsonFormatter() =>
        new ServiceCollection()
            .AddLogging(b => b.AddJsonConsole(o => o.IncludeScopes = true))
            .BuildServiceProvider()
            .GetServices<ConsoleFormatter>()
            .Single(f => f.Name == ConsoleFormatterNames.Json);

    private static List<JsonElement> Lines(MemoryStream output) =>
        [.. Encoding.UTF8.GetString(output.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)];

    [Fact]
    public async Task EveryLineFromManyThreadsIsWrittenWholeAndInOrderPerThread()
    {
        var output = new MemoryStream();
        var provider = new BatchedConsoleLoggerProvider(JsonFormatter(), output);
        var logger = provider.CreateLogger("Test");
        const int threads = 8, perThread = 5_000; // more than the queue holds: writers must wait, not drop

        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < perThread; i++)
            {
                logger.LogInformation("thread {Thread} line {Line}", t, i);
            }
        }, TestContext.Current.CancellationToken)));
        provider.Dispose();

        var lines = Lines(output);
        lines.Count.ShouldBe(threads * perThread);
        foreach (var group in lines.Select(l => l.GetProperty("State")).GroupBy(s => s.GetProperty("Thread").GetInt32()))
        {
            group.Select(s => s.GetProperty("Line").GetInt32()).ShouldBe(Enumerable.Range(0, perThread));
        }
    }

    [Fact]
    public void ScopesAreWrittenAsTheStockJsonConsoleWritesThem()
    {
        var output = new MemoryStream();
        var provider = new BatchedConsoleLoggerProvider(JsonFormatter(), output);
        provider.SetScopeProvider(new LoggerExternalScopeProvider());
        var logger = provider.CreateLogger("Test");

        using (logger.BeginScope(new Dictionary<string, object> { ["RequestPath"] = "/api/v1/customers" }))
        {
            logger.LogWarning("inside");
        }

        logger.LogWarning("outside");
        provider.Dispose();

        var lines = Lines(output);
        lines.Count.ShouldBe(2);
        lines[0].GetProperty("Message").GetString().ShouldBe("inside");
        lines[0].GetProperty("Category").GetString().ShouldBe("Test");
        lines[0].GetProperty("Scopes")[0].GetProperty("RequestPath").GetString().ShouldBe("/api/v1/customers");
        lines[1].GetProperty("Scopes").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void ADownloadLinksTokenInTheRequestScopeIsWrittenAsStars()
    {
        var output = new MemoryStream();
        var provider = new BatchedConsoleLoggerProvider(JsonFormatter(), output);
        provider.SetScopeProvider(new LoggerExternalScopeProvider());
        var logger = provider.CreateLogger("Test");

        // As ASP.NET Core's request scope: a list of values whose text repeats the path.
        foreach (var path in new[] { "/api/v1/exports/downloads/crm_dl_secret", "/api/v1/exports/customers" })
        {
            using (logger.BeginScope(new RequestScope([new("RequestId", "0HN:1"), new("RequestPath", path)])))
            {
                logger.LogInformation("inside");
            }
        }

        provider.Dispose();

        var text = Encoding.UTF8.GetString(output.ToArray());
        text.ShouldNotContain("crm_dl_secret");
        var lines = Lines(output);
        var redacted = lines[0].GetProperty("Scopes")[0];
        redacted.GetProperty("RequestPath").GetString().ShouldBe("/api/v1/exports/downloads/***");
        redacted.GetProperty("RequestId").GetString().ShouldBe("0HN:1");
        redacted.GetProperty("Message").GetString().ShouldBe("RequestPath:/api/v1/exports/downloads/*** RequestId:0HN:1");
        lines[1].GetProperty("Scopes")[0].GetProperty("RequestPath").GetString().ShouldBe("/api/v1/exports/customers", "other paths are written as they are");
    }

    private sealed class RequestScope(List<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"RequestPath:{values[1].Value} RequestId:{values[0].Value}";
    }

    [Fact]
    public void ALineLoggedDuringShutdownIsStillWritten()
    {
        var output = new MemoryStream();
        var provider = new BatchedConsoleLoggerProvider(JsonFormatter(), output);
        var logger = provider.CreateLogger("Test");
        logger.LogInformation("before");
        provider.Dispose();

        logger.LogInformation("after");

        Lines(output).Select(l => l.GetProperty("Message").GetString()).ShouldBe(["before", "after"]);
    }

    [Fact]
    public async Task AnUnwritableStdoutNeverBlocksTheCallers()
    {
        var provider = new BatchedConsoleLoggerProvider(JsonFormatter(), new BrokenStream());
        var logger = provider.CreateLogger("Test");

        var logging = Task.Run(() =>
        {
            for (var i = 0; i < 3 * BatchedConsoleLoggerProvider.Capacity; i++)
            {
                logger.LogInformation("line {Line}", i);
            }
        }, TestContext.Current.CancellationToken);

        (await Task.WhenAny(logging, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken))).ShouldBe(logging);
        provider.Dispose();
    }

    private sealed class BrokenStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("broken pipe");

        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("broken pipe");
    }
}
