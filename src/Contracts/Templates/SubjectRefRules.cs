using System.Globalization;
using System.Text;

namespace Grid.Contracts.Templates;

/// <summary>A subjectRef is the owner's opaque handle for a person: never a name. Kept short and
/// printable so it is safe in logs, blob records and CSV exports, and in Unicode NFC with every invisible,
/// bidi-control and look-alike separator character refused, so what is displayed is what can be removed.
/// The grid runs with invariant globalization (no ICU, so <see cref="string.Normalize()"/> changes nothing); NFC is
/// therefore guaranteed by refusing every character NFC could change — combining marks, conjoining jamo and the
/// NFC_QC=No characters (singletons such as U+212B ANGSTROM SIGN, composition exclusions) — so an accepted ref is
/// already its own NFC form and two refs that display the same are the same string.</summary>
public static class SubjectRefRules
{
    public const int MaxLength = 128;

    /// <summary>Look-alikes of the separators people type (',' '/' '.' ':' ';' '|' '\') that would make two refs read the same.</summary>
    private const string ConfusableSeparators =
        "\u201A\u060C\u3001\uFE50\uFE51\uFF0C\uFF64\u2044\u2215\u29F8\uFF0F\u2024\uFE52\uFF0E\u3002\uFF61\u2236\uFE55\uFF1A\u037E\uFE54\uFF1B\u01C0\u2223\uFF5C\u29F5\u2216\uFF3C";

    /// <summary>Conjoining Hangul jamo (NFC composes them) and the NFC_QC=No code points of Unicode 15 (singletons and
    /// composition exclusions outside the combining marks, which are refused by category).</summary>
    private static bool NfcMayChange(int c) => c is
        >= 0x1100 and <= 0x11FF or >= 0xA960 and <= 0xA97F or >= 0xD7B0 and <= 0xD7FF
        or 0x0340 or 0x0341 or 0x0343 or 0x0344 or 0x0374 or 0x037E or 0x0387
        or >= 0x0958 and <= 0x095F or 0x09DC or 0x09DD or 0x09DF or 0x0A33 or 0x0A36 or >= 0x0A59 and <= 0x0A5B or 0x0A5E
        or 0x0B5C or 0x0B5D or 0x0F43 or 0x0F4D or 0x0F52 or 0x0F57 or 0x0F5C or 0x0F69 or 0x0F73 or 0x0F75 or 0x0F76 or 0x0F78
        or 0x0F81 or 0x0F93 or 0x0F9D or 0x0FA2 or 0x0FA7 or 0x0FAC or 0x0FB9
        or 0x1F71 or 0x1F73 or 0x1F75 or 0x1F77 or 0x1F79 or 0x1F7B or 0x1F7D or 0x1FBB or 0x1FBE or 0x1FC9 or 0x1FCB or 0x1FD3
        or 0x1FDB or 0x1FE3 or 0x1FEB or 0x1FEE or 0x1FEF or 0x1FF9 or 0x1FFB or 0x1FFD
        or 0x2000 or 0x2001 or 0x2126 or 0x212A or 0x212B or 0x2329 or 0x232A or 0x2ADC
        or >= 0xF900 and <= 0xFAFF or 0xFB1D or 0xFB1F or >= 0xFB2A and <= 0xFB4E
        or >= 0x1D15E and <= 0x1D164 or >= 0x1D1BB and <= 0x1D1C0 or >= 0x2F800 and <= 0x2FA1F;

    /// <summary>Validates and returns the NFC form, which is what is stored and what removal matches.</summary>
    public static string Normalise(string? subjectRef, int row = -1)
    {
        Validate(subjectRef, row);
        return subjectRef!.Normalize(NormalizationForm.FormC);
    }

    public static void Validate(string? subjectRef, int row = -1)
    {
        var where = row >= 0 ? $" (row {row})" : "";
        if (string.IsNullOrWhiteSpace(subjectRef))
            throw new Errors.InvalidSubjectRefException($"SubjectRef{where} is empty.");
        if (subjectRef.Length > MaxLength)
            throw new Errors.InvalidSubjectRefException($"SubjectRef{where} is {subjectRef.Length} characters; the limit is {MaxLength}.");
        if (subjectRef.Any(c => char.IsControl(c) || c == ',') || subjectRef != subjectRef.Trim())
            throw new Errors.InvalidSubjectRefException(
                $"SubjectRef '{subjectRef}'{where} has control characters, commas or surrounding spaces.");
        for (var i = 0; i < subjectRef.Length;)
        {
            if (Rune.DecodeFromUtf16(subjectRef.AsSpan(i), out _, out var used) != System.Buffers.OperationStatus.Done)
                throw new Errors.InvalidSubjectRefException($"SubjectRef{where} is not valid Unicode (a lone surrogate at {i}).");
            i += used;
        }

        if (!subjectRef.IsNormalized(NormalizationForm.FormC) && subjectRef.Normalize(NormalizationForm.FormC).Length > MaxLength)
            throw new Errors.InvalidSubjectRefException($"SubjectRef{where} is longer than {MaxLength} characters in Unicode NFC form.");
        foreach (var rune in subjectRef.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var invisible = category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned
                || (category == UnicodeCategory.SpaceSeparator && rune.Value != ' ')
                || rune.Value is >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF or 0x034F or 0x115F or 0x1160 or 0x3164 or 0xFFA0;
            if (invisible)
                throw new Errors.InvalidSubjectRefException(
                    $"SubjectRef{where} contains U+{rune.Value:X4}, an invisible, bidi-control or non-standard space character: what is shown would not be what is stored.");
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                || NfcMayChange(rune.Value))
                throw new Errors.InvalidSubjectRefException(
                    $"SubjectRef{where} contains U+{rune.Value:X4}, which Unicode NFC would combine or replace; write the precomposed character.");
            if (rune.IsBmp && ConfusableSeparators.Contains((char)rune.Value))
                throw new Errors.InvalidSubjectRefException(
                    $"SubjectRef{where} contains U+{rune.Value:X4}, a look-alike of a separator character; use the ASCII one.");
        }
    }
}
