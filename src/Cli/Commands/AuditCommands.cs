using System.CommandLine;
using Grid.Cli.Output;
using Grid.Client;
using Grid.Protocol.Audit;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl audit show|verify|export FORCE</c> and <c>gridctl stats FORCE</c> (the force's auditor).</summary>
public static class AuditCommands
{
    public static Command Create()
    {
        var audit = new Command("audit", "A force's append-only, hash-chained audit log.");

        var show = new Command("show", "Show entries.");
        var force = new Argument<string>("force");
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only entries at or after this time (ISO 8601)." };
        var json = CommonOptions.Json();
        show.Arguments.Add(force);
        show.Options.Add(since);
        show.Options.Add(json);
        show.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var entries = (await client.Audit(parse.GetValue(force)!).ExportAsync(parse.GetValue(since), ct)).Entries;
            if (parse.GetValue(json)) { foreach (var e in entries) Json.WriteLine(Row(e)); }
            else
            {
                var table = new Table().AddColumns("seq", "time", "kind", "actor", "partner", "offence", "case", "asked", "answered", "candidates", "detail");
                foreach (var e in entries)
                    table.AddRow(e.Seq.ToString(), e.Time.ToString("u"), e.Kind.ToString(), Markup.Escape(e.Actor), e.Partner ?? "", e.Offence ?? "",
                        Markup.Escape(e.CaseReference ?? ""), Markup.Escape(string.Join(",", e.GalleriesAsked.Select(g => g.Key))),
                        Markup.Escape(string.Join(",", e.GalleriesAnswered.Select(g => g.Key))), e.CandidateCount.ToString(), Markup.Escape(e.Detail));
                AnsiConsole.Write(table);
            }
            return ExitCodes.Ok;
        }));

        var verify = new Command("verify", "Recompute the hash chain; any altered, removed or reordered entry is found.");
        var verifyForce = new Argument<string>("force");
        var verifyJson = CommonOptions.Json();
        var withPartners = new Option<bool>("--with-partners")
        {
            Description = "Also cross-check the heads of this log that partner forces recorded (and theirs recorded here): catches a consistent rollback.",
        };
        verify.Arguments.Add(verifyForce);
        verify.Options.Add(verifyJson);
        verify.Options.Add(withPartners);
        verify.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(verifyJson), ct, async client =>
        {
            if (parse.GetValue(withPartners))
                return await VerifyWithPartnersAsync(client.Audit(parse.GetValue(verifyForce)!), parse.GetValue(verifyJson), ct);
            var result = await client.Audit(parse.GetValue(verifyForce)!).VerifyAsync(ct);
            if (parse.GetValue(verifyJson)) Json.WriteLine(result);
            else if (result.Intact) AnsiConsole.MarkupLine($"[green]intact[/]: {result.Entries} entries, head {result.HeadHash}");
            else AnsiConsole.MarkupLine($"[red]TAMPERED[/] at entry {result.FirstBadSeq}: {Markup.Escape(result.Problem ?? "")}");
            return result.Intact ? ExitCodes.Ok : ExitCodes.Failed;
        }));

        var export = new Command("export", "Export every entry as JSON lines (with hashes, for independent verification).");
        var exportForce = new Argument<string>("force");
        var jsonl = new Option<bool>("--jsonl") { Description = "JSON lines (the only format).", DefaultValueFactory = _ => true };
        export.Arguments.Add(exportForce);
        export.Options.Add(jsonl);
        export.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, true, ct, async client =>
        {
            var all = await client.Audit(parse.GetValue(exportForce)!).ExportAsync(cancellationToken: ct);
            Json.WriteLine(new { force = all.Force, anchorSeq = all.AnchorSeq, anchorHash = all.AnchorHash });
            foreach (var e in all.Entries) Json.WriteLine(Row(e));
            return ExitCodes.Ok;
        }));

        audit.Subcommands.Add(show);
        audit.Subcommands.Add(verify);
        audit.Subcommands.Add(export);
        return audit;
    }

    private static async Task<int> VerifyWithPartnersAsync(GridAudit log, bool json, CancellationToken cancellationToken)
    {
        var result = await log.VerifyWithPartnersAsync(cancellationToken);
        if (json) { Json.WriteLine(result); return result.Intact ? ExitCodes.Ok : ExitCodes.Failed; }
        var local = result.Local;
        if (local.Intact) AnsiConsole.MarkupLine($"[green]intact[/]: {local.Entries} entries, head {local.HeadHash}");
        else AnsiConsole.MarkupLine($"[red]TAMPERED[/] at entry {local.FirstBadSeq}: {Markup.Escape(local.Problem ?? "")}");
        foreach (var f in result.Findings)
            AnsiConsole.MarkupLine($"[red]ANCHOR[/] {f.Log} entry {f.Seq} (anchored by {f.AnchoredBy}): {Markup.Escape(f.Problem)}");
        AnsiConsole.MarkupLine(result.Findings.Length == 0
            ? $"[green]partners agree[/]: {result.AnchorsChecked} anchors checked"
            : $"[red]{result.Findings.Length} of {result.AnchorsChecked} partner anchors do not match[/]");
        return result.Intact ? ExitCodes.Ok : ExitCodes.Failed;
    }

    public static Command Stats()
    {
        var command = new Command("stats", "Counts per partner: searches, candidates, refusals, confirmed matches, follow-ups. No personal data.");
        var force = new Argument<string>("force");
        var json = CommonOptions.Json();
        command.Arguments.Add(force);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var stats = await client.Audit(parse.GetValue(force)!).GetStatsAsync(ct);
            if (parse.GetValue(json)) Json.WriteLine(new
            {
                force = stats.Force,
                partners = stats.Partners.Select(p => new
                {
                    partner = p.Partner,
                    p.SearchesMade,
                    p.SearchesReceived,
                    p.CandidatesReceived,
                    p.CandidatesReturned,
                    p.Refusals,
                    p.ConfirmedMatches,
                    p.FollowUpsRequested,
                    p.FollowUpsReleased,
                    p.FollowUpsDeclined
                })
            });
            else
            {
                var table = new Table().Title($"statistics of {stats.Force}").AddColumns("partner", "searches made", "searches received", "candidates received", "candidates returned", "refusals",
                    "confirmed matches", "follow-ups requested", "released", "declined");
                foreach (var p in stats.Partners)
                    table.AddRow(p.Partner, p.SearchesMade.ToString(), p.SearchesReceived.ToString(), p.CandidatesReceived.ToString(), p.CandidatesReturned.ToString(), p.Refusals.ToString(),
                        p.ConfirmedMatches.ToString(), p.FollowUpsRequested.ToString(), p.FollowUpsReleased.ToString(), p.FollowUpsDeclined.ToString());
                AnsiConsole.Write(table);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static object Row(AuditEntry e) => new
    {
        e.Seq,
        e.Time,
        e.Kind,
        e.Actor,
        force = e.Force,
        partner = e.Partner,
        e.Offence,
        e.CaseReference,
        galleriesAsked = e.GalleriesAsked.Select(g => g.Key),
        galleriesAnswered = e.GalleriesAnswered.Select(g => g.Key),
        e.CandidateCount,
        e.Detail,
        e.PrevHash,
        e.Hash,
    };
}
