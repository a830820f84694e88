using Grid.Grains.Audit;
using Grid.Grains.Security;
using Grid.Grains.Sharing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Identity;

public static class GridSecuritySiloBuilderExtensions
{
    /// <summary>
    /// Authentication and internal-call filters, keys derived from <c>Grid:Security:ClusterSecret</c>,
    /// the search-ticket signer and shard check, and audit options (<c>Grid:Audit</c>).
    /// <paramref name="configure"/> runs after configuration binding, e.g. to set the secret in tests.
    /// </summary>
    public static ISiloBuilder AddGridSecurity(this ISiloBuilder builder, Action<GridSecurityOptions>? configure = null)
    {
        var services = builder.Services;
        services.AddOptions<GridSecurityOptions>()
            .BindConfiguration(GridSecurityOptions.Section)
            .Configure(o => configure?.Invoke(o))
            .Validate(o => TrySecret(o), $"{GridSecurityOptions.Section}:ClusterSecret must be base64 of at least 32 random bytes.")
            .ValidateOnStart();
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<GridKeys>();
        services.AddSingleton(sp => new InternalCallTicket(
            sp.GetRequiredService<GridKeys>().InternalCallKey, sp.GetRequiredService<IOptions<GridSecurityOptions>>().Value.InternalTicketLifetime));
        services.AddSingleton(sp => new SearchTicketSigner(
            sp.GetRequiredService<GridKeys>(), sp.GetRequiredService<IOptions<GridSecurityOptions>>().Value.SearchTicketLifetime));
        services.AddSingleton<StateSeal>();
        services.AddSingleton<ShardAccessCheck>();
        services.AddSingleton<CallDigest>();
        services.AddSingleton<PrincipalCache>();
        builder.AddIncomingGrainCallFilter<AuthenticationFilter>();
        builder.AddOutgoingGrainCallFilter<InternalTicketFilter>();
        return builder;
    }

    private static bool TrySecret(GridSecurityOptions options)
    {
        try
        {
            return options.SecretBytes().Length >= 32;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
