namespace Dashboard.Core.Events;

/// <summary>What happened to a batch: how many events were stored, and why each of the others was not.</summary>
public sealed record EventBatchResult(int Accepted, IReadOnlyList<EventItemError> Errors)
{
    public int Rejected => Errors.Count;
}

/// <summary>Why the event at <see cref="Index"/> (zero-based, in the order sent) was rejected.</summary>
public sealed record EventItemError(int Index, IReadOnlyList<string> Messages);
