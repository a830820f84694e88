namespace Grid.Indexing;

/// <summary>An added id is already in the index (or repeated within the batch); nothing was added.</summary>
public sealed class DuplicateIdException(long id)
    : VectorIndexException($"Id {id} is already in the index or repeated in the batch; nothing was added.")
{
    public long Id { get; } = id;
}
