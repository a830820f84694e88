using Grid.Bench;

var options = BenchmarkOptions.Parse(args);
var rows = new EngineBenchmarks(options, Console.Out).Run();
new BenchmarkReport(options).Write(rows, Findings.From(rows));
Console.WriteLine($"Wrote {options.Output}");
