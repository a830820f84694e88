using System.Runtime;
using Grid.Bench;

var options = BenchmarkOptions.Parse(args);
var rows = new EngineBenchmarks(options, Console.Out).Run();

// The in-process indexes are disposed; give their memory back before the silo loads its own copy.
GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

var grid = new EndToEndBenchmarks(options, Console.Out);
var endToEnd = await grid.RunAsync();
new BenchmarkReport(options).Write(rows, endToEnd, Findings.From(rows, endToEnd), grid.FanOutResults);
Console.WriteLine($"Wrote {options.Output}");
