using System.Threading.Channels;

namespace Crm.Infrastructure;

/// <summary>
/// Wakes this process's <typeparamref name="TWorker"/> before its next poll (a staged import, a SaveChanges that
/// queued webhook events); other replicas find the work by polling.
/// </summary>
public sealed class Wakeup<TWorker>
{
    private readonly Channel<bool> signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => signal.Writer.TryWrite(true);

    /// <summary>Returns when notified or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await signal.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // the poll interval elapsed
        }
    }
}
