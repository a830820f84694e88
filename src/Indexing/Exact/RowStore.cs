using System.Runtime.InteropServices;

namespace Grid.Indexing.Exact;

/// <summary>
/// Fixed-size rows (float32 vectors, int8 codes, float16 copies) in native memory, 64-byte aligned,
/// in chunks of at most 256 MiB so a 1M×512 index (2 GiB) needs no managed array over 2^31 bytes
/// and growth never copies more than one chunk. The first chunk grows by doubling so small indexes
/// stay small.
/// </summary>
internal sealed unsafe class RowStore : IDisposable
{
    private const int ChunkBytesLog2 = 28;
    private const int MinRows = 64;
    private readonly List<nint> _chunks = [];
    private long _firstChunkRows;

    /// <summary>A store of float32 rows of <paramref name="dimension"/> floats.</summary>
    public RowStore(int dimension) : this(dimension * sizeof(float), 0) { }

    private RowStore(int rowBytes, int _)
    {
        RowBytes = rowBytes;
        var rowsLog2 = Math.Max(0, ChunkBytesLog2 - (int)Math.Ceiling(Math.Log2(rowBytes)));
        ChunkShift = rowsLog2;
        ChunkRows = 1L << rowsLog2;
    }

    ~RowStore() => Free();

    /// <summary>A store of rows of <paramref name="rowBytes"/> bytes each.</summary>
    public static RowStore OfBytes(int rowBytes) => new(rowBytes, 0);

    public int RowBytes { get; }

    public int ChunkShift { get; }

    public long ChunkRows { get; }

    public long CapacityRows => _chunks.Count <= 1 ? _firstChunkRows : _chunks.Count * ChunkRows;

    public long AllocatedBytes => CapacityRows * RowBytes;

    public byte* Address(long row) =>
        (byte*)_chunks[(int)(row >> ChunkShift)] + (row & (ChunkRows - 1)) * RowBytes;

    /// <summary>Row <paramref name="row"/> of a float32 store.</summary>
    public float* Row(long row) => (float*)Address(row);

    public Span<float> RowSpan(long row) => new(Row(row), RowBytes / sizeof(float));

    public Span<byte> RowByteSpan(long row) => new(Address(row), RowBytes);

    /// <summary>Copies row <paramref name="from"/> over row <paramref name="to"/> and zeroes <paramref name="from"/>
    /// (removal moves the last row into the hole).</summary>
    public void MoveRow(long from, long to)
    {
        if (from != to) RowByteSpan(from).CopyTo(RowByteSpan(to));
        RowByteSpan(from).Clear();
    }

    /// <summary>Rows from <paramref name="row"/> to the end of its chunk, at most <paramref name="maxRows"/>.</summary>
    public Span<byte> RunBytes(long row, long maxRows)
    {
        var rows = Math.Min(maxRows, ChunkRows - (row & (ChunkRows - 1)));
        return new Span<byte>(Address(row), checked((int)(rows * RowBytes)));
    }

    public void EnsureCapacity(long rows)
    {
        if (rows <= CapacityRows) return;
        if (rows <= ChunkRows)
        {
            var grown = Math.Min(ChunkRows, Math.Max(rows, Math.Max(MinRows, _firstChunkRows * 2)));
            var existing = _chunks.Count == 0 ? null : (void*)_chunks[0];
            // Not AlignedRealloc: its copy would fault the new pages in at 4 KiB before they could be advised.
            var chunk = HugePages.Allocate((nuint)(grown * RowBytes));
            if (existing is not null)
            {
                Buffer.MemoryCopy(existing, chunk, grown * RowBytes, _firstChunkRows * RowBytes);
                NativeMemory.AlignedFree(existing);
            }
            if (_chunks.Count == 0) _chunks.Add((nint)chunk); else _chunks[0] = (nint)chunk;
            _firstChunkRows = grown;
            return;
        }
        EnsureCapacity(ChunkRows);
        while (CapacityRows < rows)
            _chunks.Add((nint)HugePages.Allocate((nuint)(ChunkRows * RowBytes)));
    }

    /// <summary>Frees whole trailing chunks that no longer hold any of the first <paramref name="rows"/> rows.</summary>
    public void TrimTo(long rows)
    {
        var needed = (int)Math.Max(1, (rows + ChunkRows - 1) >> ChunkShift);
        while (_chunks.Count > needed)
        {
            NativeMemory.AlignedFree((void*)_chunks[^1]);
            _chunks.RemoveAt(_chunks.Count - 1);
        }
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        foreach (var chunk in _chunks) NativeMemory.AlignedFree((void*)chunk);
        _chunks.Clear();
        _firstChunkRows = 0;
    }
}
