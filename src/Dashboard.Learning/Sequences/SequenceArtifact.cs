using System.Text.Json;
using Dashboard.Core.Recommendations.Recommenders;
using static TorchSharp.torch.nn;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// A fitted sequence recommender as bytes: the model family, its options, the catalogue (product ids in index order),
/// then the network's weights in TorchSharp's own format.
/// </summary>
public sealed class SequenceArtifact
{
    private const string Format = "dashboard-sequence-recommender/1";

    private readonly byte[] _bytes;
    private readonly long _weightsAt;

    private SequenceArtifact(byte[] bytes, string name, SequenceModelOptions options, ItemIndex items, long weightsAt)
    {
        (_bytes, Name, Options, Items, _weightsAt) = (bytes, name, options, items, weightsAt);
    }

    public string Name { get; }

    public SequenceModelOptions Options { get; }

    public ItemIndex Items { get; }

    /// <exception cref="InvalidDataException">Not an artifact of this format.</exception>
    public static SequenceArtifact Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        try
        {
            if (reader.ReadString() != Format)
            {
                throw new InvalidDataException($"Not a {Format} artifact.");
            }

            var name = reader.ReadString();
            var options = JsonSerializer.Deserialize<SequenceModelOptions>(reader.ReadString())
                ?? throw new InvalidDataException("The artifact has no options.");
            var productIds = new int[reader.ReadInt32()];
            for (var i = 0; i < productIds.Length; i++)
            {
                productIds[i] = reader.ReadInt32();
            }

            return new SequenceArtifact(bytes, name, options, new ItemIndex(productIds), reader.BaseStream.Position);
        }
        catch (EndOfStreamException exception)
        {
            throw new InvalidDataException("The artifact is truncated.", exception);
        }
    }

    internal static byte[] Write(string name, SequenceModelOptions options, ItemIndex items, Module network)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Format);
            writer.Write(name);
            writer.Write(JsonSerializer.Serialize(options));
            writer.Write(items.Count);
            foreach (var productId in items.ProductIds)
            {
                writer.Write(productId);
            }

            network.save(writer);
        }

        return stream.ToArray();
    }

    internal void LoadWeights(Module network)
    {
        using var stream = new MemoryStream(_bytes, (int)_weightsAt, _bytes.Length - (int)_weightsAt, writable: false);
        network.load(stream);
    }
}
