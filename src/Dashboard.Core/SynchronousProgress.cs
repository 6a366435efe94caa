namespace Dashboard.Core;

/// <summary>
/// Reports on the caller's thread, in order: <see cref="Progress{T}"/> posts to the thread pool, so a busy fit or
/// import would see its reports arrive late and out of order (an epoch's end time, a run's live fields).
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
