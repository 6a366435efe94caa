using Dashboard.Core.Preprocessing;
using Dashboard.Core.Profiles.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dashboard.Learning.Scoring;

/// <summary>ML.NET's view of the score examples: a feature vector and a yes/no label (the probability scores).</summary>
internal static class ScoreRows
{
    public const string Features = nameof(ClassRow.Features);
    public const string Label = nameof(ClassRow.Label);

    public static IDataView Load(MLContext ml, ScoreDefinition definition, IEnumerable<float[]> features, IEnumerable<double>? labels, int width)
    {
        var labelList = labels?.ToList();
        var rows = features.Select((f, i) => (Vector: f, Label: labelList is null ? 0 : labelList[i]));
        if (!definition.IsProbability)
        {
            throw new ArgumentException($"{definition.Kind} is an amount; only probability scores are fitted with ML.NET.", nameof(definition));
        }

        return ml.Data.LoadFromEnumerable(rows.Select(r => new ClassRow { Features = r.Vector, Label = r.Label > 0.5 }), Schema<ClassRow>(width));
    }

    public static IDataView Load(MLContext ml, ScoreDefinition definition, IReadOnlyList<ScoreExample> examples, Func<CustomerFeatures, float[]> vector, int width) =>
        Load(ml, definition, examples.Select(e => vector(e.Features)), examples.Select(e => e.Label), width);

    /// <summary>The vector's width is the feature count of the model, which a <see cref="VectorTypeAttribute"/> could only hard-code.</summary>
    private static SchemaDefinition Schema<T>(int width)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema[Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return schema;
    }

    internal sealed class ClassRow
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    internal sealed class ProbabilityOutput
    {
        public float Probability { get; set; }
        public float[] FeatureContributions { get; set; } = [];
    }
}
