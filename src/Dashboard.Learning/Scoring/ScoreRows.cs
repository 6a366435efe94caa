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

    /// <summary>Rows to predict: the labels are unknown (false).</summary>
    public static IDataView Load(MLContext ml, IEnumerable<float[]> features, int width) =>
        ml.Data.LoadFromEnumerable(features.Select(f => new ClassRow { Features = f }), Schema<ClassRow>(width));

    public static IDataView Load(MLContext ml, IReadOnlyList<ScoreExample> examples, Func<CustomerFeatures, float[]> vector, int width) =>
        ml.Data.LoadFromEnumerable(examples.Select(e => new ClassRow { Features = vector(e.Features), Label = e.Label > 0.5 }), Schema<ClassRow>(width));

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
