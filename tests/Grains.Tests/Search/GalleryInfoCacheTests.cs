using Grid.Contracts.Galleries;
using Grid.Grains.Search;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Search;

/// <summary>The coordinators' gallery cache forgets entries after their lifetime and never grows past its capacity.</summary>
public sealed class GalleryInfoCacheTests
{
    private static GalleryInfo Info(int i) => new(new GalleryId("NL-KLPD", $"g{i}"), GalleryConfig.Default, Samples.Now);

    [Fact]
    public void An_entry_is_served_until_its_lifetime_ends()
    {
        var clock = new ManualClock(Samples.Now);
        var cache = new GalleryInfoCache(clock);
        cache.Add(Info(1));
        clock.Now += GalleryInfoCache.Lifetime - TimeSpan.FromSeconds(1);
        Assert.True(cache.TryGet(Info(1).Id, out var hit));
        Assert.Equal(Info(1), hit);
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.False(cache.TryGet(Info(1).Id, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void The_cache_stays_within_its_capacity_and_keeps_the_newest()
    {
        var clock = new ManualClock(Samples.Now);
        var cache = new GalleryInfoCache(clock);
        for (var i = 0; i < GalleryInfoCache.Capacity * 3; i++)
        {
            clock.Now += TimeSpan.FromMilliseconds(1);
            cache.Add(Info(i));
            Assert.True(cache.Count <= GalleryInfoCache.Capacity);
        }

        Assert.True(cache.TryGet(Info((GalleryInfoCache.Capacity * 3) - 1).Id, out _));
        Assert.False(cache.TryGet(Info(0).Id, out _));
    }
}
