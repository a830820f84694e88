using Grid.Cli.Output;
using Grid.Client;
using Grid.Protocol.Identity;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary>A new API key is shown exactly once: printed, or written to a 0600 file with <c>--key-out</c>.
/// The grid keeps only its hash.</summary>
public static class KeyOutput
{
    public static void Show(ApiKeyIssued issued, string? keyOut, bool json)
    {
        if (keyOut is not null) KeyFile.Write(keyOut, issued.Key);
        if (json)
            Json.WriteLine(new { user = issued.Principal.ToString(), roles = string.Join(",", issued.Principal.Roles), keyId = issued.KeyId, key = keyOut is null ? issued.Key : null, keyFile = keyOut });
        else if (keyOut is not null)
            AnsiConsole.MarkupLine($"key for [bold]{Markup.Escape(issued.Principal.ToString())}[/] ({string.Join(",", issued.Principal.Roles)}) written to {Markup.Escape(keyOut)} (mode 0600)");
        else
            AnsiConsole.MarkupLine($"key for [bold]{Markup.Escape(issued.Principal.ToString())}[/] ({string.Join(",", issued.Principal.Roles)}) — shown once, store it now:\n{Markup.Escape(issued.Key)}");
    }
}
