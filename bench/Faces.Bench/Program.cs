// Runs the face evaluation and the single-threaded throughput benchmark on a faces-dev style folder:
//   dotnet run -c Release --project bench/Faces.Bench -- eval  <faces-dev> [roc.png]
//   dotnet run -c Release --project bench/Faces.Bench -- bench <faces-dev> [seconds per set]
//   dotnet run -c Release --project bench/Faces.Bench -- bench <faces-dev> [seconds per set] --stages  (time per stage; mirror as its own row)
//   dotnet run -c Release --project bench/Faces.Bench -- bench <faces-dev> [seconds per set] --write=docs/BENCHMARKS.md  (both, into the marked section)
//   dotnet run -c Release --project bench/Faces.Bench -- crops <faces-dev> <out-dir>   (aligned crops as PNG)
//   dotnet run -c Release --project bench/Faces.Bench -- variants <faces-dev> [--mirror]  (the harder set, per variant)
//   dotnet run -c Release --project bench/Faces.Bench -- calibrate <faces-dev> <ScoreCalibrationTables.cs>  (impostor scores → FMR table)
using Grid.Faces.Evaluation;
using Grid.Faces.Evaluation.Variants;
using Grid.Faces.Pipeline;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: eval <faces-dev> [roc.png] | bench <faces-dev> [seconds] | crops <faces-dev> <out-dir>");
    return 2;
}
var dataset = args[1];
// Experiment switches (docs/FACES.md, blur and occlusion): --sharpen=AMOUNT --sharpen-landmarks=AMOUNT --covered-mouth --retry-sharpened=AMOUNT --only=V1,V2
string? Flag(string name) => args.FirstOrDefault(a => a.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..];
float FloatFlag(string name, float fallback) => Flag(name) is { } v ? float.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
var defaults = new FacePipelineOptions();
using var pipeline = FacePipeline.Create(defaults with
{
    ThreadsPerCall = 1,
    MirrorAveragedTemplates = args.Contains("--mirror"),
    SoftFaceSharpening = FloatFlag("sharpen", defaults.SoftFaceSharpening),
    SoftFaceSharpness = FloatFlag("soft-below", defaults.SoftFaceSharpness),
    SoftFaceLandmarkSharpening = FloatFlag("sharpen-landmarks", defaults.SoftFaceLandmarkSharpening),
    AlignCoveredMouthOnEyesAndNose = defaults.AlignCoveredMouthOnEyesAndNose || args.Contains("--covered-mouth"),
    CoveredMouthContrastRatio = FloatFlag("covered-below", defaults.CoveredMouthContrastRatio),
    Detector = defaults.Detector with { RetrySharpenedWhenNone = FloatFlag("retry-sharpened", defaults.Detector.RetrySharpenedWhenNone) },
});
var only = Flag("only")?.Split(',').Select(Enum.Parse<ImageVariant>).ToArray();

