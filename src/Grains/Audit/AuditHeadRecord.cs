using System.Security.Cryptography;
using System.Text;
using Grid.Contracts.Identity;
using Grid.Grains.Security;
using Grid.Grains.Storage;

namespace Grid.Grains.Audit;

/// <summary>
/// The log's monotonic anchor record, blob <c>{FORCE}/head.bin</c>, keyed with the force's audit key: the head the
/// log has acknowledged (a lower bound: written after each append), the oldest point retention has kept (moved
/// only by retention, before it deletes), and where the keyed chain begins. Reactivation reads it, so a cut-off
/// tail, deleted oldest segments or a log rewritten without the key are found; an insider can delete or roll it
/// back, but not forge it — the partners' anchors catch a consistent rollback (<c>VerifyWithPartnersAsync</c>).
/// </summary>
public sealed record AuditHeadRecord(long HeadSeq, string HeadHash, long OldestSeq, string OldestHash, long KeyedFromSeq, string Mac = "")
{
    public static AuditHeadRecord Initial(ForceId force, byte[] key) =>
        new AuditHeadRecord(0, AuditChain.ZeroHash, 0, AuditChain.ZeroHash, 0).Signed(force, key);

    public AuditHeadRecord Signed(ForceId force, byte[] key) => this with { Mac = ComputeMac(force, key) };

    public bool MacValid(ForceId force, byte[] key) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac), Encoding.ASCII.GetBytes(ComputeMac(force, key)));

    public byte[] Encode()
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write((byte)1);
            w.Write(HeadSeq);
            w.Write(HeadHash);
            w.Write(OldestSeq);
            w.Write(OldestHash);
            w.Write(KeyedFromSeq);
            w.Write(Mac);
        }

        return CrcFrame.Wrap(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>The record, or null when the bytes are not one (damage: the caller reports it).</summary>
    public static AuditHeadRecord? Decode(byte[] data)
    {
        try
        {
            var length = BitConverter.ToInt32(data, 0);
            if (length <= 0 || length + CrcFrame.Overhead != data.Length || !CrcFrame.Intact(data.AsSpan(4, length), data.AsSpan(4 + length, 4)))
            {
                return null;
            }

            using var r = new BinaryReader(new MemoryStream(data, 4, length), Encoding.UTF8);
            return r.ReadByte() != 1 ? null : new AuditHeadRecord(r.ReadInt64(), r.ReadString(), r.ReadInt64(), r.ReadString(), r.ReadInt64(), r.ReadString());
        }
        catch (Exception e) when (e is ArgumentException or EndOfStreamException or IOException)
        {
            return null;
        }
    }

    private string ComputeMac(ForceId force, byte[] key) => Convert.ToHexStringLower(HMACSHA256.HashData(key,
        new CanonicalWriter("grid.audit-head.v1").String(force.Value).Long(HeadSeq).String(HeadHash)
            .Long(OldestSeq).String(OldestHash).Long(KeyedFromSeq).ToArray()));
}
