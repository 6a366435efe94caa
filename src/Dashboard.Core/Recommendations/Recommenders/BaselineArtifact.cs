using System.Text;

namespace Dashboard.Core.Recommendations.Recommenders;

/// <summary>
/// The binary layout of a saved baseline: a format tag, the family name (so a popularity artifact is never loaded as
/// itemknn), the catalogue's product ids (so scores map back to products and the model can be laid over another
/// catalogue), then the family's own fitted state. Binary rather than JSON because an itemknn artifact holds
/// items × k floats, and little-endian fixed-width values keep scores bit-identical after a round trip.
/// </summary>
internal static class BaselineArtifact
{
    private const string Format = "dashboard-baseline-v1";

    public static byte[] Write(string name, ItemIndex items, Action<BinaryWriter> writeState)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            writer.Write(name);
            WriteInts(writer, [.. items.ProductIds]);
            writeState(writer);
        }

        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a saved baseline of family <paramref name="name"/>.</exception>
    public static T Read<T>(byte[] bytes, string name, Func<BinaryReader, ItemIndex, T> readState)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (reader.ReadString() != Format)
            {
                throw new InvalidDataException("These bytes are not a saved baseline recommender.");
            }

            var savedName = reader.ReadString();
            if (savedName != name)
            {
                throw new InvalidDataException($"This is a saved {savedName} model, not {name}.");
            }

            return readState(reader, new ItemIndex(ReadInts(reader)));
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"The saved {name} model is truncated.", e);
        }
    }

    public static void WriteInts(BinaryWriter writer, int[] values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    public static int[] ReadInts(BinaryReader reader)
    {
        var values = new int[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadInt32();
        }

        return values;
    }

    public static void WriteFloats(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    public static float[] ReadFloats(BinaryReader reader)
    {
        var values = new float[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }
}
