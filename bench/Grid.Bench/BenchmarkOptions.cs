namespace Grid.Bench;

/// <summary>Command line: <c>--sizes 100000,1000000 --probes 200 --batch 100 --out docs/BENCHMARKS.md</c>.</summary>
public sealed record BenchmarkOptions(int[] Sizes, int Probes, int Batch, string Output, int Dimension, int Seed)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions([100_000, 1_000_000], 200, 100, "docs/BENCHMARKS.md", 512, 20_240_601);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--sizes" => options with { Sizes = value.Split(',').Select(int.Parse).ToArray() },
                "--probes" => options with { Probes = int.Parse(value) },
                "--batch" => options with { Batch = int.Parse(value) },
                "--out" => options with { Output = value },
                "--dim" => options with { Dimension = int.Parse(value) },
                "--seed" => options with { Seed = int.Parse(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --sizes --probes --batch --out --dim --seed."),
            };
        }
        if (args.Length % 2 != 0) throw new ArgumentException($"Option {args[^1]} needs a value.");
        return options;
    }
}
