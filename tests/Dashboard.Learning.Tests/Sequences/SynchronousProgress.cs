namespace Dashboard.Learning.Tests.Sequences;

/// <summary>Reports on the fitting thread (Progress&lt;T&gt; would post to the thread pool and race the assertions).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
