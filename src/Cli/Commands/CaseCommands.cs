using System.CommandLine;
using Grid.Cli.Output;
using Grid.Protocol.Review;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl case list|show|decide|image</c>: the review queue and cases a search opened at your force.
/// A candidate list is for a trained examiner to review; a decision names the reviewer and is audited.</summary>
public static class CaseCommands
{
    public static Command Create()
    {
        var command = new Command("case", "Review cases: every search opens one at your force; reviewers decide on each candidate.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Decide());
        command.Subcommands.Add(Image());
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List your force's cases, newest first (--undecided: the review queue).");
        var force = ReviewOptions.Force();
        var undecided = new Option<bool>("--undecided") { Description = "Only cases with a candidate waiting for a reviewer." };
        var json = CommonOptions.Json();
        foreach (var o in new Option[] { force, undecided, json }) command.Options.Add(o);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var cases = await client.ListCasesAsync(await ReviewOptions.ForceAsync(client, parse.GetValue(force), ct), parse.GetValue(undecided), ct);
            if (parse.GetValue(json)) foreach (var c in cases) Json.WriteLine(c);
            else
            {
                var table = new Table().AddColumns("searchId", "created", "case", "offence", "candidates", "undecided", "follow-ups pending");
                foreach (var c in cases)
                    table.AddRow(c.SearchId, c.CreatedAt.ToString("u"), Markup.Escape(c.CaseReference), Markup.Escape(c.Offence), c.Candidates.ToString(),
                        c.Undecided.ToString(), c.FollowUpsPending.ToString());
                AnsiConsole.Write(table);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show()
    {
        var command = new Command("show", "Show a case: purpose, candidates with scores, decisions, follow-ups, coverage, refusals.");
        var id = ReviewOptions.SearchId();
        var force = ReviewOptions.Force();
        var json = CommonOptions.Json();
        command.Arguments.Add(id);
        command.Options.Add(force);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var found = await client.GetCaseAsync(await ReviewOptions.ForceAsync(client, parse.GetValue(force), ct), parse.GetValue(id)!, ct);
            Write(found, parse.GetValue(json));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Decide()
    {
        var command = new Command("decide", "Record your decision on one candidate (reviewer). Four-eyes cases need a second, different reviewer.");
        var id = ReviewOptions.SearchId();
        var rank = ReviewOptions.Rank();
        var verdict = new Option<string>("--verdict") { Description = "possible-match, no-match or inconclusive.", Required = true };
        var note = new Option<string>("--note") { Description = "Why (what you compared); kept with the decision and audited.", Required = true };
        var force = ReviewOptions.Force();
        var json = CommonOptions.Json();
        command.Arguments.Add(id);
        command.Arguments.Add(rank);
        foreach (var o in new Option[] { verdict, note, force, json }) command.Options.Add(o);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var v = ReviewOptions.Verdict(parse.GetValue(verdict)!);
            var after = await client.DecideAsync(await ReviewOptions.ForceAsync(client, parse.GetValue(force), ct), parse.GetValue(id)!, parse.GetValue(rank), v,
                parse.GetValue(note)!, ct);
            var candidate = after.Candidates.Single(c => c.Candidate.Rank == parse.GetValue(rank));
            if (parse.GetValue(json)) Json.WriteLine(new
            {
                searchId = after.SearchId,
                rank = candidate.Candidate.Rank,
                verdict = ReviewOptions.Text(v),
                candidate.DecisionsRecorded,
                candidate.RequiredReviewers,
                candidate.Outcome
            });
            else AnsiConsole.MarkupLine($"recorded {ReviewOptions.Text(v)} on candidate {candidate.Candidate.Rank} " +
                                        $"(decision {candidate.DecisionsRecorded} of {candidate.RequiredReviewers}; outcome [bold]{candidate.Outcome}[/])");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Image()
    {
        var command = new Command("image", "Save a candidate's reference image, if the owner's agreement shares images.");
        var id = ReviewOptions.SearchId();
        var rank = ReviewOptions.Rank();
        var output = new Option<string>("--out") { Description = "File to write (the extension follows the image type if none is given).", Required = true };
        var force = ReviewOptions.Force();
        var json = CommonOptions.Json();
        command.Arguments.Add(id);
        command.Arguments.Add(rank);
        foreach (var o in new Option[] { output, force, json }) command.Options.Add(o);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var image = await client.GetCandidateImageAsync(await ReviewOptions.ForceAsync(client, parse.GetValue(force), ct), parse.GetValue(id)!, parse.GetValue(rank), ct);
            var path = parse.GetValue(output)!;
            if (!Path.HasExtension(path)) path += image.Extension;
            await File.WriteAllBytesAsync(path, image.Bytes, ct);
            if (parse.GetValue(json)) Json.WriteLine(new { path, image.ContentType, bytes = image.Bytes.Length });
            else AnsiConsole.MarkupLine($"wrote {Markup.Escape(path)} ({image.ContentType}, {image.Bytes.Length} bytes)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Write(ReviewCase c, bool json)
    {
        if (json)
        {
            Json.WriteLine(c);
            return;
        }
        AnsiConsole.MarkupLine($"case [bold]{c.SearchId}[/] of {Markup.Escape(c.Force)}: {Markup.Escape(c.Purpose.Offence)}, " +
                               $"case ref {Markup.Escape(c.Purpose.CaseReference)}, searched by {Markup.Escape(c.SearchedBy)} at {c.CreatedAt:u}");
        AnsiConsole.MarkupLine($"  probe fingerprint {c.ProbeFingerprint} (the probe stays at your site); coverage {c.Coverage.Answered}/{c.Coverage.Asked} shards");
        foreach (var r in c.Refusals) AnsiConsole.MarkupLine($"  [yellow]refused {Markup.Escape(r.Gallery.Key)}: {Markup.Escape(r.Reason)}[/] {Markup.Escape(r.Message)}");
        var table = new Table().AddColumns("rank", "force", "gallery", "subjectRef", "score", "FMR", "reviewers", "images", "decisions", "outcome", "follow-up");
        foreach (var k in c.Candidates)
            table.AddRow(k.Candidate.Rank.ToString(), Markup.Escape(k.Candidate.Force), Markup.Escape(k.Candidate.Gallery), Markup.Escape(k.Candidate.SubjectRef),
                k.Candidate.Score.ToString("0.000"), FalseMatchText.Of(k.Candidate), k.RequiredReviewers.ToString(), k.ImagesShared ? "shared" : "templates only",
                Markup.Escape(Decisions(k)), k.Outcome.ToString(), Markup.Escape(FollowUp(k.FollowUp)));
        AnsiConsole.Write(table);
        foreach (var k in c.Candidates.Where(k => k.FollowUp?.CoreData is not null))
        {
            var d = k.FollowUp!.CoreData!;
            AnsiConsole.MarkupLine($"  core data for candidate {k.Candidate.Rank} (released by {Markup.Escape(k.FollowUp.Owner)}): {Markup.Escape(string.Join(" / ", d.Names))}" +
                                   $"{(d.Aliases is { Length: > 0 } a ? $" alias {Markup.Escape(string.Join(", ", a))}" : "")}, born {d.DateOfBirth?.ToString("yyyy-MM-dd") ?? "?"}, " +
                                   $"{Markup.Escape(d.Nationality)}, sex {Markup.Escape(d.Sex)}, case {Markup.Escape(d.CaseNumber)} ({Markup.Escape(d.Authority)})");
        }
    }

    private static string Decisions(CaseCandidate k) => k.Decisions.Length == 0
        ? k.DecisionsRecorded == 0 ? "-" : $"{k.DecisionsRecorded} hidden until you decide"
        : string.Join("; ", k.Decisions.Select(d => $"{d.Reviewer}: {ReviewOptions.Text(d.Verdict)}"));

    private static string FollowUp(FollowUpView? f) => f is null ? "" : $"{f.Status}{(f.Overdue ? " OVERDUE" : "")} due {f.DueAt:u}";
}
