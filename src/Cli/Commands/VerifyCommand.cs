using System.CommandLine;
using System.Globalization;
using Grid.Cli.Output;
using Grid.Client.Faces;
using Grid.Faces.Imaging;
using Grid.Faces.Pipeline;
using Grid.Protocol.Search;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl verify IMAGE1 IMAGE2 [--face1 I] [--face2 J] [--fmr 0.001] [--json]</c>: 1:1 verification on this machine
/// (no grid, no key): the score, the estimated false-match rate at that score, and whether it reaches the threshold of the
/// chosen false-match rate. Exit code 0 either way: "not the same person" is an answer, not an error.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var command = new Command("verify", "Compare the faces of two photos locally: score, false-match rate, same person or not (a decision aid, not an identification).");
        var first = new Argument<string>("image1") { Description = "First photo." };
        var second = new Argument<string>("image2") { Description = "Second photo." };
        var face1 = new Option<int?>("--face1") { Description = "Which face of the first photo, when it has several." };
        var face2 = new Option<int?>("--face2") { Description = "Which face of the second photo, when it has several." };
        var fmr = new Option<double>("--fmr") { Description = "False-match rate of the decision threshold (0.001 = 1 in 1,000).", DefaultValueFactory = _ => FaceVerifier.DefaultDecisionFalseMatchRate };
        var json = CommonOptions.Json();
        command.Arguments.Add(first);
        command.Arguments.Add(second);
        foreach (var o in new Option[] { face1, face2, fmr, json }) command.Options.Add(o);
        command.SetAction((parse, ct) =>
        {
            var asJson = parse.GetValue(json);
            try
            {
                var rate = parse.GetValue(fmr);
                if (rate is <= 0 or >= 1) throw new ArgumentException("--fmr must be between 0 and 1, e.g. 0.001.");
                using var pipeline = FacePipeline.Create();
                FaceVerification result;
                try
                {
                    result = new FaceVerifier(pipeline).Verify(parse.GetValue(first)!, parse.GetValue(second)!, parse.GetValue(face1), parse.GetValue(face2), rate);
                }
                catch (Exception e) when (e is ImageRejectedException or IOException or UnauthorizedAccessException)
                {
                    throw new ArgumentException(e.Message, e);
                }
                if (asJson) WriteJson(result);
                else WriteText(result);
                return Task.FromResult(ExitCodes.Ok);
            }
            catch (Exception e)
            {
                return Task.FromResult(CommandRunner.Report(e, asJson));
            }
        });
        return command;
    }

    private static void WriteJson(FaceVerification r) => Json.WriteLine(new
    {
        samePerson = r.SamePerson,
        score = r.Score,
        falseMatchRate = r.FalseMatchRate,
        falseMatchRateIsUpperBound = r.FalseMatchRateIsBound,
        falseMatch = r.FalseMatchText,
        decisionFalseMatchRate = r.DecisionFalseMatchRate,
        threshold = r.DecisionThreshold,
        faces = new[] { Face(r.Face1), Face(r.Face2) },
    });

    private static object Face(ImageProbe p) => new { path = p.Path, facesInImage = p.FacesInImage, face = ProbeFaceJson.Of(p) };

    private static void WriteText(FaceVerification r)
    {
        var c = CultureInfo.InvariantCulture;
        foreach (var p in new[] { r.Face1, r.Face2 })
            AnsiConsole.MarkupLine(Markup.Escape($"{p.Path}: {FaceSummary.From(p.Face, p.FaceIndex).Describe()} ({p.FacesInImage} in the photo)"));
        var verdict = r.SamePerson ? "[green]same person (above the threshold)[/]" : "[yellow]not the same person (below the threshold)[/]";
        AnsiConsole.MarkupLine(string.Create(c,
            $"{verdict}: score {r.Score:0.0000}; false-match rate at this score {Markup.Escape(r.FalseMatchText)}; threshold {r.DecisionThreshold:0.0000} = false-match rate {Markup.Escape(ScoreCalibration.OneIn(r.DecisionFalseMatchRate))}"));
        AnsiConsole.MarkupLine("[grey]A decision aid for a trained examiner, not an identification.[/]");
    }
}
