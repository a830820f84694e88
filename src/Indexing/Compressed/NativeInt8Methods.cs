using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Grid.Indexing.Compressed;

/// <summary>
/// Every call into libgridint8.so (native/gridint8.cpp): the AVX-512 VNNI kernels that .NET 10 cannot
/// express (it has no <c>vpdpbusd</c> on 512-bit vectors), one per tile shape (1 query × 16 rows,
/// 2 × 8, 4 × 4; each fills 16 int32 per group of rows and prefetches the next block's lines, paced per group). The kernels never fail and takes only raw
/// pointers, so there is no handle or error channel; callers check <see cref="IsAvailable"/> first.
/// </summary>
internal static unsafe partial class NativeInt8Methods
{
    private const string Library = "gridint8";

    /// <summary>True when the CPU has AVX-512 VNNI (CPUID leaf 7, ECX bit 11) and the library loads.</summary>
    public static bool IsAvailable { get; } = Probe();

    [LibraryImport(Library, EntryPoint = "gi8_four_queries_by_rows")]
    public static partial void FourQueriesByRows(sbyte* queries, byte* rows, int groups, int stride, int* output, byte* prefetch, int prefetchLines);

    [LibraryImport(Library, EntryPoint = "gi8_two_queries_by_rows")]
    public static partial void TwoQueriesByRows(sbyte* queries, byte* rows, int groups, int stride, int* output, byte* prefetch, int prefetchLines);

    [LibraryImport(Library, EntryPoint = "gi8_one_query_by_rows")]
    public static partial void OneQueryByRows(sbyte* query, byte* rows, int groups, int stride, int* output, byte* prefetch, int prefetchLines);

    [LibraryImport(Library)]
    private static partial int gi8_version();

    private static bool Probe()
    {
        if (!Avx512BW.IsSupported || (X86Base.CpuId(7, 0).Ecx & (1 << 11)) == 0) return false;
        try
        {
            return gi8_version() == 4;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }
}
