using System.Runtime;
using Grid.Bench;

// --scan ROWS [options]: only the exact-int8 scan and its plain-read anchors, printed (see ScanBenchmarks).
if (args.Length >= 2 && args[0] == "--scan")
{
    new ScanBenchmarks(BenchmarkOptions.Parse(args[2..]), int.Parse(args[1]), Console.Out).Run();
    return;
}

var options = BenchmarkOptions.Parse(args);
var rows = new EngineBenchmarks(options, Console.Out).Run();

// The in-process indexes are disposed; give their memory back before the silo loads its own copy.
GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

var grid = new EndToEndBenchmarks(options, Console.Out);
var endToEnd = await grid.RunAsync();
new BenchmarkReport(options).Write(rows, endToEnd, Findings.From(rows, endToEnd), grid.FanOutResults);
Console.WriteLine($"Wrote {options.Output}");
