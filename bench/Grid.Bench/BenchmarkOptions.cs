namespace Grid.Bench;

/// <summary>Command line: <c>--sizes 100000,1000000 --probes 200 --batch 100 --out docs/BENCHMARKS.md
/// --e2e-sizes 1000000 --e2e-batch 5000 --e2e-shards 4 --e2e-engine exact --inflight 2,4,32 --concurrent 100
/// --fanout 4,64,256 --fanout-size 1000000 --restart 1 --quiet-load 2.5 --quiet-wait 300 --warmup 200</c>.
/// <c>--sizes none</c> or <c>--e2e-sizes none</c> skips that half; <c>--fanout none</c> (the default) skips the fan-out.</summary>
public sealed record BenchmarkOptions(int[] Sizes, int Probes, int Batch, string Output, int Dimension, int Seed)
{
    /// <summary>Gallery sizes measured end to end through GridClient against a running grid.</summary>
    public int[] EndToEndSizes { get; init; } = [1_000_000];

    /// <summary>Templates per enrolment call (one client → gallery grain message).</summary>
    public int EnrolBatch { get; init; } = 5_000;

    public int Shards { get; init; } = 4;

    /// <summary>The engine of the end-to-end and fan-out galleries, and of their in-process sharded anchors.</summary>
    public string Engine { get; init; } = "exact";

    /// <summary>Searches kept in flight for the concurrent-throughput measurement, one run per value.</summary>
    public int[] InFlight { get; init; } = [2, 4, 32];

    /// <summary>Searches per concurrent-throughput run (at least ten per search in flight).</summary>
    public int ConcurrentSearches { get; init; } = 100;

    /// <summary>Shard counts of the wide fan-out run (issue 11 item 5): the same <see cref="FanOutSize"/> templates in
    /// one gallery per width, one silo; empty = not run.</summary>
    public int[] FanOut { get; init; } = [];

    public int FanOutSize { get; init; } = 1_000_000;

    /// <summary>Issue 11 item 4: after the end-to-end measurements, restart the grid (only one this run started), time
    /// restart to the first complete answer, and time single probes again.</summary>
    public bool Restart { get; init; }

    /// <summary>Single probes sent before the timed ones of each phase (and for at least 5 s): tiered JIT, caches and
    /// connections warm on the same path the timings take.</summary>
    public int WarmUp { get; init; } = 200;

    /// <summary>Before each measured phase, wait for the 1-minute load average to fall to this (0: never wait).</summary>
    public double QuietLoad { get; init; } = Environment.ProcessorCount + 0.5;

    /// <summary>How long to wait for <see cref="QuietLoad"/> before measuring anyway (the load is reported).</summary>
    public int QuietWaitSeconds { get; init; } = 300;

    /// <summary>An existing end-to-end gallery of the first <see cref="EndToEndSizes"/> size (same seed) to search instead
    /// of making and enrolling a new one: for before/after runs of the search path against one silo build and then another.</summary>
    public string? ReuseGallery { get; init; }

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions([100_000, 1_000_000], 200, 100, "docs/BENCHMARKS.md", 512, 20_240_601);
        if (args.Length % 2 != 0) throw new ArgumentException($"Option {args[^1]} needs a value.");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--sizes" => options with { Sizes = Ints(value) },
                "--probes" => options with { Probes = int.Parse(value) },
                "--batch" => options with { Batch = int.Parse(value) },
                "--out" => options with { Output = value },
                "--dim" => options with { Dimension = int.Parse(value) },
                "--seed" => options with { Seed = int.Parse(value) },
                "--e2e-sizes" => options with { EndToEndSizes = Ints(value) },
                "--e2e-batch" => options with { EnrolBatch = int.Parse(value) },
                "--e2e-shards" => options with { Shards = int.Parse(value) },
                "--e2e-engine" => options with { Engine = value },
                "--inflight" => options with { InFlight = Ints(value) },
                "--fanout" => options with { FanOut = Ints(value) },
                "--fanout-size" => options with { FanOutSize = int.Parse(value) },
                "--restart" => options with { Restart = value is "1" or "true" or "yes" },
                "--concurrent" => options with { ConcurrentSearches = int.Parse(value) },
                "--quiet-load" => options with { QuietLoad = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                "--quiet-wait" => options with { QuietWaitSeconds = int.Parse(value) },
                "--e2e-gallery" => options with { ReuseGallery = value },
                "--warmup" => options with { WarmUp = int.Parse(value) },
                _ => throw new ArgumentException(
                    $"Unknown option {args[i]}; use --sizes --probes --batch --out --dim --seed --e2e-sizes --e2e-batch --e2e-shards --e2e-engine " +
                    "--inflight --concurrent --fanout --fanout-size --restart --quiet-load --quiet-wait --e2e-gallery --warmup."),
            };
        }
        return options;
    }

    /// <summary>The command line that reproduces this run, for the report.</summary>
    public string CommandLine() =>
        $"./grid.sh bench --sizes {List(Sizes)} --probes {Probes} --batch {Batch} --e2e-sizes {List(EndToEndSizes)} " +
        $"--e2e-batch {EnrolBatch} --e2e-shards {Shards} --e2e-engine {Engine} --inflight {List(InFlight)} --concurrent {ConcurrentSearches} --warmup {WarmUp} " +
        (FanOut.Length > 0 ? $"--fanout {List(FanOut)} --fanout-size {FanOutSize} " : "") + (Restart ? "--restart 1 " : "") + $"--out {Output}";

    private static string List(int[] values) => values.Length == 0 ? "none" : string.Join(',', values);

    private static int[] Ints(string value) =>
        value is "none" or "0" or "" ? [] : value.Split(',').Select(int.Parse).ToArray();
}
