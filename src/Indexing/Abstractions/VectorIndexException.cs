namespace Grid.Indexing;

/// <summary>Base of every error the indexing engines raise on purpose.</summary>
public class VectorIndexException : Exception
{
    public VectorIndexException(string message) : base(message) { }

    public VectorIndexException(string message, Exception inner) : base(message, inner) { }
}
