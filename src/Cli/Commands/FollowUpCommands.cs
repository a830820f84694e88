using System.CommandLine;
using Grid.Cli.Output;
using Grid.Protocol.Review;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl followup request|list|show|release|decline|extend</c>: core data after a confirmed match (Prüm II
/// Art 47). The requester asks; the owner's reviewer releases or declines within 48 hours, or records an extension.</summary>
public static class FollowUpCommands
{
    public static Command Create()
    {
        var command = new Command("followup", "Follow-up: ask a partner for core data after a confirmed match; answer partners' requests.");
        command.Subcommands.Add(Request());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Answer("show", "Show one follow-up.", (c, id, _, ct) => c.GetFollowUpAsync(id, ct)));
        command.Subcommands.Add(Answer("release", "Release the subject's core data to the requesting case (owner's reviewer).", (c, id, _, ct) => c.ReleaseFollowUpAsync(id, ct)));
        command.Subcommands.Add(Decline());
        command.Subcommands.Add(Extend());
        return command;
    }

    private static Command Request()
    {
        var command = new Command("request", "Ask the owner of a confirmed candidate for core data.");
        var id = ReviewOptions.SearchId();
        var rank = ReviewOptions.Rank();
        var offence = new Option<string>("--offence") { Description = "Offence category code (gridctl offences).", Required = true };
        var facts = new Option<string>("--facts") { Description = "The facts of the case (20 to 4000 characters).", Required = true };
        var force = ReviewOptions.Force();
        var json = CommonOptions.Json();
        command.Arguments.Add(id);
        command.Arguments.Add(rank);
        foreach (var o in new Option[] { offence, facts, force, json }) command.Options.Add(o);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var asked = await client.RequestFollowUpAsync(await ReviewOptions.ForceAsync(client, parse.GetValue(force), ct), parse.GetValue(id)!, parse.GetValue(rank),
                new FollowUpRequest(parse.GetValue(offence)!, parse.GetValue(facts)!), ct);
            Write(asked, parse.GetValue(json));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List follow-ups your force asked (default) or was asked (--incoming), with the 48-hour clock.");
        var incoming = new Option<bool>("--incoming") { Description = "Requests partners sent to your force." };
        var force = ReviewOptions.Force();
        var json = CommonOptions.Json();
        foreach (var o in new Option[] { incoming, force, json }) command.Options.Add(o);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var list = await client.ListFollowUpsAsync(await ReviewOptions.ForceAsync(client, parse.GetValue(force), ct), parse.GetValue(incoming), ct);
            if (parse.GetValue(json)) foreach (var f in list) Json.WriteLine(f);
            else
            {
                var table = new Table().AddColumns("id", "case", "offence", "subjectRef", "requested", "due", "status", "by");
                foreach (var f in list)
                    table.AddRow(Markup.Escape(f.Id), Markup.Escape(f.CaseReference), Markup.Escape(f.Request.Offence), Markup.Escape(f.SubjectRef), f.RequestedAt.ToString("u"),
                        f.DueAt.ToString("u") + (f.Overdue ? " [red]OVERDUE[/]" : ""), f.Status.ToString(), Markup.Escape(f.AnsweredBy ?? f.RequestedBy));
                AnsiConsole.Write(table);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Decline()
    {
        var reason = new Option<string>("--reason") { Description = "Why; the requester sees it.", Required = true };
        var command = Answer("decline", "Decline a request with a reason (owner's reviewer).", (c, id, parse, ct) => c.DeclineFollowUpAsync(id, parse.GetValue(reason)!, ct));
        command.Options.Add(reason);
        return command;
    }

    private static Command Extend()
    {
        var authorisation = new Option<string>("--authorisation") { Description = "The judicial authorisation awaited (authority, reference).", Required = true };
        var hours = new Option<int>("--hours") { Description = "Hours to add to the current deadline.", DefaultValueFactory = _ => 48 };
        var command = Answer("extend", "Move the deadline while a judicial authorisation is sought (owner's reviewer).", async (c, id, parse, ct) =>
        {
            var current = await c.GetFollowUpAsync(id, ct);
            return await c.ExtendFollowUpAsync(id, parse.GetValue(authorisation)!, current.DueAt.AddHours(parse.GetValue(hours)), ct);
        });
        command.Options.Add(authorisation);
        command.Options.Add(hours);
        return command;
    }

    private static Command Answer(string name, string description, Func<Grid.Client.IGridClient, string, ParseResult, CancellationToken, Task<FollowUpView>> action)
    {
        var command = new Command(name, description);
        var id = ReviewOptions.FollowUpId();
        var json = CommonOptions.Json();
        command.Arguments.Add(id);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            Write(await action(client, parse.GetValue(id)!, parse, ct), parse.GetValue(json));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Write(FollowUpView f, bool json)
    {
        if (json)
        {
            Json.WriteLine(f);
            return;
        }
        AnsiConsole.MarkupLine($"follow-up [bold]{Markup.Escape(f.Id)}[/]: {f.Status}{(f.Overdue ? " [red]OVERDUE[/]" : "")}, due {f.DueAt:u}" +
                               $"{(f.Extension is { } x ? $" (extended: {Markup.Escape(x)})" : "")}");
        AnsiConsole.MarkupLine($"  {Markup.Escape(f.Requester)} asks {Markup.Escape(f.Owner)} about {Markup.Escape(f.Gallery.Key)}/{Markup.Escape(f.SubjectRef)} " +
                               $"(case {Markup.Escape(f.CaseReference)}, {Markup.Escape(f.Request.Offence)}): {Markup.Escape(f.Request.Facts)}");
        if (f.DeclineReason is { } why) AnsiConsole.MarkupLine($"  declined by {Markup.Escape(f.AnsweredBy ?? "?")}: {Markup.Escape(why)}");
        if (f.Status == FollowUpStatus.Released) AnsiConsole.MarkupLine($"  released by {Markup.Escape(f.AnsweredBy ?? "?")} at {f.AnsweredAt:u}; the core data is in the requester's case (gridctl case show {f.SearchId})");
    }
}