switch (args[0])
{
    case "eval":
        var report = await new FaceEvaluation(pipeline, new InMemoryEvaluationGallery())
            .RunAsync(dataset, args.Length > 2 ? args[2] : null);
        Console.WriteLine(report.ToMarkdown());
        return 0;

    case "variants":
        var variantReport = new VariantEvaluation(pipeline).Run(dataset, only ?? Enum.GetValues<ImageVariant>(),
            row => Console.Error.WriteLine($"{row.Variant}: TAR@0.1% {row.AtFar01Percent.TrueAcceptRate:F3}, rank-1 {row.Rank1Rate:F3}"));
        Console.WriteLine(variantReport.ToMarkdown());
        return 0;

    case "calibrate":
        var measured = new VariantEvaluation(pipeline).Run(dataset, Enum.GetValues<ImageVariant>());
        Console.Error.WriteLine(measured.ToMarkdown());
        var source = CalibrationTable.ToCSharp(pipeline.ModelId.Value, measured);
        File.WriteAllText(args.Length > 2 ? args[2] : "ScoreCalibrationTables.cs", source);
        Console.WriteLine(source);
        return 0;

    case "bench":
        var seconds = args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal) ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20;
        var photos = EvaluationImage.ReadLabels(dataset)
            .Where(i => i.Kind == EvaluationImageKind.SingleFace)
            .Select(i => new BenchmarkPhoto(i.RelativePath, File.ReadAllBytes(Path.Combine(dataset, i.RelativePath))))
            .ToList();
        var frames = FacePipelineBenchmark.FullHdFrames(photos.Take(12), pipeline.Decoder);
        var write = Flag("write");
        var output = new System.Text.StringBuilder();
        void Say(string line)
        {
            Console.WriteLine(line);
            output.AppendLine(line);
        }
        var loadBefore = File.ReadAllText("/proc/loadavg").Trim();
        if (!args.Contains("--stages"))
        {
            var benchmark = new FacePipelineBenchmark(pipeline, TimeSpan.FromSeconds(seconds));
            var small = benchmark.Run("faces-dev single-face photos", photos);
            var large = benchmark.Run("faces-dev photos as 1920x1080 JPEG", frames);
            Say($"Face throughput, one thread, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: `./grid.sh bench --faces` (`bench/Faces.Bench -- bench faces-dev {seconds}`), " +
                $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; load average before: {loadBefore}.");
            Say("");
            Say(FacePipelineBenchmarkResult.MarkdownHeader);
            Say(small.ToMarkdownRow());
            Say(large.ToMarkdownRow());
            Say("");
            Say("Decode and resize (to the detector input) are timed apart over the same photos, as the pipeline does them (a large JPEG decoded at n/8 size); their shares are of the whole per-photo time. " +
                "On a loaded machine read the faces per CPU-second column; the wall-time rates count other processes' time.");
            Say("");
        }
        if (args.Contains("--stages") || write is not null)
        {
            using var mirrored = FacePipeline.Create(new FacePipelineOptions { ThreadsPerCall = 1, MirrorAveragedTemplates = true });
            var profile = new FacePipelineStageProfile(mirrored, TimeSpan.FromSeconds(seconds));
            Say("Stage profile (the production path, each stage charged the thread CPU time it used; the mirror embedding is optional and left out of the total):");
            Say("");
            Say(profile.Run("faces-dev single-face photos (median 250x250)", photos));
            Say(profile.Run("faces-dev photos as 1920x1080 JPEG", frames));
        }
        Say($"Load average after: {File.ReadAllText("/proc/loadavg").Trim()}.");
        if (write is not null)
        {
            Grid.Faces.Bench.MarkedSection.Write(write, output.ToString());
            Console.WriteLine($"written into {write}");
        }
        return 0;

    case "crops":
        var outDir = args.Length > 2 ? args[2] : "crops";
        Directory.CreateDirectory(outDir);
        foreach (var image in EvaluationImage.ReadLabels(dataset))
        {
            var photo = pipeline.Decoder.DecodeFile(Path.Combine(dataset, image.RelativePath));
            var faces = pipeline.Analyze(photo);
            for (var i = 0; i < faces.Count; i++)
            {
                var name = image.RelativePath.Replace('/', '_') + $"_{i}.png";
                File.WriteAllBytes(Path.Combine(outDir, name), FacePipeline.AlignedCrop(photo, faces[i]).ToPng());
            }
            Console.WriteLine($"{image.RelativePath}: {faces.Count} face(s) {string.Join(" ", faces.Select(f => $"[{f.Box.Left:F0},{f.Box.Top:F0},{f.Box.Width:F0}x{f.Box.Height:F0} s={f.DetectionScore:F2} eye={f.Quality.InterEyeDistancePixels:F0} q={f.Quality.Score} {f.Quality.Components} {f.Quality.Measures}]"))}");
        }
        return 0;

    default:
        Console.Error.WriteLine($"unknown command '{args[0]}'");
        return 2;
}
