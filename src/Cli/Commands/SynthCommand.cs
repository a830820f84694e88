using System.CommandLine;
using Grid.Cli.Output;
using Grid.Client.Files;
using Grid.Protocol.Wire;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl synth --identities N --per-identity M --probes P --out DIR</c>: synthetic identity-clustered
/// templates for demos and load tests. Each identity is a random unit centre; each "photo" adds noise of norm
/// 0.67, which gives a genuine cosine near 0.69 and an impostor cosine near 0, as the real face model does.</summary>
public static class SynthCommand
{
    private const float NoiseNorm = 0.67f;

    public static Command Create()
    {
        var command = new Command("synth", "Write synthetic identity-clustered templates (.npy), subjects and probes for demos and benchmarks.");
        var identities = new Option<int>("--identities") { DefaultValueFactory = _ => 1000 };
        var perIdentity = new Option<int>("--per-identity") { DefaultValueFactory = _ => 1 };
        var probes = new Option<int>("--probes") { Description = "Probes: fresh photos of the first P identities.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };
        var prefix = new Option<string>("--prefix") { Description = "SubjectRef prefix.", DefaultValueFactory = _ => "subject-" };
        var output = new Option<string>("--out") { Description = "Output folder.", Required = true };
        foreach (var o in new Option[] { identities, perIdentity, probes, seed, prefix, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            try
            {
                var n = parse.GetValue(identities);
                var m = parse.GetValue(perIdentity);
                var p = parse.GetValue(probes);
                if (n < 1 || m < 1 || p < 0 || p > n) throw new ArgumentException("Need identities ≥ 1, per-identity ≥ 1 and 0 ≤ probes ≤ identities.");
                var dir = Directory.CreateDirectory(parse.GetValue(output)!).FullName;
                var random = new Random(parse.GetValue(seed));
                var centres = Enumerable.Range(0, n).Select(_ => RandomUnit(random)).ToArray();
                var gallery = new float[(long)n * m * TemplateWire.Dimension];
                var refs = new string[n * m];
                for (var i = 0; i < n; i++)
                    for (var j = 0; j < m; j++)
                    {
                        Photo(centres[i], random).CopyTo(gallery.AsSpan((i * m + j) * TemplateWire.Dimension));
                        refs[i * m + j] = $"{parse.GetValue(prefix)}{i:D7}";
                    }
                var probeVectors = new float[p * TemplateWire.Dimension];
                for (var i = 0; i < p; i++) Photo(centres[i], random).CopyTo(probeVectors.AsSpan(i * TemplateWire.Dimension));
                TemplateFiles.WriteNpy(Path.Combine(dir, "gallery.npy"), gallery, n * m);
                File.WriteAllLines(Path.Combine(dir, "subjects.txt"), refs);
                TemplateFiles.WriteNpy(Path.Combine(dir, "probes.npy"), probeVectors, p);
                File.WriteAllLines(Path.Combine(dir, "probes-truth.txt"), Enumerable.Range(0, p).Select(i => refs[i * m]));
                AnsiConsole.MarkupLine($"wrote {n * m} templates of {n} identities and {p} probes to {Markup.Escape(dir)} (gallery.npy, subjects.txt, probes.npy, probes-truth.txt)");
                return ExitCodes.Ok;
            }
            catch (Exception e)
            {
                return CommandRunner.Report(e, json: false);
            }
        });
        return command;
    }

    private static float[] Photo(float[] centre, Random random)
    {
        var noise = RandomUnit(random);
        var photo = new float[TemplateWire.Dimension];
        for (var d = 0; d < photo.Length; d++) photo[d] = centre[d] + NoiseNorm * noise[d];
        Normalise(photo);
        return photo;
    }

    private static float[] RandomUnit(Random random)
    {
        var v = new float[TemplateWire.Dimension];
        for (var d = 0; d < v.Length; d++)
        {
            // Box–Muller: a Gaussian in every coordinate makes the direction uniform on the sphere.
            var u1 = 1.0 - random.NextDouble();
            v[d] = (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }
        Normalise(v);
        return v;
    }

    private static void Normalise(float[] v) =>
        System.Numerics.Tensors.TensorPrimitives.Divide(v, System.Numerics.Tensors.TensorPrimitives.Norm(v), v);
}
