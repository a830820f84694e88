using System.CommandLine;
using Grid.Cli.Commands;
using Grid.Client;
using Grid.Client.Faces;
using Grid.Client.Files;
using Grid.Protocol.Errors;
using Spectre.Console;

namespace Grid.Cli.Output;

/// <summary>Runs a command body with one client and turns every failure into a clear message and an exit code.
/// gridctl is a member force's tool like any other: it needs only an endpoint, a key and the grid's CA certificate.</summary>
public static class CommandRunner
{
    public static async Task<int> WithClientAsync(ParseResult parse, bool json, CancellationToken cancellationToken, Func<GridClient, Task<int>> body)
    {
        try
        {
            await using var client = await GridClient.ConnectAsync(Options(parse), cancellationToken);
            return await body(client);
        }
        catch (Exception e)
        {
            return Report(e, json);
        }
    }

    public static GridClientOptions Options(ParseResult parse)
    {
        var options = new GridClientOptions();
        if (parse.GetValue(CommonOptions.KeyFile) is { } keyFile) options = options with { ApiKey = ApiKeys.FromFile(keyFile) };
        if (parse.GetValue(CommonOptions.Endpoint) is { } endpoint) options = options with { Endpoint = new Uri(endpoint.EndsWith('/') ? endpoint : endpoint + "/") };
        if (parse.GetValue(CommonOptions.CaFile) is { } caFile) options = options with { CaCertificateFile = caFile };
        if (parse.GetValue(CommonOptions.ClientCert) is { } cert) options = options with { ClientCertificateFile = cert };
        if (parse.GetValue(CommonOptions.ClientKey) is { } key) options = options with { ClientKeyFile = key };
        return options;
    }

    public static int Report(Exception e, bool json)
    {
        var (code, kind) = e switch
        {
            GridUnavailableException => (ExitCodes.Unavailable, "unavailable"),
            BulkEnrolInterruptedException => (ExitCodes.Interrupted, "interrupted"),
            GridException { Code: ProblemCodes.Unauthenticated or ProblemCodes.AccessDenied } or GridException { Status: 401 or 403 } => (ExitCodes.Denied, "denied"),
            GridException { Code: ProblemCodes.Unavailable or ProblemCodes.StorageUnavailable or ProblemCodes.ForceSilosUnavailable or ProblemCodes.AuditUnavailable } => (ExitCodes.Unavailable, "unavailable"),
            GridException { Status: >= 400 and < 500 } or GridException { Code: "no-ca-certificate" or "no-client-certificate" } => (ExitCodes.BadInput, "bad-input"),
            TemplateFileException or ArgumentException or FormatException or FaceSelectionException => (ExitCodes.BadInput, "bad-input"),
            OperationCanceledException => (ExitCodes.Interrupted, "cancelled"),
            FileNotFoundException => (ExitCodes.Denied, "denied"),
            _ => (ExitCodes.Failed, "failed"),
        };
        var gridCode = (e as GridException)?.Code;
        if (json)
            Json.WriteLine(new { error = kind, code = gridCode, message = e.Message });
        else
            AnsiConsole.Console.Write(new Markup($"[red]error ({kind}{(gridCode is null ? "" : ": " + gridCode)}):[/] {Markup.Escape(e.Message)}\n"));
        return code;
    }
}
