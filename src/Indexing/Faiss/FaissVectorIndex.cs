namespace Grid.Indexing.Faiss;

internal static class FaissVectorIndex
{
    public static IVectorIndex Create(EngineSpec spec, int dimension) => throw new UnknownEngineException(spec.Text, "the FAISS engine is not built yet");
    public static IVectorIndex ReadPayload(EngineSpec spec, int dimension, BinaryReader reader) => throw new UnknownEngineException(spec.Text, "the FAISS engine is not built yet");
}
