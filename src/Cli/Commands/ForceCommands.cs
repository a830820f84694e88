using System.CommandLine;
using Grid.Cli.Output;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl force create FORCE --name N --admin USER [--key-out FILE]</c> and <c>gridctl force list</c> (operator).</summary>
public static class ForceCommands
{
    public static Command Create()
    {
        var force = new Command("force", "Member forces (operator).");
        var create = new Command("create", "Create a member force and its first administrator; prints the admin's key once.");
        var id = new Argument<string>("force") { Description = "ISO 3166 alpha-2 code, optionally -AGENCY (e.g. DE-BKA)." };
        var name = new Option<string>("--name") { Description = "Display name.", Required = true };
        var admin = new Option<string>("--admin") { Description = "User name of the force's first administrator.", DefaultValueFactory = _ => "admin" };
        var keyOut = new Option<string?>("--key-out") { Description = "Write the admin's key to this new file (mode 0600) instead of printing it." };
        var json = CommonOptions.Json();
        create.Arguments.Add(id);
        foreach (var o in new Option[] { name, admin, keyOut, json }) create.Options.Add(o);
        create.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var issued = await client.CreateForceAsync(parse.GetValue(id)!, parse.GetValue(name)!, parse.GetValue(admin)!, ct);
            KeyOutput.Show(issued, parse.GetValue(keyOut), parse.GetValue(json));
            return ExitCodes.Ok;
        }));

        var list = new Command("list", "List member forces.");
        var listJson = CommonOptions.Json();
        list.Options.Add(listJson);
        list.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(listJson), ct, async client =>
        {
            var forces = await client.ListForcesAsync(ct);
            if (parse.GetValue(listJson)) { foreach (var f in forces) Json.WriteLine(new { force = f.Force, f.DisplayName, f.Disabled, f.Created, f.UserCount }); }
            else
            {
                var table = new Table().AddColumns("force", "name", "users", "disabled", "created");
                foreach (var f in forces) table.AddRow(f.Force, Markup.Escape(f.DisplayName), f.UserCount.ToString(), f.Disabled.ToString(), f.Created.ToString("u"));
                AnsiConsole.Write(table);
            }
            return ExitCodes.Ok;
        }));
        force.Subcommands.Add(create);
        force.Subcommands.Add(list);
        return force;
    }
}
