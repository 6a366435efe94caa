namespace Dashboard.Learning.Sequences;

/// <summary>
/// The token ids a sequence network reads: the catalogue's item indices 0..<see cref="ItemCount"/>-1, then a padding
/// token, then a start token that every sequence begins with (so that an empty history still gets a prediction).
/// </summary>
internal readonly record struct SequenceTokens(int ItemCount)
{
    public int Padding => ItemCount;

    public int Start => ItemCount + 1;

    public int Count => ItemCount + 2;
}
