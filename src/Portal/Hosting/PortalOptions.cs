using System.Globalization;
using Grid.Client;
using Grid.Protocol.Local;

namespace Grid.Portal.Hosting;

/// <summary>
/// Where the portal listens, which certificate it serves, and which grid it talks to. Read from the command line
/// (<c>--port</c>, <c>--cert</c>, <c>--key</c>, <c>--endpoint</c>, <c>--ca-file</c>, <c>--address</c>, <c>--idle-minutes</c>)
/// or the environment (<c>GRID_PORTAL_PORT</c>, <c>GRID_PORTAL_CERT</c>, <c>GRID_PORTAL_KEY</c>, <c>GRID_ENDPOINT</c>,
/// <c>GRID_CA_FILE</c>, <c>GRID_PORTAL_ADDRESS</c>, <c>GRID_PORTAL_IDLE_MINUTES</c>).
/// </summary>
public sealed record PortalOptions
{
    public const int DefaultPort = LocalGridDefaults.PortalPort;

    /// <summary>The grid's HTTPS API.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The grid's CA certificate (PEM): the only root the portal trusts for the grid.</summary>
    public required string CaFile { get; init; }

    /// <summary>The portal's own certificate and key (PEM), issued by the site's CA (grid.sh: keys/portal.crt).</summary>
    public required string CertificateFile { get; init; }

    public required string KeyFile { get; init; }

    /// <summary>Port 0 picks a free one (tests).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Loopback by default; a site serving its examiners' network sets its address.</summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>A session unused this long is ended and its key and photos dropped.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The clock of session expiry only (tests move a fake one); agreements and follow-ups use the real time.</summary>
    public TimeProvider SessionClock { get; init; } = TimeProvider.System;

    /// <summary>Where the Razor pages and wwwroot are (the project folder when run from a test).</summary>
    public string? ContentRoot { get; init; }

    public static PortalOptions FromEnvironment(string[] args)
    {
        string? Arg(string name, string variable)
        {
            var at = Array.IndexOf(args, name);
            if (at >= 0 && at + 1 < args.Length) return args[at + 1];
            return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v ? v : null;
        }
        var data = Environment.GetEnvironmentVariable(LocalGridDefaults.DataVariable) is { Length: > 0 } d
            ? d : Path.Combine(Environment.CurrentDirectory, LocalGridDefaults.DataFolderName);
        var keys = Path.Combine(data, LocalGridDefaults.KeysFolderName);
        var endpoint = Arg("--endpoint", GridClientOptions.EndpointVariable);
        return new PortalOptions
        {
            Endpoint = endpoint is null ? LocalDefaults.Endpoint() : new Uri(endpoint.EndsWith('/') ? endpoint : endpoint + "/"),
            CaFile = Arg("--ca-file", GridClientOptions.CaFileVariable) ?? Path.Combine(keys, LocalGridDefaults.CaFileName),
            CertificateFile = Arg("--cert", "GRID_PORTAL_CERT") ?? Path.Combine(keys, "portal.crt"),
            KeyFile = Arg("--key", "GRID_PORTAL_KEY") ?? Path.Combine(keys, "portal.key"),
            Port = Arg("--port", LocalGridDefaults.PortalPortVariable) is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : DefaultPort,
            Address = Arg("--address", "GRID_PORTAL_ADDRESS") ?? "127.0.0.1",
            IdleTimeout = Arg("--idle-minutes", "GRID_PORTAL_IDLE_MINUTES") is { } m
                ? TimeSpan.FromMinutes(double.Parse(m, CultureInfo.InvariantCulture)) : TimeSpan.FromMinutes(15),
        };
    }
}
