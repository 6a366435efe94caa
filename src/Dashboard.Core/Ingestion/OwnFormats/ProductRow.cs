namespace Dashboard.Core.Ingestion.OwnFormats;

/// <summary>One row of a products file, parsed.</summary>
/// <param name="Category">Null when the column is not in the file (a stored product keeps its category); an empty value is already "Uncategorized".</param>
/// <param name="IsActive">Null when the column is not in the file (a stored product keeps its state); an empty value is already true.</param>
public sealed record ProductRow(string Sku, string Name, string? Category, decimal Price, bool? IsActive);
