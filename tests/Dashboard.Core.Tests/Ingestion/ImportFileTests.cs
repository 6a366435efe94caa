using System.IO.Compression;
using System.Text;
using Dashboard.Core.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Ingestion;

/// <summary>How the engine copes with what people actually upload: encodings, compression, broken and hostile files.</summary>
public sealed class ImportFileTests : IDisposable
{
    private const string Row1 = "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom";
    private const string Row2 = "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom";
    private const string Row3 = "536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,17850,United Kingdom";

    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private readonly ImportTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Import_DecodesWindows1252_WhenTheBytesAreNotUtf8()
    {
        var path = _host.WriteText("latin1.csv",
            ImportTestHost.OnlineRetailHeader + "\n536370,21791,CAFÉ CRÈME MUG £5,6,2010-12-01 08:45:00,1.25,12583,France\n", Windows1252);

        var report = await _host.ImportAsync(path);

        Assert.Equal((ImportStatus.Succeeded, "windows-1252", 1L), (report.Status, report.Encoding, report.Accepted));
        Assert.Equal("CAFÉ CRÈME MUG £5", await ProductNameAsync("21791"));
    }

    [Theory]
    [InlineData(true, "utf-8-bom")]
    [InlineData(false, "utf-8")]
    public async Task Import_ReadsUtf8_WithOrWithoutByteOrderMark(bool byteOrderMark, string recorded)
    {
        var path = _host.WriteText("utf8.csv",
            ImportTestHost.OnlineRetailHeader + "\n536370,21791,CAFÉ CRÈME MUG £5,6,2010-12-01 08:45:00,1.25,12583,France\n",
            new UTF8Encoding(byteOrderMark));

        var report = await _host.ImportAsync(path);

        Assert.Equal((ImportStatus.Succeeded, recorded, 1L), (report.Status, report.Encoding, report.Accepted));
        Assert.Equal("CAFÉ CRÈME MUG £5", await ProductNameAsync("21791"));
    }

    [Fact]
    public async Task Import_KeepsALatin1ByteRight_WhenItComesAfterTheUtf8Sample()
    {
        var ascii = Enumerable.Range(0, 1_500).Select(i => $"5{i:D5},SKU{i},PLAIN ITEM,1,2010-12-01 08:45:00,1.25,12583,France");
        var bytes = new List<byte>(Encoding.ASCII.GetBytes(ImportTestHost.OnlineRetailHeader + "\n" + string.Join("\n", ascii) + "\n"));
        Assert.True(bytes.Count > ImportSource.SampleBytes);
        bytes.AddRange(Windows1252.GetBytes("599999,21791,CAFÉ MUG,1,2010-12-01 08:45:00,1.25,12583,France\n"));

        var report = await _host.ImportAsync(_host.WriteBytes("mostly-ascii.csv", [.. bytes]));

        Assert.Equal((ImportStatus.Succeeded, "utf-8", 1_501L), (report.Status, report.Encoding, report.Accepted));
        Assert.Equal("CAFÉ MUG", await ProductNameAsync("21791"));
    }

    [Fact]
    public async Task Import_ReadsTheExcelExportLayout_MonthFirstDatesAndOnlineRetailIIHeaders()
    {
        var path = _host.WriteText("excel.csv",
            "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\r\n" +
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850.0,United Kingdom\r\n" +
            "536400,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/13/2010 14:05,2.55,17850.0,United Kingdom\r\n");

        var report = await _host.ImportAsync(path);

        Assert.Equal((ImportStatus.Succeeded, 2L), (report.Status, report.Accepted));
        await using var db = _host.Database.CreateDbContext();
        Assert.Equal(
            [new DateTime(2010, 12, 1, 8, 26, 0, DateTimeKind.Utc), new DateTime(2010, 12, 13, 14, 5, 0, DateTimeKind.Utc)],
            await db.Orders.OrderBy(o => o.Id).Select(o => o.PlacedAt).ToListAsync());
        Assert.Equal("17850", (await db.Customers.SingleAsync()).ExternalId);
    }

    [Fact]
    public async Task Import_FailsBeforeWritingAnything_WhenTheDatesAreDayFirst()
    {
        var path = _host.WriteOnlineRetail("day-first.csv",
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,1/12/2010 8:26,2.55,17850,United Kingdom",
            "536400,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,13/12/2010 14:05,2.55,17850,United Kingdom");

        var report = await _host.ImportAsync(path);

        Assert.Equal(ImportStatus.Failed, report.Status);
        Assert.StartsWith("InvoiceDate '13/12/2010 14:05' can only be read day first", report.Error, StringComparison.Ordinal);
        Assert.EndsWith("(at line 3). Nothing was imported.", report.Error, StringComparison.Ordinal);
        Assert.Equal(new ImportTestHost.TableCounts(0, 0, 0, 0, 0, 0, 0), await _host.CountAsync());
    }

