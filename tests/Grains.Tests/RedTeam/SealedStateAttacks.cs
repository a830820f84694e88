using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Grid.Contracts.Audit;
using Xunit;
using static Grid.Grains.Tests.RedTeam.RedTeamFixture;

namespace Grid.Grains.Tests.RedTeam;

/// <summary>The insider widens an agreement in grain storage (more candidates per search) and restarts the grid.</summary>
[Collection(RedTeamCollection.Name)]
public sealed class SealedStateAttacks(RedTeamFixture grid)
{
    [Fact]
    public async Task An_agreement_widened_in_storage_grants_nothing_and_is_audited_at_the_owner()
    {
        var (container, name) = await FindAsync("DE-BKA", "NL-KLPD");
        var original = (await container.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray();
        var text = Encoding.Latin1.GetString(original);
        var widened = Regex.Replace(text, "(\"MaxCandidates\"\\s*:\\s*)10\\b", "${1}99");
        Assert.True(widened != text, $"no MaxCandidates in the stored agreement: {text[..Math.Min(200, text.Length)]}");

        try
        {
            await grid.RestartAsync(() => container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(Encoding.Latin1.GetBytes(widened)), overwrite: true));
            var answer = await grid.SearchAsync(Nl, [DeSuspects]);
            Assert.Empty(answer.Candidates);
            Assert.Contains("seal", Assert.Single(answer.Refusals).Message);

            As(grid.KeyOf(De));
            var entries = await grid.Client.GetGrain<IAuditLogGrain>(De.Value).ReadAsync(0, 1000);
            Assert.Contains(entries, e => e.Kind == AuditKind.Integrity && e.Detail.Contains("agreement") && e.Detail.Contains("seal"));
        }
        finally
        {
            // Put the genuine record back so the other attacks find the agreement as it was.
            await grid.RestartAsync(() => container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(original), overwrite: true));
        }

        Assert.NotEmpty((await grid.SearchAsync(Nl, [DeSuspects])).Candidates);
    }

    [Fact]
    public async Task An_agreement_index_rewritten_in_storage_is_refused_and_audited_and_grants_nothing()
    {
        var (container, name) = await FindAsync("forceagreements", Nl.Value);
        var original = (await container.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray();
        var text = Encoding.Latin1.GetString(original);
        var rewritten = Regex.Replace(text, "(\"MaxCandidates\"\\s*:\\s*)10\\b", "${1}99");
        Assert.True(rewritten != text, $"no MaxCandidates in the stored index: {text[..Math.Min(200, text.Length)]}");

        try
        {
            await grid.RestartAsync(() => container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(Encoding.Latin1.GetBytes(rewritten)), overwrite: true));
            As(grid.KeyOf(Nl));
            var refused = await Assert.ThrowsAsync<Grid.Contracts.Identity.GridAccessDeniedException>(
                () => grid.Client.GetGrain<Grid.Contracts.Sharing.IForceAgreementsGrain>(Nl.Value).ListAsync());
            Assert.Contains("seal", refused.Message);
            // The index never granted anything: a search naming DE's gallery is decided by the agreement itself.
            Assert.NotEmpty((await grid.SearchAsync(Nl, [DeSuspects])).Candidates);

            As(grid.KeyOf(Nl));
            var entries = await grid.Client.GetGrain<IAuditLogGrain>(Nl.Value).ReadAsync(0, 1000);
            Assert.Contains(entries, e => e.Kind == AuditKind.Integrity && e.Detail.Contains("force-agreements") && e.Detail.Contains("seal"));
        }
        finally
        {
            await grid.RestartAsync(() => container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(original), overwrite: true));
        }
    }

    private async Task<(BlobContainerClient, string)> FindAsync(params string[] fragments)
    {
        await foreach (var c in grid.Blobs.GetBlobContainersAsync())
        {
            var container = grid.Blobs.GetBlobContainerClient(c.Name);
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None))
                if (blob.Name.Contains("agreement", StringComparison.OrdinalIgnoreCase) && fragments.All(f => blob.Name.Contains(f, StringComparison.OrdinalIgnoreCase)))
                    return (container, blob.Name);
        }

        throw new InvalidOperationException($"No agreement state blob names {string.Join(", ", fragments)}.");
    }
}
