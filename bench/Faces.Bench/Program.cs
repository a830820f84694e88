// Runs the face evaluation and the single-threaded throughput benchmark on a faces-dev style folder:
//   dotnet run -c Release --project bench/Faces.Bench -- eval  <faces-dev> [roc.png]
//   dotnet run -c Release --project bench/Faces.Bench -- bench <faces-dev> [seconds per set]
//   dotnet run -c Release --project bench/Faces.Bench -- bench <faces-dev> [seconds per set] --stages  (time per stage; mirror as its own row)
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
// Experiment switches (docs/FACES.md, blur and occlusion): --sharpen=AMOUNT --covered-mouth --retry-sharpened=AMOUNT --only=V1,V2
string? Flag(string name) => args.FirstOrDefault(a => a.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..];
float FloatFlag(string name, float fallback) => Flag(name) is { } v ? float.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
var defaults = new FacePipelineOptions();
using var pipeline = FacePipeline.Create(defaults with
{
    ThreadsPerCall = 1,
    MirrorAveragedTemplates = args.Contains("--mirror"),
    SoftFaceSharpening = FloatFlag("sharpen", defaults.SoftFaceSharpening),
    SoftFaceSharpness = FloatFlag("soft-below", defaults.SoftFaceSharpness),
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
        if (args.Contains("--stages"))
        {
            using var mirrored = FacePipeline.Create(new FacePipelineOptions { ThreadsPerCall = 1, MirrorAveragedTemplates = true });
            var profile = new FacePipelineStageProfile(mirrored, TimeSpan.FromSeconds(seconds));
            Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");
            Console.WriteLine(profile.Run("faces-dev single-face photos (250x250)", photos));
            Console.WriteLine(profile.Run("faces-dev photos as 1920x1080 JPEG", frames));
            Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
            return 0;
        }
        var benchmark = new FacePipelineBenchmark(pipeline, TimeSpan.FromSeconds(seconds));
        Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        Console.WriteLine(FacePipelineBenchmarkResult.MarkdownHeader);
        Console.WriteLine(benchmark.Run("faces-dev single-face photos", photos).ToMarkdownRow());
        Console.WriteLine(benchmark.Run("faces-dev photos as 1920x1080 JPEG", frames).ToMarkdownRow());
        Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
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
