using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Crm.Api.IntegrationTests.Infrastructure;

/// <summary>
/// Records the EF Core diagnostic events of one name (TransactionStarted, CommandExecuting…) that one context raises.
/// A context that ran a command in the last second may not see a new listener yet: wait <see cref="Settle"/> first.
/// </summary>
public sealed class ContextEvents : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    /// <summary>
    /// EF Core decides whether anyone listens at most once per LoggingCacheTime, a second by default
    /// (DbContextOptionsBuilder.ConfigureLoggingCacheTime): after this long a context's next command sees a new listener.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1.2);

    private readonly DbContext context;
    private readonly string name;
    private readonly List<IDisposable> subscriptions = [];
    private readonly List<DbContextEventData> events = [];

    public ContextEvents(DbContext context, EventId id)
    {
        this.context = context;
        name = id.Name ?? throw new ArgumentException("An event with a name.", nameof(id));
        subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public IReadOnlyList<DbContextEventData> Events
    {
        get
        {
            lock (events)
            {
                return [.. events];
            }
        }
    }

    public int Count
    {
        get
        {
            lock (events)
            {
                return events.Count;
            }
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == name && value.Value is DbContextEventData data && data.Context == context)
        {
            lock (events)
            {
                events.Add(data);
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }
}
