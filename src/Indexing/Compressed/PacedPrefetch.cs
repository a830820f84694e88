using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Grid.Indexing.Compressed;

/// <summary>
/// Spreads the prefetch of <c>lines</c> 64-byte lines (into L2) over a kernel call's groups, a few before each group,
/// so the next block streams in at the pace the current one is scored: issued in bursts between calls, the lines
/// filled the core's miss buffers and stalled the multiply-adds (native/gridint8.cpp has the same rule and the
/// measurements). The managed twin of the native kernels' pacing, for the fallback levels.
/// </summary>
internal unsafe struct PacedPrefetch(byte* next, int lines, int groups)
{
    private readonly int _perGroup = next is null || groups <= 0 ? 0 : (lines + groups - 1) / groups;
    private byte* _next = next;
    private int _left = next is null ? 0 : lines;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step()
    {
        if (!Sse.IsSupported) return;
        for (var l = 0; l < _perGroup && _left > 0; l++, _left--, _next += 64) Sse.Prefetch1(_next);
    }
}
