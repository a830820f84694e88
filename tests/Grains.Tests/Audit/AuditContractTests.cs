using Grid.Contracts.Audit;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Audit;

public class AuditContractTests
{
    [Fact]
    public void Audit_records_round_trip()
    {
        var galleries = Samples.Galleries(Samples.De, "suspects", "convicted");
        var evt = new AuditEvent(AuditKind.IncomingSearch, "NL-KLPD:alice", Samples.Nl, "murder", "C-1", galleries, galleries[..1], 7, "ok");
        var entry = new AuditEntry(3, Samples.Now, AuditKind.OutgoingSearch, "NL-KLPD:alice", Samples.Nl, Samples.De, "murder", "C-1", galleries, galleries[..1], 7, "ok", "00", "ff");
        RoundTrip.AssertSame(evt);
        RoundTrip.AssertSame(AuditEvent.Note(AuditKind.Refusal, "x", null, "bad key"));
        RoundTrip.AssertSame(entry);
        RoundTrip.AssertSame(new AuditVerification(false, 3, 2, "hash", "ab"));
        RoundTrip.AssertSame(new AuditExport(Samples.Nl, 0, "00", [entry]));
        var head = new AuditHead(41, "ab12");
        RoundTrip.AssertSame(head);
        RoundTrip.AssertSame(evt with { PartnerHead = head });
        RoundTrip.AssertSame(entry with { PartnerHead = head });
        RoundTrip.AssertSame(new AuditExport(Samples.Nl, 4, "00", [entry], KeyedFromSeq: 5));
        var finding = new AuditAnchorFinding(Samples.Nl, Samples.De, 41, "missing");
        RoundTrip.AssertSame(finding);
        RoundTrip.AssertSame(new AuditPartnerVerification(new AuditVerification(true, 3, null, null, "ab"), 2, [finding]));
        var stats = new PartnerStats(Samples.De, 1, 2, 3, 4, 5);
        RoundTrip.AssertSame(stats);
        RoundTrip.AssertSame(new StatsView(Samples.Nl, [stats]));
    }
}
