using System.Diagnostics;
using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Grains.Audit;
using Grid.Grains.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;
using Xunit.Abstractions;

namespace Grid.Grains.Tests.Cluster;

/// <summary>
/// A measurement, not a test (tests never assert on time): the latency of one audit append at 10 and 5,000
/// entries, against the old write pattern (the whole log rewritten as one blob on every append, which is
/// what grain state on Azure Blob storage did). Runs only with <c>GRID_AUDIT_LATENCY=1</c>; prints medians.
/// </summary>
[Collection(GridClusterCollection.Name)]
public sealed class AuditAppendLatency(GridClusterFixture grid, ITestOutputHelper output)
{
    private const int Samples = 50;

    [SkippableFact]
    public async Task Prints_append_latency_at_10_and_5000_entries()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("GRID_AUDIT_LATENCY") == "1", "Set GRID_AUDIT_LATENCY=1 to measure.");
        var options = new AuditOptions();
        var store = new AuditBlobStore(grid.Blobs, Options.Create(options));
        var log = await AuditLog.OpenAsync(ForceId.Parse("NL-LATENCY"), store, options, TimeProvider.System, TestKeys.Audit(ForceId.Parse("NL-LATENCY")));
        var whole = grid.Blobs.GetBlobContainerClient("grid-audit-latency");
        await whole.CreateIfNotExistsAsync();
        var state = whole.GetBlobClient("NL-LATENCY/state.bin");

        // The first size is a warm-up (JIT, connections, container creation) and is not printed.
        foreach (var (size, print) in ((int, bool)[])[(10, false), (10, true), (5000, true)])
        {
            while (log.Chain.Entries.Count < size)
            {
                await log.AppendAsync(Event(log.Chain.Entries.Count));
            }

            var bytesWritten = log.Chain.Entries.Take(size).Sum(e => AuditLogCodec.Encode(e).Length);
            var appendOne = await MedianAsync(() => log.AppendAsync(Event(size)));
            var rewriteAll = await MedianAsync(async () =>
            {
                var bytes = log.Chain.Entries.Take(size).SelectMany(AuditLogCodec.Encode).ToArray();
                await state.UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);
            });
            if (!print) continue;
            output.WriteLine($"{size,5} entries: append one record {appendOne.TotalMilliseconds,7:0.00} ms; rewrite whole log ({bytesWritten:N0} bytes) {rewriteAll.TotalMilliseconds,7:0.00} ms");
        }
    }

    private static AuditEvent Event(int i) =>
        new(AuditKind.IncomingSearch, "DE-BKA:bob", ForceId.Parse("DE-BKA"), "murder", $"CASE-2026-{i:D5}", [], [], 3, "");

    private static async Task<TimeSpan> MedianAsync(Func<Task> action)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < Samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed);
        }

        times.Sort();
        return times[Samples / 2];
    }
}
