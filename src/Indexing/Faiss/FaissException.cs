namespace Grid.Indexing;

/// <summary>A FAISS call failed; <see cref="NativeMessage"/> is the C++ exception's text.</summary>
public sealed class FaissException : VectorIndexException
{
    public FaissException(string operation, string nativeMessage)
        : base($"FAISS {operation} failed: {nativeMessage}")
    {
        Operation = operation;
        NativeMessage = nativeMessage;
    }

    public FaissException(string operation, string nativeMessage, Exception inner)
        : base($"FAISS {operation} failed: {nativeMessage}", inner)
    {
        Operation = operation;
        NativeMessage = nativeMessage;
    }

    public string Operation { get; }

    public string NativeMessage { get; }
}
