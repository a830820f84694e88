using System.Collections.Immutable;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Grains.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Security;

/// <summary>
/// Seals security state in grain storage (API keys, forces and users, the operator's registry, agreements, gallery
/// configuration) with HMAC-SHA256 under a key derived from the cluster secret, over the grain type, the grain key and
/// the state's JSON form (every public property but the seal). Storage holds the state but not the key, so an
/// insider who writes state — a planted key with all roles, a widened agreement — makes state that fails the check:
/// it is refused loudly (error log, an <see cref="AuditKind.Integrity"/> entry at the force concerned) and never
/// trusted. Binding the grain key stops a sealed record being copied to another id. A rollback to an older sealed
/// record is not caught here (see docs/SECURITY.md).
/// </summary>
public sealed class StateSeal(GridKeys keys, IOptions<GridSecurityOptions> options, ILogger<StateSeal> logger)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { Canonicalise } },
    };

    public string Compute(string grainType, string grainKey, ISealedState state)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(state, state.GetType(), Json);
        var body = new CanonicalWriter("grid.state-seal.v1").String(grainType).String(grainKey).String(Encoding.UTF8.GetString(json)).ToArray();
        return Convert.ToHexStringLower(HMACSHA256.HashData(keys.StateSealKey, body));
    }

    public bool Valid(string grainType, string grainKey, ISealedState state) =>
        state.Seal.Length > 0 &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(state.Seal), Encoding.ASCII.GetBytes(Compute(grainType, grainKey, state)));

    /// <summary>Seals and writes the state.</summary>
    public Task WriteAsync<T>(IPersistentState<T> state, string grainType, string grainKey) where T : ISealedState
    {
        state.State.Seal = Compute(grainType, grainKey, state.State);
        return state.WriteStateAsync();
    }

    /// <summary>
    /// True when the stored state may be trusted: none stored, or sealed by this grid. Unsealed state is adopted
    /// (sealed now, audited) only while <see cref="GridSecurityOptions.AdoptUnsealedState"/> is on; anything else is
    /// refused, logged as an error and audited at <paramref name="force"/> (the force it would grant access to).
    /// </summary>
    public async Task<bool> CheckAsync<T>(IPersistentState<T> state, string grainType, string grainKey, ForceId? force, IGrainFactory grains)
        where T : ISealedState
    {
        if (!state.RecordExists || Valid(grainType, grainKey, state.State))
        {
            return true;
        }

        if (state.State.Seal.Length == 0 && options.Value.AdoptUnsealedState)
        {
            await WriteAsync(state, grainType, grainKey);
            await AuditAsync(grains, force, $"Adopted unsealed {grainType} state {grainKey} (migration switch on); sealed it now.");
            return true;
        }

        logger.LogError("Refusing {GrainType} {GrainKey}: its stored state fails the seal check (written outside the grid?)", grainType, grainKey);
        await AuditAsync(grains, force, $"Refused {grainType} state {grainKey}: it fails its seal check (written outside the grid); it is not trusted.");
        return false;
    }

    private static async Task AuditAsync(IGrainFactory grains, ForceId? force, string detail)
    {
        if (force is null) return;
        // Not on behalf of whoever's call activated the grain.
        var principal = RequestContext.Get(GridRequestContext.PrincipalKey);
        RequestContext.Remove(GridRequestContext.PrincipalKey);
        try
        {
            await grains.GetGrain<IAuditLogGrain>(force.Value).AppendAsync(AuditEvent.Note(AuditKind.Integrity, "silo", null, detail));
        }
        finally
        {
            if (principal is not null) RequestContext.Set(GridRequestContext.PrincipalKey, principal);
        }
    }

    /// <summary>The seal is left out; a default immutable array reads as empty, as it would after a storage round trip.</summary>
    private static void Canonicalise(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var property = info.Properties[i];
            if (property.Name == nameof(ISealedState.Seal) && typeof(ISealedState).IsAssignableFrom(info.Type))
            {
                info.Properties.RemoveAt(i);
                continue;
            }

            if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(ImmutableArray<>) && property.Get is { } get)
            {
                var isDefault = property.PropertyType.GetProperty(nameof(ImmutableArray<int>.IsDefault), BindingFlags.Public | BindingFlags.Instance)!;
                var empty = property.PropertyType.GetField(nameof(ImmutableArray<int>.Empty), BindingFlags.Public | BindingFlags.Static)!.GetValue(null);
                property.Get = o => get(o) is { } v && !(bool)isDefault.GetValue(v)! ? v : empty;
            }
        }
    }
}
