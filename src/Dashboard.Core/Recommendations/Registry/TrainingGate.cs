namespace Dashboard.Core.Recommendations.Registry;

/// <summary>
/// One recommender training at a time in this process, whichever way it was started (the Hangfire job, whose attribute
/// also guards across workers, or the pipeline's train stage): a second one would close the first one's run as
/// interrupted. A singleton.
/// </summary>
public sealed class TrainingGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    /// <summary>Waits for the gate; dispose the result to leave.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        return new Exit(_semaphore);
    }

    /// <summary>The gate if it is free now, else null.</summary>
    public async Task<IDisposable?> TryEnterAsync(CancellationToken cancellationToken) =>
        await _semaphore.WaitAsync(TimeSpan.Zero, cancellationToken) ? new Exit(_semaphore) : null;

    public void Dispose() => _semaphore.Dispose();

    private sealed class Exit(SemaphoreSlim semaphore) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
