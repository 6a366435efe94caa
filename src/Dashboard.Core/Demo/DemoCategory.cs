namespace Dashboard.Core.Demo;

/// <summary>A kind of product inside a category with its plausible price range in pounds.</summary>
public sealed record DemoItemKind(string Noun, decimal MinPrice, decimal MaxPrice);

/// <summary>
/// One category of the demo shop. <see cref="Popularity"/> is its relative share of shoppers' interest
/// (the prior from which tastes are drawn); <see cref="ReturnRate"/> is the chance that a bought line is
/// sent back; <see cref="Related"/> names the categories where its products' follow-ups may lie.
/// </summary>
public sealed record DemoCategory(
    string Name,
    double Popularity,
    double ReturnRate,
    IReadOnlyList<string> Related,
    IReadOnlyList<string> Adjectives,
    IReadOnlyList<DemoItemKind> Kinds)
{
    public decimal MinPrice => Kinds.Min(k => k.MinPrice);
    public decimal MaxPrice => Kinds.Max(k => k.MaxPrice);

    /// <summary>The twenty categories of the demo shop, most popular first. Fixed: they do not depend on the seed.</summary>
    public static IReadOnlyList<DemoCategory> All { get; } =
    [
        new("Fashion", 1.6, 0.060, ["Shoes", "Jewellery"],
            ["Classic", "Slim-Fit", "Organic Cotton", "Oversized", "Striped", "Linen", "Recycled", "Essential"],
            [K("T-Shirt", 8, 35), K("Jeans", 25, 120), K("Wool Jumper", 30, 150), K("Rain Jacket", 40, 200), K("Summer Dress", 20, 110),
             K("Scarf", 10, 45), K("Winter Coat", 60, 250), K("Leather Belt", 15, 60), K("Hoodie", 20, 80)]),
        new("Electronics", 1.4, 0.025, ["Video Games", "Music"],
            ["Wireless", "Compact", "Pro", "Noise-Cancelling", "Smart", "Portable", "Ultra", "Slim"],
            [K("Earbuds", 25, 200), K("Over-Ear Headphones", 40, 350), K("Bluetooth Speaker", 25, 250), K("Smartwatch", 80, 400),
             K("10-inch Tablet", 120, 600), K("Power Bank", 20, 60), K("Webcam", 30, 120), K("Mechanical Keyboard", 40, 180),
             K("E-Reader", 80, 250), K("Portable SSD", 50, 200)]),
        new("Books", 1.2, 0.008, ["Stationery", "Music"],
            ["Illustrated", "Bestselling", "Classic", "Award-Winning", "Pocket", "Collector's", "Paperback", "Hardback"],
            [K("Crime Novel", 6, 14), K("Cookbook", 12, 30), K("Travel Guide", 8, 20), K("Children's Picture Book", 5, 12),
             K("Poetry Collection", 7, 15), K("Biography", 9, 25), K("Science Fiction Novel", 6, 14), K("History Book", 10, 28),
             K("Gardening Handbook", 9, 22)]),
        new("Beauty", 1.1, 0.015, ["Health", "Jewellery"],
            ["Hydrating", "Vegan", "Radiance", "Matte", "Sensitive", "Botanical", "Overnight", "Travel-Size"],
            [K("Moisturiser", 8, 60), K("Lipstick", 6, 35), K("Shampoo", 4, 25), K("Eau de Parfum", 25, 120), K("Face Serum", 12, 80),
             K("Nail Polish", 4, 15), K("Hair Dryer", 25, 120), K("Eyeshadow Palette", 10, 50), K("Body Lotion", 5, 25)]),
        new("Home Decor", 1.0, 0.020, ["Kitchen", "Garden"],
            ["Scandi", "Rustic", "Velvet", "Hand-Made", "Minimalist", "Vintage", "Marble-Effect", "Woven"],
            [K("Scented Candle", 8, 35), K("Cushion Cover", 10, 35), K("Table Lamp", 25, 150), K("Wall Mirror", 30, 200),
             K("Ceramic Vase", 12, 60), K("Throw Blanket", 20, 90), K("Photo Frame", 8, 30), K("Wall Clock", 15, 80), K("Area Rug", 50, 250)]),
        new("Kitchen", 0.9, 0.020, ["Grocery", "Home Decor"],
            ["Stainless Steel", "Non-Stick", "Professional", "Enamel", "Bamboo", "Compact", "Heritage", "Everyday"],
            [K("Chef's Knife", 15, 120), K("Frying Pan", 15, 80), K("Casserole Dish", 40, 250), K("Coffee Grinder", 20, 120),
             K("Espresso Machine", 80, 300), K("Electric Kettle", 20, 90), K("Chopping Board", 8, 40), K("Mixing Bowl Set", 10, 45),
             K("Tea Towel Set", 5, 15), K("Blender", 30, 150)]),
        new("Toys", 0.9, 0.015, ["Party Supplies", "Baby"],
            ["Deluxe", "Junior", "Classic", "Glow-in-the-Dark", "Wooden", "Magnetic", "Rainbow", "Adventure"],
            [K("Building Bricks Set", 10, 150), K("Plush Bear", 8, 35), K("Jigsaw Puzzle", 8, 30), K("Train Set", 20, 90),
             K("Board Game", 12, 50), K("Remote Control Car", 20, 120), K("Craft Kit", 8, 30), K("Doll's House", 40, 150), K("Science Kit", 15, 45)]),
        new("Sports", 0.8, 0.030, ["Outdoor", "Health"],
            ["Performance", "Lightweight", "Pro", "Training", "Grip", "Endurance", "Club", "Flex"],
            [K("Yoga Mat", 12, 60), K("Dumbbell Set", 20, 150), K("Running Belt", 8, 25), K("Water Bottle", 5, 30), K("Resistance Bands", 8, 30),
             K("Tennis Racket", 25, 200), K("Football", 10, 60), K("Exercise Bike", 150, 500), K("Cycling Helmet", 25, 120)]),
        new("Shoes", 0.8, 0.070, ["Fashion", "Sports"],
            ["Leather", "Suede", "Waterproof", "Classic", "Cushioned", "Canvas", "Chelsea", "Everyday"],
            [K("Running Shoes", 40, 180), K("Boots", 60, 220), K("Trainers", 35, 150), K("Sandals", 15, 70), K("Slippers", 12, 40),
             K("Loafers", 40, 160), K("Hiking Boots", 60, 200)]),
        new("Grocery", 0.8, 0.004, ["Kitchen", "Party Supplies"],
            ["Organic", "Fairtrade", "Artisan", "Single-Origin", "Italian", "Gluten-Free", "Extra Virgin", "Small-Batch"],
            [K("Ground Coffee", 4, 15), K("Loose Leaf Tea", 3, 14), K("Dark Chocolate", 1, 6), K("Olive Oil", 5, 20), K("Pasta", 1, 5),
             K("Honey", 4, 15), K("Granola", 3, 8), K("Spice Set", 8, 30), K("Gift Hamper", 20, 80)]),
        new("Garden", 0.6, 0.020, ["Outdoor", "Home Decor"],
            ["Heavy-Duty", "Solar", "Weatherproof", "Cottage", "Galvanised", "Eco", "Folding", "Terracotta"],
            [K("Seed Collection", 3, 15), K("Pruning Shears", 10, 45), K("Garden Hose", 15, 60), K("Raised Planter", 30, 150),
             K("String Lights", 10, 50), K("Bird Feeder", 8, 40), K("Garden Bench", 80, 400), K("Watering Can", 8, 30), K("Compost Bin", 25, 90)]),
        new("Health", 0.6, 0.010, ["Beauty", "Sports"],
            ["Daily", "Advanced", "Family", "Sugar-Free", "Rechargeable", "Clinical", "Plant-Based", "Travel"],
            [K("Multivitamins", 5, 25), K("Protein Powder", 15, 60), K("First Aid Kit", 8, 40), K("Digital Thermometer", 8, 30),
             K("Electric Toothbrush", 20, 150), K("Hand Sanitiser", 2, 8), K("Massage Gun", 40, 150), K("Blood Pressure Monitor", 25, 90)]),
        new("Pet Supplies", 0.6, 0.010, ["Garden", "Outdoor"],
            ["Grain-Free", "Chunky", "Cosy", "Durable", "Senior", "Puppy", "Reflective", "Natural"],
            [K("Dog Food", 10, 60), K("Cat Litter", 5, 25), K("Dog Lead", 8, 30), K("Scratching Post", 20, 90), K("Pet Bed", 20, 120),
             K("Chew Toy", 3, 15), K("Fish Tank", 40, 150), K("Bird Seed", 4, 15)]),
        new("Video Games", 0.6, 0.020, ["Electronics", "Toys"],
            ["Wireless", "Retro", "RGB", "Limited Edition", "Pro", "Ergonomic", "Deluxe", "Standard"],
            [K("Console Game", 20, 70), K("Game Controller", 35, 80), K("Gaming Headset", 25, 150), K("Gaming Mouse", 20, 100),
             K("Games Console", 250, 500), K("Handheld Console", 40, 150), K("Charging Dock", 15, 40), K("Indie Game", 10, 30)]),
        new("Jewellery", 0.5, 0.040, ["Fashion", "Beauty"],
            ["Sterling Silver", "Rose Gold", "Pearl", "Minimalist", "Vintage", "Gemstone", "Engraved", "Twisted"],
            [K("Necklace", 25, 200), K("Stud Earrings", 10, 120), K("Charm Bracelet", 20, 150), K("Ring", 40, 800), K("Watch", 50, 500),
             K("Cufflinks", 20, 90), K("Pendant", 20, 180)]),
        new("Baby", 0.5, 0.020, ["Toys", "Health"],
            ["Organic", "Soft-Touch", "Newborn", "Travel", "Hypoallergenic", "Bamboo", "Easy-Clean", "Little"],
            [K("Nappies", 5, 20), K("Baby Wipes", 3, 10), K("Bottle Set", 10, 40), K("Muslin Squares", 8, 25), K("Baby Monitor", 40, 200),
             K("Pushchair", 120, 400), K("Romper", 8, 25), K("Teething Toy", 4, 15), K("Changing Bag", 25, 90)]),
        new("Outdoor", 0.5, 0.030, ["Sports", "Garden"],
            ["Ultralight", "4-Season", "Waterproof", "Trail", "Compact", "Expedition", "Insulated", "Family"],
            [K("Camping Tent", 50, 500), K("Sleeping Bag", 30, 180), K("Head Torch", 10, 50), K("Hiking Backpack", 40, 200),
             K("Camping Stove", 25, 120), K("Picnic Blanket", 15, 50), K("Trekking Poles", 20, 90), K("Cool Box", 20, 90), K("Folding Chair", 15, 70)]),
        new("Stationery", 0.4, 0.010, ["Books", "Party Supplies"],
            ["Dotted", "Recycled", "Pastel", "Leather-Bound", "A5", "Refillable", "Fine-Liner", "Artist"],
            [K("Notebook", 3, 20), K("Fountain Pen", 10, 60), K("Gel Pen Set", 2, 12), K("Desk Planner", 8, 25), K("Sticky Notes", 1, 6),
             K("Watercolour Set", 8, 40), K("Greeting Cards", 2, 8), K("Pencil Case", 4, 18)]),
        new("Music", 0.4, 0.010, ["Electronics", "Books"],
            ["Remastered", "Acoustic", "Beginner", "Studio", "Live", "Vintage", "Concert", "Deluxe"],
            [K("Vinyl Record", 15, 40), K("CD Album", 6, 15), K("Acoustic Guitar", 80, 700), K("Guitar Strings", 5, 20), K("Ukulele", 25, 120),
             K("Microphone", 30, 200), K("Drumsticks", 8, 25), K("Songbook", 8, 25)]),
        new("Party Supplies", 0.3, 0.010, ["Toys", "Grocery"],
            ["Metallic", "Neon", "Birthday", "Eco", "Glitter", "Pastel", "Jumbo", "Themed"],
            [K("Balloons", 2, 12), K("Paper Plates", 2, 8), K("Bunting", 3, 15), K("Party Bags", 4, 15), K("Birthday Candles", 1, 5),
             K("Fancy Dress Costume", 15, 60), K("Confetti", 2, 8), K("Piñata", 10, 30), K("Fairy Lights", 8, 30)]),
    ];

    /// <summary>Fictional brands: no real trademarks in demo data.</summary>
    public static IReadOnlyList<string> Brands { get; } =
    [
        "Northwind", "Aldergrove", "Blue Fern", "Harbour & Co", "Kestrel", "Larkspur", "Mapleton", "Oakridge",
        "Pennant", "Quayside", "Rowan", "Saltmarsh", "Thistle", "Willow Lane", "Foxglove", "Brightwater",
    ];

    private static DemoItemKind K(string noun, decimal min, decimal max) => new(noun, min, max);
}
