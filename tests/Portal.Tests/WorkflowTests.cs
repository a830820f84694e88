using Grid.Protocol.Galleries;
using Grid.Protocol.Review;
using Grid.Protocol.Sharing;
using Microsoft.Playwright;

namespace Grid.Portal.Tests;

/// <summary>
/// The examiners' path through the portal, on real photos: NL searches with a photo of two people (faces boxed, one
/// chosen), two NL reviewers confirm (four-eyes: the second does not see the first decision before deciding), NL asks
/// DE for core data, DE's reviewer releases it, NL sees it; both audits verify. Agreements and statistics on their own.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class WorkflowTests(PortalGrid grid)
{
    private const string Offence = "organised-armed-robbery";

    [SkippableFact]
    public async Task Search_by_photo_review_with_four_eyes_follow_up_release_and_audit_verify()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        Skip.If(PortalGrid.FacesDev is null, PortalGrid.FacesDevMissing);
        await using (var de = await grid.ConnectAsync(grid.Key("DE-officer")))
        await using (var nl = await grid.ConnectAsync(grid.Key("NL-officer")))
        {
            var robbery = new GalleryId("DE", "robbery");
            await grid.EnrolAsync(de, robbery, ["obama", "biden", "colin_powell"], SubjectCategory.Convicted);
            await grid.EnrolAsync(nl, new GalleryId("NL", "suspects"), ["george_w_bush", "john_lennon"], SubjectCategory.Suspect);
            foreach (var subject in new[] { "obama", "biden" })
            {
                await de.SetCoreDataAsync(robbery, subject, new SubjectCoreData([$"{subject} (test record)"], null, new DateOnly(1961, 8, 4), "DE", "M",
                    new DateOnly(2024, 1, 2), "Berlin", Offence, $"BKA-2024-{subject}", "BKA Wiesbaden"));
                await de.SetSubjectImageAsync(robbery, subject, await File.ReadAllBytesAsync(PortalGrid.FirstPhoto(subject)));
            }
            var now = DateTimeOffset.UtcNow;
            var key = new AgreementKey("DE", "NL");
            var proposed = await de.ProposeAgreementAsync(key, new AgreementTerms([robbery], [Offence], 3, 0.3f, 100, now.AddDays(-1), now.AddDays(30),
                RequiredReviewers: 2, ShareImages: true));
            await nl.AcceptAgreementAsync(key, proposed.Version);
        }

        // 1. Search by photo: two faces boxed; the first chosen.
        var first = await grid.SignedInAsync("NL-reviewer1");
        await first.SetInputFilesAsync("#Upload", Path.Combine(PortalGrid.FacesDev!, "multi", "face_recognition_obama_and_biden.jpg"));
        await first.ClickAsync("#upload");
        var boxes = await first.Locator("svg rect.face-box").CountAsync();
        Assert.True(boxes >= 2, $"{boxes} faces boxed; the photo shows two people");
        Assert.Equal(boxes, await first.Locator("input[name=FaceIndex]").CountAsync());
        await PortalGrid.ScreenshotAsync(first, "search-faces");
        await first.SelectOptionAsync("#Offence", Offence);
        await first.FillAsync("#CaseReference", "NL-2026-0412");
        await first.FillAsync("#Justification", "Armed robbery of a jeweller in Utrecht, suspects filmed by CCTV");
        await first.ClickAsync("#search");
        await PortalGrid.ExpectAsync(first, "#candidates");
        var top = first.Locator("#candidates tbody tr").First;
        var topText = await top.InnerTextAsync();
        Assert.Contains("DE/robbery", topText, StringComparison.Ordinal);
        Assert.Matches("obama|biden", topText);
        Assert.Matches(@"1 in [\d,]+", topText); // the false-match rate beside the score
        Assert.Matches(@"^(\d+) of \1 shards answered$", (await first.InnerTextAsync("#coverage")).Trim());
        Assert.Equal(0, await first.Locator("svg image").CountAsync()); // the photo's step is over
        Assert.Contains("NL holds no reference image", await first.InnerTextAsync("#candidates"), StringComparison.Ordinal);
        await PortalGrid.ScreenshotAsync(first, "search-results");

        // 2. The case waits in NL's review queue; reviewer 1 decides on candidate 1 in it.
        await first.GotoAsync("/Review");
        Assert.Contains("NL-2026-0412", await first.InnerTextAsync("#cases"), StringComparison.Ordinal);
        await PortalGrid.ScreenshotAsync(first, "review-queue");
        await first.GoBackAsync();
        await first.ClickAsync("#open-case");
        await PortalGrid.ExpectAsync(first, "#candidate-1");
        // DE's reference image is served (through the case, under the agreement) and decodes in the browser.
        await first.WaitForFunctionAsync("() => { const i = document.querySelector(\"#candidate-1 img[alt^='Reference image']\"); return !!i && i.complete && i.naturalWidth > 0; }");
        var caseUrl = first.Url;
        await first.CheckAsync("#candidate-1 input[value=PossibleMatch]");
        await first.FillAsync("#note-1", "Reviewer one: same ear shape and scar above the left eyebrow");
        await first.ClickAsync("#decide-1");
        await PortalGrid.ExpectAsync(first, "[role=status]");
        Assert.Contains("Undecided", await first.InnerTextAsync("#candidate-1 .outcome"), StringComparison.Ordinal);

        // 3. Reviewer 2 does not see reviewer 1's decision before recording their own.
        var second = await grid.SignedInAsync("NL-reviewer2");
        await second.GotoAsync(caseUrl);
        var before = await second.InnerTextAsync("#candidate-1");
        Assert.DoesNotContain("Reviewer one", before, StringComparison.Ordinal);
        Assert.Contains("hidden until you record your own", before, StringComparison.Ordinal);
        // The probe crop is kept at NL's portal for the force's other reviewers: side by side with the candidate.
        Assert.Contains("kept at this force's portal", before, StringComparison.Ordinal);
        Assert.True(await second.EvaluateAsync<bool>(
            "() => { const i = document.querySelector('#candidate-1 img[src^=\"/case-probe/\"]'); return !!i && i.complete && i.naturalWidth === 112; }"));
        await PortalGrid.ScreenshotAsync(second, "case-four-eyes");
        await second.CheckAsync("#candidate-1 input[value=PossibleMatch]");
        await second.FillAsync("#note-1", "Reviewer two: agree, facial marks consistent");
        await second.ClickAsync("#decide-1");
        await PortalGrid.ExpectAsync(second, "[role=status]");
        var after = await second.InnerTextAsync("#candidate-1");
        Assert.Contains("Reviewer one", after, StringComparison.Ordinal);
        Assert.Contains("PossibleMatch", await second.InnerTextAsync("#candidate-1 .outcome"), StringComparison.Ordinal);

        // 4. NL asks DE for the core data.
        await second.FillAsync("#facts-1", "Two men robbed a jeweller at gunpoint in Utrecht on 3 November; CCTV shows this face.");
        await second.ClickAsync("#followup-1");
        await PortalGrid.ExpectAsync(second, "#candidate-1 .followup-status");
        Assert.Contains("Requested", await second.InnerTextAsync("#candidate-1 .followup-status"), StringComparison.Ordinal);
        Assert.Contains("left (due", await second.InnerTextAsync("#candidate-1 .followup-status"), StringComparison.Ordinal);

        // 5. DE's reviewer sees the clock and releases.
        var owner = await grid.SignedInAsync("DE-officer");
        await owner.GotoAsync("/FollowUps");
        var incoming = owner.Locator("article.incoming").First;
        Assert.Contains("NL asks about DE/robbery", await incoming.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("left (due", await incoming.InnerTextAsync(), StringComparison.Ordinal);
        await PortalGrid.ScreenshotAsync(owner, "follow-ups-incoming");
        await incoming.Locator("button.release").ClickAsync();
        await PortalGrid.ExpectAsync(owner, "[role=status]");
        Assert.Contains("Released", await owner.InnerTextAsync("article.incoming"), StringComparison.Ordinal);

        // 6. NL sees the released core data in the case.
        await second.GotoAsync(caseUrl);
        Assert.Contains("BKA Wiesbaden", await second.InnerTextAsync("#core-data-1"), StringComparison.Ordinal);
        await PortalGrid.ScreenshotAsync(second, "case-core-data");
        await second.GotoAsync("/FollowUps");
        Assert.Contains("Released", await second.InnerTextAsync("#outgoing"), StringComparison.Ordinal);
        await PortalGrid.ScreenshotAsync(second, "follow-ups-outgoing");

        // 7. Both audits verify, and hold the search.
        foreach (var (who, name) in new[] { ("NL-officer", "audit-nl"), ("DE-officer", "audit-de") })
        {
            var auditor = await grid.SignedInAsync(who);
            await auditor.GotoAsync("/Audit");
            await auditor.ClickAsync("#verify");
            Assert.StartsWith("Intact", (await auditor.InnerTextAsync("#verification")).Trim(), StringComparison.Ordinal);
            Assert.Contains("NL-2026-0412", await auditor.InnerTextAsync("#audit"), StringComparison.Ordinal);
            await PortalGrid.ScreenshotAsync(auditor, name);
        }
        var stats = await grid.SignedInAsync("NL-officer");
        await stats.GotoAsync("/Stats");
        Assert.True(await stats.Locator("svg rect.bar").CountAsync() > 0);
        await PortalGrid.ScreenshotAsync(stats, "statistics");
    }

    [SkippableFact]
    public async Task Agreements_propose_accept_showing_changes_suspend_resume_revoke()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        await using (var nl = await grid.ConnectAsync(grid.Key("NL-officer")))
            await nl.CreateGalleryAsync(new GalleryId("NL", "missing"), new GalleryConfig(ShardCount: 1, Category: SubjectCategory.Missing));

        // NL (owner) proposes NL->DE in the portal.
        var owner = await grid.SignedInAsync("NL-officer");
        await owner.GotoAsync("/Agreements");
        await owner.FillAsync("#Requester", "DE");
        await owner.CheckAsync("input[name=Galleries][value='NL/missing']");
        await owner.CheckAsync($"input[name=SelectedOffences][value='{Offence}']");
        await owner.FillAsync("#DailyQuota", "40");
        await owner.ClickAsync("#propose");
        await PortalGrid.ExpectAsync(owner, "#agreement-status");
        Assert.Equal("Proposed", (await owner.InnerTextAsync("#agreement-status")).Trim());

        // DE accepts version 1, seeing every term as new.
        var requester = await grid.SignedInAsync("DE-officer");
        await requester.GotoAsync("/Agreements/Detail?owner=NL&requester=DE");
        Assert.Contains("(none)", await requester.InnerTextAsync("#changes"), StringComparison.Ordinal);
        await requester.ClickAsync("#accept");
        await PortalGrid.ExpectAsync(requester, "[role=status]");
        Assert.Equal("Active", (await requester.InnerTextAsync("#agreement-status")).Trim());

        // The owner suspends, resumes and revokes.
        await owner.GotoAsync("/Agreements/Detail?owner=NL&requester=DE");
        foreach (var (button, status) in new[] { ("#suspend", "Suspended"), ("#resume", "Active"), ("#revoke", "Revoked") })
        {
            await owner.ClickAsync(button);
            await PortalGrid.ExpectAsync(owner, "[role=status]");
            Assert.Equal(status, (await owner.InnerTextAsync("#agreement-status")).Trim());
        }

        // NL proposes again with a new quota: DE sees exactly what changed since the version it accepted.
        await owner.GotoAsync("/Agreements");
        await owner.FillAsync("#Requester", "DE");
        await owner.CheckAsync("input[name=Galleries][value='NL/missing']");
        await owner.CheckAsync($"input[name=SelectedOffences][value='{Offence}']");
        await owner.FillAsync("#DailyQuota", "80");
        await owner.ClickAsync("#propose");
        await PortalGrid.ExpectAsync(owner, "#agreement-status");
        await requester.GotoAsync("/Agreements/Detail?owner=NL&requester=DE");
        var changes = await requester.InnerTextAsync("#changes");
        Assert.Contains("daily quota\t40\t80", changes, StringComparison.Ordinal);
        Assert.DoesNotContain("offences", changes, StringComparison.Ordinal);
        await PortalGrid.ScreenshotAsync(requester, "agreement-accept-changes");
        await requester.ClickAsync("#accept");
        await PortalGrid.ExpectAsync(requester, "[role=status]");
        Assert.Equal("Active", (await requester.InnerTextAsync("#agreement-status")).Trim());

        await owner.GotoAsync("/Agreements");
        Assert.Contains("NL->DE", await owner.InnerTextAsync("#agreements"), StringComparison.Ordinal);
        await PortalGrid.ScreenshotAsync(owner, "agreements");
    }
}
