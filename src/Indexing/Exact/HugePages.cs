using System.Runtime.InteropServices;

namespace Grid.Indexing.Exact;

/// <summary>
/// Asks Linux for transparent huge pages (2 MiB) under large row stores. A scan streams every row of a shard per
/// pass; with 4 KiB pages a 1M × 512 int8 index spans 131,072 pages and the scan pays a TLB miss every 4 KiB. This
/// machine's kernel gives huge pages only where asked (<c>/sys/kernel/mm/transparent_hugepage/enabled</c> =
/// <c>madvise</c>), so stores of 4 MiB or more are 2 MiB aligned and advised. Elsewhere (not Linux, THP off) nothing
/// happens: the advice is a hint and its failure is ignored.
/// </summary>
internal static unsafe partial class HugePages
{
    private const nuint Size = 2 * 1024 * 1024;
    private const int MadvHugePage = 14;

    /// <summary>Off with <c>GRID_HUGEPAGES=0</c>, for comparing.</summary>
    private static readonly bool Enabled = OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("GRID_HUGEPAGES") != "0";

    /// <summary>Native memory for a store, 64-byte aligned; from 4 MiB, 2 MiB aligned and advised before anything
    /// touches it (pages faulted in first would stay small). Freed with <see cref="NativeMemory.AlignedFree"/>.</summary>
    public static void* Allocate(nuint bytes)
    {
        var huge = Enabled && bytes >= 2 * Size;
        var start = NativeMemory.AlignedAlloc(bytes, huge ? Size : 64);
        if (huge) _ = Madvise(start, bytes & ~(Size - 1), MadvHugePage);
        return start;
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);
}
