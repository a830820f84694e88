using Grid.Indexing;

namespace Grid.Grains.Galleries;

/// <summary>Creates the index a shard's re-index builds. A service so a test can hand in an engine that fails
/// part-way (the failure path must leave the old index serving); the grid itself uses the factory.</summary>
public class ReindexEngines
{
    public virtual IVectorIndex Create(string engine, int dimension) => VectorIndexFactory.Create(engine, dimension);
}
