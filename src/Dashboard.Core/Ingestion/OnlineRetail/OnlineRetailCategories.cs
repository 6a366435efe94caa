namespace Dashboard.Core.Ingestion.OnlineRetail;

/// <summary>
/// The UCI Online Retail file has no product categories, so one is derived from the product's description by a plain
/// keyword rule: the first category below with a keyword among the description's words wins (so "CHRISTMAS LIGHTS" is
/// Christmas, "HEART T-LIGHT HOLDER" is Candles and lights); descriptions with none of them are "Other gifts". The
/// non-merchandise stock codes (postage, carriage, fees, discounts, manual adjustments, samples) are "Fees and
/// adjustments", gift vouchers "Gift vouchers". On the UCI file about 87% of the 4,070 stock codes get a named
/// category. It is a heuristic for grouping recommendations and audiences, not a catalogue: a shop's own product
/// file (the Products importer) replaces it.
/// </summary>
public static class OnlineRetailCategories
{
    public const string Other = "Other gifts";
    public const string Fees = "Fees and adjustments";
    public const string GiftVouchers = "Gift vouchers";

    /// <summary>What splits a description into words; a hyphen does not (T-LIGHT is one word).</summary>
    private static readonly char[] Separators = [' ', ',', '.', '/', '+', '&', '(', ')', '\'', '"', ';', ':', '!', '?', '*'];

    private static readonly HashSet<string> FeeCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "POST", "DOT", "C2", "M", "D", "S", "B", "AMAZONFEE", "BANK CHARGES", "CRUK",
    };

    private static readonly (string Category, HashSet<string> Keywords)[] Rules =
    [
        Rule("Christmas and seasonal", "CHRISTMAS", "XMAS", "ADVENT", "SANTA", "REINDEER", "SNOWFLAKE", "SNOWMAN", "NOEL", "BAUBLE",
            "BAUBLES", "EASTER", "VALENTINE", "HALLOWEEN"),
        Rule("Candles and lights", "CANDLE", "CANDLES", "T-LIGHT", "T-LIGHTS", "TLIGHT", "LANTERN", "LIGHTS", "LIGHT", "LAMP",
            "LAMPSHADE", "NIGHTLIGHT", "CANDLEHOLDER", "CHANDELIER", "INCENSE"),
        Rule("Bags", "BAG", "BAGS", "JUMBO", "SHOPPER", "TOTE", "BACKPACK", "RUCKSACK", "CHARLOTTE", "WASHBAG"),
        Rule("Cards and wrapping", "CARD", "CARDS", "WRAP", "WRAPPING", "TISSUE", "TISSUES", "RIBBON", "RIBBONS", "TAGS", "TAG",
            "ENVELOPE", "ENVELOPES", "STICKER", "STICKERS", "BUNTING", "CONFETTI", "PARTY"),
        Rule("Kitchen and dining", "MUG", "MUGS", "CUP", "CUPS", "SAUCER", "PLATE", "PLATES", "BOWL", "BOWLS", "DISH", "CAKE", "CAKES",
            "CAKESTAND", "TEA", "TEAPOT", "COFFEE", "LUNCH", "JAR", "JARS", "BAKING", "KITCHEN", "NAPKINS", "NAPKIN", "TIN", "TINS",
            "BOTTLE", "CUTLERY", "SPOON", "SPOONS", "APRON", "OVEN", "TRAY", "TRAYS", "JUG", "PANTRY", "CHOPSTICKS", "BREAD",
            "EGG", "DINER", "PICNIC", "BEAKER", "TUMBLER", "GLASS", "COASTER", "COASTERS", "PLACEMAT", "PLACEMATS", "STRAWS",
            "CASES", "MOULD", "BISCUIT", "SUGAR", "MILK", "CHOCOLATE", "HERB", "FOOD"),
        Rule("Stationery", "PEN", "PENS", "PENCIL", "PENCILS", "NOTEBOOK", "NOTEBOOKS", "STATIONERY", "ERASER", "ERASERS", "RULER",
            "JOURNAL", "NOTE", "NOTEPAD", "CALENDAR", "DIARY", "BOOK", "SKETCHBOOK", "SHARPENER", "CRAYONS", "CHALK", "PAPER", "STAMP",
            "STAMPS", "MEMO", "TAPE", "MARKER", "PAPERWEIGHT"),
        Rule("Toys and games", "TOY", "TOYS", "GAME", "GAMES", "DOLL", "DOLLY", "PUZZLE", "JIGSAW", "BALLOON", "BALLOONS", "SKITTLES",
            "DOMINOES", "SPACEBOY", "PLAYHOUSE", "BLOCK", "BLOCKS", "SOLDIER", "HARMONICA", "SPINNING", "TEDDY", "KIT", "CRAFT",
            "MAGIC", "DINOSAUR", "ROBOT", "TRAIN", "CAR", "HELICOPTER", "BALL"),
        Rule("Jewellery and accessories", "NECKLACE", "BRACELET", "EARRINGS", "RING", "BROOCH", "PURSE", "HAIR", "HAIRCLIP",
            "HAIRSLIDE", "BANGLE", "CHARM", "SCARF", "UMBRELLA", "WALLET", "SUNGLASSES", "BEADS", "DIAMANTE", "JEWEL", "JEWELLERY",
            "HANDBAG", "MIRROR", "PASSPORT"),
        Rule("Garden and outdoors", "GARDEN", "PLANT", "PLANTER", "POT", "POTS", "FLOWER", "FLOWERS", "SEED", "SEEDS", "WATERING",
            "BIRD", "BIRDHOUSE", "FEEDER", "GNOME", "HEN", "CHICKEN", "WICKER", "PARASOL"),
        Rule("Home decor", "FRAME", "FRAMES", "PHOTO", "CLOCK", "SIGN", "CUSHION", "CUSHIONS", "COVER", "DOORMAT", "HOOK", "HOOKS",
            "HANGER", "HANGERS", "DRAWER", "DRAWERS", "CABINET", "SHELF", "HEART", "HEARTS", "DECORATION", "ORNAMENT", "VASE", "WREATH",
            "BOX", "BOXES", "BASKET", "STORAGE", "CHEST", "HOLDER", "DOORSTOP", "PLAQUE", "WALL", "TABLE", "CHAIR", "BLANKET", "THROW",
            "RACK", "QUILT", "BELL", "BELLS", "GARLAND", "CHIME", "BUTTERFLY", "FEATHER", "HANGING", "CURTAIN", "MAGNETS", "TILE",
            "MAT", "SOAP", "MOBILE"),
    ];

    public static string For(string stockCode, string description)
    {
        ArgumentNullException.ThrowIfNull(stockCode);
        ArgumentNullException.ThrowIfNull(description);
        if (FeeCodes.Contains(stockCode))
        {
            return Fees;
        }

        if (stockCode.StartsWith("gift_", StringComparison.OrdinalIgnoreCase))
        {
            return GiftVouchers;
        }

        var words = description.ToUpperInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        foreach (var (category, keywords) in Rules)
        {
            if (words.Any(keywords.Contains))
            {
                return category;
            }
        }

        return Other;
    }

    private static (string, HashSet<string>) Rule(string category, params string[] keywords) =>
        (category, new HashSet<string>(keywords, StringComparer.Ordinal));
}
