using Grid.Portal.Sessions;
using Microsoft.Playwright;

namespace Grid.Portal.Tests;

/// <summary>Sign-in, the session cookie's properties, and every refusal the portal owes a user: a wrong key, a file that
/// is not a photo, a forged or missing antiforgery token, an expired session.</summary>
[Collection(PortalCollection.Name)]
public sealed class SignInAndRefusalTests(PortalGrid grid)
{
    [SkippableFact]
    public async Task Sign_in_keeps_the_key_on_the_server_and_the_cookie_is_httponly_secure_strict()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var page = await grid.NewPageAsync();
        await page.GotoAsync("/Audit");
        Assert.EndsWith("/SignIn", page.Url, StringComparison.Ordinal); // no session: to sign-in, no message
        await PortalGrid.ScreenshotAsync(page, "sign-in");
        await page.FillAsync("#apiKey", grid.Key("NL-reviewer1"));
        await page.Keyboard.PressAsync("Enter"); // keyboard only
        await page.WaitForURLAsync("**/Search");
        Assert.Contains("NL:reviewer1", await page.InnerTextAsync(".who"), StringComparison.Ordinal);

        var cookies = await page.Context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == SessionMiddleware.CookieName);
        Assert.True(session.HttpOnly);
        Assert.True(session.Secure);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.DoesNotContain(cookies, c => c.Value.Contains(grid.Key("NL-reviewer1"), StringComparison.Ordinal));
        Assert.Equal(43, session.Value.Length); // 256 random bits, base64url

        await page.ClickAsync("header button[type=submit]"); // sign out
        await page.WaitForURLAsync("**/SignIn");
        await page.GotoAsync("/Search");
        Assert.Contains("/SignIn", page.Url, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_wrong_key_is_refused_with_a_clear_message()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var page = await grid.NewPageAsync();
        await page.GotoAsync("/SignIn");
        await page.FillAsync("#apiKey", "isg_this-is-not-a-key");
        await page.ClickAsync("main button[type=submit]");
        var error = await page.InnerTextAsync("[role=alert]");
        Assert.Contains("refused this key", error, StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == SessionMiddleware.CookieName);
        await PortalGrid.ScreenshotAsync(page, "sign-in-wrong-key");
    }

    [SkippableFact]
    public async Task A_file_that_is_not_a_photo_is_refused_and_nothing_is_held()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var page = await grid.SignedInAsync("NL-reviewer1");
        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "suspect.jpg", MimeType = "image/jpeg", Buffer = "not a photo at all, just text"u8.ToArray() });
        await page.ClickAsync("#upload");
        var error = await page.InnerTextAsync("[role=alert]");
        Assert.Contains("suspect.jpg is not a photo the portal can use", error, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("svg image").CountAsync()); // no photo step
        await PortalGrid.ScreenshotAsync(page, "search-not-an-image");
    }

    [SkippableFact]
    public async Task A_forged_or_missing_antiforgery_token_gets_400_and_changes_nothing()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var page = await grid.SignedInAsync("NL-reviewer1");
        // Forged: the sign-out form's token replaced. The browser posts it for real.
        await page.EvalOnSelectorAsync("header form input[name=__RequestVerificationToken]", "e => e.value = 'CfDJ8forged'");
        var forged = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("header button[type=submit]"), r => r.Request.Method == "POST");
        Assert.Equal(400, forged.Status);
        await PortalGrid.ScreenshotAsync(page, "antiforgery-400");

        // The session survived: the forged sign-out did nothing.
        await page.GotoAsync("/Search");
        Assert.EndsWith("/Search", page.Url, StringComparison.Ordinal);

        // Missing: the token field removed.
        await page.EvalOnSelectorAsync("header form input[name=__RequestVerificationToken]", "e => e.remove()");
        var missing = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("header button[type=submit]"), r => r.Request.Method == "POST");
        Assert.Equal(400, missing.Status);
        await page.GotoAsync("/Search");
        Assert.EndsWith("/Search", page.Url, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_expired_session_goes_back_to_sign_in_with_a_message()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var page = await grid.SignedInAsync("NL-officer");
        await page.GotoAsync("/Audit");
        Assert.EndsWith("/Audit", page.Url, StringComparison.Ordinal);
        grid.SessionClock.Advance(grid.IdleTimeout + TimeSpan.FromMinutes(1));
        await page.GotoAsync("/Audit");
        Assert.Contains("/SignIn?expired=true", page.Url, StringComparison.Ordinal);
        Assert.Contains("Your session ended", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == SessionMiddleware.CookieName);
        await PortalGrid.ScreenshotAsync(page, "session-expired");
    }
}
