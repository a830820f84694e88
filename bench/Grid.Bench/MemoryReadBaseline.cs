using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Grid.Bench;

/// <summary>
/// The memory-bandwidth floor for a scan: summing every float of a buffer as large as the index's
/// vectors, once on one thread and once split over all cores. No search can read its vectors faster.
/// </summary>
public sealed unsafe class MemoryReadBaseline : IDisposable
{
    private readonly float* _data;
    private readonly long _floats;

    public MemoryReadBaseline(long floats)
    {
        _floats = floats;
        _data = (float*)NativeMemory.AlignedAlloc((nuint)(floats * sizeof(float)), 64);
        // Touch every page so the measurement reads memory, not the page-fault handler.
        new Span<byte>(_data, 1).Clear();
        for (long i = 0; i < floats; i += 1024) _data[i] = i;
    }

    public double MedianMs(int threads, int repetitions)
    {
        var times = new double[repetitions];
        for (var r = 0; r < repetitions; r++)
        {
            var watch = Stopwatch.StartNew();
            if (threads == 1) Sum(0, _floats);
            else Parallel.For(0, threads, t => Sum(_floats * t / threads, _floats * (t + 1) / threads));
            times[r] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[repetitions / 2];
    }

    private float Sum(long start, long end)
    {
        // Eight independent accumulators so add latency never limits the loads.
        Vector256<float> a = default, b = default, c = default, d = default, e = default, f = default, g = default, h = default;
        var i = start;
        for (; i + 64 <= end; i += 64)
        {
            a += Vector256.Load(_data + i);
            b += Vector256.Load(_data + i + 8);
            c += Vector256.Load(_data + i + 16);
            d += Vector256.Load(_data + i + 24);
            e += Vector256.Load(_data + i + 32);
            f += Vector256.Load(_data + i + 40);
            g += Vector256.Load(_data + i + 48);
            h += Vector256.Load(_data + i + 56);
        }
        var sum = Vector256.Sum(a + b + c + d + e + f + g + h);
        for (; i < end; i++) sum += _data[i];
        return sum;
    }

    public void Dispose() => NativeMemory.AlignedFree(_data);
}
