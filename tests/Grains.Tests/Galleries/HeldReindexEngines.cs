using Grid.Grains.Galleries;
using Grid.Indexing;

namespace Grid.Grains.Tests.Galleries;

/// <summary>
/// The real engines for a re-index, with two test controls: <see cref="Hold"/> keeps each build waiting before
/// its first row (so a test can search, enrol and remove while the old index serves and the new one is part-built),
/// and <see cref="FailAfterRows"/> makes the new engine throw once it holds that many rows (a build that fails
/// mid-way must leave the old index serving). Shared by every silo of the fixture, across restarts.
/// </summary>
public sealed class HeldReindexEngines : ReindexEngines
{
    public ManualResetEventSlim Hold { get; } = new(initialState: true);

    public int? FailAfterRows { get; set; }

    /// <summary>Builds that have reached the hold (a test waits for this before acting "during the build").</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    private int _waiting;

    public override IVectorIndex Create(string engine, int dimension) =>
        new ControlledIndex(base.Create(engine, dimension), this);

    private sealed class ControlledIndex(IVectorIndex inner, HeldReindexEngines controls) : IVectorIndex
    {
        private bool _held;

        public string Spec => inner.Spec;
        public int Dimension => inner.Dimension;
        public long Count => inner.Count;
        public long MemoryBytes => inner.MemoryBytes;
        public bool IsTrained => inner.IsTrained;
        public string? TrainingNote => inner.TrainingNote;

        public void Add(ReadOnlySpan<float> vectors, ReadOnlySpan<long> ids)
        {
            if (!_held)
            {
                _held = true;
                Interlocked.Increment(ref controls._waiting);
                controls.Hold.Wait(TimeSpan.FromMinutes(2));
                Interlocked.Decrement(ref controls._waiting);
            }
            if (controls.FailAfterRows is { } limit && inner.Count + ids.Length > limit)
                throw new InvalidOperationException($"test engine failure after {limit} rows");
            inner.Add(vectors, ids);
        }

        public int Remove(ReadOnlySpan<long> ids) => inner.Remove(ids);
        public SearchHits[] Search(ReadOnlySpan<float> queries, int k) => inner.Search(queries, k);
        public void Save(Stream destination) => inner.Save(destination);
        public void Dispose() => inner.Dispose();
    }
}
