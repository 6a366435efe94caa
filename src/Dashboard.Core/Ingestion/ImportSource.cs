using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Unicode;

namespace Dashboard.Core.Ingestion;

/// <summary>
/// A file to import, inspected before anything is imported: plain or gzip (by its first bytes, not its name), its text
/// encoding, and refused with a clear message when it is empty, binary or an archive this product does not open.
/// The encoding is decided from the first <see cref="SampleBytes"/> of text: UTF-16 by its byte order mark, UTF-8
/// (with or without a byte order mark) when the sample is valid UTF-8, Windows-1252 (a superset of Latin-1)
/// otherwise. A UTF-8 file that turns out to hold a stray Latin-1 byte after the sample still reads right: such a
/// byte is decoded as Windows-1252 rather than replaced. <see cref="Open"/> streams the text: nothing ever holds the
/// whole file.
/// </summary>
public sealed class ImportSource
{
    /// <summary>How much of the (decompressed) start of the file decides the encoding and spots binary content.</summary>
    public const int SampleBytes = 64 * 1024;

    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("The Windows-1252 code page is not available.");

    private readonly TextEncoding _encoding;

    private ImportSource(string filePath, long fileBytes, bool isGzip, TextEncoding encoding)
    {
        FilePath = filePath;
        FileBytes = fileBytes;
        IsGzip = isGzip;
        _encoding = encoding;
    }

    public string FilePath { get; }

    /// <summary>The size of the file as stored (compressed, for gzip).</summary>
    public long FileBytes { get; }

    public bool IsGzip { get; }

    /// <summary>The encoding as recorded on the import run: utf-8, utf-8-bom, windows-1252, utf-16le or utf-16be.</summary>
    public string EncodingName => _encoding switch
    {
        TextEncoding.Utf8 => "utf-8",
        TextEncoding.Utf8Bom => "utf-8-bom",
        TextEncoding.Windows1252 => "windows-1252",
        TextEncoding.Utf16LittleEndian => "utf-16le",
        _ => "utf-16be",
    };

