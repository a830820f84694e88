using System.CommandLine;
using Grid.Cli.Output;
using Grid.Protocol.Identity;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl user add|list|disable FORCE ...</c> (the force's administrator).</summary>
public static class UserCommands
{
    public static Command Create()
    {
        var user = new Command("user", "Users of a force and their roles (force administrators).");

        var add = new Command("add", "Add a user; prints the user's key once.");
        var force = new Argument<string>("force");
        var name = new Argument<string>("user");
        var roles = new Option<string>("--roles") { Description = "Comma-separated: searcher, enroller, reviewer, agreement-admin, auditor, force-admin.", Required = true };
        var keyOut = new Option<string?>("--key-out") { Description = "Write the key to this new file (mode 0600) instead of printing it." };
        var json = CommonOptions.Json();
        add.Arguments.Add(force);
        add.Arguments.Add(name);
        foreach (var o in new Option[] { roles, keyOut, json }) add.Options.Add(o);
        add.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var issued = await client.AddUserAsync(parse.GetValue(force)!, parse.GetValue(name)!, ParseRoles(parse.GetValue(roles)!), ct);
            KeyOutput.Show(issued, parse.GetValue(keyOut), parse.GetValue(json));
            return ExitCodes.Ok;
        }));

        var list = new Command("list", "List a force's users.");
        var listForce = new Argument<string>("force");
        var listJson = CommonOptions.Json();
        list.Arguments.Add(listForce);
        list.Options.Add(listJson);
        list.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(listJson), ct, async client =>
        {
            var users = await client.ListUsersAsync(parse.GetValue(listForce)!, ct);
            if (parse.GetValue(listJson)) { foreach (var u in users) Json.WriteLine(new { u.User, roles = string.Join(",", u.Roles), u.KeyId, u.Disabled, u.Created }); }
            else
            {
                var table = new Table().AddColumns("user", "roles", "key id", "disabled", "created");
                foreach (var u in users) table.AddRow(Markup.Escape(u.User), string.Join(",", u.Roles), u.KeyId, u.Disabled.ToString(), u.Created.ToString("u"));
                AnsiConsole.Write(table);
            }
            return ExitCodes.Ok;
        }));

        var disable = new Command("disable", "Disable a user's key at once.");
        var disForce = new Argument<string>("force");
        var disName = new Argument<string>("user");
        disable.Arguments.Add(disForce);
        disable.Arguments.Add(disName);
        disable.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, false, ct, async client =>
        {
            await client.DisableUserAsync(parse.GetValue(disForce)!, parse.GetValue(disName)!, ct);
            AnsiConsole.MarkupLine($"disabled {Markup.Escape(parse.GetValue(disName)!)} of {Markup.Escape(parse.GetValue(disForce)!)}");
            return ExitCodes.Ok;
        }));

        user.Subcommands.Add(add);
        user.Subcommands.Add(list);
        user.Subcommands.Add(disable);
        return user;
    }

    public static Role ParseRoles(string text) =>
        RoleNames.Parse(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
