using Azure.Storage.Blobs;
using Grid.Contracts.Errors;
using Grid.Grains.Storage;
using Microsoft.Extensions.Options;
using Xunit;

namespace Grid.Grains.Tests.Storage;

/// <summary>Which account each piece of a force's data goes to (no storage calls are made: only the clients chosen).</summary>
public sealed class ForceStorageRoutingTests
{
    private const string SharedConnection =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;";

    private static string Own(string name) =>
        $"DefaultEndpointsProtocol=http;AccountName={name};AccountKey={Convert.ToBase64String(new byte[64])};BlobEndpoint=http://127.0.0.1:1/{name};";

    private static ForceStorage Storage(Dictionary<string, string> held, params string[] ownAccountForces) =>
        new(new BlobServiceClient(SharedConnection), Options.Create(new ForceStorageOptions { Accounts = held, OwnAccountForces = ownAccountForces }));

    [Fact]
    public async Task A_forces_silo_keeps_its_subject_records_and_follow_ups_in_its_own_account_and_the_rest_shared()
    {
        var nlSilo = Storage(new() { ["NL"] = Own("gridnl") });
        var factory = new ForceBlobContainerFactory(nlSilo, "grains");
        await InitialiseOfflineAsync(factory);

        Assert.Equal("gridnl", factory.GetBlobContainerClient(GrainId.Create("subjectrecord", "NL/cases/nl-1")).AccountName);
        Assert.Equal("gridnl", factory.GetBlobContainerClient(GrainId.Create("followup", "NL/DE.abc.1")).AccountName);
        Assert.Equal("gridnl", nlSilo.For("NL").AccountName);
        Assert.Equal("gridnl", nlSilo.For("NL-KLPD").AccountName); // a country's silos hold its agencies' data
        // Security state and galleries stay shared (every silo reads them); other forces too.
        Assert.Equal("devstoreaccount1", factory.GetBlobContainerClient(GrainId.Create("gallery", "NL/cases")).AccountName);
        Assert.Equal("devstoreaccount1", factory.GetBlobContainerClient(GrainId.Create("subjectrecord", "FR/cases/fr-1")).AccountName);
        Assert.Equal("devstoreaccount1", nlSilo.For("FR").AccountName);
    }

    [Fact]
    public async Task A_silo_without_the_forces_key_fails_loudly_instead_of_using_the_shared_account()
    {
        var sharedSilo = Storage([], "NL");
        var factory = new ForceBlobContainerFactory(sharedSilo, "grains");
        await InitialiseOfflineAsync(factory);

        Assert.Throws<ForceSilosUnavailableException>(() => sharedSilo.For("NL"));
        Assert.Throws<ForceSilosUnavailableException>(() => sharedSilo.For("NL-KLPD"));
        Assert.Throws<ForceSilosUnavailableException>(() => factory.GetBlobContainerClient(GrainId.Create("subjectrecord", "NL/cases/nl-1")));
        Assert.Equal("devstoreaccount1", sharedSilo.For("DE").AccountName);

        // A DE silo holding only DE's key cannot reach NL's data either.
        Assert.Throws<ForceSilosUnavailableException>(() => Storage(new() { ["DE"] = Own("gridde") }, "NL").For("NL"));
    }

    /// <summary>The factory creates its shared container on initialisation; point it at a port nothing listens on and
    /// only the client it keeps matters here.</summary>
    private static async Task InitialiseOfflineAsync(ForceBlobContainerFactory factory)
    {
        var options = new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(2) } };
        try
        {
            await factory.InitializeAsync(new BlobServiceClient(SharedConnection, options));
        }
        catch (Exception e) when (e is Azure.RequestFailedException or AggregateException or HttpRequestException)
        {
        }
    }
}
