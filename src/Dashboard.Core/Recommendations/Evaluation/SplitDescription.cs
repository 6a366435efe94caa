namespace Dashboard.Core.Recommendations.Evaluation;

/// <summary>What a temporal split holds, for the header of an evaluation table and its JSON.</summary>
/// <param name="Cutoff">Training sees purchases before it.</param>
/// <param name="HeldOutUntil">The end (exclusive) of the window after the cut-off in which a test customer's first order is looked for.</param>
/// <param name="TrainInteractions">Order lines of known customers before the cut-off.</param>
/// <param name="TrainItems">The catalogue: every product bought in training.</param>
/// <param name="TestCustomers">Customers with purchases both before the cut-off and in the held-out window.</param>
/// <param name="TestCustomersWithCatalogueTargets">Test customers with at least one target a model can rank; the others score 0 everywhere.</param>
/// <param name="Targets">Distinct items of the test customers' first orders after the cut-off, summed over customers.</param>
/// <param name="TargetsOutsideCatalogue">Of <paramref name="Targets"/>, those never bought in training.</param>
/// <param name="RepeatCustomers">Test customers with a repeat target (the repeat slice).</param>
/// <param name="NewCustomers">Test customers with a new-to-them target (the new slice).</param>
public sealed record SplitDescription(
    DateTime Cutoff,
    DateTime HeldOutUntil,
    int TrainCustomers,
    int TrainItems,
    int TrainInteractions,
    int TrainBaskets,
    int TestCustomers,
    int TestCustomersWithCatalogueTargets,
    int Targets,
    int TargetsOutsideCatalogue,
    int RepeatCustomers,
    int NewCustomers);
