using System.CommandLine;
using Grid.Cli.Output;
using Grid.Client.Faces;
using Grid.Faces.Evaluation;
using Grid.Faces.Evaluation.Variants;
using Grid.Faces.Pipeline;
using Grid.Protocol.Galleries;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl eval-faces DIR [--roc PNG] [--gallery FORCE/NAME] [--json]</c>: the face evaluation with its
/// rank-1 search going through a real grid gallery made for the run. <c>--variants</c>: the harder set, locally.</summary>
public static class EvalFacesCommand
{
    // An ISO country code is required by the grid; NL is the design's example force.
    private const string DefaultForce = "NL";

    public static Command Create()
    {
        var command = new Command("eval-faces", "Measure the face pipeline on a faces-dev style folder, rank-1 through a real grid gallery.");
        var dataset = new Argument<string>("dir") { Description = "Folder with labels.csv and images/, multi/, negatives/." };
        var roc = new Option<string?>("--roc") { Description = "Write the ROC curve to this PNG." };
        var gallery = new Option<string?>("--gallery") { Description = $"Gallery for the rank-1 search (default {DefaultForce}/faces-eval-<UTC time>, created fresh)." };
        var variants = new Option<bool>("--variants") { Description = "Run the harder set instead, on this machine (no grid): each photo degraded 8 ways, probes vs the clean photos." };
        var json = CommonOptions.Json();
        command.Arguments.Add(dataset);
        foreach (var o in new Option[] { roc, gallery, variants, json }) command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            var asJson = parse.GetValue(json);
            GalleryId id;
            string dir;
            try
            {
                dir = parse.GetValue(dataset)!;
                if (!File.Exists(Path.Combine(dir, "labels.csv"))) throw new ArgumentException($"{dir} has no labels.csv: give a faces-dev style folder.");
                id = GalleryId.Parse(parse.GetValue(gallery) ?? $"{DefaultForce}/{GridEvaluationGallery.FreshName(DateTimeOffset.UtcNow)}");
            }
            catch (Exception e)
            {
                return CommandRunner.Report(e, asJson);
            }
            if (parse.GetValue(variants)) return VariantsLocally(dir, asJson, ct);
            return await CommandRunner.WithClientAsync(parse, asJson, ct, async client =>
            {
                using var pipeline = FacePipeline.Create();
                var faces = new FaceGridClient(client, pipeline);
                // Two shards, so the rank-1 search goes through the fan-out and the merge as real searches do.
                var target = await GridEvaluationGallery.CreateAsync(faces, id, GalleryConfig.Default with { ShardCount = 2 });
                var rocPath = parse.GetValue(roc);
                if (rocPath is not null && Path.GetDirectoryName(Path.GetFullPath(rocPath)) is { } folder) Directory.CreateDirectory(folder);
                var report = await new FaceEvaluation(pipeline, target).RunAsync(dir, rocPath, ct);
                if (asJson) Json.WriteLine(new { gallery = id.Key, report });
                else Console.WriteLine($"{report.ToMarkdown()}\nrank-1 searched through grid gallery {id.Key}.");
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static int VariantsLocally(string dir, bool asJson, CancellationToken ct)
    {
        try
        {
            using var pipeline = FacePipeline.Create();
            var report = new VariantEvaluation(pipeline).Run(dir, Enum.GetValues<ImageVariant>(),
                row => { if (!asJson) Console.Error.WriteLine($"{VariantMaker.Name(row.Variant)}: done"); }, ct);
            if (asJson) Json.WriteLine(new { report.Dataset, report.ModelId, rows = report.Rows, pooled = report.Pooled, impostorPairs = report.ImpostorScores.Count });
            else Console.WriteLine(report.ToMarkdown());
            return ExitCodes.Ok;
        }
        catch (Exception e)
        {
            return CommandRunner.Report(e, asJson);
        }
    }
}
