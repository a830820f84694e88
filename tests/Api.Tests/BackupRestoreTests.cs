using Grid.Client;
using Grid.Cluster.Tests;
using Grid.Cluster.Tests.Harness;
using Grid.Protocol.Errors;
using Grid.Protocol.Galleries;

namespace Grid.Api.Tests;

/// <summary>
/// Backup and restore through the HTTPS API with real silos on real Azurite: a force's backup from the shared test grid,
/// refused back into that grid (it holds the force) unless forced, refused when altered, and restored onto a fresh grid
/// (its own Azurite and silo, the same cluster secret) where the force's own keys work, its audit verifies and every
/// subject is found.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BackupRestoreTests(ApiGrid grid)
{
    [SkippableFact]
    public async Task A_force_restored_onto_a_fresh_grid_verifies_and_finds_every_subject_and_an_existing_force_is_refused()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        await using var nl = await grid.ConnectAsync(grid.UserKey("NL"));
        var id = GalleryId.Parse("NL/backed-up");
        await nl.CreateGalleryAsync(id, new GalleryConfig("exact", 2));
        var (subjects, templates) = Synthetic.Gallery("bk-", 40, seed: 77);
        await nl.EnrolBulkAsync(id, subjects, templates, GalleryConfig.UnspecifiedModel, batchSize: 20);
        await nl.SearchAsync(GalleryAndSearchTests.Request([id], templates.Row(0).ToArray()));

        var folder = Directory.CreateTempSubdirectory("grid-backup-test-").FullName;
        var archive = Path.Combine(folder, "NL.grid-backup.tar");
        try
        {
            await using (var file = File.Create(archive)) await grid.Operator.BackupAsync("NL", file);
            // Removed after the backup: the erasure list keeps it removed when the backup is restored over this grid.
            Assert.Equal(1, await nl.RemoveAsync(id, subjects[5]));

            // The grid the backup came from holds NL: refused, and nothing changes there.
            await using (var again = File.OpenRead(archive))
            {
                var refused = await Assert.ThrowsAsync<GridException>(() => grid.Operator.RestoreAsync(again));
                Assert.Equal(ProblemCodes.ForceExists, refused.Code);
                Assert.Equal(409, refused.Status);
            }
            Assert.Equal(39, (await nl.GetGalleryStatusAsync(id)).Subjects);

            // An altered archive is refused whole.
            var bytes = await File.ReadAllBytesAsync(archive);
            bytes[bytes.Length / 2] ^= 0x40;
            var altered = await Assert.ThrowsAsync<GridException>(() => grid.Operator.RestoreAsync(new MemoryStream(bytes), overwrite: true));
            Assert.Equal(ProblemCodes.BackupInvalid, altered.Code);

            await using var fresh = new LocalCluster();
            fresh.SiloEnvironment["Grid__Security__ClusterSecret"] = grid.Cluster.ClusterSecret;
            await fresh.StartAzuriteAsync();
            await fresh.StartSiloAsync(0);
            for (var i = 0; i < 600 && !File.Exists(fresh.OperatorKeyFile); i++) await Task.Delay(100);
            await using var freshOperator = await Connect(fresh, ApiKeys.FromFile(fresh.OperatorKeyFile));

            await using (var file = File.OpenRead(archive))
            {
                var summary = await freshOperator.RestoreAsync(file);
                Assert.Equal("NL", summary.Force);
                Assert.Contains(id.Key, summary.Galleries);
            }

            // NL's own user key (restored, hashed and sealed) works on the new grid.
            await using var restored = await Connect(fresh, grid.UserKey("NL"));
            var verification = await restored.VerifyAuditAsync("NL");
            Assert.True(verification.Intact, verification.Problem);
            Assert.True(verification.Entries > 0);
            Assert.Equal(40, (await restored.GetGalleryStatusAsync(id)).Subjects);
            for (var row = 0; row < subjects.Length; row++)
            {
                var hit = (await restored.SearchAsync(GalleryAndSearchTests.Request([id], templates.Row(row).ToArray()))).Response;
                Assert.Equal(subjects[row], hit.Candidates[0].SubjectRef);
            }
            Assert.Contains(id, await restored.ListGalleriesAsync());
            await using (var file = File.OpenRead(archive))
                Assert.Equal(ProblemCodes.ForceExists, (await Assert.ThrowsAsync<GridException>(() => freshOperator.RestoreAsync(file))).Code);

            // Forced over the grid it came from (a rollback): the subject removed after the backup stays removed.
            await using (var file = File.OpenRead(archive))
            {
                var summary = await grid.Operator.RestoreAsync(file, overwrite: true);
                Assert.Equal(1, summary.TemplatesErased);
            }
            await using var rolledBack = await grid.ConnectAsync(grid.UserKey("NL"));
            Assert.Equal(39, (await rolledBack.GetGalleryStatusAsync(id)).Subjects);
            var gone = (await rolledBack.SearchAsync(GalleryAndSearchTests.Request([id], templates.Row(5).ToArray()))).Response;
            Assert.DoesNotContain(gone.Candidates, c => c.SubjectRef == subjects[5]);
            Assert.Equal(subjects[6], (await rolledBack.SearchAsync(GalleryAndSearchTests.Request([id], templates.Row(6).ToArray()))).Response.Candidates[0].SubjectRef);
            var local = await rolledBack.VerifyAuditAsync("NL");
            Assert.True(local.Intact, local.Problem);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<GridClient> Connect(LocalCluster cluster, string key) => GridClient.ConnectAsync(new GridClientOptions
    {
        Endpoint = cluster.ApiEndpoint(0),
        CaCertificateFile = cluster.Certificates.AuthorityFile,
        ConnectTimeout = TimeSpan.FromSeconds(60),
        ApiKey = key,
    });
}
