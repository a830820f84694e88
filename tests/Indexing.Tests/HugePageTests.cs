using System.Globalization;
using Grid.Indexing.Exact;

namespace Grid.Indexing.Tests;

/// <summary>
/// Row stores of 4 MiB or more are 2 MiB aligned and advised for transparent huge pages (a scan streams every row,
/// and with 4 KiB pages it takes a TLB miss every 4 KiB). The kernel may still fall back to small pages when memory is
/// fragmented, so the test checks what the store asked for — the mapping's <c>hg</c> flag in /proc/self/smaps — not
/// what the kernel gave. The grid runs on Linux only (its FAISS and int8 kernels are built there).
/// </summary>
public sealed unsafe class HugePageTests
{
    [Fact]
    public void A_large_store_is_aligned_and_advised_for_huge_pages_and_keeps_its_rows_when_it_grows()
    {
        using var store = RowStore.OfBytes(512);
        store.EnsureCapacity(1_000);
        for (var row = 0; row < 1_000; row++) store.RowByteSpan(row).Fill((byte)row);

        // Grows the first chunk from 1,000 rows to 16,384 (8 MiB): a new advised allocation, the rows copied over.
        store.EnsureCapacity(16_384);

        var start = (nuint)store.Address(0);
        Assert.Equal(0u, start % (2 * 1024 * 1024));
        Assert.Contains("hg", VmFlagsOf(start));
        for (var row = 0; row < 1_000; row++) Assert.All(store.RowByteSpan(row).ToArray(), b => Assert.Equal((byte)row, b));
    }

    [Fact]
    public void A_small_store_is_not_advised()
    {
        using var store = RowStore.OfBytes(512);
        store.EnsureCapacity(100);
        Assert.Equal(0u, (nuint)store.Address(0) % 64);
        Assert.DoesNotContain("hg", VmFlagsOf((nuint)store.Address(0)));
    }

    /// <summary>The VmFlags of the mapping holding <paramref name="address"/>.</summary>
    private static string[] VmFlagsOf(nuint address)
    {
        var inMapping = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-');
            var space = line.IndexOf(' ');
            if (dash > 0 && space > dash && ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, null, out var from)
                && ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, null, out var to))
            {
                inMapping = from <= address && address < to;
            }
            else if (inMapping && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                return line["VmFlags:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
        }
        throw new InvalidOperationException($"No mapping in /proc/self/smaps holds 0x{address:x}.");
    }
}
