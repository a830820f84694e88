namespace Grid.Indexing;

/// <summary>A saved index stream is truncated, damaged or of an unknown format.</summary>
public sealed class CorruptIndexException : VectorIndexException
{
    public CorruptIndexException(string message) : base(message) { }

    public CorruptIndexException(string message, Exception inner) : base(message, inner) { }
}
