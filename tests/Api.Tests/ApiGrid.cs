using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Grid.Client;
using Grid.Client.Http;
using Grid.Cluster.Tests.Harness;
using Grid.Protocol.Identity;

namespace Grid.Api.Tests;

/// <summary>
/// One real grid for every API test: Azurite and one Grid.Silo process serving the HTTPS API with a certificate from
/// this run's own CA. Forces NL and DE exist, each with an admin and a user holding every role. Limits are set low
/// enough for the limit tests to reach them quickly (per key 50/s, 10 failed sign-ins a minute per address).
/// </summary>
public sealed class ApiGrid : IAsyncLifetime
{
    public const int PerKeyBurst = 100;
    public const int BadKeysPerMinute = 10;

    /// <summary>A force whose keys the grid accepts only with its client certificate (ClientCertificateTests).</summary>
    public const string CertificateForce = "BE";

    public LocalCluster Cluster { get; } = new();

    public string? SkipReason { get; } = LocalCluster.MissingPrerequisite();

    public GridClient Operator { get; private set; } = null!;

    public string OperatorKey { get; private set; } = "";

    private readonly Dictionary<string, (string Admin, string User)> _keys = new(StringComparer.Ordinal);

    public string AdminKey(string force) => _keys[force].Admin;

    public string UserKey(string force) => _keys[force].User;

    public Uri Endpoint => Cluster.ApiEndpoint(0);

    public async Task InitializeAsync()
    {
        if (SkipReason is not null) return;
        Cluster.SiloEnvironment["Grid__Api__PerKeyRequestsPerSecond"] = "50";
        Cluster.SiloEnvironment["Grid__Api__PerKeyBurst"] = PerKeyBurst.ToString();
        Cluster.SiloEnvironment["Grid__Api__BadKeysPerAddressPerMinute"] = BadKeysPerMinute.ToString();
        // JSON log lines with scopes, and the coordinator's one Debug line per search (TelemetryTests read them).
        Cluster.SiloEnvironment["Grid__Telemetry__JsonLogs"] = "true";
        Cluster.SiloEnvironment["Logging__LogLevel__Grid.Grains.Search"] = "Debug";
        Cluster.SiloEnvironment["Grid__Api__ClientCertificateForces__0"] = CertificateForce;
        await Cluster.StartAzuriteAsync();
        await Cluster.StartSiloAsync(0);
        for (var i = 0; i < 600 && !File.Exists(Cluster.OperatorKeyFile); i++) await Task.Delay(100);
        OperatorKey = ApiKeys.FromFile(Cluster.OperatorKeyFile);
        Operator = await ConnectAsync(OperatorKey);
        foreach (var force in new[] { "NL", "DE" })
        {
            var admin = await Operator.CreateForceAsync(force, $"{force} police", "admin");
            await using var asAdmin = await ConnectAsync(admin.Key);
            var user = await asAdmin.AddUserAsync(force, "tester",
                Role.Searcher | Role.Enroller | Role.Reviewer | Role.AgreementAdmin | Role.Auditor | Role.ForceAdmin);
            _keys[force] = (admin.Key, user.Key);
        }
    }

    public Task<GridClient> ConnectAsync(string apiKey, string? caFile = null, string? clientCertificate = null) => GridClient.ConnectAsync(new GridClientOptions
    {
        Endpoint = Endpoint,
        CaCertificateFile = caFile ?? Cluster.Certificates.AuthorityFile,
        ClientCertificateFile = clientCertificate,
        ConnectTimeout = TimeSpan.FromSeconds(60),
        ApiKey = apiKey,
    });

    /// <summary>A plain HttpClient for raw requests (trusting this grid's CA), optionally from another loopback address.</summary>
    public HttpClient Raw(string? apiKey = null, IPAddress? from = null)
    {
        var handler = GridHttp.CreatePrimaryHandler(X509CertificateLoader.LoadCertificateFromFile(Cluster.Certificates.AuthorityFile));
        if (from is not null)
            handler.ConnectCallback = async (context, cancel) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancel);
                return new NetworkStream(socket, ownsSocket: true);
            };
        var http = new HttpClient(handler) { BaseAddress = Endpoint };
        if (apiKey is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return http;
    }

    /// <summary>The problem code of a refused response (and that it is problem+json).</summary>
    public static async Task<string> ProblemCodeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("code").GetString()!;
    }

    public string SiloLog() => File.ReadAllText(Path.Combine(Cluster.Folder, "silo-0.log"));

    public async Task DisposeAsync()
    {
        Operator?.Dispose();
        await Cluster.DisposeAsync();
    }
}