    [Fact]
    public async Task Import_FailsNamingTheMissingColumns_WhenTheHeaderIsWrong_AndWritesNothing()
    {
        var path = _host.WriteText("customers.csv", "InvoiceNo,StockCode,Description,Qty,InvoiceDate,Country\n536365,85123A,X,6,2010-12-01 08:26:00,United Kingdom\n");

        var report = await _host.ImportAsync(path);

        Assert.Equal(ImportStatus.Failed, report.Status);
        Assert.StartsWith("The header does not match the Online Retail CSV format: it lacks the columns Quantity, UnitPrice, CustomerID.", report.Error, StringComparison.Ordinal);
        Assert.Contains("Expected a first line like: InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country", report.Error, StringComparison.Ordinal);
        Assert.Contains("Invoice for InvoiceNo", report.Error, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was imported.", report.Error, StringComparison.Ordinal);
        Assert.Equal(new ImportTestHost.TableCounts(0, 0, 0, 0, 0, 0, 0), await _host.CountAsync());
        await using var db = _host.Database.CreateDbContext();
        var run = await db.ImportRuns.SingleAsync();
        Assert.Equal((ImportStatus.Failed, report.Error, 0L), (run.Status, run.Error, run.RowsRead));
        Assert.NotNull(run.FinishedAt);
    }

    [Fact]
    public async Task Import_FailsClearly_WhenTheFileIsEmpty()
    {
        var report = await _host.ImportAsync(_host.WriteBytes("empty.csv", []));

        Assert.Equal(ImportStatus.Failed, report.Status);
        Assert.Equal("The file is empty (0 bytes): there is nothing to import. Nothing was imported.", report.Error);
    }

    [Fact]
    public async Task Import_SucceedsWithNoRows_WhenTheFileHasOnlyTheHeader()
    {
        var report = await _host.ImportAsync(_host.WriteText("header.csv", ImportTestHost.OnlineRetailHeader + "\n"));

        Assert.Equal((ImportStatus.Succeeded, 0L), (report.Status, report.RowsRead));
    }

    [Fact]
    public async Task Import_FailsClearly_WhenTheFileIsBinary()
    {
        var bytes = new byte[100_000];
        new Random(7).NextBytes(bytes);

        var report = await _host.ImportAsync(_host.WriteBytes("photo.csv", bytes));

        Assert.Equal(ImportStatus.Failed, report.Status);
        Assert.StartsWith("The file is not text: its first 65,536 bytes contain NUL bytes", report.Error, StringComparison.Ordinal);
        Assert.Equal(new ImportTestHost.TableCounts(0, 0, 0, 0, 0, 0, 0), await _host.CountAsync());
    }

    [Fact]
    public async Task Import_FailsClearly_WhenTheFileIsAZipArchive()
    {
        var path = Path.Combine(_host.Directory, "export.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            await using var entry = new StreamWriter(zip.CreateEntry("online_retail.csv").Open());
            await entry.WriteAsync(ImportTestHost.OnlineRetailHeader + "\n" + Row1 + "\n");
        }

        var report = await _host.ImportAsync(path);

        Assert.Equal(ImportStatus.Failed, report.Status);
        Assert.StartsWith("The file is a ZIP archive", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_DecompressesGzip_ByItsMagicBytesWhateverTheName()
    {
        var path = Path.Combine(_host.Directory, "actually-gzip.csv");
        await using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(ImportTestHost.OnlineRetailHeader + "\n" + Row1 + "\n" + Row2 + "\n"));
        }

        var report = await _host.ImportAsync(path);

        Assert.Equal((ImportStatus.Succeeded, 2L), (report.Status, report.Accepted));
        await using var db = _host.Database.CreateDbContext();
        Assert.Equal("Online Retail CSV (gzip)", (await db.ImportRuns.SingleAsync()).Format);
    }

    [Fact]
    public async Task Import_RejectsATruncatedLastLineAsMalformed_AndImportsTheRest()
    {
        var path = _host.WriteText("truncated.csv", ImportTestHost.OnlineRetailHeader + "\n" + Row1 + "\n" + Row2 + "\n536366,22633,HAND WARM");

        var report = await _host.ImportAsync(path);

        Assert.Equal((ImportStatus.Succeeded, 3L, 2L, 1L), (report.Status, report.RowsRead, report.Accepted, report.Rejected));
        await using var db = _host.Database.CreateDbContext();
        var rejected = await db.ImportRejectedRows.SingleAsync();
        Assert.Equal((4L, ImportRules.Malformed, "536366,22633,HAND WARM"), (rejected.LineNumber, rejected.Rule, rejected.RawLine));
        Assert.Equal("Has 3 fields where the header has 8: a truncated line, or a separator inside a value that is not quoted.", rejected.Reason);
    }

    [Fact]
    public async Task Import_RejectsRowsWithBadQuotesOrFieldCountsOrValues_AndContinues()
    {
        var path = _host.WriteOnlineRetail("messy.csv",
            Row1,
            "536365,71053,WHITE \"METAL\" LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom",
            "536365,84406B,CREAM CUPID, HEARTS,8,2010-12-01 08:26:00,2.75,17850,United Kingdom",
            "536365,84029G,\"KNITTED UNION FLAG,6,2010-12-01 08:26:00,3.39,17850,United Kingdom",
            "536365,84029E,RED WOOLLY HOTTIE,six,2010-12-01 08:26:00,3.39,17850,United Kingdom",
            "536365,22752,SET 7 BABUSHKA NESTING BOXES,2,2010-12-32 08:26:00,7.65,17850,United Kingdom",
            "536365,,GLASS STAR FROSTED T-LIGHT HOLDER,6,2010-12-01 08:26:00,4.25,17850,",
            "536365,22960,\"JAM MAKING SET, WITH JARS\",6,2010-12-01 08:26:00,4.25,17850,United Kingdom",
            Row3);

        var report = await _host.ImportAsync(path);

        Assert.Equal((ImportStatus.Succeeded, 9L, 3L, 6L), (report.Status, report.RowsRead, report.Accepted, report.Rejected));
        await using var db = _host.Database.CreateDbContext();
        var rejected = await db.ImportRejectedRows.OrderBy(r => r.LineNumber).ToListAsync();
        Assert.Equal(
            [
                (3L, ImportRules.Malformed, "A quote inside a value that is not quoted (a value with quotes must be quoted, each quote doubled)."),
                (4L, ImportRules.Malformed, "Has 9 fields where the header has 8: a truncated line, or a separator inside a value that is not quoted."),
                (5L, ImportRules.Malformed, "A quoted value is not closed before the end of the line (an unbalanced quote, or a truncated line; values of this format are one line each)."),
                (6L, ImportRules.Malformed, "Quantity 'six' is not a whole number."),
                (7L, ImportRules.Malformed, "InvoiceDate '2010-12-32 08:26:00' is neither yyyy-MM-dd HH:mm:ss nor M/d/yyyy H:mm."),
                (8L, ImportRules.MissingField, "Empty required fields: StockCode, Country."),
            ],
            rejected.Select(r => (r.LineNumber, r.Rule!, r.Reason)));
        Assert.Equal("JAM MAKING SET, WITH JARS", await ProductNameAsync("22960"));
    }

    [Fact]
    public async Task Import_RejectsLinesThatContradictTheirInvoice()
    {
        var path = _host.WriteOnlineRetail("contradictions.csv",
            "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom",
            "C536379,D,Discount,1,2010-12-01 09:41:00,27.5,14527,United Kingdom",
            Row1,
            "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,12583,United Kingdom",
            "536365,84406B,CREAM CUPID HEARTS COAT HANGER,-8,2010-12-01 08:26:00,2.75,17850,United Kingdom");

        var report = await _host.ImportAsync(path);

        Assert.Equal((2L, 3L), (report.Accepted, report.Rejected));
        await using var db = _host.Database.CreateDbContext();
        Assert.Equal(
            [
                (3L, "Quantity 1 on a cancellation invoice, whose quantities are negative."),
                (5L, "The CustomerID differs from that of the invoice's first line: an invoice belongs to one customer."),
                (6L, "A negative quantity on an invoice whose first line is a purchase."),
            ],
            await db.ImportRejectedRows.OrderBy(r => r.LineNumber).Select(r => ValueTuple.Create(r.LineNumber, r.Reason)).ToListAsync());
    }

    private async Task<string> ProductNameAsync(string sku)
    {
        await using var db = _host.Database.CreateDbContext();
        return await db.Products.Where(p => p.Sku == sku).Select(p => p.Name).SingleAsync();
    }
}
