using System.CommandLine;
using Grid.Cli.Output;
using Grid.Client.Faces;
using Grid.Faces.Pipeline;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl template IMAGE_OR_DIR... [--json]</c>: faces and templates of photos, computed locally; no grid needed.
/// A photo that cannot be read is reported and the others go on; the exit code says whether any failed.</summary>
public static class TemplateCommand
{
    public static Command Create()
    {
        var command = new Command("template", "Detect faces and compute templates of photos locally (photos never leave this machine).");
        var inputs = new Argument<string[]>("images") { Description = "Photos, or folders searched recursively for .jpg .jpeg .png .webp .bmp.", Arity = ArgumentArity.OneOrMore };
        var json = CommonOptions.Json();
        command.Arguments.Add(inputs);
        command.Options.Add(json);
        command.SetAction((parse, ct) =>
        {
            var asJson = parse.GetValue(json);
            try
            {
                using var pipeline = FacePipeline.Create();
                var analyzer = new FaceImageAnalyzer(pipeline);
                var table = new Table().AddColumns("path", "faces", "detail");
                var failed = 0;
                foreach (var analysis in analyzer.AnalyzeAll(FaceImageAnalyzer.ExpandPaths(parse.GetValue(inputs)!), ct))
                {
                    failed += analysis.Failed ? 1 : 0;
                    if (asJson) WriteJson(analysis, analyzer.ModelId);
                    else AddRow(table, analysis);
                }
                if (!asJson) AnsiConsole.Write(table);
                return Task.FromResult(failed == 0 ? ExitCodes.Ok : ExitCodes.BadInput);
            }
            catch (Exception e)
            {
                return Task.FromResult(CommandRunner.Report(e, asJson));
            }
        });
        return command;
    }

    private static void WriteJson(ImageAnalysis analysis, string modelId)
    {
        if (analysis.Failed)
        {
            Json.WriteLine(new { path = analysis.Path, error = new { reason = analysis.ErrorReason, message = analysis.ErrorMessage } });
            return;
        }
        Json.WriteLine(new
        {
            path = analysis.Path,
            modelId,
            faces = analysis.Faces.Select((f, i) => new
            {
                index = i,
                box = new { left = f.Box.Left, top = f.Box.Top, right = f.Box.Right, bottom = f.Box.Bottom },
                score = f.DetectionScore,
                quality = QualityJson.Of(f.Quality),
                template = f.Template.Vector,
            }),
        });
    }

    private static void AddRow(Table table, ImageAnalysis analysis)
    {
        var path = Markup.Escape(analysis.Path);
        if (analysis.Failed)
        {
            table.AddRow(path, "[red]error[/]", Markup.Escape($"{analysis.ErrorReason}: {analysis.ErrorMessage}"));
            return;
        }
        var detail = analysis.Faces.Count == 0 ? "no face" : string.Join("\n", FaceSummary.Of(analysis.Faces).Select(f => f.Describe()));
        table.AddRow(path, analysis.Faces.Count.ToString(), Markup.Escape(detail));
    }
}