    /// <summary>Looks at the start of the file. Throws <see cref="ImportFileException"/> when it cannot be a CSV file.</summary>
    public static ImportSource Inspect(string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        var info = new FileInfo(filePath);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"There is no file '{filePath}'.", filePath);
        }

        if (info.Length == 0)
        {
            throw new ImportFileException("The file is empty (0 bytes): there is nothing to import.");
        }

        var magic = new byte[4];
        int magicLength;
        using (var file = File.OpenRead(filePath))
        {
            magicLength = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        }

        var isGzip = magicLength >= 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        if (!isGzip)
        {
            RefuseKnownBinaryFormats(magic.AsSpan(0, magicLength));
        }

        var sample = ArrayPool<byte>.Shared.Rent(SampleBytes);
        try
        {
            int length;
            bool complete;
            using (var stream = OpenBytes(filePath, isGzip, out _))
            {
                length = ReadSample(stream, sample, isGzip);
                complete = length < SampleBytes || stream.ReadByte() < 0;
            }

            var encoding = Classify(sample.AsSpan(0, length), complete);
            return new ImportSource(filePath, info.Length, isGzip, encoding);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sample);
        }
    }

    /// <summary>Opens the file as text, decompressing and decoding as it goes. The caller disposes the reader.</summary>
    public ImportSourceReader Open()
    {
        var stream = OpenBytes(FilePath, IsGzip, out var file);
        try
        {
            var preamble = _encoding switch
            {
                TextEncoding.Utf8Bom => 3,
                TextEncoding.Utf16LittleEndian or TextEncoding.Utf16BigEndian => 2,
                _ => 0,
            };
            stream.ReadExactly(new byte[preamble]);
            var text = new StreamReader(stream, DecodingFor(_encoding), detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: false);
            return new ImportSourceReader(text, file, FileBytes);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static Stream OpenBytes(string filePath, bool isGzip, out FileStream file)
    {
        file = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return isGzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: false) : file;
    }

    private static int ReadSample(Stream stream, byte[] sample, bool isGzip)
    {
        try
        {
            return stream.ReadAtLeast(sample.AsSpan(0, SampleBytes), SampleBytes, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e) when (isGzip)
        {
            throw new ImportFileException(
                $"The file starts like a gzip archive but cannot be decompressed ({e.Message}): it may be truncated or damaged.", e);
        }
    }

    private static void RefuseKnownBinaryFormats(ReadOnlySpan<byte> magic)
    {
        if (magic.StartsWith("PK\u0003\u0004"u8) || magic.StartsWith("PK\u0005\u0006"u8))
        {
            throw new ImportFileException(
                "The file is a ZIP archive (an .xlsx workbook is one too), not a CSV file: unzip it, or save the sheet as CSV, " +
                "and import that. A gzip-compressed CSV (.csv.gz) can be imported as it is.");
        }

        if (magic.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
        {
            throw new ImportFileException("The file is an Excel workbook in the old .xls format, not CSV: save it as CSV (UTF-8) and import that.");
        }
    }

    private static TextEncoding Classify(ReadOnlySpan<byte> sample, bool complete)
    {
        if (sample.StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            return RequireText(sample[2..], TextEncoding.Utf16LittleEndian);
        }

        if (sample.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return RequireText(sample[2..], TextEncoding.Utf16BigEndian);
        }

        var hasBom = sample.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = hasBom ? sample[3..] : sample;
        if (text.Contains((byte)0))
        {
            throw new ImportFileException(
                $"The file is not text: its first {Math.Min(sample.Length, SampleBytes).ToString("N0", CultureInfo.InvariantCulture)} bytes " +
                "contain NUL bytes, which CSV text never does. It is binary (an image, an archive, a database file, ...); nothing was imported.");
        }

        var controls = 0;
        foreach (var b in text)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C)
            {
                controls++;
            }
        }

        if (controls > Math.Max(8, text.Length / 100))
        {
            throw new ImportFileException("The file is not text: its start is full of control characters. It is binary, not a CSV file; nothing was imported.");
        }

        if (text.Trim(" \t\r\n"u8).IsEmpty && complete)
        {
            throw new ImportFileException("The file holds no text (only blank lines): there is nothing to import.");
        }

        if (IsUtf8(text, complete))
        {
            return hasBom ? TextEncoding.Utf8Bom : TextEncoding.Utf8;
        }

        return TextEncoding.Windows1252;
    }

    private static TextEncoding RequireText(ReadOnlySpan<byte> afterBom, TextEncoding encoding)
    {
        if (afterBom.Length < 2 && afterBom.Trim(" \t\r\n\0"u8).IsEmpty)
        {
            throw new ImportFileException("The file holds no text: there is nothing to import.");
        }

        return encoding;
    }

    /// <summary>Valid UTF-8, allowing the sample to end in the middle of a character when more of the file follows.</summary>
    private static bool IsUtf8(ReadOnlySpan<byte> text, bool complete)
    {
        var chars = ArrayPool<char>.Shared.Rent(text.Length + 1);
        try
        {
            var status = Utf8.ToUtf16(text, chars, out _, out _, replaceInvalidSequences: false, isFinalBlock: complete);
            return status == System.Buffers.OperationStatus.Done || (!complete && status == System.Buffers.OperationStatus.NeedMoreData);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static Encoding DecodingFor(TextEncoding encoding) => encoding switch
    {
        TextEncoding.Utf8 or TextEncoding.Utf8Bom => Utf8WithWindows1252Fallback.Instance,
        TextEncoding.Windows1252 => Windows1252,
        TextEncoding.Utf16LittleEndian => new UnicodeEncoding(bigEndian: false, byteOrderMark: false),
        _ => new UnicodeEncoding(bigEndian: true, byteOrderMark: false),
    };

    private enum TextEncoding
    {
        Utf8,
        Utf8Bom,
        Windows1252,
        Utf16LittleEndian,
        Utf16BigEndian,
    }

    /// <summary>UTF-8 that decodes a byte sequence that is not UTF-8 as Windows-1252 instead of replacing it with U+FFFD.</summary>
    private static class Utf8WithWindows1252Fallback
    {
        public static readonly Encoding Instance = Create();

        private static Encoding Create()
        {
            var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).Clone();
            encoding.DecoderFallback = new Windows1252DecoderFallback();
            return encoding;
        }
    }

    private sealed class Windows1252DecoderFallback : DecoderFallback
    {
        public override int MaxCharCount => 4;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

        private sealed class Buffer : DecoderFallbackBuffer
        {
            private string _chars = string.Empty;
            private int _position;

            public override int Remaining => _chars.Length - _position;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                _chars = Windows1252.GetString(bytesUnknown);
                _position = 0;
                return _chars.Length > 0;
            }

            public override char GetNextChar() => _position < _chars.Length ? _chars[_position++] : '\0';

            public override bool MovePrevious()
            {
                if (_position == 0)
                {
                    return false;
                }

                _position--;
                return true;
            }

            public override void Reset()
            {
                _chars = string.Empty;
                _position = 0;
            }
        }
    }
}

/// <summary>The text of an <see cref="ImportSource"/>, with how far through the file reading has got.</summary>
public sealed class ImportSourceReader : IDisposable
{
    private readonly FileStream _file;
    private readonly long _length;

    internal ImportSourceReader(TextReader text, FileStream file, long length)
    {
        Text = text;
        _file = file;
        _length = length;
    }

    public TextReader Text { get; }

    /// <summary>The share of the file's bytes (compressed bytes for gzip) read so far, 0..1.</summary>
    public double Fraction => _length == 0 ? 1 : Math.Clamp((double)_file.Position / _length, 0, 1);

    public void Dispose() => Text.Dispose();
}
