namespace Dashboard.Core.Catalog;

public class Product
{
    public int Id { get; set; }

    /// <summary>Stock-keeping unit: the shop's natural key for the product.</summary>
    public required string Sku { get; set; }

    public required string Name { get; set; }
    public required string Category { get; set; }
    public decimal Price { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}
