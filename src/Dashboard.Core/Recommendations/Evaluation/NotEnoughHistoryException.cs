namespace Dashboard.Core.Recommendations.Evaluation;

/// <summary>
/// The purchases cannot make a temporal split: nobody bought before the cut-off, or nobody both before and after it.
/// Retrying does not help; more history does.
/// </summary>
public sealed class NotEnoughHistoryException(string message) : InvalidOperationException(message);
