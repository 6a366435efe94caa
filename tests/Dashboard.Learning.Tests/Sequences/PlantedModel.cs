using Dashboard.Core;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Learning.Sequences;

namespace Dashboard.Learning.Tests.Sequences;

/// <summary>A sequence recommender fitted once on planted sequences, shared by the tests that only read it.</summary>
public abstract class PlantedModel : IDisposable
{
    protected PlantedModel(Func<SequenceModelOptions, SequenceRecommender> create)
    {
        TorchRuntime.EnsureAvailable();
        Create = create;
        Data = PlantedSequences.Create(itemCount: 300, trainingCustomers: 1200, heldOutCustomers: 300);
        Model = create(new SequenceModelOptions());
        var progress = new List<TrainingProgress>();
        Model.Fit(Data.TrainingSet(), new SynchronousProgress<TrainingProgress>(progress.Add));
        Progress = progress;
    }

    /// <summary>Makes another, unfitted recommender of the same family.</summary>
    public Func<SequenceModelOptions, SequenceRecommender> Create { get; }

    public SequenceRecommender Model { get; }

    public IReadOnlyList<TrainingProgress> Progress { get; }

    internal PlantedSequences Data { get; }

    public void Dispose()
    {
        Model.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class PlantedGru4Rec() : PlantedModel(options => new Gru4RecRecommender(options));

public sealed class PlantedSasRec() : PlantedModel(options => new SasRecRecommender(options));
