namespace Dashboard.Core.Ingestion;

/// <summary>
/// The file cannot be imported as a whole (empty, binary, not the expected header, a record too large to be a
/// row). The message is written for the person who chose the file: it says what is wrong and what to do.
/// </summary>
public sealed class ImportFileException : Exception
{
    public ImportFileException()
    {
    }

    public ImportFileException(string message)
        : base(message)
    {
    }

    public ImportFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The line of the file the problem was found at, when there is one.</summary>
    public long? LineNumber { get; init; }
}
