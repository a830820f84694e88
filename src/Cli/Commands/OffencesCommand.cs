using System.CommandLine;
using Grid.Cli.Output;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl offences</c>: the documented offence categories a purpose may name, as the grid serves them.</summary>
public static class OffencesCommand
{
    public static Command Create()
    {
        var command = new Command("offences", "List the offence categories (codes for --purpose and agreements).");
        var json = CommonOptions.Json();
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var all = await client.ListOffencesAsync(ct);
            if (parse.GetValue(json)) { foreach (var o in all) Json.WriteLine(o); return ExitCodes.Ok; }
            var table = new Table().AddColumns("code", "title", "≥ 1 year", "humanitarian", "cross-border");
            foreach (var o in all)
                table.AddRow(o.Code, Markup.Escape(o.Title), o.MeetsOneYearThreshold ? "yes" : "no", o.IsHumanitarian ? "yes" : "no", o.EligibleForCrossBorder ? "yes" : "own only");
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
