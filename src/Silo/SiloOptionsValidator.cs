using System.Net;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Grid.Silo;

/// <summary>What a silo checks about its settings before it starts; each failure names the setting (switch and key)
/// and what a good value looks like.</summary>
public sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var failures = new List<string>();
        void Fail(string key, string problem)
        {
            var setting = SiloSettings.All.First(s => s.Key == key);
            failures.Add($"{setting.Switch} ({setting.ConfigurationKey}): {problem}");
        }

        if (options.SiloPort is < 1 or > 65535) Fail(nameof(options.SiloPort), $"{options.SiloPort} is not a port (1-65535).");
        if (options.ApiPort is < 0 or > 65535) Fail(nameof(options.ApiPort), $"{options.ApiPort} is not a port (0 = no API, else 1-65535).");
        if (options.DashboardPort is < 0 or > 65535) Fail(nameof(options.DashboardPort), $"{options.DashboardPort} is not a port (0 = off, else 1-65535).");
        if (options.ApiPort > 0 && options.ApiPort == options.SiloPort) Fail(nameof(options.ApiPort), $"{options.ApiPort} is also the silo port.");
        if (options.DashboardPort > 0 && (options.DashboardPort == options.SiloPort || options.DashboardPort == options.ApiPort))
            Fail(nameof(options.DashboardPort), $"{options.DashboardPort} is already the silo or API port.");
        foreach (var (key, path) in new[]
                 {
                     (nameof(options.TlsCertificate), options.TlsCertificate), (nameof(options.TlsKey), options.TlsKey),
                     (nameof(options.TlsAuthority), options.TlsAuthority),
                 })
        {
            if (string.IsNullOrWhiteSpace(path)) Fail(key, "is required (./grid.sh up makes the local CA and certificates in the data folder's keys/).");
            else if (!File.Exists(path)) Fail(key, $"file {path} does not exist.");
        }
        if (string.IsNullOrWhiteSpace(options.Storage)) Fail(nameof(options.Storage), "is required.");
        else if (!StorageParses(options.Storage)) Fail(nameof(options.Storage), "is not an Azure Storage connection string (AccountName=…;AccountKey=…;BlobEndpoint=…;TableEndpoint=…).");
        if (string.IsNullOrWhiteSpace(options.ClusterId)) Fail(nameof(options.ClusterId), "is required.");
        if (options.Liveness is not ("fast" or "default")) Fail(nameof(options.Liveness), $"is fast or default, not '{options.Liveness}'.");
        if (options.Force is { } force && (force.Length == 0 || force.Any(char.IsWhiteSpace)))
            Fail(nameof(options.Force), $"'{force}' is not a force id (e.g. NL or DE-BKA).");
        if (options.AdvertiseIp is { } ip && !IPAddress.TryParse(ip, out _)) Fail(nameof(options.AdvertiseIp), $"'{ip}' is not an IP address.");
        if (options.OperatorKeyFile is { } keyFile && Path.GetDirectoryName(Path.GetFullPath(keyFile)) is { } folder && !Directory.Exists(folder))
            Fail(nameof(options.OperatorKeyFile), $"folder {folder} does not exist.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool StorageParses(string connection)
    {
        try
        {
            _ = new BlobServiceClient(connection);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
