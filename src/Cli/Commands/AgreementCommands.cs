using System.CommandLine;
using Grid.Cli.Output;
using Grid.Client;
using Grid.Protocol.Galleries;
using Grid.Protocol.Identity;
using Grid.Protocol.Search;
using Grid.Protocol.Sharing;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl agreement propose|accept|suspend|resume|revoke|show|list</c>: the owner's agreement-admin
/// proposes and controls; the requester's agreement-admin accepts. Every change is versioned and audited at both ends.</summary>
public static class AgreementCommands
{
    public static Command Create()
    {
        var agreement = new Command("agreement", "Sharing agreements OWNER->REQUESTER: who may search which galleries, for what.");
        agreement.Subcommands.Add(Propose());
        agreement.Subcommands.Add(Accept());
        agreement.Subcommands.Add(Change("suspend", "Pause an active agreement (owner).", (a, ct) => a.SuspendAsync(ct)));
        agreement.Subcommands.Add(Change("resume", "Resume a suspended agreement (owner).", (a, ct) => a.ResumeAsync(ct)));
        agreement.Subcommands.Add(Change("revoke", "End an agreement (owner); in force for every search that starts after this returns.", (a, ct) => a.RevokeAsync(ct)));
        agreement.Subcommands.Add(Change("show", "Show an agreement and its history.", (a, ct) => a.GetAsync(ct)));
        agreement.Subcommands.Add(List());
        return agreement;
    }

    private static Command Propose()
    {
        var command = new Command("propose", "Propose (or re-propose) terms to a partner (owner's agreement-admin).");
        var key = KeyArgument();
        var galleries = new Option<string>("--galleries") { Description = "Comma-separated owner galleries FORCE/NAME.", Required = true };
        var offences = new Option<string>("--offences") { Description = "Comma-separated offence codes allowed (gridctl offences).", Required = true };
        var maxCandidates = new Option<int>("--max-candidates") { DefaultValueFactory = _ => 10 };
        var minScore = new Option<float>("--min-score") { DefaultValueFactory = _ => 0.3f };
        var quota = new Option<int>("--daily-quota") { DefaultValueFactory = _ => 100 };
        var days = new Option<int>("--valid-days") { Description = "Validity from now, in days.", DefaultValueFactory = _ => 365 };
        var reviewers = new Option<int>("--reviewers") { Description = "Independent reviewers who must confirm each candidate: 1, or 2 for four-eyes.", DefaultValueFactory = _ => 1 };
        var shareImages = new Option<bool>("--share-images") { Description = "Let the requester fetch the reference images of candidates (default: templates only)." };
        var json = CommonOptions.Json();
        command.Arguments.Add(key);
        foreach (var o in new Option[] { galleries, offences, maxCandidates, minScore, quota, days, reviewers, shareImages, json }) command.Options.Add(o);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var now = DateTimeOffset.UtcNow;
            var terms = new AgreementTerms(
                Split(parse.GetValue(galleries)!).Select(GalleryId.Parse).ToArray(),
                Split(parse.GetValue(offences)!),
                parse.GetValue(maxCandidates), parse.GetValue(minScore), parse.GetValue(quota), now, now.AddDays(parse.GetValue(days)),
                parse.GetValue(reviewers), parse.GetValue(shareImages));
            Write(await client.Agreement(AgreementKey.Parse(parse.GetValue(key)!)).ProposeAsync(terms, ct), parse.GetValue(json));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Accept()
    {
        var command = new Command("accept", "Accept the proposed terms (requester's agreement-admin).");
        var key = KeyArgument();
        var version = new Option<int?>("--version") { Description = "The version you reviewed (default: the current proposal; refused if it changed meanwhile)." };
        var json = CommonOptions.Json();
        command.Arguments.Add(key);
        command.Options.Add(version);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var grain = client.Agreement(AgreementKey.Parse(parse.GetValue(key)!));
            var v = parse.GetValue(version) ?? (await grain.GetAsync(ct)).Version;
            Write(await grain.AcceptAsync(v, ct), parse.GetValue(json));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Change(string name, string description, Func<GridAgreement, CancellationToken, Task<AgreementView>> action)
    {
        var command = new Command(name, description);
        var key = KeyArgument();
        var json = CommonOptions.Json();
        command.Arguments.Add(key);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            Write(await action(client.Agreement(AgreementKey.Parse(parse.GetValue(key)!)), ct), parse.GetValue(json));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the agreements a force is party to, as owner or requester.");
        var force = new Argument<string>("force");
        var json = CommonOptions.Json();
        command.Arguments.Add(force);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var views = await client.ListAgreementsAsync(parse.GetValue(force)!, ct);
            if (parse.GetValue(json)) foreach (var v in views) Write(v, true);
            else
            {
                var table = new Table().AddColumns("agreement", "version", "status", "galleries", "offences", "max", "min score", "quota/day", "valid until");
                foreach (var v in views)
                    table.AddRow(v.Agreement, v.Version.ToString(), v.Status.ToString(),
                        Markup.Escape(string.Join(",", v.Terms?.Galleries.Select(g => g.Key) ?? [])), Markup.Escape(string.Join(",", v.Terms?.Offences ?? [])),
                        v.Terms?.MaxCandidates.ToString() ?? "", v.Terms?.MinScore.ToString("0.00") ?? "", v.Terms?.DailyQuota.ToString() ?? "", v.Terms?.ValidUntil.ToString("u") ?? "");
                AnsiConsole.Write(table);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Argument<string> KeyArgument() => new("agreement") { Description = "OWNER->REQUESTER, e.g. DE->NL (quote it in the shell)." };

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void Write(AgreementView view, bool json)
    {
        if (json)
        {
            Json.WriteLine(new
            {
                agreement = view.Agreement,
                view.Version,
                view.Status,
                terms = view.Terms is { } t ? new { galleries = t.Galleries.Select(g => g.Key), t.Offences, t.MaxCandidates, t.MinScore, t.DailyQuota, t.ValidFrom, t.ValidUntil, t.RequiredReviewers, t.ShareImages } : null,
                history = view.History.Select(h => new { h.Version, h.At, h.Action, actor = h.Actor, h.Status }),
            });
            return;
        }
        AnsiConsole.MarkupLine($"agreement [bold]{Markup.Escape(view.Agreement)}[/] v{view.Version}: [bold]{view.Status}[/]");
        if (view.Terms is { } terms)
            AnsiConsole.MarkupLine($"  galleries {Markup.Escape(string.Join(", ", terms.Galleries.Select(g => g.Key)))}; offences {Markup.Escape(string.Join(", ", terms.Offences))}; " +
                $"max {terms.MaxCandidates} candidates, min score {terms.MinScore:0.00}, {terms.DailyQuota}/day, valid until {terms.ValidUntil:u}; " +
                $"{(terms.RequiredReviewers >= 2 ? "four-eyes review" : "one reviewer")}, {(terms.ShareImages ? "candidate images shared" : "templates only")}");
        foreach (var h in view.History)
            AnsiConsole.MarkupLine($"  v{h.Version} {h.At:u} {h.Action} by {Markup.Escape(h.Actor)} → {h.Status}");
    }
}
