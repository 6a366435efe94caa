namespace Dashboard.Learning.Sequences;

/// <summary>Whether libtorch runs in this process and how it was loaded, in words for a log or the Models page.</summary>
/// <param name="PatchedCopy">The patched copy of TorchSharp's native shim that was loaded, when the original could not be.</param>
public sealed record TorchStatus(bool IsAvailable, string Message, string? PatchedCopy = null);
