using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Grid.Client;
using Grid.Cluster.Tests.Harness;
using Grid.Protocol.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Grid.Api.Tests;

/// <summary>The door's transport and its edges: TLS only with the grid's CA, no Orleans gateway, no internal grain
/// reachable, rate limits, and a bad-key flood that is counted per address and cannot fill an audit log.</summary>
[Collection(ApiCollection.Name)]
public sealed class TransportTests(ApiGrid grid)
{
    [SkippableFact]
    public async Task A_server_certificate_from_another_CA_is_refused_by_the_client()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var other = TestCertificates.Create(Path.Combine(grid.Cluster.Folder, "other-ca"), "other");

        var refused = await Assert.ThrowsAsync<GridUnavailableException>(() => grid.ConnectAsync(grid.UserKey("NL"), other.AuthorityFile));

        Assert.Contains("certificate", refused.Message);
    }

    [SkippableFact]
    public async Task Plaintext_http_gets_no_answer_from_the_api_port()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{grid.Cluster.Silos[0].ApiPort}/"), Timeout = TimeSpan.FromSeconds(10) };

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("v1/me"));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("healthz"));
    }

    [SkippableFact]
    public async Task An_orleans_client_reaches_no_silo_neither_at_a_gateway_port_nor_at_the_silo_port()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var silo = grid.Cluster.Silos[0];
        // 30000 + index was the gateway's port before the front door; the silo port itself demands mutual TLS.
        foreach (var port in new[] { 30000, silo.SiloPort, silo.ApiPort })
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Logging.SetMinimumLevel(LogLevel.Critical);
            builder.UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (grid.Cluster.ClusterId, "identity-search-grid"));
                client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, port));
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            });
            using var host = builder.Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(8));
            var failed = await Record.ExceptionAsync(() => host.StartAsync(timeout.Token));
            Assert.NotNull(failed);
        }
    }

    [SkippableFact]
    public async Task No_route_leads_to_internal_grains_and_the_openapi_document_names_none()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        using var http = grid.Raw(grid.OperatorKey);
        var document = await http.GetStringAsync("openapi/v1.json");
        var paths = JsonDocument.Parse(document).RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.DoesNotContain(paths, p => p.Contains("shard", StringComparison.OrdinalIgnoreCase) ||
                                          p.Contains("grain", StringComparison.OrdinalIgnoreCase) ||
                                          p.Contains("management", StringComparison.OrdinalIgnoreCase) ||
                                          p.Contains("key", StringComparison.OrdinalIgnoreCase));
        foreach (var guess in new[] { "v1/grains/IManagementGrain/0", "v1/shards/NL/searchable/0", "v1/management/hosts", "v1/keys/000000000000" })
        {
            using var response = await http.GetAsync(guess);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(ProblemCodes.NotFound, await ApiGrid.ProblemCodeAsync(response));
        }
        // A shard's key as a gallery name is just an invalid gallery name.
        using var shard = await http.GetAsync("v1/galleries/NL/searchable%2F0");
        Assert.Equal(HttpStatusCode.BadRequest, shard.StatusCode);
    }

    [SkippableFact]
    public async Task A_key_over_its_rate_gets_429_with_retry_after()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var admin = await grid.Operator.CreateForceAsync("IT", "Polizia", "admin");
        using var http = grid.Raw(admin.Key);

        var responses = await Task.WhenAll(Enumerable.Range(0, ApiGrid.PerKeyBurst * 3).Select(_ => http.GetAsync("v1/me")));

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(limited, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        Assert.Equal(ProblemCodes.RateLimited, await ApiGrid.ProblemCodeAsync(limited[0]));
        foreach (var r in responses) r.Dispose();
    }

    [SkippableFact]
    public async Task A_bad_key_flood_is_counted_per_address_refused_early_and_leaves_one_audit_entry()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var victim = await grid.Operator.CreateForceAsync("AT", "Bundeskriminalamt", "admin");
        await using var asVictim = await grid.ConnectAsync(victim.Key);
        var refusalsBefore = (await grid.Operator.Audit("AT").ExportAsync()).Entries.Count(e => e.Kind == Protocol.Audit.AuditKind.Refusal);
        // The key id is public (users' lists show it); the secret is guessed.
        var guessed = victim.Key[..^4] + (victim.Key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var flooder = IPAddress.Parse("127.0.0.2");
        using var http = grid.Raw(guessed, from: flooder);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            using var response = await http.GetAsync("v1/me");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(ApiGrid.BadKeysPerMinute, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(60 - ApiGrid.BadKeysPerMinute, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Contains("Bad API key from 127.0.0.2", grid.SiloLog());
        var refusalsAfter = (await grid.Operator.Audit("AT").ExportAsync()).Entries.Count(e => e.Kind == Protocol.Audit.AuditKind.Refusal);
        Assert.InRange(refusalsAfter - refusalsBefore, 1, 1);
        // Colleagues at the same address keep working (their key was resolved moments ago) and the victim's key is untouched.
        Assert.Equal("admin", (await asVictim.WhoAmIAsync()).User);
    }

    [SkippableFact]
    public async Task Health_and_readiness_answer_without_a_key()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        using var http = grid.Raw();

        Assert.Equal("alive\n", await http.GetStringAsync("healthz"));
        using var ready = JsonDocument.Parse(await http.GetStringAsync("readyz"));
        Assert.True(ready.RootElement.GetProperty("ready").GetBoolean());
        Assert.Equal(["storage", "cluster", "catalogues"], ready.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }
}
