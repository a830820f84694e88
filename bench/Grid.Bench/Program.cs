using System.Runtime;
using Grid.Bench;

var options = BenchmarkOptions.Parse(args);
var rows = new EngineBenchmarks(options, Console.Out).Run();

// The in-process indexes are disposed; give their memory back before the silo loads its own copy.
GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

var endToEnd = await new EndToEndBenchmarks(options, Console.Out).RunAsync();
new BenchmarkReport(options).Write(rows, endToEnd, Findings.From(rows, endToEnd));
Console.WriteLine($"Wrote {options.Output}");
